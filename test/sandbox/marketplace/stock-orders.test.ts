import { afterEach, describe, expect, it } from 'vitest';
import { ORDER_TRANSITIONS } from '../../../src/model/index.js';
import type { MarketplaceSandbox } from '../../../src/sandbox/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import { SANDBOX_ORDER_TRANSITIONS } from '../../../src/sandbox/marketplace/order-transitions.js';
import {
  call,
  fakeClock,
  fakeJpeg,
  postmartApples,
  postmartLogin,
  postmartUpload,
  vosoHoney,
  vosoLogin,
  vosoUpload,
} from './helpers.js';

let sandbox: MarketplaceSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function vosoWithHoney(options: Parameters<typeof startVosoSandbox>[0] = {}) {
  sandbox = await startVosoSandbox(options);
  const token = await vosoLogin(sandbox);
  const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
  await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId) });
  return { sb: sandbox, token };
}

async function postmartWithApples(options: Parameters<typeof startPostmartSandbox>[0] = {}) {
  sandbox = await startPostmartSandbox(options);
  const token = await postmartLogin(sandbox);
  const imageId = (await postmartUpload(sandbox, token, fakeJpeg(800, 800))).json.result.maHinhAnh;
  await call(sandbox, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) });
  return { sb: sandbox, token };
}

