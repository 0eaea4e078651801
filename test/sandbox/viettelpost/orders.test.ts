import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';
import {
  type CatalogIds,
  type Envelope,
  longToken,
  lookupIds,
  orderBody,
  type VtpClient,
  vtpClient,
} from './helpers.js';

type OrderAnswer = Envelope<Record<string, number | string>>;

describe('ViettelPost sandbox: orders', () => {
  let sandbox: ViettelPostSandbox;
  let client: VtpClient;
  let token: string;
  let ids: CatalogIds;

  const create = (overrides: Record<string, unknown> = {}) =>
    client.post<OrderAnswer>('/v2/order/createOrder', orderBody(ids, overrides), token);
  const update = (waybill: string, type: number) =>
    client.post<Envelope>(
      '/v2/order/UpdateOrder',
      { TYPE: type, ORDER_NUMBER: waybill, NOTE: 'test' },
      token,
    );

  beforeAll(async () => {
    sandbox = await startViettelPostSandbox({ stepMs: 0 });
    client = vtpClient(sandbox);
    token = await longToken(client, sandbox.credentials);
    ids = await lookupIds(client);
  });
  afterEach(() =>
    sandbox.setFaults({ latencyMs: 0, errorRate: 0, failNext: {}, dropResponseAfterCommit: {} }),
  );
  afterAll(() => sandbox.close());

  it('creates an order and answers with the waybill and fee fields', async () => {
    const answer = await create({ ORDER_NUMBER: 'OCOP-1001', ENABLE_SORT_CODE: true });
    expect(answer).toMatchObject({ status: 200, error: false, message: 'OK' });
    const data = answer.data;
    expect(String(data.ORDER_NUMBER)).toMatch(/^\d{11,12}$/);
    expect(data).toMatchObject({
      MONEY_COLLECTION: 240000,
      EXCHANGE_WEIGHT: 1000,
      MONEY_TOTAL: expect.any(Number),
      MONEY_TOTAL_FEE: expect.any(Number),
      MONEY_FEE: 0,
      MONEY_COLLECTION_FEE: expect.any(Number),
      MONEY_OTHER_FEE: 0,
      MONEY_VAS: 0,
      MONEY_VAT: expect.any(Number),
      KPI_HT: 48,
      SORT_CODE: expect.stringMatching(/^HNI-CẦU GIẤY-[A-Z]{3}$/),
    });
    const stored = sandbox.state.orderByWaybill(String(data.ORDER_NUMBER))!;
    expect(stored).toMatchObject({
      reference: 'OCOP-1001',
      status: -100,
      orderService: 'VCN',
      codVnd: 240000,
    });
    expect(sandbox.state.orderByReference('OCOP-1001')?.waybill).toBe(data.ORDER_NUMBER);
  });

  it('collects goods + freight with ORDER_PAYMENT 2 and freight only with 4', async () => {
    const two = await create({ ORDER_PAYMENT: 2 });
    expect(two.data.MONEY_COLLECTION).toBe(240000 + Number(two.data.MONEY_TOTAL));
    const four = await create({ ORDER_PAYMENT: 4 });
    expect(four.data.MONEY_COLLECTION).toBe(four.data.MONEY_TOTAL);
    expect(await create({ ORDER_PAYMENT: 7 })).toMatchObject({
      error: true,
      message: 'Incorrect data: ORDER_PAYMENT',
    });
  });

  it('rejects string fields over 150 UTF-8 bytes, even when under 150 characters', async () => {
    const address = `${'Đường Hồ Xá '.repeat(10)}`.trim();
    expect(address.length).toBeLessThan(150);
    expect(Buffer.byteLength(address)).toBeGreaterThan(150);
    const before = sandbox.state.orders().length;
    expect(await create({ RECEIVER_ADDRESS: address })).toEqual({
      status: 205,
      error: true,
      message: 'Invalid [RECEIVER_ADDRESS]',
      data: null,
    });
    expect(await create({ ORDER_NOTE: 'ữ'.repeat(51) })).toMatchObject({ message: 'Invalid [ORDER_NOTE]' });
    expect(sandbox.state.orders().length).toBe(before);
    expect((await create({ ORDER_NOTE: 'ữ'.repeat(50) })).error).toBe(false);
  });

  it('rejects non-integer weights, bad phones and missing addresses', async () => {
    expect(await create({ PRODUCT_WEIGHT: 1.5 })).toMatchObject({ message: 'Invalid [PRODUCT_WEIGHT]' });
    expect(await create({ RECEIVER_PHONE: '12345' })).toMatchObject({ message: 'Invalid [RECEIVER_PHONE]' });
    expect(await create({ RECEIVER_ADDRESS: '' })).toMatchObject({ message: 'Invalid [RECEIVER_ADDRESS]' });
    expect(await create({ RECEIVER_WARD: ids.vinhThuyOld })).toMatchObject({
      message: 'Incorrect data: RECEIVER_DISTRICT Incorrect data: RECEIVER_PROVINCE with address old',
    });
    expect(await create({ GROUPADDRESS_ID: 123 })).toMatchObject({ message: 'Groupaddress is invalid' });
  });

  it('accepts numeric strings and a new-structure receiver ward', async () => {
    const answer = await create({
      MONEY_COLLECTION: '240000',
      PRODUCT_WEIGHT: '1000',
      RECEIVER_PROVINCE: String(ids.quangTri),
      RECEIVER_DISTRICT: '0',
      RECEIVER_WARD: String(ids.vinhThuyNew),
      GROUPADDRESS_ID: '',
      CUS_ID: '',
    });
    expect(answer.error).toBe(false);
    expect(sandbox.state.orderByWaybill(String(answer.data.ORDER_NUMBER))!.receiver.wardId).toBe(
      ids.vinhThuyNew,
    );
  });

  it('CHECK_UNIQUE rejects a duplicate partner ORDER_NUMBER; without it a second waybill is created', async () => {
    const first = await create({ ORDER_NUMBER: 'OCOP-DUP-1' });
    expect(first.error).toBe(false);
    const again = await create({ ORDER_NUMBER: 'OCOP-DUP-1', CHECK_UNIQUE: true });
    expect(again).toEqual({
      status: 205,
      error: true,
      message: 'Mã đơn hàng đã tồn tại / ORDER_NUMBER already exists',
      data: null,
    });
    expect(sandbox.state.ordersByReference('OCOP-DUP-1')).toHaveLength(1);
    const loose = await create({ ORDER_NUMBER: 'OCOP-DUP-1', CHECK_UNIQUE: false });
    expect(loose.error).toBe(false);
    expect(loose.data.ORDER_NUMBER).not.toBe(first.data.ORDER_NUMBER);
    expect(sandbox.state.ordersByReference('OCOP-DUP-1')).toHaveLength(2);
  });

  it('drops the response after committing the order when asked', async () => {
    sandbox.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
    await expect(create({ ORDER_NUMBER: 'OCOP-LOST-1' })).rejects.toThrow();
    const stored = sandbox.state.ordersByReference('OCOP-LOST-1');
    expect(stored).toHaveLength(1);
    const log = sandbox.state
      .requests()
      .filter((r) => r.operation === 'createOrder')
      .at(-1)!;
    expect(log).toMatchObject({ fault: 'dropped', httpStatus: null });
    // The retry with CHECK_UNIQUE is refused: the first attempt did land.
    expect(await create({ ORDER_NUMBER: 'OCOP-LOST-1' })).toMatchObject({
      error: true,
      message: expect.stringContaining('already exists'),
    });
    expect(sandbox.faults.dropResponseAfterCommit.createOrder).toBe(0);
  });

  it('injects HTTP 500 and "System error" envelopes without touching state', async () => {
    const before = sandbox.state.orders().length;
    sandbox.setFaults({ failNext: { createOrder: 1 }, errorKind: 'http500' });
    const failed = await client.call<Envelope>('POST', '/v2/order/createOrder', {
      body: orderBody(ids),
      token,
    });
    expect(failed.httpStatus).toBe(500);
    sandbox.setFaults({ failNext: { createOrder: 1 }, errorKind: 'systemError' });
    const enveloped = await client.call<Envelope>('POST', '/v2/order/createOrder', {
      body: orderBody(ids),
      token,
    });
    expect(enveloped.httpStatus).toBe(200);
    expect(enveloped.body).toEqual({ status: 205, error: true, message: 'System error', data: null });
    sandbox.setFaults({ errorRate: 1 });
    expect(await client.get('/v2/categories/listProvince')).toMatchObject({
      error: true,
      message: 'System error',
    });
    sandbox.setFaults({ errorRate: 0 });
    expect(sandbox.state.orders().length).toBe(before);
  });

  it('adds latency when configured', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await client.get('/v2/categories/listProvince');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  describe('UpdateOrder', () => {
    it('approves once, then says the status already exists', async () => {
      const waybill = String((await create()).data.ORDER_NUMBER);
      expect(await update(waybill, 1)).toEqual({
        status: 200,
        error: false,
        message: 'Duyệt đơn hàng thành công',
        data: null,
      });
      expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(100);
      expect(await update(waybill, 1)).toMatchObject({
        error: true,
        message: 'Order status already exists on the system',
      });
    });

    it('cancels before pickup, refuses after 200, and deletes only cancelled orders', async () => {
      const waybill = String((await create()).data.ORDER_NUMBER);
      expect(await update(waybill, 11)).toMatchObject({ error: true });
      expect(await update(waybill, 4)).toMatchObject({ error: false, message: 'Hủy đơn hàng thành công' });
      expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(107);
      expect(await update(waybill, 4)).toMatchObject({
        error: true,
        message: 'Order status already exists on the system',
      });
      expect(await update(waybill, 11)).toMatchObject({ error: false });
      expect(await update(waybill, 4)).toMatchObject({ error: true, message: 'Order does not exist' });

      const shipped = String((await create()).data.ORDER_NUMBER);
      await sandbox.advance(shipped, 200);
      expect(await update(shipped, 4)).toMatchObject({ error: true });
      expect(sandbox.state.orderByWaybill(shipped)!.status).toBe(200);
      const picked = String((await create()).data.ORDER_NUMBER);
      await sandbox.advance(picked, 105);
      expect(await update(picked, 4)).toMatchObject({ error: true });
    });

    it('re-sends a cancelled order with TYPE 5', async () => {
      const waybill = String((await create()).data.ORDER_NUMBER);
      await update(waybill, 4);
      expect(await update(waybill, 5)).toMatchObject({ error: false });
      expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(-100);
    });

    it('allows TYPE 2 / TYPE 3 only after a 505', async () => {
      const waybill = String((await create()).data.ORDER_NUMBER);
      expect(await update(waybill, 2)).toMatchObject({ error: true });
      sandbox.setOrderEnding(waybill, 'failed');
      await sandbox.advance(waybill, 505);
      expect(await update(waybill, 3)).toMatchObject({ error: false });
      await sandbox.advance(waybill);
      expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(550);
      expect(await update(waybill, 3)).toMatchObject({
        error: true,
        message: 'Order status already exists on the system',
      });
    });

    it('answers unknown waybills and unknown types', async () => {
      expect(await update('99999999999', 4)).toMatchObject({ error: true, message: 'Order does not exist' });
      const waybill = String((await create()).data.ORDER_NUMBER);
      expect(await update(waybill, 9)).toMatchObject({ error: true, message: 'Incorrect data: TYPE' });
    });

    it('hides orders of other accounts', async () => {
      const waybill = String((await create()).data.ORDER_NUMBER);
      sandbox.addAccount({ username: 'stranger@example.vn', password: 'x1' });
      const stranger = await longToken(client, { username: 'stranger@example.vn', password: 'x1' });
      expect(
        await client.post('/v2/order/UpdateOrder', { TYPE: 4, ORDER_NUMBER: waybill }, stranger),
      ).toMatchObject({
        message: 'Order does not exist',
      });
    });
  });

  it('edits an order before pickup and recomputes its fees', async () => {
    const created = await create({ PRODUCT_WEIGHT: 1000 });
    const waybill = String(created.data.ORDER_NUMBER);
    const edited = await client.post<OrderAnswer>(
      '/v2/order/edit',
      orderBody(ids, { ORDER_NUMBER: waybill, PRODUCT_WEIGHT: 4000, GROUPADDRESS_ID: '', CUS_ID: '' }),
      token,
    );
    expect(edited.error).toBe(false);
    expect(edited.data.ORDER_NUMBER).toBe(waybill);
    expect(Number(edited.data.MONEY_TOTAL)).toBeGreaterThan(Number(created.data.MONEY_TOTAL));
    expect(sandbox.state.orderByWaybill(waybill)).toMatchObject({ weightGrams: 4000, editCount: 1 });
    await sandbox.advance(waybill, 200);
    const late = await client.post<Envelope>(
      '/v2/order/edit',
      orderBody(ids, { ORDER_NUMBER: waybill }),
      token,
    );
    expect(late.error).toBe(true);
  });

  it('creates from free text with createOrderNlp and returns the resolved receiver ids', async () => {
    const body = orderBody(ids, {
      SENDER_ADDRESS: '36 Lê Duẩn, Hồ Xá, Vĩnh Linh, Quảng Trị',
      RECEIVER_ADDRESS: 'Thôn 3, Xã Vĩnh Thủy, Tỉnh Quảng Trị',
      ORDER_SERVICE: 'PHS',
    });
    for (const key of [
      'SENDER_PROVINCE',
      'SENDER_DISTRICT',
      'SENDER_WARD',
      'RECEIVER_PROVINCE',
      'RECEIVER_DISTRICT',
      'RECEIVER_WARD',
    ]) {
      delete body[key];
    }
    const answer = await client.post<OrderAnswer>('/v2/order/createOrderNlp', body, token);
    expect(answer.error).toBe(false);
    expect(answer.data).toMatchObject({
      RECEIVER_PROVINCE: ids.quangTri,
      RECEIVER_WARD: ids.vinhThuyNew,
      KPI_HT: 24,
    });
    const streetOnly = await client.post<Envelope>(
      '/v2/order/createOrderNlp',
      { ...body, RECEIVER_ADDRESS: '12 Lê Lợi' },
      token,
    );
    expect(streetOnly).toMatchObject({ error: true, message: 'Price does not apply to this itinerary!' });
  });

  it('returns a print code in `message` and serves the label page for it', async () => {
    const waybill = String((await create()).data.ORDER_NUMBER);
    const answer = await client.post<Envelope>(
      '/v2/order/printing-code',
      { EXPIRY_TIME: Date.now() + 3_600_000, ORDER_ARRAY: [waybill] },
      token,
    );
    expect(answer).toMatchObject({ status: 200, error: false, data: null });
    expect(answer.message).toMatch(/^[A-Za-z0-9+/]+=$/);
    expect(answer.message).toContain('+');
    const page = await fetch(sandbox.labelUrl(answer.message, 2));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(waybill);
    const unencoded = await fetch(`${sandbox.url}/DigitalizePrint/report.do?type=2&bill=${answer.message}`);
    expect(unencoded.status).toBe(404);
    expect(
      await client.post(
        '/v2/order/printing-code',
        { EXPIRY_TIME: Date.now() - 1, ORDER_ARRAY: [waybill] },
        token,
      ),
    ).toMatchObject({ error: true });
    expect(
      await client.post(
        '/v2/order/printing-code',
        { EXPIRY_TIME: Date.now() + 60_000, ORDER_ARRAY: ['1'] },
        token,
      ),
    ).toMatchObject({
      message: 'Order does not exist',
    });
  });

  it('registers a new warehouse and lists it first', async () => {
    const answer = await client.post<Envelope<Array<Record<string, unknown>>>>(
      '/v2/user/registerInventory',
      { PHONE: '0911222333', NAME: 'Kho Cửa Tùng', ADDRESS: 'Thôn 1', WARDS_ID: ids.vinhThuyNew },
      token,
    );
    expect(answer.error).toBe(false);
    expect(answer.data[0]).toMatchObject({
      name: 'Kho Cửa Tùng',
      wardsId: ids.vinhThuyNew,
      provinceId: ids.quangTri,
    });
    const groupaddressId = answer.data[0]!.groupaddressId;
    expect((await create({ GROUPADDRESS_ID: groupaddressId })).error).toBe(false);
    expect(
      await client.post(
        '/v2/user/registerInventory',
        { PHONE: '0911222333', NAME: 'X', ADDRESS: 'Y', WARDS_ID: 5 },
        token,
      ),
    ).toMatchObject({
      error: false,
    });
    expect(
      await client.post(
        '/v2/user/registerInventory',
        { PHONE: '0911222333', NAME: 'X', ADDRESS: 'Y', WARDS_ID: 42 },
        token,
      ),
    ).toMatchObject({
      error: false,
    });
    expect(
      await client.post(
        '/v2/user/registerInventory',
        { PHONE: '0911222333', NAME: 'X', ADDRESS: 'Y', WARDS_ID: 88_888 },
        token,
      ),
    ).toMatchObject({
      message: 'Invalid [WARDS_ID]',
    });
  });

  it('logs requests with counts and without secrets', async () => {
    const counts = sandbox.state.requestCounts();
    expect(counts.createOrder).toBeGreaterThan(5);
    const login = sandbox.state.requests().find((r) => r.operation === 'login')!;
    expect(JSON.stringify(login.body)).not.toContain(sandbox.credentials.password);
    expect(sandbox.state.requestCount('login')).toBe(sandbox.state.loginCount());
  });
});
