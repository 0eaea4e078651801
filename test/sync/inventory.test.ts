import { afterEach, describe, expect, it } from 'vitest';
import type { ProductInput } from '../../src/model/product.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import {
  ORDER_CHECKPOINT_NAMESPACE,
  publish,
  type SyncInventoryOptions,
  syncInventory,
} from '../../src/sync/index.js';
import {
  CATEGORIES,
  createImagePreparer,
  makeJpeg,
  makeProduct,
  type Platforms,
  publishPrepared,
  startPlatforms,
} from './helpers.js';

// One fake clock for both sandboxes and the engine: order times and windows are exact, never racy.
let clockMs = Date.UTC(2026, 10, 27, 3, 0, 0);
const tick = (ms = 5_000) => {
  clockMs += ms;
};

describe('syncInventory against the Voso and Postmart sandboxes', () => {
  let platforms: Platforms;
  let store: MemoryStore;
  let catalog: ProductInput[];

  async function setup(stocks: number[], retries = 2): Promise<void> {
    platforms = await startPlatforms({ rps: 100, retries, sandbox: { now: () => clockMs } });
    store = createMemoryStore();
    catalog = await Promise.all(
      stocks.map(async (stock, i) => makeProduct(i + 1, [await makeJpeg(i + 1)], { stock })),
    );
    const report = await publishPrepared(catalog, {
      to: platforms.adapters,
      store,
    });
    expect(report.items.map((i) => i.outcome)).toEqual(catalog.flatMap(() => ['created', 'created']));
    tick();
  }

  const sync = (extra: Partial<SyncInventoryOptions> = {}) => {
    tick();
    return syncInventory({ marketplaces: platforms.adapters, store, catalog, now: () => clockMs, ...extra });
  };
  const stockUpdates = () =>
    (platforms.vosoSandbox.stats.requests.updateStock ?? 0) +
    (platforms.postmartSandbox.stats.requests.updateStock ?? 0);
  const place = (sandbox: Platforms['vosoSandbox'], sku: string, quantity = 1) => {
    const placed = sandbox.buyers.placeOrder({ sku, quantity });
    if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
    tick();
    return placed.order;
  };

  afterEach(async () => {
    await platforms.close();
  });

  it('an order on Voso lowers the quantity pushed to Postmart; a rerun without new orders writes nothing', async () => {
    await setup([10, 5]);
    const [a, b] = catalog.map((p) => p.sku);
    const order = place(platforms.vosoSandbox, a!, 2);
    expect(platforms.postmartSandbox.state.stockOf(a!)).toBe(10);

    const first = await sync();
    expect(first.ok).toBe(true);
    expect(first.orders).toEqual([
      {
        platform: 'voso',
        account: 'htx-demo',
        externalId: order.id,
        status: 'PENDING_CONFIRM',
        to: 'reserved',
        lines: { [a!]: 2 },
      },
    ]);
    expect(first.stock).toEqual([
      { sku: a, onHand: 10, reserved: 2, available: 8 },
      { sku: b, onHand: 5, reserved: 0, available: 5 },
    ]);
    expect(platforms.postmartSandbox.state.stockOf(a!)).toBe(8);
    expect(platforms.vosoSandbox.state.stockOf(a!)).toBe(8);
    expect(platforms.postmartSandbox.state.stockOf(b!)).toBe(5);
    const pushedA = first.pushes.filter((p) => p.sku === a).map((p) => [p.platform, p.quantity, p.ok]);
    expect(pushedA.sort()).toEqual([
      ['postmart', 8, true],
      ['voso', 8, true],
    ]);
    expect(first.oversold).toEqual([]);

    // (c) Same orders re-read through the overlap: nothing applied twice, no stock write at all.
    const writesBefore = stockUpdates();
    const second = await sync();
    expect(second.ok).toBe(true);
    expect(second.platforms.map((p) => p.ordersRead)).toEqual([1, 0]);
    expect(second.orders).toEqual([]);
    expect(second.pushes).toEqual([]);
    expect(second.stock.find((s) => s.sku === a)).toEqual({ sku: a, onHand: 10, reserved: 2, available: 8 });
    expect(stockUpdates()).toBe(writesBefore);

    // Shipping turns the reservation into units gone: on hand 8, reserved 0, available unchanged → no push.
    platforms.vosoSandbox.orders.advance(order.id, 'CONFIRMED');
    tick();
    platforms.vosoSandbox.orders.advance(order.id, 'READY_TO_SHIP');
    tick();
    platforms.vosoSandbox.orders.advance(order.id, 'SHIPPED');
    tick();
    const shipped = await sync();
    expect(shipped.orders).toEqual([
      {
        platform: 'voso',
        account: 'htx-demo',
        externalId: order.id,
        status: 'SHIPPED',
        from: 'reserved',
        to: 'consumed',
        lines: { [a!]: 2 },
      },
    ]);
    expect(shipped.stock.find((s) => s.sku === a)).toEqual({ sku: a, onHand: 8, reserved: 0, available: 8 });
    expect(shipped.pushes).toEqual([]);
    expect(stockUpdates()).toBe(writesBefore);
    const again = await sync();
    expect(again.orders).toEqual([]);
    expect((await store.getStock(a!))?.onHand).toBe(8);
  });

  it('the last unit sold on both platforms before a sync: available 0 everywhere and the oversell reported', async () => {
    await setup([1]);
    const sku = catalog[0]!.sku;
    const first = place(platforms.vosoSandbox, sku);
    tick(60_000);
    const second = place(platforms.postmartSandbox, sku);

    const result = await sync();
    expect(result.ok).toBe(true);
    expect(result.stock).toEqual([{ sku, onHand: 1, reserved: 2, available: 0 }]);
    expect(platforms.vosoSandbox.state.stockOf(sku)).toBe(0);
    expect(platforms.postmartSandbox.state.stockOf(sku)).toBe(0);
    // 0 is a real value: sent to both platforms, recorded as acknowledged.
    expect(result.pushes.map((p) => [p.platform, p.quantity, p.ok]).sort()).toEqual([
      ['postmart', 0, true],
      ['voso', 0, true],
    ]);
    // The earlier Voso order keeps the unit; the later Postmart one cannot be filled.
    expect(result.oversold).toEqual([
      {
        sku,
        onHand: 1,
        reserved: 2,
        shortBy: 1,
        orders: [
          {
            platform: 'postmart',
            account: 'htx-demo',
            externalId: second.id,
            quantity: 1,
            covered: 0,
            createdAt: expect.any(String),
          },
        ],
      },
    ]);
    expect(result.oversold[0]!.orders.map((o) => o.externalId)).not.toContain(first.id);
    // Told again on the next run until someone acts; still no stock write.
    const writes = stockUpdates();
    const rerun = await sync();
    expect(rerun.oversold).toEqual(result.oversold);
    expect(stockUpdates()).toBe(writes);
  });

  it('a cancelled order releases its reservation and the freed units reach every platform', async () => {
    await setup([10]);
    const sku = catalog[0]!.sku;
    const order = place(platforms.vosoSandbox, sku, 3);
    await sync();
    expect(platforms.postmartSandbox.state.stockOf(sku)).toBe(7);
    expect(await store.getStock(sku)).toMatchObject({ onHand: 10, reserved: 3 });

    tick();
    const cancelled = platforms.vosoSandbox.buyers.cancel(order.id);
    expect(cancelled.ok && cancelled.order.status).toBe('CANCELLED');
    tick();
    const result = await sync();
    expect(result.orders).toEqual([
      {
        platform: 'voso',
        account: 'htx-demo',
        externalId: order.id,
        status: 'CANCELLED',
        from: 'reserved',
        to: 'released',
        lines: { [sku]: 3 },
      },
    ]);
    expect(result.stock).toEqual([{ sku, onHand: 10, reserved: 0, available: 10 }]);
    expect(platforms.postmartSandbox.state.stockOf(sku)).toBe(10);
    expect(platforms.vosoSandbox.state.stockOf(sku)).toBe(10);
    // Voso gave the 3 units back itself when the order was cancelled: only Postmart needs the new value.
    expect(result.pushes.map((p) => [p.platform, p.previous, p.quantity]).sort()).toEqual([
      ['postmart', 7, 10],
    ]);
  });

  it('a failed stock push on one platform hides nothing and is retried by the next run', async () => {
    await setup([8], 0);
    const sku = catalog[0]!.sku;
    place(platforms.vosoSandbox, sku, 3);
    platforms.postmartSandbox.setFaults({ failNext: { updateStock: 1 } });
    const failed = await sync();
    expect(failed.ok).toBe(false);
    expect(failed.pushes.map((p) => [p.platform, p.quantity, p.ok]).sort()).toEqual([
      ['postmart', 5, false],
      ['voso', 5, true],
    ]);
    expect(failed.pushes.find((p) => !p.ok)?.error?.kind).toBe('server');
    expect(failed.platforms.map((p) => [p.platform, p.pushed, p.pushFailed])).toEqual([
      ['voso', 1, 0],
      ['postmart', 0, 1],
    ]);
    expect(platforms.vosoSandbox.state.stockOf(sku)).toBe(5);
    expect(platforms.postmartSandbox.state.stockOf(sku)).toBe(8);

    const retried = await sync();
    expect(retried.ok).toBe(true);
    expect(retried.pushes.map((p) => [p.platform, p.quantity, p.ok])).toEqual([['postmart', 5, true]]);
    expect(platforms.postmartSandbox.state.stockOf(sku)).toBe(5);
  });

  it('reconcile reads stock back and repairs a platform changed behind the ledger’s back', async () => {
    await setup([6]);
    const sku = catalog[0]!.sku;
    await sync();
    platforms.postmartSandbox.state.setStock(sku, 50); // edited in the seller centre
    const writes = stockUpdates();
    // Without reading back, the recorded push (6) says nothing changed.
    expect((await sync()).pushes).toEqual([]);
    expect(stockUpdates()).toBe(writes);
    const result = await sync({ reconcile: true });
    expect(result.ok).toBe(true);
    expect(result.pushes.map((p) => [p.platform, p.previous, p.quantity, p.ok])).toEqual([
      ['postmart', 50, 6, true],
    ]);
    expect(platforms.postmartSandbox.state.stockOf(sku)).toBe(6);
    expect((await sync({ reconcile: true })).pushes).toEqual([]);
  });

  it('a failed order page does not advance the checkpoint; the next run reads the order', async () => {
    await setup([4], 0);
    const sku = catalog[0]!.sku;
    await sync();
    const checkpoint = await store.getCheckpoint(ORDER_CHECKPOINT_NAMESPACE, 'voso/htx-demo');
    expect(checkpoint).toBeDefined();

    const order = place(platforms.vosoSandbox, sku);
    platforms.vosoSandbox.setFaults({ failNext: { listOrders: 1 } });
    const failed = await sync();
    expect(failed.ok).toBe(false);
    const [voso, postmart] = failed.platforms;
    expect(voso).toMatchObject({ platform: 'voso', ordersComplete: false, checkpointAdvanced: false });
    expect(voso!.error?.kind).toBe('server');
    // The other platform is read and pushed as usual.
    expect(postmart).toMatchObject({ platform: 'postmart', ordersComplete: true });
    expect(postmart!.error).toBeUndefined();
    expect(await store.getCheckpoint(ORDER_CHECKPOINT_NAMESPACE, 'voso/htx-demo')).toEqual(checkpoint);
    expect(await store.getStock(sku)).toMatchObject({ onHand: 4, reserved: 0 });

    const next = await sync();
    expect(next.ok).toBe(true);
    expect(next.orders.map((o) => o.externalId)).toEqual([order.id]);
    expect(await store.getStock(sku)).toMatchObject({ onHand: 4, reserved: 1 });
    expect(platforms.postmartSandbox.state.stockOf(sku)).toBe(3);
    expect((await store.getCheckpoint(ORDER_CHECKPOINT_NAMESPACE, 'voso/htx-demo'))?.cursor).not.toBe(
      checkpoint?.cursor,
    );
  });
});

