import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors.js';
import { createCategoryMapper } from '../../../src/platforms/marketplace/index.js';
import { postmart } from '../../../src/platforms/postmart/index.js';
import { voso } from '../../../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../../src/sandbox/marketplace/types.js';
import { honeyProduct } from '../../contract/fixtures.js';

describe('category mapper', () => {
  let vs: MarketplaceSandbox;
  let pm: MarketplaceSandbox;
  let vosoAdapter: ReturnType<typeof voso>;
  let postmartAdapter: ReturnType<typeof postmart>;

  beforeAll(async () => {
    [vs, pm] = await Promise.all([startVosoSandbox(), startPostmartSandbox()]);
    vosoAdapter = voso({
      credentials: { username: vs.credentials.username, password: vs.credentials.password },
      baseUrl: vs.baseUrl,
    });
    postmartAdapter = postmart({
      credentials: {
        username: pm.credentials.username,
        password: pm.credentials.password,
        customerCode: pm.credentials.customerCode!,
      },
      baseUrl: pm.baseUrl,
    });
  });
  afterAll(async () => {
    await Promise.all([vosoAdapter.close(), postmartAdapter.close()]);
    await Promise.all([vs.close(), pm.close()]);
  });

  const mapper = () =>
    createCategoryMapper({
      adapters: [vosoAdapter, postmartAdapter],
      mappings: {
        voso: {
          'Mật ong': { categoryId: '1001' },
          'Thủ công': { categoryId: '1301', attributes: { MATERIAL: 'Mây tre' } },
        },
        postmart: { 'mật ong': { categoryId: '2001' }, 'Thực phẩm chế biến': { categoryId: '2003' } },
      },
      defaults: { postmart: { categoryId: '2004' } },
    });

  it('maps a category hint (case and spacing tolerant) and fills attributes typed for each platform', async () => {
    const product = honeyProduct('CM', { categoryHints: ['  MẬT   ONG '] });
    const m = mapper();
    const onVoso = await m.resolve(product, 'voso');
    expect(onVoso).toEqual({
      ok: true,
      key: 'MẬT   ONG',
      mapping: {
        categoryId: '1001',
        attributes: expect.objectContaining({
          ORIGIN: 'Hà Giang',
          BRAND: 'HTX Mật ong Mèo Vạc',
          SHELF_LIFE_DAYS: '730',
          OCOP_STARS: '4',
        }),
      },
    });
    const onPostmart = await m.resolve(product, 'postmart');
    expect(onPostmart.ok && onPostmart.mapping.attributes).toMatchObject({
      xuatXu: 'Hà Giang',
      saoOcop: '4',
    });
  });

  it('falls back to the OCOP product group, then to the platform default', async () => {
    const m = mapper();
    const grouped = honeyProduct('GR', {
      categoryHints: ['khong-co'],
      ocop: {
        stars: 3,
        certificateNo: '9/QĐ',
        issuedBy: 'UBND tỉnh Quảng Trị',
        issuedAt: '2023-05-01',
        productGroup: 'Thực phẩm chế biến',
      },
    });
    expect(await m.resolve(grouped, 'postmart')).toMatchObject({
      ok: true,
      key: 'Thực phẩm chế biến',
      mapping: { categoryId: '2003' },
    });
    const other = honeyProduct('DF', { categoryHints: ['khong-co'] });
    expect(await m.resolve(other, 'postmart')).toMatchObject({ ok: true, mapping: { categoryId: '2004' } });
    const unmapped = await m.resolve(other, 'voso');
    expect(unmapped.ok).toBe(false);
    expect(!unmapped.ok && unmapped.issues[0]).toMatchObject({ rule: 'category.unmapped', platform: 'voso' });
  });

  it("reports the category's required attributes the product cannot fill", async () => {
    const noFood = honeyProduct('NF', { categoryHints: ['Mật ong'], food: undefined, ocop: undefined });
    const result = await mapper().resolve(noFood, 'voso');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path).sort()).toEqual([
        'attributes.OCOP_STARS',
        'attributes.SHELF_LIFE_DAYS',
      ]);
      expect(result.issues[0]!.messageVi).toContain('Thiếu thuộc tính bắt buộc');
    }
  });

  it('refuses values outside an enumerated attribute', async () => {
    const product = honeyProduct('EN', { attributes: { saoOcop: '6' } });
    const result = await mapper().resolve(product, 'postmart');
    expect(!result.ok && result.issues.map((i) => i.rule)).toEqual(['attributes.not_allowed']);
  });

  it('validate() finds mappings to unknown or non-leaf categories; tree and attributes are fetched once', async () => {
    const fresh = voso({
      credentials: { username: vs.credentials.username, password: vs.credentials.password },
      baseUrl: vs.baseUrl,
    });
    try {
      const m = createCategoryMapper({
        adapters: [fresh],
        mappings: {
          voso: {
            'mat-ong': { categoryId: '1001' },
            'thuc-pham': { categoryId: '1000' },
            sai: { categoryId: '9999' },
          },
        },
      });
      vs.resetStats();
      const issues = await m.validate();
      expect(issues.map((i) => [i.rule, i.path])).toEqual([
        ['category.not_leaf', 'mappings.voso.thuc-pham'],
        ['category.unknown', 'mappings.voso.sai'],
      ]);
      expect((await m.resolve(honeyProduct('C1'), 'voso')).ok).toBe(true);
      expect((await m.resolve(honeyProduct('C2'), 'voso')).ok).toBe(true);
      expect(vs.stats.requests.getCategories).toBe(1);
      expect(vs.stats.requests.getCategoryAttributes).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('refuses mappings for a platform it has no adapter for', () => {
    expect(() => createCategoryMapper({ adapters: [vosoAdapter], mappings: { shopee: {} } })).toThrow(
      ConfigurationError,
    );
  });
});
