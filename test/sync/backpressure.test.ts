import { describe, expect, it } from 'vitest';
import type { ProductInput } from '../../src/model/product.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { publish } from '../../src/sync/index.js';
import { MAX_PENDING_BULK_TASKS, MAX_WAITING_TASKS } from '../../src/sync/publish/platform-publisher.js';
import { PLANNING_WINDOW } from '../../src/sync/publish/publish-run.js';
import { FAKE_CATEGORIES, fakeMarketplace } from './fake-marketplace.js';
import { makeProduct } from './helpers.js';

describe('planning never runs far ahead of sending', () => {
  it('a streamed catalog of stock changes is held only a bounded number of rows at a time', async () => {
    const rows = MAX_PENDING_BULK_TASKS * 3;
    const fake = fakeMarketplace();
    const store = createMemoryStore();
    const catalog = (stockOffset: number): ProductInput[] =>
      Array.from({ length: rows }, (_, i) => ({ ...makeProduct(i), stock: (i % 5) + stockOffset }));
    const first = await publish(catalog(0), { to: [fake.adapter], store, categories: FAKE_CATEGORIES });
    expect(first.platforms[0]).toMatchObject({ created: rows });

    let pulled = 0;
    let applied = 0;
    let maxAhead = 0;
    fake.onStock((updates) => {
      applied += updates.length;
    });
    function* streamed(): Generator<ProductInput> {
      for (const product of catalog(1)) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - applied);
        yield product;
      }
    }
    const report = await publish(streamed(), { to: [fake.adapter], store, categories: FAKE_CATEGORIES });
    expect(report.platforms[0]).toMatchObject({ updated: rows, failed: 0 });
    expect(fake.calls).toMatchObject({ update: 0, stockItems: rows });
    // Full batches, except the few rows still being planned when planning paused for room (each
    // pause may send one partial batch after the coalescing delay).
    expect(fake.calls.setStock).toBeGreaterThanOrEqual(Math.ceil(rows / 50));
    expect(fake.calls.setStock).toBeLessThanOrEqual(Math.ceil(rows / 50) + 3);
    // Rows read but not yet applied never exceed the bulk allowance, plus the rows whose planning is
    // still finishing and the row being read.
    expect(maxAhead).toBeLessThanOrEqual(MAX_PENDING_BULK_TASKS + PLANNING_WINDOW + 1);
    expect(maxAhead).toBeGreaterThan(MAX_PENDING_BULK_TASKS / 2);
  });

  it('creates wait in a bounded queue while planning pauses', async () => {
    const fake = fakeMarketplace();
    let pulled = 0;
    let maxAhead = 0;
    const create = fake.adapter.createListing;
    fake.adapter.createListing = async (draft, options) => {
      maxAhead = Math.max(maxAhead, pulled - fake.calls.create);
      await new Promise((r) => setTimeout(r, 0));
      return create(draft, options);
    };
    function* streamed(): Generator<ProductInput> {
      for (let i = 0; i < MAX_WAITING_TASKS * 3; i++) {
        pulled++;
        yield makeProduct(i);
      }
    }
    const report = await publish(streamed(), {
      to: [fake.adapter],
      store: createMemoryStore(),
      categories: FAKE_CATEGORIES,
      concurrency: 4,
    });
    expect(report.platforms[0]).toMatchObject({ created: MAX_WAITING_TASKS * 3 });
    expect(maxAhead).toBeLessThanOrEqual(MAX_WAITING_TASKS + 4 + PLANNING_WINDOW + 1);
  });
});
