/**
 * Shipment and order webhooks through the connector's (req, res) handler, against the sandboxes' own
 * deliveries: verify, dedupe durably, apply once, stale events ignored, the order following the carrier
 * along the path its marketplace allows, a returned parcel restocked once, a lost create completed by
 * the webhook, catch-up after the receiver was down.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import type { OrderStatus } from '../../src/model/status.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { listOrderStates } from '../../src/sync/orders/order-state.js';
import type { WebhookResult } from '../../src/sync/webhooks/handle-webhook.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vtp: ViettelPostSandbox;
let store: MemoryStore;
let connector: Connector;
let server: Server;
let hookUrl: string;
const results: WebhookResult[] = [];
let held: Promise<void> | undefined;
const paths: { externalId: string; path: OrderStatus[] }[] = [];

beforeEach(async () => {
  results.length = 0;
  paths.length = 0;
  platforms = await startPlatforms({ rps: 100, sandbox: { webhook: { retryDelaysMs: [50, 100] } } });
  vtp = await startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 20, webhookMaxRetries: 1 });
  store = createMemoryStore();
  const signed = [platforms.vosoSandbox, platforms.postmartSandbox].map((box) =>
    (box.platform === 'voso' ? voso : postmart)({
      baseUrl: box.baseUrl,
      // Voso's login has no customer code; Postmart's has (an unknown credential key is refused).
      credentials: {
        ...box.credentials,
        ...(box.platform === 'postmart' ? { customerCode: box.credentials.customerCode ?? '' } : {}),
      },
      webhookSecret: box.credentials.webhookSecret,
    }),
  );
  connector = createConnector({
    marketplaces: signed,
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
    // The sandbox marketplaces follow the courier the way the real ones do through their carrier link.
    onOrderPath: (order, path) => {
      paths.push({ externalId: order.externalId, path });
      const box = order.platform === 'voso' ? platforms.vosoSandbox : platforms.postmartSandbox;
      for (const status of path)
        if (box.state.order(order.externalId)?.status !== status)
          box.orders.advance(order.externalId, status);
    },
  });
  const handler = connector.webhookHandler({ onResult: (r) => results.push(r) });
  // Deliveries wait while `held` is set (a slow receiver), so tests can order them against our calls.
  server = createServer((req, res) => {
    void (held ?? Promise.resolve()).then(() => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  vtp.setWebhook(`${hookUrl}/viettelpost`, vtp.webhookSecret);
});
afterEach(async () => {
  await connector.close();
  await new Promise<void>((r) => server.close(() => r()));
  await Promise.all([platforms.close(), vtp.close()]);
});

async function shipOne(box: 'voso' | 'postmart', quantity = 2) {
  const tea = makeProduct(9, [await makeJpeg(9)], { sku: 'TRA-RAU-MA', stock: 10, weightGrams: 150 });
  await connector.publish([tea], { to: [box] });
  const sandbox = box === 'voso' ? platforms.vosoSandbox : platforms.postmartSandbox;
  const placed = sandbox.buyers.placeOrder({ sku: 'TRA-RAU-MA', quantity });
  if (!placed.ok) throw new Error(placed.reason);
  const pending = await connector.fulfilPending();
  expect(pending.counts).toMatchObject({ shipped: 1, failed: 0 });
  const waybill = pending.orders[0]!.fulfilment!.trackingNumber!;
  return { orderId: placed.order.id, waybill, sandbox };
}

const finish = async (waybill: string) => {
  while (![501, 504, 101, 107].includes(await vtp.advance(waybill)));
  await vtp.webhooksIdle();
};

describe('carrier webhooks drive the order', () => {
  it('Postmart: READY_TO_SHIP → SHIPPED → DELIVERED in order; duplicates applied once, a late event ignored', async () => {
    const { orderId, waybill, sandbox } = await shipOne('postmart');
    expect(sandbox.state.order(orderId)?.status).toBe('READY_TO_SHIP');
    // 200 and 501 delivered twice; 400 delivered after 500 (out of order).
    vtp.setWebhookChaos({ duplicateStatuses: [200, 501], outOfOrderStatuses: [400] });
    await finish(waybill);
    expect(sandbox.state.order(orderId)?.status).toBe('DELIVERED');
    expect(paths.flatMap((p) => p.path)).toEqual(['SHIPPED', 'DELIVERED']);
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'duplicate').length).toBeGreaterThanOrEqual(2);
    expect(outcomes).toContain('stale');
    const [state] = await listOrderStates(store);
    expect(state!.shipment).toMatchObject({
      status: 'DELIVERED',
      waybill,
      markedShipped: true,
      approved: true,
    });
    // The two units left the warehouse once (picked up), nothing reserved any more.
    expect(await store.getStock('TRA-RAU-MA')).toEqual(expect.objectContaining({ onHand: 8, reserved: 0 }));
  });

  it('a returned parcel restocks once, though RETURNED arrives twice and the marketplace reports it too', async () => {
    const { orderId, waybill, sandbox } = await shipOne('voso', 3);
    vtp.setOrderEnding(waybill, 'returned');
    vtp.setWebhookChaos({ duplicateStatuses: [504] });
    sandbox.webhooks.setUrl(`${hookUrl}/voso`);
    await finish(waybill);
    await sandbox.webhooks.idle();
    await new Promise((r) => setTimeout(r, 200)); // follow-ups (order re-read) after the answers
    expect(sandbox.state.order(orderId)?.status).toBe('RETURNED');
    expect(results.some((r) => r.source === 'voso' && r.outcome === 'applied')).toBe(true);
    expect(await store.getStock('TRA-RAU-MA')).toEqual(expect.objectContaining({ onHand: 10, reserved: 0 }));
    await connector.syncInventory();
    expect(await store.getStock('TRA-RAU-MA')).toEqual(expect.objectContaining({ onHand: 10, reserved: 0 }));
    expect(sandbox.state.stockOf('TRA-RAU-MA')).toBe(10);
  });

  it('refuses a delivery whose secret is wrong (401) and records nothing', async () => {
    await shipOne('voso');
    const before = JSON.stringify(await listOrderStates(store));
    const response = await fetch(`${hookUrl}/viettelpost`, {
      method: 'POST',
      headers: { authorization: 'wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ DATA: { ORDER_NUMBER: '1', ORDER_STATUS: 501 }, TOKEN: 'wrong' }),
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await listOrderStates(store))).toBe(before);
  });
});

describe('lost answers and outages', () => {
  it('a create whose answer was lost ends waybill_pending; the created webhook completes it once', async () => {
    const tea = makeProduct(9, [await makeJpeg(9)], { sku: 'TRA-RAU-MA', stock: 10, weightGrams: 150 });
    await connector.publish([tea], { to: ['voso'] });
    const placed = platforms.vosoSandbox.buyers.placeOrder({ sku: 'TRA-RAU-MA', quantity: 1 });
    if (!placed.ok) throw new Error(placed.reason);
    vtp.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
    let release!: () => void;
    held = new Promise((r) => {
      release = r;
    });
    const first = await connector.fulfilPending();
    expect(first.orders.map((o) => o.outcome)).toEqual(['waybill_pending']);
    expect(vtp.state.orders()).toHaveLength(1);
    release();
    held = undefined;
    // The carrier's "created" event names the waybill: approve + tracking number to Voso follow.
    await vtp.webhooksIdle();
    const waybill = vtp.state.orders()[0]!.waybill;
    // Up to 10 s: on a loaded machine the webhook → approve → tracking chain takes more than 2 s.
    for (
      let i = 0;
      i < 500 &&
      (platforms.vosoSandbox.state.order(placed.order.id)?.trackingNumber !== waybill ||
        !results.some((r) => r.shipment?.waybillLearnt));
      i++
    )
      await new Promise((r) => setTimeout(r, 20));
    expect(results.filter((r) => r.shipment?.waybillLearnt)).toHaveLength(1);
    expect(platforms.vosoSandbox.state.order(placed.order.id)).toMatchObject({
      status: 'SHIPPED',
      trackingNumber: waybill,
    });
    expect(vtp.state.orderByWaybill(waybill)?.status).not.toBe(-100); // approved
    // The next run (any process) finds nothing left to do and creates nothing.
    const again = await connector.fulfilPending();
    expect(again.orders).toEqual([]);
    expect(vtp.state.orders()).toHaveLength(1);
  });

  it('after the receiver was down, catch-up brings every journey to its end', async () => {
    const { orderId, waybill, sandbox } = await shipOne('voso');
    vtp.setWebhook('http://127.0.0.1:9/down');
    await finish(waybill);
    const [before] = await listOrderStates(store);
    expect(before!.shipment!.status).not.toBe('DELIVERED');
    vtp.setWebhook(`${hookUrl}/viettelpost`, vtp.webhookSecret);
    const caught = await connector.catchUpWebhooks();
    expect(caught.requested).toEqual([waybill]);
    await vtp.webhooksIdle();
    const [after] = await listOrderStates(store);
    expect(after!.shipment!.status).toBe('DELIVERED');
    expect(sandbox.state.order(orderId)?.status).toBe('DELIVERED');
    // Nothing left open: a second catch-up asks for nothing.
    expect((await connector.catchUpWebhooks()).requested).toEqual([]);
  });
});

describe('marketplace webhooks', () => {
  it('an order event is verified, deduped by delivery id and applied from a fresh read', async () => {
    const tea = makeProduct(9, [await makeJpeg(9)], { sku: 'TRA-RAU-MA', stock: 10, weightGrams: 150 });
    await connector.publish([tea], { to: ['voso'] });
    platforms.vosoSandbox.webhooks.setUrl(`${hookUrl}/voso`);
    const placed = platforms.vosoSandbox.buyers.placeOrder({ sku: 'TRA-RAU-MA', quantity: 4 });
    if (!placed.ok) throw new Error(placed.reason);
    await platforms.vosoSandbox.webhooks.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(await store.getStock('TRA-RAU-MA')).toEqual(expect.objectContaining({ onHand: 10, reserved: 4 }));
    // The same delivery again (a replay within the signed window): acknowledged, nothing applied.
    const delivery = results.find((r) => r.source === 'voso')!;
    expect(delivery.outcome).toBe('applied');
    const pulled = await connector.pullOrders();
    expect(pulled.orders).toEqual([]); // already applied by the webhook: nothing new for the poll
  });
});
