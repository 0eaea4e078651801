/**
 * A cooperative's whole day through the connector, on the embedded sandboxes (no accounts needed):
 * publish → buyers order on Voso and Postmart (two race for the last jar, one cancels) → stock sync →
 * the oversold order cancelled → ship every ready order with ViettelPost → courier webhooks (duplicated,
 * out of order, some missed while the receiver is down, then caught up) → one parcel delivered, one
 * returned and restocked → stock sync. The day then runs a second time: nothing is written.
 *
 * Everything between "YOUR DAY" markers is what a cooperative writes; the rest simulates the world
 * (buyers, couriers, the marketplaces following the courier). The end state is checked from the
 * sandboxes' own records; the last line reads `day: orders N shipments N duplicates 0 mismatches 0`.
 *
 * Run: npm run example:day
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Connector,
  type Contact,
  createConnector,
  createFileStore,
  type OrderStateKey,
  type OrderStatus,
  readCatalog,
  type StateStore,
} from 'ocop-connect';
import { postmart } from 'ocop-connect/postmart';
import {
  type MarketplaceSandbox,
  SANDBOX_CATEGORIES,
  startPostmartSandbox,
  startViettelPostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
} from 'ocop-connect/sandbox';
import { viettelpost } from 'ocop-connect/viettelpost';
import { voso } from 'ocop-connect/voso';

const SENDER: Contact = {
  name: 'HTX Nông nghiệp Vĩnh Linh',
  phone: '0912345678',
  address: { street: 'Thôn Hiền Dũng', ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
};
const RICE = 'VL-GAO-5KG';
const HONEY = 'VL-MO';
const TEA = 'VL-TRM';

// ── The world: three sandboxes, buyers, couriers, and the marketplaces following the courier ─────────
interface World {
  voso: MarketplaceSandbox;
  postmart: MarketplaceSandbox;
  vtp: ViettelPostSandbox;
  /** Marketplace order id → what should happen to it today. */
  expected: Map<string, { platform: string; status: OrderStatus; shipped: boolean }>;
  /** The order whose parcel comes back. */
  returnedOrder?: string;
  close(): Promise<void>;
}

async function startWorld(): Promise<World> {
  const [vosoBox, postmartBox, vtp] = await Promise.all([
    startVosoSandbox({ webhook: { duplicateRate: 0.3, retryDelaysMs: [100, 200, 400] }, seed: 7 }),
    startPostmartSandbox({ webhook: { duplicateRate: 0.3, retryDelaysMs: [100, 200, 400] }, seed: 7 }),
    startViettelPostSandbox({
      stepMs: 0,
      webhookRetryDelayMs: 50,
      webhookMaxRetries: 2,
      seed: 11,
      webhookChaos: { duplicateProbability: 0.3, outOfOrderProbability: 0.3 },
    }),
  ]);
  return {
    voso: vosoBox,
    postmart: postmartBox,
    vtp,
    expected: new Map(),
    async close() {
      await Promise.all([vosoBox.close(), postmartBox.close(), vtp.close()]);
    },
  };
}

function buy(world: World, box: MarketplaceSandbox, sku: string, quantity: number, outcome: OrderStatus) {
  const placed = box.buyers.placeOrder({ sku, quantity });
  if (!placed.ok) throw new Error(`buyer refused on ${box.platform}: ${placed.reason}`);
  world.expected.set(placed.order.id, {
    platform: box.platform,
    status: outcome,
    shipped: outcome !== 'CANCELLED',
  });
  return placed.order.id;
}

/** Morning: buyers on both marketplaces. Two race for the last jar of honey; one cancels her order. */
async function buyersShop(world: World): Promise<void> {
  buy(world, world.voso, RICE, 2, 'DELIVERED');
  world.returnedOrder = buy(world, world.postmart, TEA, 3, 'RETURNED');
  buy(world, world.voso, HONEY, 1, 'DELIVERED'); // first to buy the last jar
  await new Promise((r) => setTimeout(r, 1_100)); // order times are in seconds on both platforms
  buy(world, world.postmart, HONEY, 1, 'CANCELLED'); // second: oversold, cancelled OUT_OF_STOCK
  const changedMind = buy(world, world.postmart, RICE, 1, 'CANCELLED');
  world.postmart.buyers.cancel(changedMind);
}

