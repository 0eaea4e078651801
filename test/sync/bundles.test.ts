import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/read-catalog.js';
import { type Connector, createConnector } from '../../src/connector.js';
import type { ProductInput } from '../../src/model/product.js';
import { validateCatalog, validateProduct } from '../../src/model/validation.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { bundleAvailable } from '../../src/sync/bundles/bundle-stock.js';
import {
  CATEGORIES,
  createImagePreparer,
  loadSeedCatalog,
  type Platforms,
  startPlatforms,
} from './helpers.js';

/** "Hộp quà OCOP Vĩnh Linh": a jar of honey, two packs of tea, a 200 g box of chè vằng. */
function giftBox(overrides: Partial<ProductInput> = {}): ProductInput {
  const honey = loadSeedCatalog().find((p) => p.sku === 'VL-MO')!;
  return {
    ...honey,
    sku: 'VL-HOPQUA',
    name: 'Hộp quà OCOP Vĩnh Linh',
    description: 'Mật ong rừng, trà rau má và cao chè vằng trong một hộp quà.',
    categoryHints: ['Mật ong'],
    priceVnd: 520_000,
    stock: undefined,
    weightGrams: 1400,
    bundle: {
      components: [
        { sku: 'VL-MO', quantity: 1 },
        { sku: 'VL-TRM', quantity: 2 },
        { sku: 'VL-CCV-200', quantity: 1 },
      ],
    },
    ...overrides,
  };
}

describe('gift boxes in the model', () => {
  it('a box needs no stock figure of its own, and has no variants', () => {
    expect(validateProduct(giftBox()).ok).toBe(true);
    const withVariants = validateProduct(
      giftBox({
        variants: [{ sku: 'HQ-1', options: { Cỡ: 'Nhỏ' }, priceVnd: 1000, stock: 1, weightGrams: 10 }],
      }),
    );
    expect(withVariants.ok ? [] : withVariants.issues.map((i) => [i.path, i.code])).toContainEqual([
      'bundle',
      'bundle.with_variants',
    ]);
  });

  it('a component SKU typed in another case is the catalog SKU, written as the catalog spells it (#19 trial 3)', () => {
    const catalog = loadSeedCatalog();
    const result = validateCatalog([
      ...catalog,
      giftBox({
        bundle: {
          components: [
            { sku: 'vl-mo', quantity: 1 },
            { sku: 'Vl-Trm', quantity: 2 },
          ],
        },
      }),
    ]);
    expect(result.issues).toEqual([]);
    const box = result.products.find((p) => p.sku === 'VL-HOPQUA')!;
    expect(box.bundle!.components).toEqual([
      { sku: 'VL-MO', quantity: 1 },
      { sku: 'VL-TRM', quantity: 2 },
    ]);
  });

  it('components must be catalog SKUs (products or variants), not boxes, at least two', () => {
    const catalog = loadSeedCatalog();
    expect(validateCatalog([...catalog, giftBox()]).issues).toEqual([]);
    const unknown = validateCatalog([
      ...catalog,
      giftBox({
        bundle: {
          components: [
            { sku: 'VL-MO', quantity: 1 },
            { sku: 'KHONG-CO', quantity: 1 },
          ],
        },
      }),
    ]);
    expect(unknown.issues.map((i) => [i.path, i.code, i.sku, i.messageEn])).toEqual([
      [
        'bundle.components.1.sku',
        'bundle.unknown_component',
        'VL-HOPQUA',
        'This gift-box component is not in the catalog (write the SKU of a product or variant)',
      ],
    ]);
    expect(unknown.products.map((p) => p.sku)).not.toContain('VL-HOPQUA');
    const nested = validateCatalog([
      ...catalog,
      giftBox(),
      giftBox({
        sku: 'VL-HOPQUA-2',
        bundle: {
          components: [
            { sku: 'VL-HOPQUA', quantity: 1 },
            { sku: 'VL-MO', quantity: 1 },
          ],
        },
      }),
    ]);
    expect(nested.issues.map((i) => i.code)).toEqual(['bundle.nested']);
    const one = validateProduct(giftBox({ bundle: { components: [{ sku: 'VL-MO', quantity: 1 }] } }));
    expect(one.ok ? [] : one.issues.map((i) => i.code)).toEqual(['bundle.components']);
  });

  it('available boxes: the scarcest component decides, whole boxes only', () => {
    const stock: Record<string, number> = { A: 7, B: 9, C: 0 };
    expect(
      bundleAvailable(
        [
          { sku: 'A', quantity: 1 },
          { sku: 'B', quantity: 2 },
        ],
        (s) => stock[s] ?? 0,
      ),
    ).toBe(4);
    expect(
      bundleAvailable(
        [
          { sku: 'A', quantity: 1 },
          { sku: 'C', quantity: 1 },
        ],
        (s) => stock[s] ?? 0,
      ),
    ).toBe(0);
    expect(
      bundleAvailable(
        [
          { sku: 'A', quantity: 3 },
          { sku: 'Z', quantity: 1 },
        ],
        (s) => stock[s] ?? 0,
      ),
    ).toBe(0);
  });
});

