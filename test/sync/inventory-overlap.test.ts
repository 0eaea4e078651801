import { afterEach, describe, expect, it } from 'vitest';
import type { ProductInput } from '../../src/model/product.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import {
  ORDER_CHECKPOINT_NAMESPACE,
  type SyncInventoryOptions,
  syncInventory,
} from '../../src/sync/index.js';
import { makeJpeg, makeProduct, type Platforms, publishPrepared, startPlatforms } from './helpers.js';

// The overlap rule (docs/inventory.md): a run re-reads a small fresh overlap, and every order once more
// after `overlapMs` has passed, so a run without new orders is cheap and a late order is never missed.

const MINUTE = 60_000;
const OVERLAP = 10 * MINUTE; // the default overlapMs

// One fake clock for the engine; the sandboxes' clock can lag behind it: an order placed while it lags
// carries an update time in the past — it becomes visible late (counted at arrival).
let clockMs = Date.UTC(2026, 11, 3, 3, 0, 0);
let lagMs = 0;

describe('inventory sync: the overlap re-read after a clean run is small, late orders are still seen', () => {
  let platforms: Platforms;
  let store: MemoryStore;
  let catalog: ProductInput[];

  async function setup(stock: number): Promise<string> {
    platforms = await startPlatforms({ rps: 200, sandbox: { now: () => clockMs - lagMs } });
    store = createMemoryStore();
    catalog = [await makeProduct(1, [await makeJpeg(1)], { stock })];
    const report = await publishPrepared(catalog, {
      to: platforms.adapters,
      store,
    });
    expect(report.items.map((i) => i.outcome)).toEqual(['created', 'created']);
    return catalog[0]!.sku;
  }

  const sync = (extra: Partial<SyncInventoryOptions> = {}) =>
    syncInventory({ marketplaces: platforms.adapters, store, catalog, now: () => clockMs, ...extra });
  const vosoListCalls = () => platforms.vosoSandbox.stats.requests.listOrders ?? 0;
  const place = (sku: string) => {
    const placed = platforms.vosoSandbox.buyers.placeOrder({ sku });
    if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
    return placed.order;
  };

  afterEach(async () => {
    lagMs = 0;
    await platforms.close();
  });

  it('a second sync with no new orders re-reads only the fresh overlap; each order is read once more after it settled', async () => {
    const sku = await setup(1000);
    // 150 orders, one every 2 s, the last one 2 s before the first sync (all inside the 10-minute overlap).
    clockMs += MINUTE;
    const firstAt = clockMs + 5 * MINUTE;
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      clockMs = firstAt - 300_000 + 2_000 * i;
      ids.push(place(sku).id);
    }
    clockMs = firstAt;

    const first = await sync();
    expect(first.ok).toBe(true);
    expect(first.platforms[0]).toMatchObject({ platform: 'voso', ordersRead: 150, ordersApplied: 150 });
    expect(first.stock).toEqual([{ sku, onHand: 1000, reserved: 150, available: 850 }]);

    // 30 s later, no new order: only the orders of the last minute before the first sync are read again.
    clockMs += 30_000;
    const callsBefore = vosoListCalls();
    const second = await sync();
    expect(second.ok).toBe(true);
    expect(second.platforms[0]).toMatchObject({ ordersRead: 30, ordersApplied: 0 });
    expect(second.orders).toEqual([]);
    expect(vosoListCalls() - callsBefore).toBe(1); // one fresh page; 30 s settled is too little to sweep yet

    // Every minute for 12 minutes: the 15 orders of the last 30 s before the first sync are still inside
    // the next fresh overlap; then each order is read exactly once more after it settled — nothing applied twice.
    let reread = 0;
    for (let run = 0; run < 12; run++) {
      clockMs += MINUTE;
      const later = await sync();
      expect(later.ok).toBe(true);
      expect(later.orders).toEqual([]);
      reread += later.platforms[0]!.ordersRead;
    }
    expect(reread).toBe(15 + 150);
    expect((await store.getStock(sku))?.reserved).toBe(150);
    expect(platforms.vosoSandbox.state.stockOf(sku)).toBe(850);
  });

  it('an order that becomes visible 3 minutes late (outside the small overlap, inside overlapMs) is applied once, and the overlap grows', async () => {
    const sku = await setup(20);
    clockMs += MINUTE;
    place(sku);
    clockMs += 5_000;
    const first = await sync();
    expect(first.stock).toEqual([{ sku, onHand: 20, reserved: 1, available: 19 }]);
    const firstEnd = clockMs;

    // Placed after the first read, stamped 3 minutes before its end (the platform counted it late).
    lagMs = 3 * MINUTE;
    const late = place(sku);
    lagMs = 0;
    expect(late.updatedAtMs).toBeLessThan(firstEnd - MINUTE);

    // Syncs every minute: the order is seen once, at the latest when it has settled (overlapMs after it).
    const seenAt: number[] = [];
    for (let run = 0; run < 10; run++) {
      clockMs += MINUTE;
      const result = await sync();
      expect(result.ok).toBe(true);
      if (result.orders.some((o) => o.externalId === late.id)) seenAt.push(clockMs);
    }
    expect(seenAt).toHaveLength(1);
    expect(seenAt[0]).toBeLessThanOrEqual(late.updatedAtMs + OVERLAP + MINUTE);
    const stock = await store.getStock(sku);
    expect(stock).toMatchObject({ onHand: 20, reserved: 2 });

    // The sweep found an order the fresh overlap missed: the fresh overlap doubled (2 minutes), so the
    // next order late by 90 s is applied by the very next run instead of after it settled.
    const end = clockMs;
    lagMs = 90_000;
    const next = place(sku);
    lagMs = 0;
    expect(next.updatedAtMs).toBeLessThan(end - MINUTE);
    clockMs += 30_000;
    const after = await sync();
    expect(after.orders.map((o) => o.externalId)).toEqual([next.id]);
    expect(await store.getStock(sku)).toMatchObject({ onHand: 20, reserved: 3 });
  });

  it('a settled sweep cut after its first page resumes there on the next run: the late order in its second page is applied once', async () => {
    const sku = await setup(1000);
    // 120 orders, one every 2 s over the 4 minutes before the first sync.
    clockMs += MINUTE;
    const firstAt = clockMs + 5 * MINUTE;
    for (let i = 0; i < 120; i++) {
      clockMs = firstAt - 240_000 + 2_000 * i;
      place(sku);
    }
    clockMs = firstAt;
    expect((await sync()).platforms[0]).toMatchObject({ ordersRead: 120, ordersApplied: 120 });
    // Stamped 100 s before the first read's end, visible only after it.
    lagMs = firstAt + 100_000 - clockMs;
    const late = place(sku);
    lagMs = 0;
    expect(late.updatedAtMs).toBe(firstAt - 100_000);

    clockMs = firstAt + MINUTE; // fresh window only: the orders of the last minute, not the late one
    const fresh = await sync();
    expect(fresh.platforms[0]).toMatchObject({ ordersRead: 30, ordersApplied: 0 });

    // 9 minutes after the first sync the orders of [−9 min, −1 min] have settled: 90 + the late one,
    // two pages. The connection breaks after the first page.
    clockMs = firstAt + 9 * MINUTE;
    const voso = platforms.adapters[0]!;
    const original = voso.listOrders.bind(voso);
    voso.listOrders = (window, options) =>
      (async function* () {
        let n = 0;
        for await (const order of original(window, options)) {
          if (++n > 50) throw new Error('connection reset (test)');
          yield order;
        }
      })();
    const cut = await sync();
    expect(cut.ok).toBe(false);
    expect(cut.platforms[0]).toMatchObject({
      ordersRead: 50,
      checkpointAdvanced: true,
      ordersComplete: false,
    });
    expect(cut.orders).toEqual([]);
    Reflect.deleteProperty(voso, 'listOrders');

    // The next run finishes that sweep from its second page (41 orders, the late one among them); the
    // fresh window is empty and the 20 s settled since wait for a later sweep.
    clockMs += 20_000;
    const resumed = await sync();
    expect(resumed.ok).toBe(true);
    expect(resumed.platforms[0]).toMatchObject({ ordersRead: 41, ordersApplied: 1 });
    expect(resumed.orders.map((o) => o.externalId)).toEqual([late.id]);
    expect(await store.getStock(sku)).toMatchObject({ onHand: 1000, reserved: 121 });
  });

  it('a damaged order checkpoint is a StoreCorruptError naming it and the field, not a silent 30-day re-read', async () => {
    const sku = await setup(5);
    place(sku);
    clockMs += 5_000;
    expect((await sync()).ok).toBe(true);
    const key = 'voso/htx-demo';
    const good = (await store.getCheckpoint(ORDER_CHECKPOINT_NAMESPACE, key))!;
    for (const [cursor, field] of [
      [JSON.stringify({ ...JSON.parse(good.cursor), doneTo: 'hôm qua' }), '"doneTo"'],
      [JSON.stringify({ ...JSON.parse(good.cursor), settled: 1 }), '"settled"'],
      ['{"doneTo":', 'not JSON'],
    ] as const) {
      await store.putCheckpoint({ platform: ORDER_CHECKPOINT_NAMESPACE, account: key, cursor });
      clockMs += MINUTE;
      const error = await sync().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreCorruptError);
      expect((error as Error).message).toContain(`${ORDER_CHECKPOINT_NAMESPACE}/${key}`);
      expect((error as Error).message).toContain(field);
    }
    expect(await store.getStock(sku)).toMatchObject({ onHand: 5, reserved: 1 });
  });
});