/** The courier's day: the receiver is down for the first steps, then every journey runs to its end. */
async function couriersRun(world: World, hookUrl: string, connector: Connector): Promise<void> {
  const { vtp } = world;
  const orders = vtp.state.orders();
  for (const o of orders)
    vtp.setOrderEnding(
      o.waybill,
      o.reference.endsWith(world.returnedOrder ?? '-') ? 'returned' : 'delivered',
    );
  vtp.setWebhook('http://127.0.0.1:9/down'); // the receiver is unreachable: these events are lost
  for (const o of orders) await vtp.advance(o.waybill, 105);
  await vtp.webhooksIdle();
  vtp.setWebhook(`${hookUrl}/viettelpost`, vtp.webhookSecret);
  await connector.catchUpWebhooks(); // the day's own catch-up, as after any outage
  for (const o of orders) while (![501, 504].includes(await vtp.advance(o.waybill)));
  await vtp.webhooksIdle();
  await Promise.all([world.voso.webhooks.idle(), world.postmart.webhooks.idle()]);
}

/** The marketplaces learn the courier's progress from their own carrier link (sandbox: we move them). */
function followCarrier(world: World) {
  return (order: OrderStateKey, path: OrderStatus[]) => {
    const box = order.platform === 'voso' ? world.voso : world.postmart;
    for (const status of path) {
      if (box.state.order(order.externalId)?.status === status) continue;
      box.orders.advance(order.externalId, status);
    }
  };
}

/** Your accounts (real runs: credentials from the environment; here: the sandboxes'). */
function accounts(world: World, store: StateStore) {
  return {
    marketplaces: [
      voso({ baseUrl: world.voso.baseUrl, credentials: { ...world.voso.credentials } }),
      postmart({ baseUrl: world.postmart.baseUrl, credentials: { ...world.postmart.credentials } }),
    ],
    carrier: viettelpost({
      baseUrl: world.vtp.url,
      credentials: world.vtp.memberCredentials,
      webhookSecret: world.vtp.webhookSecret,
      store,
    }),
  };
}

/** Done once in each seller portal: where webhooks go. */
function registerWebhooks(world: World, hookUrl: string): void {
  world.voso.webhooks.setUrl(`${hookUrl}/voso`);
  world.postmart.webhooks.setUrl(`${hookUrl}/postmart`);
  world.vtp.setWebhook(`${hookUrl}/viettelpost`, world.vtp.webhookSecret);
}

// ── YOUR DAY ────────────────────────────────────────────────────────────────────────────────────────
async function cooperativeDay(world: World, store: StateStore, catalog: unknown[], firstRun: boolean) {
  const connector = createConnector({
    ...accounts(world, store),
    store,
    sender: SENDER,
    categories: SANDBOX_CATEGORIES,
    onOrderPath: followCarrier(world), // sandbox only: the marketplaces follow the courier
  });
  const receiver = createServer(connector.webhookHandler()); // POST /webhooks/<voso|postmart|viettelpost>
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  registerWebhooks(world, hookUrl);
  try {
    await connector.publish(catalog); // morning: the catalog, stock as counts
    if (firstRun) await buyersShop(world); // (world)
    await connector.syncInventory(); // orders in, stock out
    await connector.resolveOversells(); // the last jar sold twice: the later order is cancelled
    await connector.fulfilPending(); // every ready order: confirm, weigh, ship, approve, tracking back
    if (firstRun) await couriersRun(world, hookUrl, connector); // (world)
    await connector.catchUpWebhooks(); // after any receiver outage
    await connector.syncInventory(); // returned parcel restocked, freed units pushed
  } finally {
    await connector.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  }
}
// ── END OF YOUR DAY ─────────────────────────────────────────────────────────────────────────────────

/** Writes the platforms received (marketplace commits, ViettelPost creates and status changes). */
function writes(world: World): number {
  const vtp = world.vtp.state;
  return (
    world.voso.stats.writes +
    world.postmart.stats.writes +
    vtp.requestCount('createOrder') +
    vtp.requestCount('createOrderNlp') +
    vtp.requestCount('updateOrder')
  );
}

