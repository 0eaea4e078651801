import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { applyCatalogCounts } from '../../src/sync/inventory/catalog-counts.js';
import { makeProduct } from './helpers.js';

/**
 * #17 item 1 (where the start-up time went): a publish records the catalog's stock counts before its
 * first request. One store transaction per SKU made a 300-product hub job wait ~1.5 s on PostgreSQL
 * (300 serialised transactions) with its account idle. The counts are now recorded in batches.
 */
describe('catalog counts: one store transaction per batch, not per SKU', () => {
  it('300 products: one transaction, every count recorded; a recount still replaces onHand', async () => {
    const store = createMemoryStore();
    let transactions = 0;
    const transaction = store.transaction.bind(store);
    store.transaction = ((fn: never) => {
      transactions += 1;
      return transaction(fn);
    }) as typeof store.transaction;
    const catalog = Array.from({ length: 300 }, (_, i) => makeProduct(i, [], { stock: 10 + (i % 7) }));
    const issues: unknown[] = [];
    await applyCatalogCounts(store, catalog, issues as never);
    expect(issues).toEqual([]);
    // One for the counts (recordBundles adds at most one of its own).
    expect(transactions).toBeLessThanOrEqual(2);
    const stock = await store.listStock();
    expect(stock).toHaveLength(300);
    expect(stock.find((s) => s.sku === catalog[5]!.sku)).toMatchObject({ onHand: 15, reserved: 0 });
    // A recount of one SKU still replaces onHand and keeps what is reserved.
    await store.putStock({ sku: catalog[5]!.sku, onHand: 15, reserved: 2 });
    const changed = catalog.map((p, i) => (i === 5 ? { ...p, stock: 40 } : p));
    await applyCatalogCounts(store, changed, issues as never);
    expect(await store.getStock(catalog[5]!.sku)).toMatchObject({ onHand: 40, reserved: 2 });
    expect(await store.getStock(catalog[6]!.sku)).toMatchObject({ onHand: 16, reserved: 0 });
  });
});
