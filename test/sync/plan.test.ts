import { describe, expect, it } from 'vitest';
import { type ProductInput, ProductSchema } from '../../src/model/product.js';
import { BulkBatcher } from '../../src/sync/publish/bulk-batcher.js';
import { canonicalJson } from '../../src/sync/publish/canonical-hash.js';
import {
  decodeFingerprint,
  encodeFingerprint,
  fingerprintListing,
  fingerprintProduct,
} from '../../src/sync/publish/listing-fingerprint.js';
import { planListing } from '../../src/sync/publish/plan.js';
import { WorkQueue } from '../../src/sync/publish/work-queue.js';
import { loadSeedCatalog, makeProduct } from './helpers.js';

const parse = (input: ProductInput) => ProductSchema.parse(input);
const fp = (input: ProductInput, images: string[] = ['sha256:a'], mapping = { categoryId: '1001' }) =>
  fingerprintListing(fingerprintProduct(parse(input), images), mapping, 'spec-a');

describe('listing fingerprints and the plan', () => {
  const base = makeProduct(1);
  const before = fp(base);

  it('fingerprints stored by earlier versions still match (an upgrade resends nothing)', () => {
    // Pinned from the version that built each canonical string piece by piece: the incremental writer
    // must give the same bytes, or every listing of every shop would look changed after an upgrade.
    const seedWithVariants = loadSeedCatalog().find((p) => p.sku === 'VL-TBN');
    expect(seedWithVariants?.variants?.length).toBeGreaterThan(1);
    const encoded = (input: ProductInput) =>
      encodeFingerprint(
        fingerprintListing(
          fingerprintProduct(parse(input), ['sha256:a', 'url:https://x/y.jpg']),
          { categoryId: '1001', attributes: { '10': 'x', '9': 'y', b: 'z' } },
          'spec-a',
        ),
      );
    expect(encoded(makeProduct(7))).toBe(
      'v1:015a7d64ecef1667:8ac0f137e99c8244:136f6d1a918220a6:c2bd4c79d9da4284',
    );
    expect(encoded(seedWithVariants!)).toBe(
      'v1:abbf2c910d6c19f8:8ac0f137e99c8244:40f75724101f4745:960d73ad0c2e9d44',
    );
    // Keys in code-unit order at every level ('10' < '9' < 'b'), numbers as JSON writes them.
    expect(canonicalJson({ b: 1, 9: [2.5, -0, 1e21], 10: { z: null, a: 'é' } })).toBe(
      '{"10":{"a":"é","z":null},"9":[2.5,0,1e+21],"b":1}',
    );
  });

  it('an identical product (keys in another order) is unchanged', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as ProductInput;
    expect(planListing(fp(reordered), before, true)).toEqual({ action: 'unchanged', changes: [] });
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}');
  });

  it('tells stock-only, price-only, content, images and category changes apart', () => {
    const changes = (input: ProductInput, images?: string[], mapping?: { categoryId: string }) =>
      planListing(fp(input, images, mapping), before, true).changes;
    expect(changes({ ...base, stock: 0 })).toEqual(['stock']);
    expect(changes({ ...base, priceVnd: 1_000 })).toEqual(['price']);
    expect(changes({ ...base, listPriceVnd: 999_000 })).toEqual(['price']);
    expect(changes({ ...base, priceVnd: 1_000, stock: 3 })).toEqual(['price', 'stock']);
    expect(changes({ ...base, description: 'Mô tả mới cho mùa vụ 2026' })).toEqual(['content']);
    expect(changes(base, ['sha256:b'])).toEqual(['images']);
    expect(changes(base, undefined, { categoryId: '1002' })).toEqual(['content']);
  });

  it('variant structure is content; a variant’s stock is stock', () => {
    const withVariants: ProductInput = {
      ...base,
      priceVnd: undefined,
      stock: undefined,
      weightGrams: undefined,
      variants: [
        { sku: 'V-1', options: { 'Dung tích': '250 ml' }, priceVnd: 90_000, stock: 5, weightGrams: 400 },
        { sku: 'V-2', options: { 'Dung tích': '500 ml' }, priceVnd: 160_000, stock: 2, weightGrams: 700 },
      ],
    };
    const v0 = fp(withVariants);
    const variants = withVariants.variants!;
    const restock = { ...withVariants, variants: [variants[0]!, { ...variants[1]!, stock: 0 }] };
    expect(planListing(fp(restock), v0, true).changes).toEqual(['stock']);
    const third = {
      sku: 'V-3',
      options: { 'Dung tích': '1 l' },
      priceVnd: 300_000,
      stock: 1,
      weightGrams: 1200,
    };
    expect(planListing(fp({ ...withVariants, variants: [...variants, third] }), v0, true).changes).toEqual([
      'content',
      'price',
      'stock',
    ]);
  });

  it('no record → create; an unreadable stored hash → update everything', () => {
    expect(planListing(before, undefined, false).action).toBe('create');
    expect(decodeFingerprint('adopted')).toBeUndefined();
    expect(planListing(before, decodeFingerprint('adopted'), true).changes).toEqual([
      'content',
      'images',
      'price',
      'stock',
    ]);
    expect(decodeFingerprint(encodeFingerprint(before))).toEqual(before);
  });
});

