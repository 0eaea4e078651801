/**
 * #16 trial 4 item 1: a signed VNPost delivery dated 2099 (clamped to receive time + skew) must never make
 * the later genuine events stale — neither in the adapter's record nor in the connector's order — a status
 * lookup corrects the record, and a redelivery of the 2099 delivery moves no time. Port of /tmp/trial16/t5c.mjs.
 */
import { expect, it } from 'vitest';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { futureEvent, shipPostmartOrder, useVnpostShop } from './vnpost-shop-fixture.js';

const shop = useVnpostShop({ webhooks: true });
const { keyOf } = shop;
const shipped = () => shipPostmartOrder(shop);
const future = (waybill: string, status: string) => futureEvent(shop.vnp, waybill, status);

it('after a 2099 delivery the genuine journey still lands in the adapter record and the order; a redelivery moves nothing', async () => {
  const { order, waybill, reference } = await shipped();
  const seen = shop.receiver.deliveries.length;
  const forged = future(waybill, '2');
  expect((await shop.connector.handleWebhook('vnpost', forged, {})).outcome).toBe('applied');
  const afterForged = await shop.store.getShipment(reference);
  expect(afterForged).toMatchObject({ carrierStatus: 'PENDING_PICKUP', rawStatus: '2' });

  await shop.vnp.advance(waybill, '14');
  await shop.vnp.webhooksIdle();
  const genuine = shop.receiver.deliveries.slice(seen);
  expect(genuine.length).toBeGreaterThan(3);
  const outcomes: string[] = [];
  for (const d of genuine) {
    const r = await shop.connector.handleWebhook('vnpost', d.rawBody, d.headers);
    outcomes.push(`${r.httpStatus}:${r.outcome}`);
  }
  expect(outcomes.filter((o) => o !== '200:applied')).toEqual([]);
  expect(shop.vnp.state.order(waybill)?.status).toBe('14');
  expect(await shop.store.getShipment(reference)).toMatchObject({
    carrierStatus: 'DELIVERED',
    rawStatus: '14',
  });
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment).toMatchObject({
    status: 'DELIVERED',
    rawStatus: '14',
  });

  // The 2099 delivery again: a duplicate, no time moves.
  const before = await shop.store.getShipment(reference);
  expect((await shop.connector.handleWebhook('vnpost', forged, {})).outcome).toBe('duplicate');
  expect((await shop.store.getShipment(reference))?.lastEventAt).toBe(before?.lastEventAt);
  expect((await shop.store.getShipment(reference))?.carrierStatus).toBe('DELIVERED');
});

it('a 2099 "delivered" never freezes the record: a status lookup corrects it, and genuine events land again', async () => {
  const { waybill, reference } = await shipped();
  // A clamped "2" twice (redelivered): the second moves no time.
  const forged = future(waybill, '2');
  await shop.adapter.receiveWebhook(forged, {});
  const first = await shop.store.getShipment(reference);
  expect(first).toMatchObject({ rawStatus: '2', lastEventClamped: true });
  await new Promise((r) => setTimeout(r, 20));
  await shop.adapter.receiveWebhook(forged, {});
  expect((await shop.store.getShipment(reference))?.lastEventAt).toBe(first?.lastEventAt);

  // VNPost moves on (its webhooks are not delivered here); the lookup reads its history (…4): the record
  // follows VNPost, not the 2099 claim.
  await shop.vnp.advance(waybill, '4');
  const refreshed = await shop.adapter.refreshShipments({ references: [reference] });
  expect(refreshed.failed).toEqual([]);
  expect(await shop.store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    rawStatus: '4',
  });
  expect((await shop.store.getShipment(reference))?.lastEventClamped).toBeUndefined();

  // A clamped 2099 "14": never lands on a final status (#16 trial 5: a clamped event moves at most one
  // stage forward — this test used to accept DELIVERED here); a lookup run without references still
  // reads the parcel and keeps VNPost's genuine status.
  await shop.adapter.receiveWebhook(future(waybill, '14'), {});
  expect(await shop.store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    rawStatus: '4',
  });
  await shop.adapter.refreshShipments();
  expect(await shop.store.getShipment(reference)).toMatchObject({
    carrierStatus: 'PENDING_PICKUP',
    rawStatus: '4',
  });
  expect(shop.vnp.state.order(waybill)?.status).toBe('4');
});
