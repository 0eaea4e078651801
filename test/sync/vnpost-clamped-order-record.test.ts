/**
 * #16 trial 5 HIGH 1: a signed VNPost event dated far in the future (2099, clamped by the adapter) must not
 * carry the connector's order record along at face value. One rule for the adapter's shipment record and
 * the order record (model/status.ts `clampedShipmentEventEffect`): a clamped event moves at most one
 * journey stage forward (never onto a final status, never the order or the stock), the next genuine event
 * replaces it, and a catch-up (status query) corrects it.
 */
import { expect, it } from 'vitest';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { futureEvent, shipPostmartOrder, useVnpostShop } from './vnpost-shop-fixture.js';

const shop = useVnpostShop({ webhooks: true });
const { keyOf } = shop;
const shipped = () => shipPostmartOrder(shop);
const future = (waybill: string, status: string) => futureEvent(shop.vnp, waybill, status);

async function deliverGenuine(from: number): Promise<string[]> {
  await shop.vnp.webhooksIdle();
  const outcomes: string[] = [];
  for (const d of shop.receiver.deliveries.slice(from)) {
    const r = await shop.connector.handleWebhook('vnpost', d.rawBody, d.headers);
    outcomes.push(`${r.httpStatus}:${r.outcome}`);
  }
  return outcomes;
}

it('a 2099 "out for delivery" on a CREATED order does not jump the order record; the genuine journey lands', async () => {
  const { order, waybill, reference } = await shipped();
  const start = await readOrderState(shop.store, keyOf(order));
  expect(start?.shipment).toMatchObject({ status: 'CREATED' });
  const seen = shop.receiver.deliveries.length;

  // "12" (out for delivery) is four stages ahead of CREATED: a claim with no usable time moves nothing.
  await shop.connector.handleWebhook('vnpost', future(waybill, '12'), {});
  const afterClamped = await readOrderState(shop.store, keyOf(order));
  expect(afterClamped?.shipment?.status).toBe('CREATED');
  expect(afterClamped?.journeyStatus).toBe(start?.journeyStatus);
  expect(afterClamped?.effect).toBe(start?.effect);
  expect(await shop.store.getShipment(reference)).toMatchObject({ carrierStatus: 'CREATED' });

  // The genuine journey: every event is applied, none answered stale; the record ends where VNPost is.
  await shop.vnp.advance(waybill, '12');
  const outcomes = await deliverGenuine(seen);
  expect(outcomes.length).toBeGreaterThan(3);
  expect(outcomes.filter((o) => o !== '200:applied')).toEqual([]);
  const end = await readOrderState(shop.store, keyOf(order));
  expect(end?.shipment).toMatchObject({ status: 'OUT_FOR_DELIVERY', rawStatus: '12' });
  expect(end?.shipment?.statusAtClamped).toBeUndefined();
  expect(end?.order.status === 'SHIPPED' || end?.journeyStatus === 'SHIPPED').toBe(true);
  expect(await shop.store.getShipment(reference)).toMatchObject({
    carrierStatus: 'OUT_FOR_DELIVERY',
    rawStatus: '12',
  });
});

it('a 2099 event one stage ahead lands (held, untimed) in both records; the next genuine event replaces it', async () => {
  const { order, waybill, reference } = await shipped();
  const seen = shop.receiver.deliveries.length;
  const before = await readOrderState(shop.store, keyOf(order));

  // "6" (picked up) is two stages ahead of CREATED: refused. "2" (sent to the postman) is one: lands.
  await shop.connector.handleWebhook('vnpost', future(waybill, '6'), {});
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment?.status).toBe('CREATED');
  await shop.connector.handleWebhook('vnpost', future(waybill, '2'), {});
  const held = await readOrderState(shop.store, keyOf(order));
  expect(held?.shipment).toMatchObject({ status: 'PENDING_PICKUP', rawStatus: '2', statusAtClamped: true });
  expect(await shop.store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    lastEventClamped: true,
  });
  // A clamped claim never moves the order or its stock.
  expect(held?.effect).toBe(before?.effect);
  expect(held?.journeyStatus).toBe(before?.journeyStatus);

  await shop.vnp.advance(waybill, '7');
  const outcomes = await deliverGenuine(seen);
  expect(outcomes.filter((o) => o !== '200:applied')).toEqual([]);
  const end = await readOrderState(shop.store, keyOf(order));
  expect(end?.shipment).toMatchObject({ status: 'PICKED_UP', rawStatus: '7' });
  expect(end?.shipment?.statusAtClamped).toBeUndefined();
  expect(end?.effect).toBe('consumed');
  expect(await shop.store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PICKED_UP',
    rawStatus: '7',
  });
});

it('a catch-up (status query) corrects an order record holding a clamped event', async () => {
  const { order, waybill } = await shipped();
  await shop.connector.handleWebhook('vnpost', future(waybill, '2'), {});
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment).toMatchObject({ statusAtClamped: true });

  // VNPost moves on, its webhooks are lost; the catch-up reads the history.
  await shop.vnp.advance(waybill, '4');
  const caught = await shop.connector.catchUpWebhooks();
  expect(caught.failed).toEqual([]);
  const end = await readOrderState(shop.store, keyOf(order));
  expect(end?.shipment).toMatchObject({ status: 'PENDING_PICKUP', rawStatus: '4' });
  expect(end?.shipment?.statusAtClamped).toBeUndefined();
  expect(shop.vnp.state.order(waybill)?.status).toBe('4');
});
