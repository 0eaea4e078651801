import { afterEach, describe, expect, it } from 'vitest';
import { postmart } from '../../src/platforms/postmart/index.js';
import { startPostmartSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { publish } from '../../src/sync/index.js';
import { CATEGORIES, createImagePreparer, makeJpeg, makeProduct } from './helpers.js';

/**
 * #13: a platform that does NOT refuse a duplicate SKU, and a create that commits after the client
 * timed out. The recovery must look again or report the outcome as unknown — never a second listing.
 */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

async function setUp(commitLateMs: number) {
  const sandbox: MarketplaceSandbox = await startPostmartSandbox({
    acceptDuplicateSkus: true,
    faults: { commitLate: { createListing: 1 }, commitLateMs },
  });
  opened.push(sandbox);
  const adapter = postmart({
    baseUrl: sandbox.baseUrl,
    credentials: {
      username: sandbox.credentials.username,
      password: sandbox.credentials.password,
      customerCode: sandbox.credentials.customerCode ?? '',
    },
    timeoutMs: 400,
    retry: { initialDelayMs: 20, maxDelayMs: 50 },
  });
  opened.push(adapter);
  const product = makeProduct(1, [await makeJpeg(1, 640)]);
  const store = createMemoryStore();
  const run = () =>
    publish([product], { to: [adapter], store, images: createImagePreparer(), categories: CATEGORIES });
  const copies = () => sandbox.state.listings().filter((l) => l.sellerSku === product.sku).length;
  return { sandbox, run, copies, product, adapter };
}

describe('lost create on a platform that accepts duplicate SKUs', () => {
  it('the sandbox mode really accepts a second listing with the same SKU (here: a lost state store)', async () => {
    const { sandbox, product, adapter, copies } = await setUp(0);
    sandbox.setFaults({});
    for (let i = 0; i < 2; i++) {
      // A fresh store each time: the publisher knows nothing of the first listing.
      await publish([product], {
        to: [adapter],
        store: createMemoryStore(),
        images: createImagePreparer(),
        categories: CATEGORIES,
        // Past the "shop already has listings: run match first" guard, on purpose.
        assumeNoExistingListings: true,
      });
    }
    expect(copies()).toBe(2);
  });

  it('a create committed after the client gave up is found by looking again: one listing', async () => {
    const { sandbox, run, copies } = await setUp(1_200);
    const report = await run();
    expect(sandbox.stats.lateCommits).toBe(1);
    expect(report.items[0]?.outcome).toBe('created');
    // One create sent; the listing the client reports is the one the platform holds.
    expect(sandbox.stats.requests.createListing).toBe(1);
    expect(copies()).toBe(1);
    expect(report.items[0]?.remoteId).toBe(String(sandbox.state.listings()[0]?.id));
  }, 20_000);

  it('a create that commits later still is reported outcome-unknown, and the next run adopts it: never two', async () => {
    const { sandbox, run, copies } = await setUp(4_000);
    const first = await run();
    expect(first.items[0]?.outcome).toBe('failed');
    expect(first.items[0]?.error?.kind).toBe('outcome_unknown');
    expect(copies()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(copies()).toBe(1);
    const second = await run();
    expect(second.items[0]?.recovered).toBe(true);
    expect(copies()).toBe(1);
    expect(sandbox.stats.requests.createListing).toBe(1);
  }, 30_000);
});
