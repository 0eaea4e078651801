/**
 * #16 trial 5 MEDIUM 2: three connectors (each its own FileStore on one folder, its own carrier and
 * marketplace adapters — as three processes would be) racing `fulfil` for the same order make one parcel,
 * and only the one that created it reports `reused: false`; the others report `reused: true` with the
 * same tracking number.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createFileStore } from '../../src/store/file-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { adaptersFor, CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';
import { vnpostCarrier } from './vnpost-shop-fixture.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let dir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  vnp = await startVnpostSandbox({ stepMs: 0 });
  dir = await mkdtemp(join(tmpdir(), 'ocop-fulfil-race-'));
});
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
  await Promise.all([platforms.close(), vnp.close()]);
  await rm(dir, { recursive: true, force: true });
});

async function processLike(): Promise<{ connector: Connector; store: StateStore }> {
  const store = await createFileStore({ dir, shared: true });
  const market = adaptersFor(platforms.vosoSandbox, platforms.postmartSandbox, { rps: 100 });
  const carrier = vnpostCarrier(vnp, store);
  const connector = createConnector({
    marketplaces: market.adapters,
    carrier,
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
  cleanups.push(() => store.close());
  cleanups.push(() => connector.close());
  return { connector, store };
}

it('three racing fulfils: one parcel, one reused:false, the others reused:true with its tracking number', async () => {
  const first = await processLike();
  await first.connector.publish([
    makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
  ]);
  const placed = platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
  if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
  const order = await platforms.adapters[1]!.getOrder(placed.order.id);
  const racers = [first, await processLike(), await processLike()];

  const results = await Promise.all(racers.map((r) => r.connector.fulfil(order)));

  const parcels = vnp.state.orders();
  expect(parcels).toHaveLength(1);
  const waybill = parcels[0]!.itemCode;
  expect(results.map((r) => r.trackingNumber)).toEqual([waybill, waybill, waybill]);
  expect(results.filter((r) => !r.reused)).toHaveLength(1);
  expect(results.filter((r) => r.reused).map((r) => r.outcome)).toEqual(['reused', 'reused']);
  expect(results.find((r) => !r.reused)?.outcome).toBe('shipped');
  expect(vnp.state.requestCount('createOrder')).toBe(1);
});
