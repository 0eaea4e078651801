import { afterEach, describe, expect, it } from 'vitest';
import type { MarketplaceSandbox } from '../../../src/sandbox/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import {
  call,
  fakeJpeg,
  postmartApples,
  postmartLogin,
  postmartUpload,
  vosoHoney,
  vosoLogin,
  vosoUpload,
  waitFor,
} from './helpers.js';

let sandbox: MarketplaceSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function vosoReady(options: Parameters<typeof startVosoSandbox>[0] = {}) {
  sandbox = await startVosoSandbox(options);
  const token = await vosoLogin(sandbox);
  const image = await vosoUpload(sandbox, token, fakeJpeg(800, 800));
  return { sb: sandbox, token, imageId: image.json.data.IMAGE_ID as string };
}

async function postmartReady(options: Parameters<typeof startPostmartSandbox>[0] = {}) {
  sandbox = await startPostmartSandbox(options);
  const token = await postmartLogin(sandbox);
  const image = await postmartUpload(sandbox, token, fakeJpeg(800, 800));
  return { sb: sandbox, token, imageId: image.json.result.maHinhAnh as string };
}

describe('Voso listings', () => {
  it('creates a listing with two variants, approves it at once by default, and stores it', async () => {
    const { sb, token, imageId } = await vosoReady();
    const created = await call(sb, 'POST', '/products', { token, body: vosoHoney(imageId) });
    expect(created.json.error).toBe(false);
    const product = created.json.data;
    expect(product).toMatchObject({
      PRODUCT_ID: 100001,
      SELLER_SKU: 'MO-HG-PARENT',
      REVIEW_STATUS: 'APPROVED',
      REJECT_REASONS: [],
      TIERS: [{ NAME: 'Dung tích', OPTIONS: ['250ml', '500ml'] }],
    });
    expect(product.VARIANTS).toEqual([
      { VARIANT_ID: 500001, SELLER_SKU: 'MO-HG-250', TIER_INDEX: [0], PRICE: 150000, STOCK: 12 },
      { VARIANT_ID: 500002, SELLER_SKU: 'MO-HG-500', TIER_INDEX: [1], PRICE: 280000, STOCK: 5 },
    ]);
    expect(Number.isInteger(product.CREATED_AT) && product.CREATED_AT < 10_000_000_000).toBe(true);

    const stored = sb.state.listingBySku('MO-HG-500');
    expect(stored?.reviewStatus).toBe('APPROVED');
    expect(stored?.rawReviewStatus).toBe('APPROVED');
    expect(stored?.attributes).toEqual({
      ORIGIN: 'Hà Giang',
      BRAND: 'HTX Mật ong Mèo Vạc',
      SHELF_LIFE_DAYS: 730,
      OCOP_STARS: 4,
    });
    expect(sb.stats.writes).toBe(2);

    const bySku = await call(sb, 'GET', '/products/sku/MO-HG-250', { token });
    expect(bySku.json.data.PRODUCT_ID).toBe(100001);
    const missing = await call(sb, 'GET', '/products/sku/NOPE', { token });
    expect(missing.status).toBe(200);
    expect(missing.json).toMatchObject({ status: 404, error: true });
  });

  it('returns one validation error per broken field (HTTP 200, status 400) and creates nothing', async () => {
    const { sb, token, imageId } = await vosoReady();
    const body = vosoHoney(imageId, {
      PRODUCT_NAME: 'M'.repeat(121),
      DESCRIPTION: 'x'.repeat(3001),
      CATEGORY_ID: 1000,
      IMAGE_IDS: [imageId, 'ffffffffffffffffffffffffffffffff'],
      VARIANTS: [
        { SELLER_SKU: 'MO-HG-250', TIER_INDEX: [0], PRICE: 150000.5 },
        { SELLER_SKU: 'MO-HG-250', TIER_INDEX: [2], PRICE: 280000 },
      ],
    });
    const result = await call(sb, 'POST', '/products', { token, body });
    expect(result.status).toBe(200);
    expect(result.json.status).toBe(400);
    expect(result.json.error).toBe(true);
    const fields = result.json.data.ERRORS.map(
      (e: { FIELD: string; RULE: string }) => `${e.FIELD}:${e.RULE}`,
    );
    expect(fields).toEqual([
      'PRODUCT_NAME:MAX_LENGTH',
      'DESCRIPTION:MAX_LENGTH',
      'CATEGORY_ID:NOT_LEAF',
      'IMAGE_IDS[1]:NOT_FOUND',
      'VARIANTS[0].PRICE:INTEGER_VND',
      'VARIANTS[1].SELLER_SKU:DUPLICATE',
      'VARIANTS[1].TIER_INDEX:TIER_INDEX',
    ]);
    expect(sb.state.listings()).toEqual([]);
    expect(sb.stats.writes).toBe(1);
  });

  it('counts titles in characters after NFC (120 Vietnamese characters pass, 121 fail)', async () => {
    const { sb, token, imageId } = await vosoReady();
    const decomposed = 'ệ'.normalize('NFD');
    const ok = await call(sb, 'POST', '/products', {
      token,
      body: vosoHoney(imageId, { PRODUCT_NAME: decomposed.repeat(120) }),
    });
    expect(ok.json.error).toBe(false);
    const tooLong = await call(sb, 'POST', '/products', {
      token,
      body: vosoHoney(imageId, {
        SELLER_SKU: 'OTHER',
        PRODUCT_NAME: 'ệ'.repeat(121),
        VARIANTS: [{ SELLER_SKU: 'O1', TIER_INDEX: [0], PRICE: 1000 }],
      }),
    });
    expect(tooLong.json.data.ERRORS).toEqual([
      { FIELD: 'PRODUCT_NAME', RULE: 'MAX_LENGTH', MESSAGE: 'Tên sản phẩm tối đa 120 ký tự' },
    ]);
  });

  it('checks attribute types against the category (OCOP stars 3–5, unknown codes refused)', async () => {
    const { sb, token, imageId } = await vosoReady();
    const result = await call(sb, 'POST', '/products', {
      token,
      body: vosoHoney(imageId, {
        ATTRIBUTES: [
          { CODE: 'OCOP_STARS', VALUE: 6 },
          { CODE: 'SHELF_LIFE_DAYS', VALUE: '730' },
          { CODE: 'COLOUR', VALUE: 'vàng' },
        ],
      }),
    });
    expect(
      result.json.data.ERRORS.map((e: { FIELD: string; RULE: string }) => `${e.FIELD}:${e.RULE}`),
    ).toEqual([
      'ATTRIBUTES.OCOP_STARS:RANGE',
      'ATTRIBUTES.SHELF_LIFE_DAYS:TYPE',
      'ATTRIBUTES.COLOUR:UNKNOWN_ATTRIBUTE',
    ]);
  });

  it('rejects in review with reasons: missing required attributes and medical claims', async () => {
    const { sb, token, imageId } = await vosoReady();
    const result = await call(sb, 'POST', '/products', {
      token,
      body: vosoHoney(imageId, {
        DESCRIPTION: 'Mật ong rừng giúp chữa bệnh dạ dày.',
        ATTRIBUTES: [{ CODE: 'ORIGIN', VALUE: 'Hà Giang' }],
      }),
    });
    expect(result.json.error).toBe(false);
    expect(result.json.data.REVIEW_STATUS).toBe('REJECTED');
    expect(result.json.data.REJECT_REASONS.map((r: { CODE: string }) => r.CODE)).toEqual([
      'MISSING_REQUIRED_ATTRIBUTE',
      'MISSING_REQUIRED_ATTRIBUTE',
      'MISSING_REQUIRED_ATTRIBUTE',
      'PROHIBITED_CLAIM',
    ]);
    expect(result.json.data.REJECT_REASONS[0].MESSAGE).toContain('BRAND');
    expect(sb.buyers.placeOrder({ sku: 'MO-HG-250' })).toMatchObject({ ok: false, reason: 'NOT_APPROVED' });
  });

  it('keeps a listing WAITING_APPROVAL until the delayed review runs', async () => {
    const { sb, token, imageId } = await vosoReady({ review: { delayMs: 50 } });
    const created = await call(sb, 'POST', '/products', { token, body: vosoHoney(imageId) });
    expect(created.json.data.REVIEW_STATUS).toBe('WAITING_APPROVAL');
    expect(sb.state.listingBySku('MO-HG-250')?.reviewStatus).toBe('PENDING');
    await waitFor(() => sb.state.listingBySku('MO-HG-250')?.reviewStatus === 'APPROVED');
    const fetched = await call(sb, 'GET', `/products/${created.json.data.PRODUCT_ID}`, { token });
    expect(fetched.json.data.REVIEW_STATUS).toBe('APPROVED');
  });

  it('updates by full replacement: price applied, stock of existing variants ignored, content change re-reviewed', async () => {
    const { sb, token, imageId } = await vosoReady({ review: { mode: 'manual' } });
    const created = await call(sb, 'POST', '/products', { token, body: vosoHoney(imageId) });
    const id = created.json.data.PRODUCT_ID;
    expect(sb.review.pending().map((listing) => listing.id)).toEqual([id]);
    expect(sb.review.decide('MO-HG-PARENT')?.reviewStatus).toBe('APPROVED');
    sb.buyers.placeOrder({ sku: 'MO-HG-250', quantity: 2 });

    const priceOnly = vosoHoney(imageId, {
      VARIANTS: [
        { SELLER_SKU: 'MO-HG-250', TIER_INDEX: [0], PRICE: 155000, STOCK: 999 },
        { SELLER_SKU: 'MO-HG-500', TIER_INDEX: [1], PRICE: 280000, STOCK: 999 },
      ],
    });
    const updated = await call(sb, 'PUT', `/products/${id}`, { token, body: priceOnly });
    expect(
      updated.json.data.VARIANTS.map((v: { PRICE: number; STOCK: number }) => [v.PRICE, v.STOCK]),
    ).toEqual([
      [155000, 10],
      [280000, 5],
    ]);
    expect(updated.json.data.REVIEW_STATUS).toBe('APPROVED');

    const renamed = await call(sb, 'PUT', `/products/${id}`, {
      token,
      body: { ...priceOnly, PRODUCT_NAME: 'Mật ong bạc hà Đồng Văn OCOP 4 sao' },
    });
    expect(renamed.json.data.REVIEW_STATUS).toBe('WAITING_APPROVAL');

    const skuChange = await call(sb, 'PUT', `/products/${id}`, {
      token,
      body: { ...priceOnly, SELLER_SKU: 'NEW' },
    });
    expect(skuChange.json.data.ERRORS).toEqual([
      { FIELD: 'SELLER_SKU', RULE: 'IMMUTABLE', MESSAGE: expect.any(String) },
    ]);
    const unknown = await call(sb, 'PUT', '/products/999', { token, body: priceOnly });
    expect(unknown.json.status).toBe(404);
  });

  it('pages listings by offset/limit', async () => {
    const { sb, token, imageId } = await vosoReady();
    for (let index = 0; index < 3; index += 1) {
      await call(sb, 'POST', '/products', {
        token,
        body: vosoHoney(imageId, {
          SELLER_SKU: `P-${index}`,
          TIERS: [],
          VARIANTS: [{ SELLER_SKU: `V-${index}`, TIER_INDEX: [], PRICE: 50000, STOCK: 1 }],
        }),
      });
    }
    const page = await call(sb, 'GET', '/products?offset=1&limit=2', { token });
    expect(page.json.data.TOTAL).toBe(3);
    expect(page.json.data.PRODUCTS.map((p: { SELLER_SKU: string }) => p.SELLER_SKU)).toEqual(['P-1', 'P-2']);
    const bad = await call(sb, 'GET', '/products?limit=101', { token });
    expect(bad.json.data.ERRORS[0]).toMatchObject({ FIELD: 'limit', RULE: 'RANGE' });
  });
});

