/**
 * Inventory re-sync cost: BENCH_ORDERS (default 10,000) orders placed on Voso over the 10 minutes before
 * the first sync (all inside the default overlapMs), then a second sync 1 minute later with no new order,
 * then one sync a minute until every order has settled (overlapMs after its update time).
 * Prints the order-page requests and the process CPU time (client and in-process sandbox together) of
 * each step:
 *   inventory resync orders N first-pages P first-cpu C ms
 *   inventory resync orders N second-pages P second-cpu C ms
 *   inventory resync orders N settle-runs R settle-pages P settle-orders-read O
 *   inventory resync orders N first-pages P second-pages Q
 * The settle line is the rest of the rule's price: each order is read once more after it settled
 * (docs/inventory.md, "Overlap rule").
 * Run: npx tsx bench/inventory-resync.ts   (or npm run bench inventory-resync)
 */
import { createImagePreparer } from '../src/images/image-preparer.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { publish, syncInventory } from '../src/sync/index.js';
import { BENCH_CATEGORIES, benchJpeg, benchProduct, startBenchPlatforms } from './bench-helpers.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const MINUTE = 60_000;
const OVERLAP_MS = 10 * MINUTE; // the default overlapMs

let clockMs = Date.UTC(2026, 11, 3, 3, 0, 0);
const platforms = await startBenchPlatforms(1000, { now: () => clockMs });
try {
  const voso = platforms.adapters[0]!;
  const sandbox = platforms.sandboxes[0]!;
  const store = createMemoryStore();
  const catalog = [benchProduct(1, [await benchJpeg(1, 640)], { stock: 999_999 })];
  const published = await publish(catalog, {
    to: [voso],
    store,
    images: createImagePreparer(),
    categories: BENCH_CATEGORIES,
  });
  if (!published.ok) throw new Error('publish failed');
  const sku = catalog[0]!.sku;

  // The orders, evenly over the 10 minutes before the first sync.
  clockMs += MINUTE;
  const firstAt = clockMs + OVERLAP_MS;
  for (let i = 0; i < ORDERS; i++) {
    clockMs = firstAt - OVERLAP_MS + Math.floor((i * OVERLAP_MS) / ORDERS);
    const placed = sandbox.buyers.placeOrder({ sku });
    if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
  }
  clockMs = firstAt;

  const pages = () => sandbox.stats.requests.listOrders ?? 0;
  const run = async () => {
    const before = pages();
    const cpu = process.cpuUsage();
    const result = await syncInventory({ marketplaces: [voso], store, catalog, now: () => clockMs });
    const used = process.cpuUsage(cpu);
    if (!result.ok)
      throw new Error(`sync failed: ${result.platforms.map((p) => p.error?.message).join('; ')}`);
    return {
      pages: pages() - before,
      cpuMs: (used.user + used.system) / 1000,
      read: result.platforms[0]!.ordersRead,
      applied: result.platforms[0]!.ordersApplied,
    };
  };

  const first = await run();
  if (first.applied !== ORDERS) throw new Error(`first sync applied ${first.applied} of ${ORDERS} orders`);
  clockMs += MINUTE;
  const second = await run();
  if (second.applied !== 0) throw new Error(`second sync applied ${second.applied} orders (none are new)`);
  let settlePages = 0;
  let settleRead = 0;
  let settleRuns = 0;
  while (clockMs - OVERLAP_MS <= firstAt) {
    clockMs += MINUTE;
    const later = await run();
    if (later.applied !== 0) throw new Error(`a later sync applied ${later.applied} orders (none are new)`);
    settlePages += later.pages;
    settleRead += later.read;
    settleRuns += 1;
  }
  const reserved = (await store.getStock(sku))?.reserved;
  if (reserved !== ORDERS) throw new Error(`ledger reserves ${reserved}, expected ${ORDERS}`);

  console.log(
    `inventory resync orders ${ORDERS} first-pages ${first.pages} first-cpu ${first.cpuMs.toFixed(0)} ms`,
  );
  console.log(
    `inventory resync orders ${ORDERS} second-pages ${second.pages} second-cpu ${second.cpuMs.toFixed(0)} ms (orders read ${second.read})`,
  );
  console.log(
    `inventory resync orders ${ORDERS} settle-runs ${settleRuns} settle-pages ${settlePages} settle-orders-read ${settleRead}`,
  );
  console.log(`inventory resync orders ${ORDERS} first-pages ${first.pages} second-pages ${second.pages}`);
} finally {
  await platforms.close();
}
