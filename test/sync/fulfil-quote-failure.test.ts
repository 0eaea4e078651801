/**
 * #16 trial 4 item 4 (port of /tmp/trial16/t8.mjs): under a fixed-carrier policy a temporary quote
 * failure (VNPost ServicesCharge answering 500) is a retriable failure naming the carrier and the cause,
 * counted as failed — not `skipped/invalid` "no service matching the policy".
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { CarrierQuoteFailedError } from '../../src/sync/fulfil/errors.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let store: MemoryStore;
let connector: Connector;

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  vnp = await startVnpostSandbox({ stepMs: 0 });
  store = createMemoryStore();
  connector = createConnector({
    marketplaces: platforms.adapters,
    carriers: [
      vnpost({
        baseUrl: vnp.url,
        credentials: vnp.credentials,
        webhookPublicKey: vnp.webhookPublicKey,
        retry: { retries: 1, initialDelayMs: 5, maxDelayMs: 10 },
        store,
      }),
    ],
    carrierPolicy: { byMarketplace: { postmart: 'vnpost' } },
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
  await connector.publish([
    makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
  ]);
});
afterEach(async () => {
  await connector.close().catch(() => undefined);
  await Promise.all([platforms.close(), vnp.close()]);
});

it('ServicesCharge 500 under { byMarketplace: { postmart: vnpost } }: failed, retriable, naming vnpost; the next run ships', async () => {
  const placed = platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
  if (!placed.ok) throw new Error(placed.reason);
  vnp.setFaults({ failNext: { servicesCharge: 20 } });
  const day = await connector.fulfilPending();
  const mine = day.orders.find((o) => o.externalId === placed.order.id);
  expect(mine).toMatchObject({ outcome: 'failed' });
  expect(mine?.reason).toBeUndefined();
  expect(day.counts.failed).toBe(1);
  expect(day.counts.skipped).toBe(0);
  expect(mine?.error).toBeInstanceOf(CarrierQuoteFailedError);
  expect(mine?.error).toMatchObject({ kind: 'server', retriable: true, platform: 'vnpost' });
  expect(mine?.error?.message).toMatch(/^vnpost could not quote order postmart:/);
  expect(mine?.error?.message).toMatch(/không báo được giá cước/);
  expect(mine?.error?.message).not.toMatch(/no service matching/);
  expect(vnp.state.orders()).toHaveLength(0);

  vnp.setFaults({ failNext: {} });
  const next = await connector.fulfilPending();
  expect(next.orders.find((o) => o.externalId === placed.order.id)?.outcome).toBe('shipped');
  expect(vnp.state.orders()).toHaveLength(1);
});