describe('gift boxes in the catalog spreadsheet', () => {
  it('reads "Thành phần hộp quà" and names row and column of a bad cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-bundle-'));
    try {
      const seeds = (await readCatalog(join(__dirname, '../../seeds/catalog.csv'))).products.length;
      const { readFileSync } = await import('node:fs');
      const csv = readFileSync(join(__dirname, '../../seeds/catalog.csv'), 'utf8').replace(/\r\n$/, '');
      const header = csv
        .split('\r\n')[0]!
        .replace(/^\ufeff/, '')
        .split(',');
      const row = (components: string, sku: string) =>
        header
          .map(
            (h) =>
              ({
                'Mã sản phẩm': sku,
                'Tên sản phẩm': 'Hộp quà OCOP Vĩnh Linh',
                'Xuất xứ': 'Quảng Trị',
                'Loại chủ thể': 'HTX',
                'Tên chủ thể': 'HTX Vĩnh Hà',
                'Phường/Xã': 'Xã Vĩnh Hà',
                'Tỉnh/Thành phố': 'Quảng Trị',
                'Giá bán (VND)': '520.000',
                'Khối lượng (g)': '1400',
                'Trạng thái': 'Đang bán',
                'Thành phần hộp quà': components,
              })[h] ?? '',
          )
          .map((v) => (/[,;"]/.test(v) ? `"${v}"` : v))
          .join(',');
      const file = join(dir, 'catalog.csv');
      writeFileSync(
        file,
        `${csv}\r\n${row('VL-MO x1; VL-TRM x 2; VL-CCV-200', 'VL-HOPQUA')}\r\n${row('VL-MO hai hũ', 'VL-HOPQUA-2')}\r\n`,
      );
      const read = await readCatalog(file);
      expect(read.products).toHaveLength(seeds + 1);
      // A product with variants keeps no stock of its own: as a component the box would show 0 forever.
      writeFileSync(file, `${csv}\r\n${row('VL-MO x1; VL-TBN x 1', 'VL-HOPQUA')}\r\n`);
      const parent = await readCatalog(file);
      expect(parent.products.map((p) => p.sku)).not.toContain('VL-HOPQUA');
      expect(
        parent.issues.map((i) => [i.row, i.column ?? null, i.code, i.value, i.messageVi, i.messageEn]),
      ).toEqual([
        [
          26,
          'Thành phần hộp quà',
          'bundle.variant_parent',
          'VL-TBN',
          'Thành phần hộp quà là sản phẩm có phân loại (tồn kho nằm ở từng phân loại): ghi mã SKU phân loại (VL-TBN-100, VL-TBN-500)',
          'This gift-box component is a product with variants (its stock is kept per variant): write a variant SKU (VL-TBN-100, VL-TBN-500)',
        ],
      ]);
      expect(read.products.find((p) => p.sku === 'VL-HOPQUA')!.bundle).toEqual({
        components: [
          { sku: 'VL-MO', quantity: 1 },
          { sku: 'VL-TRM', quantity: 2 },
          { sku: 'VL-CCV-200', quantity: 1 },
        ],
      });
      expect(read.issues.map((i) => [i.row, i.column, i.messageEn])).toEqual([
        [27, 'Thành phần hộp quà', 'Cannot read "VL-MO hai hũ"; write "SKU x quantity", separated by ;'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gift boxes in the ledger (both sandboxes)', () => {
  let platforms: Platforms;
  let store: StateStore;
  let connector: Connector;
  beforeEach(async () => {
    platforms = await startPlatforms({ sandbox: { rateLimitRps: false } });
    store = createMemoryStore();
    connector = createConnector({
      marketplaces: platforms.adapters,
      store,
      categories: CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
  });
  afterEach(async () => {
    await connector.close();
    await platforms.close();
  });

  it('publish refuses the boxes validateCatalog refuses and sends nothing for them', async () => {
    const box = (sku: string, components: Array<{ sku: string; quantity: number }>) =>
      giftBox({ sku, name: `Hộp quà OCOP ${sku}`, bundle: { components } });
    const boxes = [
      // Valid, and before its components in the catalog: checked once every row was read.
      box('HQ-A', [
        { sku: 'VL-MO', quantity: 1 },
        { sku: 'VL-TRM', quantity: 1 },
      ]),
      box('HQ-PARENT', [
        { sku: 'VL-TBN', quantity: 1 },
        { sku: 'VL-MO', quantity: 1 },
      ]),
      box('HQ-UNKNOWN', [
        { sku: 'NOPE', quantity: 1 },
        { sku: 'VL-MO', quantity: 1 },
      ]),
      box('HQ-NESTED', [
        { sku: 'HQ-A', quantity: 1 },
        { sku: 'VL-MO', quantity: 1 },
      ]),
    ];
    const catalog = [...boxes, ...loadSeedCatalog()];
    const expected = validateCatalog(catalog).issues.filter((i) => i.sku?.startsWith('HQ-'));
    expect(expected.map((i) => `${i.sku} ${i.code}`).sort()).toEqual([
      'HQ-NESTED bundle.nested',
      'HQ-PARENT bundle.variant_parent',
      'HQ-UNKNOWN bundle.unknown_component',
    ]);

    const published = await connector.publish(catalog);
    for (const sku of ['HQ-PARENT', 'HQ-UNKNOWN', 'HQ-NESTED']) {
      const items = published.items.filter((i) => i.sku === sku);
      expect(items.map((i) => `${i.platform} ${i.outcome}`).sort()).toEqual([
        'postmart invalid',
        'voso invalid',
      ]);
      for (const item of items) expect(item.issues).toEqual(expected.filter((i) => i.sku === sku));
    }
    expect(published.issues.filter((i) => i.sku?.startsWith('HQ-'))).toEqual(expected);
    expect(published.ok).toBe(false);
    for (const sandbox of [platforms.vosoSandbox, platforms.postmartSandbox]) {
      const skus = sandbox.state.listings().flatMap((l) => [l.sellerSku, ...l.variants.map((v) => v.sku)]);
      expect([...new Set(skus.filter((sku) => sku.startsWith('HQ-')))]).toEqual(['HQ-A']);
    }
    const valid = published.items.filter((i) => i.sku === 'HQ-A');
    expect(valid.map((i) => i.outcome)).toEqual(['created', 'created']);
  }, 120_000);

  it('a box shows what its components make; an order of boxes reserves the components everywhere', async () => {
    const catalog = [...loadSeedCatalog(), giftBox()];
    const published = await connector.publish(catalog);
    expect(published.items.filter((i) => i.outcome === 'failed' || i.outcome === 'invalid')).toEqual([]);
    // honey 40, tea 90 (2 per box → 45), chè vằng 200 g 30 → 30 boxes
    for (const sandbox of [platforms.vosoSandbox, platforms.postmartSandbox])
      expect(sandbox.state.stockOf('VL-HOPQUA')).toBe(30);

    // 5 boxes bought on Voso: 5 honey, 10 tea, 5 chè vằng held; Postmart follows, box count too.
    expect(platforms.vosoSandbox.buyers.placeOrder({ sku: 'VL-HOPQUA', quantity: 5 }).ok).toBe(true);
    // …and 12 jars of honey sold alone on Postmart make honey the scarcest: 40 − 5 − 12 = 23 boxes.
    expect(platforms.postmartSandbox.buyers.placeOrder({ sku: 'VL-MO', quantity: 12 }).ok).toBe(true);
    const synced = await connector.syncInventory();
    expect(synced.ok).toBe(true);
    const line = (sku: string) => synced.stock.find((s) => s.sku === sku)!;
    expect([line('VL-MO').reserved, line('VL-TRM').reserved, line('VL-CCV-200').reserved]).toEqual([
      17, 10, 5,
    ]);
    expect([line('VL-HOPQUA').onHand, line('VL-HOPQUA').reserved, line('VL-HOPQUA').available]).toEqual([
      23, 0, 23,
    ]);
    for (const sandbox of [platforms.vosoSandbox, platforms.postmartSandbox]) {
      expect([
        sandbox.state.stockOf('VL-MO'),
        sandbox.state.stockOf('VL-TRM'),
        sandbox.state.stockOf('VL-CCV-200'),
        sandbox.state.stockOf('VL-HOPQUA'),
      ]).toEqual([23, 80, 25, 23]);
    }

    // The box order is cancelled: its components come back, and so do the boxes.
    const boxOrder = platforms.vosoSandbox.state.orders().find((o) => o.lines[0]!.sku === 'VL-HOPQUA')!;
    expect(platforms.vosoSandbox.buyers.cancel(boxOrder.id).ok).toBe(true);
    const again = await connector.syncInventory();
    const lineAfter = (sku: string) => again.stock.find((s) => s.sku === sku)!;
    expect([
      lineAfter('VL-MO').reserved,
      lineAfter('VL-TRM').reserved,
      lineAfter('VL-HOPQUA').available,
    ]).toEqual([12, 0, 28]);
    expect(platforms.postmartSandbox.state.stockOf('VL-HOPQUA')).toBe(28);
  }, 120_000);

  it('the library compares component SKUs without case; an invalid box is never linked nor counted, and a box order reserves all its components or none (#19 re-trial MEDIUM 4)', async () => {
    const lower = giftBox({
      bundle: {
        components: [
          { sku: 'VL-MO', quantity: 1 },
          { sku: 'vl-trm', quantity: 2 },
          { sku: 'vl-ccv-200', quantity: 1 },
        ],
      },
    });
    const bad = giftBox({
      sku: 'HQ-BAD',
      name: 'Hộp quà OCOP HQ-BAD',
      bundle: {
        components: [
          { sku: 'VL-MO', quantity: 1 },
          { sku: 'VL-KHONG-CO', quantity: 1 },
        ],
      },
    });
    const catalog = [...loadSeedCatalog(), lower, bad];
    const published = await connector.publish(catalog);
    const boxItems = published.items.filter((i) => i.sku === 'VL-HOPQUA');
    expect(boxItems.map((i) => i.outcome)).toEqual(['created', 'created']);
    expect(published.items.filter((i) => i.sku === 'HQ-BAD').map((i) => i.outcome)).toEqual([
      'invalid',
      'invalid',
    ]);
    expect(platforms.vosoSandbox.state.stockOf('VL-HOPQUA')).toBe(30);

    // The invalid box is refused by linkListings, with the component named, in both languages.
    const listing = boxItems.find((i) => i.platform === 'voso')!.remoteId!;
    const linked = await connector.linkListings(
      [{ platform: 'voso', remoteId: listing, accept: true, productSku: 'HQ-BAD' }],
      // Each row valid on its own (as a caller's catalog may be): the box's components are checked here.
      {
        catalog: catalog.flatMap((p) => {
          const v = validateProduct(p);
          return v.ok ? [v.value] : [];
        }),
      },
    );
    expect(linked.items.map((i) => i.outcome)).toEqual(['failed']);
    expect(linked.items[0]!.messageVi).toContain('VL-KHONG-CO');
    expect(linked.items[0]!.message).toContain('VL-KHONG-CO');

    // Stock sync with the same catalog: the bad box is reported, and never enters the ledger.
    expect(platforms.vosoSandbox.buyers.placeOrder({ sku: 'VL-HOPQUA', quantity: 3 }).ok).toBe(true);
    const synced = await connector.syncInventory({ catalog });
    expect(synced.catalogIssues.map((i) => [i.sku, i.code])).toEqual([
      ['HQ-BAD', 'bundle.unknown_component'],
    ]);
    const line = (sku: string) => synced.stock.find((s) => s.sku === sku);
    // Every component of the lower-case box is reserved: 3 honey, 6 tea, 3 chè vằng.
    expect([line('VL-MO')!.reserved, line('VL-TRM')!.reserved, line('VL-CCV-200')!.reserved]).toEqual([
      3, 6, 3,
    ]);
    expect(line('HQ-BAD')).toBeUndefined();
  }, 120_000);
});
