/**
 * #16 trial 5 HIGH 1: a signed VNPost event dated far in the future (2099, clamped by the adapter) must not
 * carry the connector's order record along at face value. One rule for the adapter's shipment record and
 * the order record (model/status.ts `clampedShipmentEventEffect`): a clamped event moves at most one
 * journey stage forward (never onto a final status, never the order or the stock), the next genuine event
 * replaces it, and a catch-up (status query) corrects it.
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

async function deliverGenuine(from: number): Promise<string[]> {
  await vnp.webhooksIdle();
  const outcomes: string[] = [];
  for (const d of receiver.deliveries.slice(from)) {
    const r = await connector.handleWebhook('vnpost', d.rawBody, d.headers);
    outcomes.push(`${r.httpStatus}:${r.outcome}`);
  }
  return outcomes;
}

it('a 2099 "out for delivery" on a CREATED order does not jump the order record; the genuine journey lands', async () => {
  const { order, waybill, reference } = await shipped();
  const start = await readOrderState(store, keyOf(order));
  expect(start?.shipment).toMatchObject({ status: 'CREATED' });
  const seen = receiver.deliveries.length;

  // "12" (out for delivery) is four stages ahead of CREATED: a claim with no usable time moves nothing.
  await connector.handleWebhook('vnpost', future(waybill, '12'), {});
  const afterClamped = await readOrderState(store, keyOf(order));
  expect(afterClamped?.shipment?.status).toBe('CREATED');
  expect(afterClamped?.journeyStatus).toBe(start?.journeyStatus);
  expect(afterClamped?.effect).toBe(start?.effect);
  expect(await store.getShipment(reference)).toMatchObject({ carrierStatus: 'CREATED' });

  // The genuine journey: every event is applied, none answered stale; the record ends where VNPost is.
  await vnp.advance(waybill, '12');
  const outcomes = await deliverGenuine(seen);
  expect(outcomes.length).toBeGreaterThan(3);
  expect(outcomes.filter((o) => o !== '200:applied')).toEqual([]);
  const end = await readOrderState(store, keyOf(order));
  expect(end?.shipment).toMatchObject({ status: 'OUT_FOR_DELIVERY', rawStatus: '12' });
  expect(end?.shipment?.statusAtClamped).toBeUndefined();
  expect(end?.order.status === 'SHIPPED' || end?.journeyStatus === 'SHIPPED').toBe(true);
  expect(await store.getShipment(reference)).toMatchObject({
    carrierStatus: 'OUT_FOR_DELIVERY',
    rawStatus: '12',
  });
});

it('a 2099 event one stage ahead lands (held, untimed) in both records; the next genuine event replaces it', async () => {
  const { order, waybill, reference } = await shipped();
  const seen = receiver.deliveries.length;
  const before = await readOrderState(store, keyOf(order));

  // "6" (picked up) is two stages ahead of CREATED: refused. "2" (sent to the postman) is one: lands.
  await connector.handleWebhook('vnpost', future(waybill, '6'), {});
  expect((await readOrderState(store, keyOf(order)))?.shipment?.status).toBe('CREATED');
  await connector.handleWebhook('vnpost', future(waybill, '2'), {});
  const held = await readOrderState(store, keyOf(order));
  expect(held?.shipment).toMatchObject({ status: 'PENDING_PICKUP', rawStatus: '2', statusAtClamped: true });
  expect(await store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    lastEventClamped: true,
  });
  // A clamped claim never moves the order or its stock.
  expect(held?.effect).toBe(before?.effect);
  expect(held?.journeyStatus).toBe(before?.journeyStatus);

  await vnp.advance(waybill, '7');
  const outcomes = await deliverGenuine(seen);
  expect(outcomes.filter((o) => o !== '200:applied')).toEqual([]);
  const end = await readOrderState(store, keyOf(order));
  expect(end?.shipment).toMatchObject({ status: 'PICKED_UP', rawStatus: '7' });
  expect(end?.shipment?.statusAtClamped).toBeUndefined();
  expect(end?.effect).toBe('consumed');
  expect(await store.getShipment(reference)).toMatchObject({ carrierStatus: 'PICKED_UP', rawStatus: '7' });
});

it('a catch-up (status query) corrects an order record holding a clamped event', async () => {
  const { order, waybill } = await shipped();
  await connector.handleWebhook('vnpost', future(waybill, '2'), {});
  expect((await readOrderState(store, keyOf(order)))?.shipment).toMatchObject({ statusAtClamped: true });

  // VNPost moves on, its webhooks are lost; the catch-up reads the history.
  await vnp.advance(waybill, '4');
  const caught = await connector.catchUpWebhooks();
  expect(caught.failed).toEqual([]);
  const end = await readOrderState(store, keyOf(order));
  expect(end?.shipment).toMatchObject({ status: 'PENDING_PICKUP', rawStatus: '4' });
  expect(end?.shipment?.statusAtClamped).toBeUndefined();
  expect(vnp.state.order(waybill)?.status).toBe('4');
});