describe('BulkBatcher', () => {
  it('coalesces items from many callers into batches of the platform maximum, results per SKU', async () => {
    const calls: string[][] = [];
    const batcher = new BulkBatcher<{ sku: string; quantity: number }>(
      async (items) => {
        calls.push(items.map((i) => i.sku));
        return items.map((i) =>
          i.quantity < 0
            ? { sku: i.sku, ok: false as const, code: 'INVALID_STOCK', message: 'bad', retriable: false }
            : { sku: i.sku, ok: true as const },
        );
      },
      3,
      () => (sku) => ({ sku, ok: false, code: 'x', message: 'x', retriable: true }),
    );
    const [a, b, c] = await Promise.all([
      batcher.add([{ sku: 'A', quantity: 1 }]),
      batcher.add([
        { sku: 'B', quantity: -1 },
        { sku: 'C', quantity: 0 },
      ]),
      batcher.add([
        { sku: 'D', quantity: 2 },
        { sku: 'E', quantity: 3 },
      ]),
    ]);
    expect(calls).toEqual([
      ['A', 'B', 'C'],
      ['D', 'E'],
    ]);
    expect(a).toEqual([{ sku: 'A', ok: true }]);
    expect(b.map((r) => r.ok)).toEqual([false, true]);
    expect(c.map((r) => r.ok)).toEqual([true, true]);
  });

  it('a failing call fails exactly the SKUs it carried', async () => {
    let n = 0;
    const batcher = new BulkBatcher<{ sku: string }>(
      async (items) => {
        n++;
        if (n === 1) throw new Error('503');
        return items.map((i) => ({ sku: i.sku, ok: true as const }));
      },
      2,
      (error) => (sku) => ({ sku, ok: false, code: 'SERVER', message: String(error), retriable: true }),
    );
    const results = await Promise.all([
      batcher.add([{ sku: 'A' }, { sku: 'B' }]),
      batcher.add([{ sku: 'C' }]),
    ]);
    expect(results.flat().map((r) => [r.sku, r.ok])).toEqual([
      ['A', false],
      ['B', false],
      ['C', true],
    ]);
  });
});

describe('WorkQueue', () => {
  it('never runs more than its concurrency at once', async () => {
    const queue = new WorkQueue(3);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
    };
    await Promise.all(Array.from({ length: 20 }, () => queue.run(task)));
    await queue.onIdle();
    expect(peak).toBe(3);
  });

  it('lets a producer wait until few enough tasks wait', async () => {
    const queue = new WorkQueue(1);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const tasks = Array.from({ length: 5 }, () => queue.run(() => gate));
    let roomy = false;
    const room = queue.waitForRoom(2).then(() => {
      roomy = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(roomy).toBe(false);
    release();
    await room;
    expect(queue.waiting).toBeLessThan(2);
    await Promise.all(tasks);
  });
});