describe('createConnector().syncInventory', () => {
  it('uses the connector’s marketplaces and store', async () => {
    const { createConnector } = await import('../../src/connector.js');
    const platforms = await startPlatforms({ rps: 100, retries: 2 });
    try {
      const store = createMemoryStore();
      const product = makeProduct(7, [await makeJpeg(7)], { stock: 3 });
      const connector = createConnector({
        marketplaces: platforms.adapters,
        store,
        images: createImagePreparer(),
        categories: CATEGORIES,
      });
      await connector.publish([product]);
      const placed = platforms.postmartSandbox.buyers.placeOrder({ sku: product.sku, quantity: 1 });
      expect(placed.ok).toBe(true);
      const result = await connector.syncInventory({ catalog: [product] });
      expect(result.stock).toEqual([{ sku: product.sku, onHand: 3, reserved: 1, available: 2 }]);
      expect(platforms.vosoSandbox.state.stockOf(product.sku)).toBe(2);
      expect(await store.getStock(product.sku)).toMatchObject({ onHand: 3, reserved: 1 });
    } finally {
      await platforms.close();
    }
  });
});

describe('syncInventory with a FileStore', () => {
  it('keeps ledger, order records and pushes across a reopen: the rerun applies and sends nothing', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createFileStore } = await import('../../src/store/file-store.js');
    const dir = await mkdtemp(join(tmpdir(), 'ocop-inventory-'));
    const platforms = await startPlatforms({ rps: 100, retries: 2 });
    try {
      const product = makeProduct(9, [await makeJpeg(9)], { stock: 5 });
      let store = await createFileStore({ dir });
      await publish([product], {
        to: platforms.adapters,
        store,
        images: createImagePreparer(),
        categories: CATEGORIES,
      });
      expect(platforms.vosoSandbox.buyers.placeOrder({ sku: product.sku, quantity: 2 }).ok).toBe(true);
      const first = await syncInventory({ marketplaces: platforms.adapters, store, catalog: [product] });
      expect(first.stock).toEqual([{ sku: product.sku, onHand: 5, reserved: 2, available: 3 }]);
      await store.close();

      store = await createFileStore({ dir });
      const requestsBefore = platforms.postmartSandbox.stats.requests.updateStock ?? 0;
      const rerun = await syncInventory({ marketplaces: platforms.adapters, store, catalog: [product] });
      expect(rerun.orders).toEqual([]);
      expect(rerun.pushes).toEqual([]);
      expect(rerun.stock).toEqual(first.stock);
      expect(platforms.postmartSandbox.stats.requests.updateStock ?? 0).toBe(requestsBefore);
      expect(platforms.postmartSandbox.state.stockOf(product.sku)).toBe(3);
      await store.close();
    } finally {
      await platforms.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
