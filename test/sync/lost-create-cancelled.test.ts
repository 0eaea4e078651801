/**
 * #16 re-trial item 1 (HIGH): a create whose answer was lost, then the order's cancellation, then the
 * carrier commits the parcel late. The pending reference is never forgotten (state in the store, so any
 * process continues it): the day-run (fulfilPending) and catchUpWebhooks keep looking it up, cancel a
 * parcel that appears for a cancelled order at the carrier, and never mark a cancelled order, or one with
 * a cancel request, shipped on the marketplace.
 */
import { describe, expect, it } from 'vitest';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { useLostCreateFixture } from './vnpost-lost-create-fixture.js';

const f = useLostCreateFixture();
const { newConnector, postmartOrder, keyOf, loseTheCreate, cancelOnPostmart } = f;

describe('a lost VNPost create, then the order cancelled, then the parcel committed late', () => {
  it('the day-run keeps the reference pending; catchUpWebhooks cancels the late parcel at VNPost; the order is never marked shipped', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    await cancelOnPostmart(order);

    // The day-run sees the cancellation while VNPost still lists nothing: nothing is created, and the
    // reference is kept pending (before the fix the order's shipment was dropped here).
    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'not_shippable' });
    expect(mine?.error?.message).toMatch(/stays pending/);
    expect(mine?.error?.message).toMatch(/giữ chờ/);
    expect((await readOrderState(f.store, keyOf(order)))?.shipment).toMatchObject({
      status: 'WAYBILL_PENDING',
    });
    expect(f.vnp.state.requestCount('createOrder')).toBe(1);

    // VNPost commits the lost create late.
    expect(f.vnp.commitLateNow()).toBe(1);
    const [parcel] = f.vnp.state.orders();
    expect(parcel).toBeDefined();

    const caught = await newConnector().catchUpWebhooks();
    expect(caught.pending).toEqual([
      expect.objectContaining({ outcome: 'cancelled', trackingNumber: parcel!.itemCode }),
    ]);
    // VNPost holds the parcel cancelled (status 9), and one parcel only.
    expect(f.vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(f.vnp.state.orders()).toHaveLength(1);
    expect(f.vnp.state.requestCount('createOrder')).toBe(1);
    // Postmart: still cancelled, no tracking number.
    const onPostmart = f.platforms.postmartSandbox.state.order(order.externalId);
    expect(onPostmart?.status).toBe('CANCELLED');
    expect(onPostmart?.trackingNumber).toBeNull();
    expect((await readOrderState(f.store, keyOf(order)))?.shipment).toMatchObject({
      waybill: parcel!.itemCode,
      status: 'CANCELLED',
      markedShipped: false,
    });

    // Nothing is left for later runs: no second cancel, no create, no mark-shipped.
    const cancels = f.vnp.state.requestCount('orderCancel');
    const later = await newConnector().fulfilPending({ pull: false });
    expect(later.orders.find((o) => o.externalId === order.externalId)).toBeUndefined();
    expect((await newConnector().catchUpWebhooks()).pending).toEqual([]);
    expect(f.vnp.state.requestCount('orderCancel')).toBe(cancels);
    expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('the day-run itself cancels a parcel that appears for a cancelled order', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    await cancelOnPostmart(order);
    await newConnector().fulfilPending({ pull: false });
    f.vnp.commitLateNow();
    const [parcel] = f.vnp.state.orders();

    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'not_shippable' });
    expect(mine?.error?.message).toContain(
      `${parcel!.itemCode} (created before the cancellation was seen) was cancelled at vnpost`,
    );
    expect(f.vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('a cancel request holds the late parcel: not marked shipped (Postmart would accept it); accepted later, the parcel is cancelled', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    expect(f.platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
    f.vnp.commitLateNow();
    const [parcel] = f.vnp.state.orders();

    const caught = await newConnector().catchUpWebhooks();
    expect(caught.pending).toEqual([
      expect.objectContaining({ outcome: 'held', trackingNumber: parcel!.itemCode }),
    ]);
    const held = f.platforms.postmartSandbox.state.order(order.externalId);
    expect(held?.status).toBe('CANCEL_REQUESTED');
    expect(held?.trackingNumber).toBeNull();
    expect(f.vnp.state.order(parcel!.itemCode)?.status).not.toBe('9');
    const day = await newConnector().fulfilPending({ pull: false });
    expect(day.orders.find((o) => o.externalId === order.externalId)?.error?.message).toMatch(
      /asked to cancel.*held/,
    );
    expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();

    // The seller accepts the request in seller centre: the next run cancels the parcel at VNPost.
    f.platforms.postmartSandbox.orders.advance(order.externalId, 'CANCELLED');
    await newConnector().fulfilPending({ pull: false });
    expect(f.vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('accepting the cancel request through connector.cancelOrder cancels the held parcel at VNPost first', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    expect(f.platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
    f.vnp.commitLateNow();
    const [parcel] = f.vnp.state.orders();
    const caught = await newConnector().catchUpWebhooks();
    expect(caught.pending[0]?.outcome).toBe('held');

    const cancelled = await newConnector().cancelOrder(keyOf(order), 'BUYER_REQUEST');
    expect(cancelled.status).toBe('CANCELLED');
    expect(f.vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(f.platforms.postmartSandbox.state.order(order.externalId)).toMatchObject({
      status: 'CANCELLED',
      trackingNumber: null,
    });
    expect((await readOrderState(f.store, keyOf(order)))?.shipment).toMatchObject({
      status: 'CANCELLED',
      markedShipped: false,
    });
    // Nothing left for the day-run.
    const day = await newConnector().fulfilPending({ pull: false });
    expect(day.orders.find((o) => o.externalId === order.externalId)).toBeUndefined();
  });
});
