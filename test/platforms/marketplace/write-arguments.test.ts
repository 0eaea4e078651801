/**
 * Issue #18: the write methods' arguments as a clerk types them. A cancel reason code in another case
 * (`'out_of_stock'`, `{ code: 'other', note }`) is that code; a code that is none of them is refused with
 * the exact accepted codes and the nearest. A carrier with spaces around or in another case
 * (`'ViettelPost '`) is that carrier. What the sandbox order ends up holding is the canonical value.
 * Bulk setStock / setPrice: a wrong shape (an entry that is not an object, a list price below the price)
 * throws before anything is sent; a wrong value (out of range) is that SKU's result, the others are sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/index.js';
import type { ProfileMarketplaceAdapter } from '../../../src/platforms/marketplace/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import {
  type MarketplaceSandbox,
  type ShopeeSandbox,
  startPostmartSandbox,
  startShopeeSandbox,
  startVosoSandbox,
} from '../../../src/sandbox/index.js';
import { failure } from '../../core/helpers/failure.js';

const LISTING = {
  sellerSku: 'VL-TBN',
  title: 'Tinh bột nghệ Vĩnh Linh',
  description: 'Tinh bột nghệ nguyên chất',
  category: 'Gạo & ngũ cốc',
  weightGrams: 650,
  tiers: [{ name: 'Khối lượng', options: ['500g', '250g'] }],
  variants: [
    { sku: 'VL-TBN-500', tierIndex: [0], priceVnd: 350_000, stock: 500 },
    { sku: 'VL-TBN-250', tierIndex: [1], priceVnd: 190_000, stock: 300 },
  ],
};

type Sandbox = MarketplaceSandbox | ShopeeSandbox;
const shops: Record<string, { sandbox: Sandbox; adapter: ProfileMarketplaceAdapter }> = {};

beforeAll(async () => {
  const [vs, pm, sp] = await Promise.all([
    startVosoSandbox({ handMadeListings: [LISTING] }),
    startPostmartSandbox({ handMadeListings: [LISTING] }),
    startShopeeSandbox({ handMadeListings: [LISTING] }),
  ]);
  const { username, password, customerCode } = pm.credentials;
  shops.voso = { sandbox: vs, adapter: voso({ credentials: vs.credentials, baseUrl: vs.baseUrl }) };
  shops.postmart = {
    sandbox: pm,
    adapter: postmart({
      credentials: { username, password, customerCode: customerCode! },
      baseUrl: pm.baseUrl,
    }),
  };
  shops.shopee = { sandbox: sp, adapter: shopee({ credentials: sp.credentials, baseUrl: sp.baseUrl }) };
});

afterAll(async () => {
  await Promise.all(Object.values(shops).map(({ adapter }) => adapter.close()));
  await Promise.all(Object.values(shops).map(({ sandbox }) => sandbox.close()));
});

function place(sandbox: Sandbox): string {
  const placed = sandbox.buyers.placeOrder({ sku: 'VL-TBN-500' });
  if (!placed.ok) throw new Error(placed.reason);
  return placed.order.id;
}

describe.each(['voso', 'postmart', 'shopee'])('%s: cancel reasons and carriers as typed', (platform) => {
  it('a code in another case is the code: the sandbox order holds the canonical reason', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const lower = place(sandbox);
    const cancelled = await adapter.cancelOrder(lower, 'out_of_stock' as never);
    expect(cancelled.status).toBe('CANCELLED');
    expect(sandbox.state.order(lower)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCode: 'OUT_OF_STOCK',
    });

    const mixed = place(sandbox);
    await adapter.cancelOrder(mixed, { code: ' Buyer_Request', note: 'Khách đổi ý' } as never);
    // Shopee's cancel_order takes no text: only Voso and Postmart keep the note.
    expect(sandbox.state.order(mixed)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCode: 'BUYER_REQUEST',
      ...(platform === 'shopee' ? {} : { cancelReason: 'Khách đổi ý' }),
    });
  });

  it('a code that is none of them is refused with the accepted codes and the nearest; nothing is sent', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const id = place(sandbox);
    const before = sandbox.stats.totalRequests;
    for (const [reason, near] of [
      ['out_of_stok', 'OUT_OF_STOCK'],
      [{ code: 'buyer-requst' }, 'BUYER_REQUEST'],
    ] as const) {
      const error = await failure(() => adapter.cancelOrder(id, reason as never));
      expect(error).toBeInstanceOf(ValidationError);
      const { messageVi, messageEn, issues } = error as ValidationError;
      const shown = typeof reason === 'string' ? `"${reason}"` : `{ code: "${reason.code}" }`;
      expect(messageEn).toContain(
        `reason: ${shown} is not a cancel reason; use OUT_OF_STOCK (out of stock), BUYER_REQUEST (the buyer asked), WRONG_PRICE (wrong price), CANNOT_SHIP (cannot ship), or { code: "OTHER", note: "…" } — did you mean "${near}"?`,
      );
      expect(messageVi).toContain(`reason: ${shown} không phải là lý do hủy; dùng OUT_OF_STOCK (hết hàng)`);
      expect(messageVi).toContain(`có phải "${near}"?`);
      expect(issues[0]).toMatchObject({ path: 'reason', platform });
    }
    const field = await failure(() =>
      adapter.cancelOrder(id, { code: 'OUT_OF_STOCK', note: 'x', notes: 'y' } as never),
    );
    expect((field as ValidationError).messageEn).toContain(
      'reason.notes: no such field; a cancel reason is { code, note } (did you mean "reason.note"?)',
    );
    expect((field as ValidationError).messageVi).toContain(
      'reason.notes: không có trường này; lý do hủy là { code, note } (có phải "reason.note"?)',
    );
    expect(sandbox.stats.totalRequests).toBe(before);
    expect(sandbox.state.order(id)!.status).not.toBe('CANCELLED');
  });

  it('"ViettelPost " and "VNPOST" are the carriers viettelpost and vnpost: the order holds the canonical one', async () => {
    const { sandbox, adapter } = shops[platform]!;
    // Voso and Postmart both write these two carriers as VTP and VNPOST.
    const code = (carrier: string) => ({ viettelpost: 'VTP', vnpost: 'VNPOST' })[carrier];
    for (const [typed, canonical, number] of [
      ['ViettelPost ', 'viettelpost', 'VTP100200300'],
      ['  VNPOST', 'vnpost', 'EB000100001VN'],
    ] as const) {
      const id = place(sandbox);
      await adapter.confirmOrder(id);
      const shipped = await adapter.markShipped(id, { carrier: typed, trackingNumber: number });
      expect(shipped.tracking).toEqual({ carrier: canonical, trackingNumber: number });
      expect((await adapter.getOrder(id)).tracking).toEqual({ carrier: canonical, trackingNumber: number });
      // Voso and Postmart keep the platform's code of the carrier; Shopee keeps its own channel.
      if (platform !== 'shopee')
        expect(sandbox.state.order(id)).toMatchObject({
          carrierCode: code(canonical),
          trackingNumber: number,
        });
      else expect(sandbox.state.order(id)).toMatchObject({ trackingNumber: number });
    }
  });

  it('a misspelt carrier is still refused with the nearest, before sending', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const id = place(sandbox);
    const before = sandbox.stats.totalRequests;
    const error = await failure(() =>
      adapter.markShipped(id, { carrier: 'Vietelpost ', trackingNumber: 'VTP123456' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).messageEn).toContain('did you mean "viettelpost"?');
    expect(sandbox.stats.totalRequests).toBe(before);
  });
});

const priceOf = (sandbox: Sandbox, sku: string) =>
  sandbox.state.listingBySku(sku)?.variants.find((v) => v.sku === sku)?.priceVnd;

describe.each(['voso', 'postmart', 'shopee'])('%s: bulk stock and price', (platform) => {
  it('a list price below the price is refused naming both, before anything is sent', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const before = sandbox.stats.totalRequests;
    const error = await failure(() =>
      adapter.setPrice([
        { sku: 'VL-TBN-500', priceVnd: 360_000, listPriceVnd: 400_000 },
        { sku: 'VL-TBN-250', priceVnd: 200_000, listPriceVnd: 180_000 },
      ]),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn, issues } = error as ValidationError;
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'updates[1].listPriceVnd',
        code: 'list_price.below_price',
        value: 180_000,
        sku: 'VL-TBN-250',
        platform,
      }),
    ]);
    expect(messageEn).toContain(
      'updates[1].listPriceVnd (list price) 180000 is below updates[1].priceVnd (price) 200000; the list price must be at least the price',
    );
    expect(messageVi).toContain(
      'updates[1].listPriceVnd (giá niêm yết) 180000 thấp hơn updates[1].priceVnd (giá bán) 200000',
    );
    expect(messageEn).toContain('nothing was sent');
    expect(sandbox.stats.totalRequests).toBe(before);
    expect(priceOf(sandbox, 'VL-TBN-500')).toBe(350_000);
  });

  it('a list price is refused for its SKU (the platform has no list price field), never dropped; the others are sent', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const name = { voso: 'Voso', postmart: 'Postmart', shopee: 'Shopee' }[platform];
    const results = await adapter.setPrice([
      { sku: 'VL-TBN-250', priceVnd: 210_000, listPriceVnd: 210_000 },
      { sku: 'VL-TBN-500', priceVnd: 365_000 },
    ]);
    expect(results).toEqual([
      expect.objectContaining({ sku: 'VL-TBN-250', ok: false, code: 'INVALID_VALUE', retriable: false }),
      expect.objectContaining({ sku: 'VL-TBN-500', ok: true }),
    ]);
    expect((results[0] as { message?: string }).message).toBe(
      `listPriceVnd 210000: ${name} không có giá niêm yết (chỉ có giá bán): bỏ listPriceVnd, không gửi gì cho SKU này / ${name} has no list price (only the price): leave listPriceVnd out; nothing was sent for this SKU`,
    );
    expect(priceOf(sandbox, 'VL-TBN-250')).toBe(190_000);
    expect(priceOf(sandbox, 'VL-TBN-500')).toBe(365_000);
  });

  it('a list price that is not whole VND is refused as such', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const [result] = await adapter.setPrice([
      { sku: 'VL-TBN-250', priceVnd: 100_000, listPriceVnd: 100_000.5 },
    ]);
    expect(result).toMatchObject({ sku: 'VL-TBN-250', ok: false, code: 'INVALID_VALUE' });
    expect((result as { message?: string }).message).toContain(
      'listPriceVnd 100000.5: giá niêm yết phải là số nguyên VND',
    );
    expect((result as { message?: string }).message).toContain('the list price must be whole VND');
    expect(priceOf(sandbox, 'VL-TBN-250')).toBe(190_000);
  });

  it('an entry that is not an object throws naming its index; nothing is sent', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const before = sandbox.stats.totalRequests;
    for (const [method, good] of [
      ['setStock', { sku: 'VL-TBN-500', quantity: 7 }],
      ['setPrice', { sku: 'VL-TBN-500', priceVnd: 370_000 }],
    ] as const) {
      const run = adapter[method] as (updates: unknown) => Promise<unknown>;
      const error = await failure(() => run.call(adapter, [good, 'VL-TBN-250', null]));
      expect(error).toBeInstanceOf(ValidationError);
      const { messageVi, messageEn, issues } = error as ValidationError;
      const field = method === 'setStock' ? 'quantity' : 'priceVnd';
      expect(issues.map((i) => [i.path, i.code])).toEqual([
        ['updates[1]', 'bulk.not_an_object'],
        ['updates[2]', 'bulk.not_an_object'],
      ]);
      expect(messageEn).toContain(`${method}: 2 invalid updates, nothing was sent`);
      expect(messageEn).toContain(`Entry 1 must be { sku, ${field} }, got text "VL-TBN-250"`);
      expect(messageEn).toContain(`Entry 2 must be { sku, ${field} }, got null`);
      expect(messageVi).toContain(`Dòng 1 phải là { sku, ${field} }, nhận được chuỗi "VL-TBN-250"`);
    }
    expect(sandbox.stats.totalRequests).toBe(before);
    expect(sandbox.state.stockOf('VL-TBN-500')).not.toBe(7);
  });

  it('a key the method does not take is refused with the nearest, naming index and key; nothing is sent', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const before = sandbox.stats.totalRequests;
    const price = await failure(() =>
      adapter.setPrice([
        { sku: 'VL-TBN-500', priceVnd: 360_000 },
        { sku: 'VL-TBN-250', priceVnd: 200_000, listprice: 250_000 } as never,
      ]),
    );
    expect(price).toBeInstanceOf(ValidationError);
    expect((price as ValidationError).issues).toEqual([
      expect.objectContaining({
        path: 'updates[1].listprice',
        code: 'bulk.unknown_field',
        sku: 'VL-TBN-250',
      }),
    ]);
    expect((price as ValidationError).messageEn).toContain(
      'updates[1].listprice: setPrice takes no such field (did you mean "listPriceVnd"?)',
    );
    expect((price as ValidationError).messageVi).toContain(
      'updates[1].listprice: setPrice không có trường này (có phải "listPriceVnd"?)',
    );
    const stock = await failure(() =>
      adapter.setStock([{ sku: 'VL-TBN-500', quantity: 11, price: 1 } as never]),
    );
    expect((stock as ValidationError).issues.map((i) => [i.path, i.code])).toEqual([
      ['updates[0].price', 'bulk.unknown_field'],
    ]);
    expect((stock as ValidationError).messageEn).toContain('the fields are sku, quantity');
    expect(sandbox.stats.totalRequests).toBe(before);
    expect(sandbox.state.stockOf('VL-TBN-500')).not.toBe(11);
    expect(priceOf(sandbox, 'VL-TBN-500')).not.toBe(360_000);
  });

  it('a SKU given 60 times is told once with its count and the first indices', async () => {
    const { adapter } = shops[platform]!;
    const rows = Array.from({ length: 60 }, (_, i) => ({ sku: 'VL-TBN-500', quantity: i }));
    const error = (await failure(() => adapter.setStock(rows))) as ValidationError;
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'updates[1].sku', code: 'bulk.sku_duplicate', sku: 'VL-TBN-500' }),
    ]);
    expect(error.messageEn).toContain(
      'SKU VL-TBN-500 is given 60 times: updates[1], updates[2], updates[3], updates[4], updates[5], updates[6], updates[7], updates[8], updates[9], updates[10], … (+49) repeat updates[0].sku',
    );
    expect(error.messageVi).toContain('Mã SKU VL-TBN-500 có 60 dòng');
    expect(error.messageEn.length).toBeLessThan(600);
  });

  it('an unknown SKU is told in both languages, with the SKU differing only in case', async () => {
    const { sandbox, adapter } = shops[platform]!;
    const results = await adapter.setStock([
      { sku: 'vl-tbn-500', quantity: 12 },
      { sku: 'VL-NONE', quantity: 1 },
    ]);
    expect(results).toEqual([
      {
        sku: 'vl-tbn-500',
        ok: false,
        code: 'SKU_NOT_FOUND',
        retriable: false,
        message: `sku vl-tbn-500: ${platform} không có tin đăng nào mang SKU này (có phải "VL-TBN-500"?) / ${platform} has no listing with this SKU (did you mean "VL-TBN-500"?)`,
      },
      {
        sku: 'VL-NONE',
        ok: false,
        code: 'SKU_NOT_FOUND',
        retriable: false,
        message: `sku VL-NONE: ${platform} không có tin đăng nào mang SKU này / ${platform} has no listing with this SKU`,
      },
    ]);
    expect(sandbox.state.stockOf('VL-TBN-500')).not.toBe(12);
  });

  it("a value out of range is that SKU's result; the other entries are sent", async () => {
    const { sandbox, adapter } = shops[platform]!;
    const results = await adapter.setStock([
      { sku: 'VL-TBN-500', quantity: 41 },
      { sku: 'VL-TBN-250', quantity: -3 },
    ]);
    expect(results).toEqual([
      expect.objectContaining({ sku: 'VL-TBN-500', ok: true }),
      expect.objectContaining({ sku: 'VL-TBN-250', ok: false, code: 'INVALID_VALUE' }),
    ]);
    expect(sandbox.state.stockOf('VL-TBN-500')).toBe(41);
    expect(sandbox.state.stockOf('VL-TBN-250')).toBe(300);
  });
});