describe('bulk stock and price', () => {
  it('Voso applies valid items and reports each failure, envelope still error:false', async () => {
    const { sb, token } = await vosoWithHoney();
    const result = await call(sb, 'POST', '/products/stock', {
      token,
      body: {
        ITEMS: [
          { SELLER_SKU: 'MO-HG-250', STOCK: 0 },
          { SELLER_SKU: 'NO-SUCH', STOCK: 3 },
          { SELLER_SKU: 'MO-HG-500', STOCK: -1 },
          { SELLER_SKU: 'MO-HG-PARENT', STOCK: 4 },
          { SELLER_SKU: 'MO-HG-250', STOCK: 9 },
        ],
      },
    });
    expect(result.json.error).toBe(false);
    expect(result.json.data).toEqual({
      RESULTS: [
        { SELLER_SKU: 'MO-HG-250', SUCCESS: true, STOCK: 0 },
        { SELLER_SKU: 'NO-SUCH', SUCCESS: false, ERROR_CODE: 'SKU_NOT_FOUND', MESSAGE: expect.any(String) },
        { SELLER_SKU: 'MO-HG-500', SUCCESS: false, ERROR_CODE: 'INVALID_STOCK', MESSAGE: expect.any(String) },
        {
          SELLER_SKU: 'MO-HG-PARENT',
          SUCCESS: false,
          ERROR_CODE: 'SKU_NOT_FOUND',
          MESSAGE: expect.any(String),
        },
        {
          SELLER_SKU: 'MO-HG-250',
          SUCCESS: false,
          ERROR_CODE: 'DUPLICATE_IN_BATCH',
          MESSAGE: expect.any(String),
        },
      ],
      SUCCESS_COUNT: 1,
      FAILURE_COUNT: 4,
    });
    expect(sb.state.stockOf('MO-HG-250')).toBe(0);
    expect(sb.state.stockOf('MO-HG-500')).toBe(5);

    const tooMany = await call(sb, 'POST', '/products/stock', {
      token,
      body: { ITEMS: Array.from({ length: 51 }, () => ({ SELLER_SKU: 'MO-HG-500', STOCK: 1 })) },
    });
    expect(tooMany.json).toMatchObject({ status: 413, error: true });
    expect(sb.state.stockOf('MO-HG-500')).toBe(5);

    const price = await call(sb, 'POST', '/products/price', {
      token,
      body: {
        ITEMS: [
          { SELLER_SKU: 'MO-HG-500', PRICE: 299000 },
          { SELLER_SKU: 'MO-HG-250', PRICE: 999 },
        ],
      },
    });
    expect(
      price.json.data.RESULTS.map(
        (r: { SUCCESS: boolean; ERROR_CODE?: string }) => r.ERROR_CODE ?? r.SUCCESS,
      ),
    ).toEqual([true, 'INVALID_PRICE']);
    expect(sb.state.listingBySku('MO-HG-500')?.variants[1]?.priceVnd).toBe(299000);
  });

  it('Postmart caps batches at 20 (HTTP 413) and reports per-item results in ketQua', async () => {
    const { sb, token } = await postmartWithApples();
    const tooMany = await call(sb, 'POST', '/UpdateStock', {
      token,
      body: { items: Array.from({ length: 21 }, () => ({ maSku: 'TAO-ML-3KG', tonKho: 1 })) },
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.code).toBe('PAYLOAD_TOO_LARGE');
    const partial = await call(sb, 'POST', '/UpdateStock', {
      token,
      body: {
        items: [
          { maSku: 'TAO-ML-3KG', tonKho: 15 },
          { maSku: 'KHONG-CO', tonKho: 1 },
          { maSku: 'TAO-ML-5KG', tonKho: 1.5 },
        ],
      },
    });
    expect(partial.status).toBe(200);
    expect(partial.json.result).toEqual({
      ketQua: [
        { maSku: 'TAO-ML-3KG', thanhCong: true, tonKho: 15 },
        { maSku: 'KHONG-CO', thanhCong: false, maLoi: 'SKU_NOT_FOUND', thongBao: 'Không tìm thấy SKU' },
        { maSku: 'TAO-ML-5KG', thanhCong: false, maLoi: 'INVALID_STOCK', thongBao: expect.any(String) },
      ],
      soThanhCong: 1,
      soThatBai: 2,
    });
    expect(sb.state.stockOf('TAO-ML-3KG')).toBe(15);
    expect(sb.stats.bulkItemsApplied).toBe(1);
  });
});

describe('orders', () => {
  it('decrements stock on purchase, restores it on cancel, and follows confirm → ship on Voso', async () => {
    const { sb, token } = await vosoWithHoney();
    const placed = sb.buyers.placeOrder({ sku: 'MO-HG-250', quantity: 3 });
    if (!placed.ok) throw new Error('order refused');
    expect(sb.state.stockOf('MO-HG-250')).toBe(9);
    const id = placed.order.id;
    expect(id).toMatch(/^VS\d{6}\d{7}$/);

    const fetched = await call(sb, 'GET', `/orders/${id}`, { token });
    expect(fetched.json.data).toMatchObject({
      ORDER_STATUS: 'WAITING_CONFIRM',
      PAYMENT_METHOD: 'COD',
      ITEMS: [{ SELLER_SKU: 'MO-HG-250', VARIANT_NAME: '250ml', QUANTITY: 3, PRICE: 150000 }],
      ITEMS_TOTAL: 450000,
      SHIPPING_FEE: 30000,
      TOTAL_AMOUNT: 480000,
      COD_AMOUNT: 480000,
    });
    expect(fetched.json.data.SHIPPING_ADDRESS.DISTRICT).toEqual(expect.any(String));

    const early = await call(sb, 'POST', `/orders/${id}/ship`, {
      token,
      body: { CARRIER_CODE: 'VTP', TRACKING_NUMBER: '1234567890' },
    });
    expect(early.json).toMatchObject({ status: 422, error: true, data: { ORDER_STATUS: 'WAITING_CONFIRM' } });
    expect(
      (await call(sb, 'POST', `/orders/${id}/confirm`, { token, body: {} })).json.data.ORDER_STATUS,
    ).toBe('CONFIRMED');
    expect(
      (await call(sb, 'POST', `/orders/${id}/confirm`, { token, body: {} })).json.data.ORDER_STATUS,
    ).toBe('CONFIRMED');
    const shipped = await call(sb, 'POST', `/orders/${id}/ship`, {
      token,
      body: { CARRIER_CODE: 'VTP', TRACKING_NUMBER: '1234567890' },
    });
    expect(shipped.json.data).toMatchObject({
      ORDER_STATUS: 'DELIVERING',
      CARRIER_CODE: 'VTP',
      TRACKING_NUMBER: '1234567890',
    });
    const sameAgain = await call(sb, 'POST', `/orders/${id}/ship`, {
      token,
      body: { CARRIER_CODE: 'VTP', TRACKING_NUMBER: '1234567890' },
    });
    expect(sameAgain.json.error).toBe(false);
    const other = await call(sb, 'POST', `/orders/${id}/ship`, {
      token,
      body: { CARRIER_CODE: 'VTP', TRACKING_NUMBER: '9999999999' },
    });
    expect(other.json.status).toBe(422);
    const cancelLate = await call(sb, 'POST', `/orders/${id}/cancel`, {
      token,
      body: { REASON_CODE: 'OUT_OF_STOCK' },
    });
    expect(cancelLate.json.data.ORDER_STATUS).toBe('DELIVERING');

    const second = sb.buyers.placeOrder({ sku: 'MO-HG-500', quantity: 2 });
    if (!second.ok) throw new Error('order refused');
    const missingReason = await call(sb, 'POST', `/orders/${second.order.id}/cancel`, {
      token,
      body: { REASON_CODE: 'OTHER' },
    });
    expect(missingReason.json.data.ERRORS[0]).toMatchObject({ FIELD: 'REASON', RULE: 'REQUIRED' });
    const cancelled = await call(sb, 'POST', `/orders/${second.order.id}/cancel`, {
      token,
      body: { REASON_CODE: 'OUT_OF_STOCK', REASON: 'Hết hàng' },
    });
    expect(cancelled.json.data).toMatchObject({
      ORDER_STATUS: 'CANCELED',
      CANCELLED_BY: 'SELLER',
      CANCEL_REASON_CODE: 'OUT_OF_STOCK',
    });
    expect(sb.state.stockOf('MO-HG-500')).toBe(5);
    expect(sb.state.order(second.order.id)?.status).toBe('CANCELLED');
  });

  it('Postmart ships to cho_lay_hang (READY_TO_SHIP) and uses Vietnamese reason codes', async () => {
    const { sb, token } = await postmartWithApples();
    const placed = sb.buyers.placeOrder({ sku: 'TAO-ML-5KG', paymentMethod: 'PREPAID' });
    if (!placed.ok) throw new Error('order refused');
    const maDonHang = placed.order.id;
    const fetched = await call(sb, 'GET', `/GetOrder?maDonHang=${maDonHang}`, { token });
    expect(fetched.json.result).toMatchObject({
      trangThai: 'cho_xac_nhan',
      phuongThucThanhToan: 'TRA_TRUOC',
      tienThuHo: 0,
    });
    expect(fetched.json.result.nguoiNhan).not.toHaveProperty('quanHuyen');
    await call(sb, 'POST', '/ConfirmOrder', { token, body: { maDonHang } });
    const shipped = await call(sb, 'POST', '/ShipOrder', {
      token,
      body: { maDonHang, donViVanChuyen: 'VNPOST', maVanDon: 'EM111111111VN' },
    });
    expect(shipped.json.result).toMatchObject({ trangThai: 'cho_lay_hang', maVanDon: 'EM111111111VN' });
    expect(sb.orders.advance(maDonHang, 'SHIPPED').rawStatus).toBe('dang_giao');
    const cancel = await call(sb, 'POST', '/CancelOrder', { token, body: { maDonHang, maLyDo: 'HET_HANG' } });
    expect(cancel.status).toBe(409);
    expect(cancel.json).toMatchObject({
      code: 'INVALID_STATUS_TRANSITION',
      result: { trangThai: 'dang_giao' },
    });
    expect(() => sb.orders.advance(maDonHang, 'COMPLETED')).toThrow();

    const unpaid = sb.buyers.placeOrder({ sku: 'TAO-ML-3KG', paymentMethod: 'PREPAID', paid: false });
    if (!unpaid.ok) throw new Error('order refused');
    expect(unpaid.order.rawStatus).toBe('cho_thanh_toan');
    const cancelled = await call(sb, 'POST', '/CancelOrder', {
      token,
      body: { maDonHang: unpaid.order.id, maLyDo: 'KHAC', lyDo: 'Khách đổi ý' },
    });
    expect(cancelled.json.result).toMatchObject({
      trangThai: 'da_huy',
      maLyDoHuy: 'KHAC',
      nguoiHuy: 'NGUOI_BAN',
    });
    const unknown = await call(sb, 'POST', '/ConfirmOrder', { token, body: { maDonHang: 'PM000' } });
    expect(unknown.status).toBe(404);
  });

  it('Voso pages orders by UPDATED_AT with a cursor that carries the window', async () => {
    const clock = fakeClock();
    const { sb, token } = await vosoWithHoney({ now: clock.now });
    await call(sb, 'POST', '/products/stock', {
      token,
      body: { ITEMS: [{ SELLER_SKU: 'MO-HG-250', STOCK: 100 }] },
    });
    const startSeconds = Math.floor(clock.now() / 1000);
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      clock.advance(60_000);
      const placed = sb.buyers.placeOrder({ sku: 'MO-HG-250' });
      if (placed.ok) ids.push(placed.order.id);
    }
    const window = `from_time=${startSeconds}&to_time=${startSeconds + 3600}`;
    const first = await call(sb, 'GET', `/orders?${window}&page_size=2`, { token });
    expect(first.json.data.ORDERS.map((o: { ORDER_ID: string }) => o.ORDER_ID)).toEqual(ids.slice(0, 2));
    expect(first.json.data.HAS_MORE).toBe(true);
    // Updating an order already seen moves it behind the cursor: it shows up again later.
    clock.advance(60_000);
    await call(sb, 'POST', `/orders/${ids[0]}/confirm`, { token, body: {} });
    const seen: string[] = [...first.json.data.ORDERS.map((o: { ORDER_ID: string }) => o.ORDER_ID)];
    let cursor: string | null = first.json.data.NEXT_CURSOR;
    while (cursor) {
      const page = await call(sb, 'GET', `/orders?cursor=${encodeURIComponent(cursor)}&page_size=2`, {
        token,
      });
      seen.push(...page.json.data.ORDERS.map((o: { ORDER_ID: string }) => o.ORDER_ID));
      cursor = page.json.data.NEXT_CURSOR;
      if (!cursor) expect(page.json.data.HAS_MORE).toBe(false);
    }
    expect(seen).toEqual([...ids, ids[0]]);

    const tooWide = await call(
      sb,
      'GET',
      `/orders?from_time=${startSeconds}&to_time=${startSeconds + 15 * 86400 + 1}`,
      { token },
    );
    expect(tooWide.json.data.ERRORS).toEqual([
      { FIELD: 'to_time', RULE: 'WINDOW', MESSAGE: expect.any(String) },
    ]);
    const badCursor = await call(sb, 'GET', '/orders?cursor=garbage', { token });
    expect(badCursor.json.data.ERRORS[0]).toMatchObject({ FIELD: 'cursor', RULE: 'CURSOR' });
    const filtered = await call(sb, 'GET', `/orders?${window}&status=CONFIRMED`, { token });
    expect(filtered.json.data.ORDERS.map((o: { ORDER_ID: string }) => o.ORDER_ID)).toEqual([ids[0]]);
  });

  it('Postmart pages orders with nextCursor and requires the same filters on every page', async () => {
    const clock = fakeClock();
    const { sb, token } = await postmartWithApples({ now: clock.now });
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      clock.advance(1000);
      const placed = sb.buyers.placeOrder({ sku: 'TAO-ML-3KG' });
      if (placed.ok) ids.push(placed.order.id);
    }
    const from = encodeURIComponent('2026-11-27T14:00:00+07:00');
    const to = encodeURIComponent('2026-11-28T00:00:00+07:00');
    const first = await call(sb, 'GET', `/GetListOrder?tuNgay=${from}&denNgay=${to}&pageSize=2`, { token });
    expect(first.json.result.items.map((o: { maDonHang: string }) => o.maDonHang)).toEqual(ids.slice(0, 2));
    expect(first.json.result.items[0].ngayCapNhat).toBe('2026-11-27T14:00:01+07:00');
    const cursor = encodeURIComponent(first.json.result.nextCursor);
    const second = await call(
      sb,
      'GET',
      `/GetListOrder?tuNgay=${from}&denNgay=${to}&pageSize=2&cursor=${cursor}`,
      { token },
    );
    expect(second.json.result).toEqual({
      items: [expect.objectContaining({ maDonHang: ids[2] })],
      nextCursor: null,
    });
    const mismatch = await call(
      sb,
      'GET',
      `/GetListOrder?tuNgay=${from}&denNgay=${encodeURIComponent('2026-11-29T00:00:00+07:00')}&cursor=${cursor}`,
      {
        token,
      },
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.code).toBe('INVALID_CURSOR');
    const bare = await call(sb, 'GET', `/GetListOrder?tuNgay=2026-11-27T00:00:00&denNgay=${to}`, { token });
    expect(bare.json.result.errors[0]).toMatchObject({ field: 'tuNgay', rule: 'DATETIME' });
    const tooWide = await call(
      sb,
      'GET',
      `/GetListOrder?tuNgay=${from}&denNgay=${encodeURIComponent('2026-12-05T00:00:00+07:00')}`,
      {
        token,
      },
    );
    expect(tooWide.json.result.errors[0]).toMatchObject({ field: 'denNgay', rule: 'WINDOW' });
  });

  it('never allows a move outside the canonical transition table of src/model', () => {
    expect(SANDBOX_ORDER_TRANSITIONS).toEqual(ORDER_TRANSITIONS);
  });
});

describe('platform-side order moves', () => {
  it('a system cancellation restores stock and is attributed to the system; illegal moves throw', async () => {
    const { sb } = await vosoWithHoney();
    const placed = sb.buyers.placeOrder({
      sku: 'MO-HG-500',
      quantity: 2,
      paymentMethod: 'PREPAID',
      paid: false,
    });
    if (!placed.ok) throw new Error('order refused');
    expect(sb.state.stockOf('MO-HG-500')).toBe(3);
    const cancelled = sb.orders.advance(placed.order.id, 'CANCELLED');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', rawStatus: 'CANCELED', cancelledBy: 'SYSTEM' });
    expect(sb.state.stockOf('MO-HG-500')).toBe(5);
    expect(() => sb.orders.advance(placed.order.id, 'CONFIRMED')).toThrow();
    expect(sb.state.order(placed.order.id)?.cancelledBy).toBe('SYSTEM');
  });
});
