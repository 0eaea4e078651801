/**
 * #16 trial 4 item 1: a signed VNPost delivery dated 2099 (clamped to receive time + skew) must never make
 * the later genuine events stale — neither in the adapter's record nor in the connector's order — a status
 * lookup corrects the record, and a redelivery of the 2099 delivery moves no time. Port of /tmp/trial16/t5c.mjs.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import type { Order } from '../../src/model/order.js';
import { type VnpostAdapter, vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from '../platforms/vnpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let receiver: WebhookReceiver;
let store: MemoryStore;
let adapter: VnpostAdapter;
let connector: Connector;

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  receiver = await startWebhookReceiver();
  vnp = await startVnpostSandbox({ stepMs: 0, webhookUrl: receiver.url });
  store = createMemoryStore();
  adapter = vnpost({
    baseUrl: vnp.url,
    credentials: vnp.credentials,
    webhookPublicKey: vnp.webhookPublicKey,
    retry: { initialDelayMs: 5, maxDelayMs: 10 },
    lostCreateLookupDelaysMs: [0],
    store,
  });
  connector = createConnector({
    marketplaces: platforms.adapters,
    carrier: adapter,
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
  await Promise.all([platforms.close(), vnp.close(), receiver.close()]);
});

async function shipped(): Promise<{ order: Order; waybill: string; reference: string }> {
  const placed = platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
  if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
  const order = await platforms.adapters[1]!.getOrder(placed.order.id);
  const result = await connector.fulfil(order);
  expect(result.outcome).toBe('shipped');
  await vnp.webhooksIdle();
  const record = (await store.listShipments()).find((r) => r.waybill === result.trackingNumber)!;
  return { order, waybill: result.trackingNumber!, reference: record.reference };
}

const keyOf = (order: Order) => ({
  platform: 'postmart',
  account: platforms.adapters[1]!.account,
  externalId: order.externalId,
});

const future = (waybill: string, status: string) =>
  vnp.webhookPayload(
    [{ itemCode: waybill, status, statusName: 'x', statusDate: '01/01/2099 00:00:00' }],
    '01/01/2099 00:00:00',
  );

it('after a 2099 delivery the genuine journey still lands in the adapter record and the order; a redelivery moves nothing', async () => {
  const { order, waybill, reference } = await shipped();
  const seen = receiver.deliveries.length;
  const forged = future(waybill, '2');
  expect((await connector.handleWebhook('vnpost', forged, {})).outcome).toBe('applied');
  const afterForged = await store.getShipment(reference);
  expect(afterForged).toMatchObject({ carrierStatus: 'PENDING_PICKUP', rawStatus: '2' });

  await vnp.advance(waybill, '14');
  await vnp.webhooksIdle();
  const genuine = receiver.deliveries.slice(seen);
  expect(genuine.length).toBeGreaterThan(3);
  const outcomes: string[] = [];
  for (const d of genuine) {
    const r = await connector.handleWebhook('vnpost', d.rawBody, d.headers);
    outcomes.push(`${r.httpStatus}:${r.outcome}`);
  }
  expect(outcomes.filter((o) => o !== '200:applied')).toEqual([]);
  expect(vnp.state.order(waybill)?.status).toBe('14');
  expect(await store.getShipment(reference)).toMatchObject({ carrierStatus: 'DELIVERED', rawStatus: '14' });
  expect((await readOrderState(store, keyOf(order)))?.shipment).toMatchObject({
    status: 'DELIVERED',
    rawStatus: '14',
  });

  // The 2099 delivery again: a duplicate, no time moves.
  const before = await store.getShipment(reference);
  expect((await connector.handleWebhook('vnpost', forged, {})).outcome).toBe('duplicate');
  expect((await store.getShipment(reference))?.lastEventAt).toBe(before?.lastEventAt);
  expect((await store.getShipment(reference))?.carrierStatus).toBe('DELIVERED');
});

it('a 2099 "delivered" never freezes the record: a status lookup corrects it, and genuine events land again', async () => {
  const { waybill, reference } = await shipped();
  // A clamped "2" twice (redelivered): the second moves no time.
  const forged = future(waybill, '2');
  await adapter.receiveWebhook(forged, {});
  const first = await store.getShipment(reference);
  expect(first).toMatchObject({ rawStatus: '2', lastEventClamped: true });
  await new Promise((r) => setTimeout(r, 20));
  await adapter.receiveWebhook(forged, {});
  expect((await store.getShipment(reference))?.lastEventAt).toBe(first?.lastEventAt);

  // VNPost moves on (its webhooks are not delivered here); the lookup reads its history (…4): the record
  // follows VNPost, not the 2099 claim.
  await vnp.advance(waybill, '4');
  const refreshed = await adapter.refreshShipments({ references: [reference] });
  expect(refreshed.failed).toEqual([]);
  expect(await store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    rawStatus: '4',
  });
  expect((await store.getShipment(reference))?.lastEventClamped).toBeUndefined();

  // A clamped 2099 "14": never lands on a final status (#16 trial 5: a clamped event moves at most one
  // stage forward — this test used to accept DELIVERED here); a lookup run without references still
  // reads the parcel and keeps VNPost's genuine status.
  await adapter.receiveWebhook(future(waybill, '14'), {});
  expect(await store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    rawStatus: '4',
  });
  await adapter.refreshShipments();
  expect(await store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    rawStatus: '4',
  });
  expect(vnp.state.order(waybill)?.status).toBe('4');
});
