import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { SANDBOX_CATEGORIES, type ShopeeSandbox, startShopeeSandbox } from '../../src/sandbox/index.js';
import { createFileStore } from '../../src/store/file-store.js';
import { createImagePreparer, loadSeedCatalog } from './helpers.js';

/**
 * #15 trial item 1: a publish interrupted between Shopee add_item and init_tier_variation left the item
 * without its variants; the next run reported it created, later runs unchanged. The next run (a fresh
 * connector on the same FileStore) must finish the variants before reporting created.
 */
const retry = { initialDelayMs: 5, maxDelayMs: 10, maxElapsedMs: 200 };
const categories = {
  shopee: SANDBOX_CATEGORIES.shopee,
};

describe('shopee two-step create, interrupted', () => {
  let sandbox: ShopeeSandbox;
  let dir: string;
  beforeEach(async () => {
    sandbox = await startShopeeSandbox({ rateLimitRps: false });
    dir = mkdtempSync(join(tmpdir(), 'ocop-shopee-two-step-'));
  });
  afterEach(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (products: ReturnType<typeof loadSeedCatalog>) => {
    const store = await createFileStore({ dir });
    const connector = createConnector({
      marketplaces: [shopee({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry })],
      store,
      categories,
      images: createImagePreparer({ concurrency: 1 }),
    });
    try {
      return await connector.publish(products);
    } finally {
      await connector.close();
      await store.close();
    }
  };

  it('the next run completes init_tier_variation before reporting created; a further run is unchanged', async () => {
    const products = loadSeedCatalog().filter((p) => p.sku === 'VL-TBN');
    expect(products).toHaveLength(1);
    // add_item lands, every init_tier_variation fails: the process stops between the two steps.
    sandbox.setFaults({ failNext: { initTierVariation: 1000 } });
    const first = await run(products);
    expect(first.items.map((i) => [i.sku, i.outcome])).toEqual([['VL-TBN', 'failed']]);
    // The item exists, sold as one model under the item SKU: no tier variation yet.
    expect(sandbox.state.listingBySku('VL-TBN')!.variants.map((v) => v.sku)).toEqual(['VL-TBN']);

    sandbox.setFaults({});
    const second = await run(products);
    expect(second.items.map((i) => [i.sku, i.outcome])).toEqual([['VL-TBN', 'created']]);
    const listing = sandbox.state.listingBySku('VL-TBN')!;
    expect(listing.variants.map((v) => v.sku).sort()).toEqual(['VL-TBN-100', 'VL-TBN-500']);
    expect(sandbox.state.listings()).toHaveLength(1);

    const third = await run(products);
    expect(third.items.map((i) => [i.sku, i.outcome])).toEqual([['VL-TBN', 'unchanged']]);
  });
});