/** The end state, read from the sandboxes' own records. */
async function check(world: World, store: StateStore, catalog: unknown[]) {
  const mismatches: string[] = [];
  const shipments = world.vtp.state.orders().filter((o) => !(o as { deleted?: boolean }).deleted);
  const byReference = new Map<string, number>();
  for (const s of shipments) byReference.set(s.reference, (byReference.get(s.reference) ?? 0) + 1);
  const duplicates = [...byReference.values()].reduce((n, count) => n + count - 1, 0);
  for (const [id, want] of world.expected) {
    const box = want.platform === 'voso' ? world.voso : world.postmart;
    const order = box.state.order(id);
    if (order?.status !== want.status)
      mismatches.push(`${want.platform} ${id}: ${order?.status} ≠ ${want.status}`);
    const shipped = shipments.filter((s) => s.reference.endsWith(id));
    if (shipped.length !== (want.shipped ? 1 : 0)) mismatches.push(`${id}: ${shipped.length} shipments`);
  }
  for (const entry of await store.listStock()) {
    for (const box of [world.voso, world.postmart]) {
      const shown = box.state.stockOf(entry.sku);
      if (shown !== undefined && shown !== entry.onHand - entry.reserved)
        mismatches.push(
          `${box.platform} ${entry.sku}: shows ${shown}, available ${entry.onHand - entry.reserved}`,
        );
    }
  }
  // Physical stock: rice −2 (delivered), honey −1 (delivered), tea back to its count (returned, restocked).
  const counted = new Map<string, number>();
  for (const p of catalog as { variants?: { sku: string; stock: number }[]; sku: string; stock?: number }[])
    for (const o of p.variants?.length ? p.variants : [{ sku: p.sku, stock: p.stock ?? 0 }])
      counted.set(o.sku, o.stock);
  const gone: Record<string, number> = { [RICE]: 2, [HONEY]: 1, [TEA]: 0 };
  for (const [sku, units] of Object.entries(gone)) {
    const onHand = (await store.getStock(sku))?.onHand;
    if (onHand !== (counted.get(sku) ?? 0) - units) mismatches.push(`${sku}: on hand ${onHand}`);
  }
  return { orders: world.expected.size, shipments: shipments.length, duplicates, mismatches };
}

/** What the receiver had to cope with. */
function webhookWeather(world: World): string {
  const vtp = world.vtp.state.webhookDeliveries();
  const market = [...world.voso.webhooks.deliveries(), ...world.postmart.webhooks.deliveries()];
  return `webhooks: viettelpost ${vtp.length} attempts (${vtp.filter((d) => d.duplicate).length} duplicated, ${vtp.filter((d) => d.outOfOrder).length} out of order, ${vtp.filter((d) => !d.ok).length} failed while the receiver was down); marketplaces ${market.length} (${market.filter((d) => d.duplicate).length} duplicated)`;
}

async function main(): Promise<void> {
  const world = await startWorld();
  const dir = await mkdtemp(join(tmpdir(), 'ocop-day-'));
  const store = await createFileStore({ dir, shared: true });
  try {
    const read = await readCatalog(fileURLToPath(new URL('../seeds/catalog.json', import.meta.url)));
    // Today's catalog: rice, tea, and the last jar of honey.
    const catalog = read.products
      .filter((p) => ['VL-GAO', HONEY, TEA].includes(p.sku))
      .map((p) => (p.sku === HONEY ? { ...p, stock: 1 } : p));
    for (const run of [1, 2]) {
      const before = writes(world);
      await cooperativeDay(world, store, catalog, run === 1);
      const result = await check(world, store, catalog);
      for (const m of result.mismatches) console.log(`  ✗ ${m}`);
      if (run === 1) console.log(webhookWeather(world));
      console.log(`run ${run}: writes ${writes(world) - before}`);
      console.log(
        `day: orders ${result.orders} shipments ${result.shipments} duplicates ${result.duplicates} mismatches ${result.mismatches.length}`,
      );
    }
  } finally {
    await store.close();
    await world.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