describe('Postmart listings', () => {
  it('creates with Vietnamese fields and an attribute object; approved at once', async () => {
    const { sb, token, imageId } = await postmartReady();
    const created = await call(sb, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ success: true, code: 'SUCCESS' });
    expect(created.json.result).toMatchObject({
      maSanPham: 43001,
      maSkuCha: 'TAO-ML-PARENT',
      thuocTinh: { xuatXu: 'Sơn La', hanSuDungNgay: 15, saoOcop: '3' },
      trangThaiDuyet: 'da_duyet',
      bienThe: [
        { maBienThe: 900001, maSku: 'TAO-ML-3KG', chiSoPhanLoai: [0], giaBan: 180000, tonKho: 20 },
        { maBienThe: 900002, maSku: 'TAO-ML-5KG', chiSoPhanLoai: [1], giaBan: 290000, tonKho: 8 },
      ],
    });
    expect(created.json.result.ngayTao).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
  });

  it('answers rule violations with HTTP 400 VALIDATION_FAILED and Postmart field paths', async () => {
    const { sb, token, imageId } = await postmartReady();
    const result = await call(sb, 'POST', '/CreateProduct', {
      token,
      body: postmartApples(imageId, {
        tenSanPham: 'T'.repeat(151),
        moTa: 'x'.repeat(5001),
        hinhAnh: Array.from({ length: 9 }, () => imageId),
        thuocTinh: { xuatXu: 'Sơn La', hanSuDungNgay: 15, saoOcop: 4 },
        bienThe: [{ maSku: 'TAO-ML-3KG', chiSoPhanLoai: [0], giaBan: 500 }],
        phanLoai: [
          { ten: 'Quy cách', giaTri: ['Hộp 3kg'] },
          { ten: 'Loại', giaTri: ['A'] },
          { ten: 'Thừa', giaTri: ['B'] },
        ],
      }),
    });
    expect(result.status).toBe(400);
    expect(result.json.code).toBe('VALIDATION_FAILED');
    expect(
      result.json.result.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`),
    ).toEqual([
      'tenSanPham:MAX_LENGTH',
      'moTa:MAX_LENGTH',
      'thuocTinh.saoOcop:TYPE', // a number where Postmart wants the string "4"
      'hinhAnh:MAX_ITEMS',
      'phanLoai:MAX_ITEMS',
      'bienThe[0].chiSoPhanLoai:TIER_INDEX',
      'bienThe[0].giaBan:INTEGER_VND',
    ]);
    expect(sb.state.listings()).toEqual([]);
  });

  it('updates partially: absent fields kept, tonKho ignored for existing variants, re-review on content change', async () => {
    const { sb, token, imageId } = await postmartReady();
    const created = await call(sb, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) });
    const id = created.json.result.maSanPham;
    const price = await call(sb, 'POST', '/UpdateProduct', {
      token,
      body: {
        maSanPham: id,
        bienThe: [
          { maSku: 'TAO-ML-3KG', chiSoPhanLoai: [0], giaBan: 185000, tonKho: 1 },
          { maSku: 'TAO-ML-5KG', chiSoPhanLoai: [1], giaBan: 290000, tonKho: 1 },
        ],
      },
    });
    expect(price.json.result.tenSanPham).toBe('Táo đại Mường La HTX Hưng Thịnh hộp 5kg');
    expect(
      price.json.result.bienThe.map((v: { giaBan: number; tonKho: number }) => [v.giaBan, v.tonKho]),
    ).toEqual([
      [185000, 20],
      [290000, 8],
    ]);
    expect(price.json.result.trangThaiDuyet).toBe('da_duyet');

    const reworded = await call(sb, 'POST', '/UpdateProduct', {
      token,
      body: { maSanPham: id, moTa: 'Táo giòn ngọt, thần dược cho sức khỏe.' },
    });
    expect(reworded.json.result.trangThaiDuyet).toBe('tu_choi');
    expect(reworded.json.result.lyDoTuChoi).toEqual([
      { ma: 'PROHIBITED_CLAIM', moTa: expect.stringContaining('thần dược') },
    ]);

    const missing = await call(sb, 'POST', '/UpdateProduct', { token, body: { maSanPham: 1, moTa: 'x' } });
    expect(missing.status).toBe(404);
  });

  it('pages listings by page/pageSize and filters by review state', async () => {
    const { sb, token, imageId } = await postmartReady();
    for (let index = 0; index < 3; index += 1) {
      await call(sb, 'POST', '/CreateProduct', {
        token,
        body: postmartApples(imageId, {
          maSkuCha: `P-${index}`,
          moTa: index === 2 ? 'Chữa khỏi mọi bệnh' : 'Táo ngon',
          phanLoai: [],
          bienThe: [{ maSku: `V-${index}`, giaBan: 50000, tonKho: 1 }],
        }),
      });
    }
    const page2 = await call(sb, 'GET', '/GetListProduct?page=2&pageSize=2', { token });
    expect(page2.json.result).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(page2.json.result.items.map((p: { maSkuCha: string }) => p.maSkuCha)).toEqual(['P-2']);
    const rejected = await call(sb, 'GET', '/GetListProduct?trangThaiDuyet=tu_choi', { token });
    expect(rejected.json.result.items.map((p: { maSkuCha: string }) => p.maSkuCha)).toEqual(['P-2']);
    const bySku = await call(sb, 'GET', '/GetProductBySku?maSku=V-1', { token });
    expect(bySku.json.result.maSkuCha).toBe('P-1');
    const missing = await call(sb, 'GET', '/GetProductBySku?maSku=V-9', { token });
    expect(missing.status).toBe(404);
  });
});
