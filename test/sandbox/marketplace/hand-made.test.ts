import { afterEach, describe, expect, it } from 'vitest';
import {
  type MarketplaceSandbox,
  ocopSeedsHandMadeListings,
  startPostmartSandbox,
  startVosoSandbox,
} from '../../../src/sandbox/index.js';
import { call, postmartLogin, vosoLogin } from './helpers.js';

let sandbox: MarketplaceSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('hand-made listings mode (docs/contracts §6, §10)', () => {
  it('Voso: the shop starts with the listings typed by hand; empty SKUs are null and cannot be addressed', async () => {
    sandbox = await startVosoSandbox({ handMadeListings: 'ocop-seeds' });
    const token = await vosoLogin(sandbox);
    const page = await call(sandbox, 'GET', '/products?offset=0&limit=100', { token });
    const products = page.json.data.PRODUCTS as Record<string, unknown>[];
    expect(page.json.data.TOTAL).toBe(ocopSeedsHandMadeListings('voso').length);
    const first = products[0]!;
    expect(first).toMatchObject({
      PRODUCT_NAME: 'Tinh bot nghe Vinh Linh nguyen chat',
      SELLER_SKU: null,
      REVIEW_STATUS: 'APPROVED',
      TIERS: [{ NAME: 'Khối lượng', OPTIONS: ['100gr', '0,5kg'] }],
    });
    expect((first.VARIANTS as { SELLER_SKU: unknown }[]).map((v) => v.SELLER_SKU)).toEqual([null, null]);
    const urls = first.IMAGE_URLS as string[];
    expect(urls).toEqual((first.IMAGE_IDS as string[]).map((id) => `${sandbox!.url}/media/${id}`));
    const image = await fetch(urls[0]!);
    expect([image.status, (await image.arrayBuffer()).byteLength > 100]).toEqual([200, true]);
    // A listing with a SKU typed by hand is addressable by it.
    expect(sandbox.state.stockOf('DAULAC-05')).toBe(20);
    const stock = await call(sandbox, 'POST', '/products/stock', {
      token,
      body: { ITEMS: [{ SELLER_SKU: '', STOCK: 1 }] },
    });
    expect(stock.json.data.RESULTS[0]).toMatchObject({ SUCCESS: false, ERROR_CODE: 'SKU_NOT_FOUND' });
  });

  it('Voso: PUT /products/{id}/sku sets the SKUs, refuses foreign variant ids and SKUs of another product', async () => {
    sandbox = await startVosoSandbox({ handMadeListings: 'ocop-seeds' });
    const token = await vosoLogin(sandbox);
    const [tbn] = sandbox.state.listings();
    const ids = tbn!.variants.map((v) => v.id);
    const reviewBefore = tbn!.reviewStatus;
    const ok = await call(sandbox, 'PUT', `/products/${tbn!.id}/sku`, {
      token,
      body: {
        SELLER_SKU: 'VL-TBN',
        VARIANTS: [
          { VARIANT_ID: ids[0], SELLER_SKU: 'VL-TBN-100' },
          { VARIANT_ID: ids[1], SELLER_SKU: 'VL-TBN-500' },
        ],
      },
    });
    expect(ok.json.status).toBe(200);
    expect(ok.json.data.VARIANTS.map((v: { SELLER_SKU: string }) => v.SELLER_SKU)).toEqual([
      'VL-TBN-100',
      'VL-TBN-500',
    ]);
    expect([sandbox.state.stockOf('VL-TBN-500'), sandbox.state.listingBySku('VL-TBN')!.reviewStatus]).toEqual(
      [12, reviewBefore],
    );

    const foreign = await call(sandbox, 'PUT', `/products/${tbn!.id}/sku`, {
      token,
      body: { SELLER_SKU: 'VL-TBN', VARIANTS: [{ VARIANT_ID: 999999, SELLER_SKU: 'X-1' }] },
    });
    expect([foreign.status, foreign.json.status, foreign.json.data.ERRORS[0].RULE]).toEqual([
      200,
      400,
      'NOT_FOUND',
    ]);
    const other = sandbox.state.listings()[1]!;
    const taken = await call(sandbox, 'PUT', `/products/${other.id}/sku`, {
      token,
      body: { SELLER_SKU: 'VL-TBN-500' },
    });
    expect([taken.json.status, taken.json.data.ERRORS[0].MESSAGE]).toEqual([
      409,
      'SKU VL-TBN-500 đã tồn tại',
    ]);
    const bad = await call(sandbox, 'PUT', `/products/${other.id}/sku`, {
      token,
      body: { SELLER_SKU: 'có dấu' },
    });
    expect([bad.json.status, bad.json.data.ERRORS[0].FIELD]).toEqual([400, 'SELLER_SKU']);
    // The product PUT still refuses to change a SKU.
    expect(sandbox.state.listings()[1]!.sellerSku).toBe('');
  });

  it('Postmart: null SKUs, hinhAnhUrl, and POST /UpdateProductSku', async () => {
    sandbox = await startPostmartSandbox({ handMadeListings: 'ocop-seeds' });
    const token = await postmartLogin(sandbox);
    const page = await call(sandbox, 'GET', '/GetListProduct?page=2&pageSize=20', { token });
    expect(page.json.result.total).toBe(22);
    expect(page.json.result.items).toHaveLength(2);
    const gao = sandbox.state.listings().find((l) => l.title === 'Gạo sạch Vĩnh Long')!;
    const unknown = await call(sandbox, 'POST', '/UpdateProductSku', {
      token,
      body: { maSanPham: 1, maSkuCha: 'X' },
    });
    expect([unknown.status, unknown.json.code]).toEqual([404, 'NOT_FOUND']);
    const set = await call(sandbox, 'POST', '/UpdateProductSku', {
      token,
      body: {
        maSanPham: gao.id,
        maSkuCha: 'VL-GAO',
        bienThe: gao.variants.map((v, i) => ({ maBienThe: v.id, maSku: ['VL-GAO-2KG', 'VL-GAO-5KG'][i] })),
      },
    });
    expect([set.status, set.json.result.maSkuCha, set.json.result.hinhAnhUrl.length]).toEqual([
      200,
      'VL-GAO',
      1,
    ]);
    const twice = await call(sandbox, 'POST', '/UpdateProductSku', {
      token,
      body: {
        maSanPham: gao.id,
        maSkuCha: 'VL-GAO',
        bienThe: gao.variants.map((v) => ({ maBienThe: v.id, maSku: 'SAME' })),
      },
    });
    expect([twice.status, twice.json.code]).toEqual([409, 'DUPLICATE_SKU']);
    expect(sandbox.state.stockOf('VL-GAO-5KG')).toBe(12);
  });

  it('refuses a hand-made listing in a category the tree does not have', async () => {
    await expect(
      startVosoSandbox({
        handMadeListings: [
          {
            title: 'Rượu',
            description: 'x',
            category: 'Rượu',
            weightGrams: 1,
            variants: [{ priceVnd: 1000, stock: 1 }],
          },
        ],
      }),
    ).rejects.toThrow('handMadeListings[0].category: no leaf category "Rượu"; known: "Mật ong"');
  });
});
