/**
 * #16 re-trial item 1, ViettelPost: a create whose answer was lost (ViettelPost cannot be asked by our
 * reference), then the order cancelled. The day-run sends nothing again and keeps the reference pending;
 * when the carrier's "created" webhook names the waybill, the parcel is cancelled at ViettelPost and the
 * order is never marked shipped on Voso.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vtp: ViettelPostSandbox;
let store: MemoryStore;
let connector: Connector;
let server: Server;
let held: Promise<void> | undefined;

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  vtp = await startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 20, webhookMaxRetries: 1 });
  store = createMemoryStore();
  const box = platforms.vosoSandbox;
  connector = createConnector({
    marketplaces: [
      voso({
        baseUrl: box.baseUrl,
        // Voso's login has no customer code; Postmart's has (an unknown credential key is refused).
        credentials: {
          ...box.credentials,
          ...(box.platform === 'postmart' ? { customerCode: box.credentials.customerCode ?? '' } : {}),
        },
        webhookSecret: box.credentials.webhookSecret,
      }),
    ],
    carrier: viettelpost({
      baseUrl: vtp.url,
      credentials: vtp.memberCredentials,
      webhookSecret: vtp.webhookSecret,
      store,
      retry: { initialDelayMs: 5 },
    }),
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
  const handler = connector.webhookHandler();
  // Webhooks wait while `held` is set: the receiver is down until the order was cancelled.
  server = createServer((req, res) => {
    void (held ?? Promise.resolve()).then(() => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  vtp.setWebhook(`http://127.0.0.1:${port}/hooks/viettelpost`, vtp.webhookSecret);
});
afterEach(async () => {
  await connector.close();
  await new Promise<void>((r) => server.close(() => r()));
  await Promise.all([platforms.close(), vtp.close()]);
});

it('ViettelPost: the late "created" webhook of a cancelled order cancels its parcel; Voso never gets a tracking number', async () => {
  await connector.publish([
    makeProduct(9, [await makeJpeg(9)], { sku: 'TRA-RAU-MA', stock: 10, weightGrams: 150 }),
  ]);
  const placed = platforms.vosoSandbox.buyers.placeOrder({ sku: 'TRA-RAU-MA', quantity: 1 });
  if (!placed.ok) throw new Error(placed.reason);
  const key = { platform: 'voso', account: connector.marketplaces[0]!.account, externalId: placed.order.id };
  vtp.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
  let release!: () => void;
  held = new Promise((r) => {
    release = r;
  });
  const first = await connector.fulfilPending();
  expect(first.orders.map((o) => o.outcome)).toEqual(['waybill_pending']);
  const [parcel] = vtp.state.orders();
  expect(parcel).toBeDefined();

  // The buyer asks to cancel, the seller accepts.
  expect(platforms.vosoSandbox.buyers.cancel(placed.order.id).ok).toBe(true);
  await connector.cancelOrder(key, 'BUYER_REQUEST');
  expect(platforms.vosoSandbox.state.order(placed.order.id)?.status).toBe('CANCELLED');
  const creates = vtp.state.requestCount('createOrder');

  // The day-run: nothing sent again; the reference stays pending (its webhook will name the parcel).
  const day = await connector.fulfilPending();
  expect(day.orders).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'not_shippable' })]);
  expect(day.orders[0]!.error?.message).toMatch(/stays pending/);
  expect(vtp.state.requestCount('createOrder')).toBe(creates);
  expect((await readOrderState(store, key))?.shipment?.status).toBe('WAYBILL_PENDING');

  // The receiver is back: the "created" webhook names the waybill → the parcel is cancelled at ViettelPost.
  release();
  held = undefined;
  await vtp.webhooksIdle();
  for (let i = 0; i < 500 && vtp.state.orderByWaybill(parcel!.waybill)?.status !== 107; i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(vtp.state.orderByWaybill(parcel!.waybill)?.status).toBe(107);
  expect(vtp.state.orders()).toHaveLength(1);
  const onVoso = platforms.vosoSandbox.state.order(placed.order.id);
  expect(onVoso?.status).toBe('CANCELLED');
  expect(onVoso?.trackingNumber).toBeNull();
  await vtp.webhooksIdle();
  expect((await readOrderState(store, key))?.shipment).toMatchObject({
    waybill: parcel!.waybill,
    status: 'CANCELLED',
    markedShipped: false,
    approved: false,
  });
});
