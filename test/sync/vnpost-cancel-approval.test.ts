/**
 * #16 trial 4 items 2 and 8 (port of /tmp/trial16/t6.mjs): a late parcel of a cancelled order whose
 * VNPost cancel is answered "02" (waiting for approval) is reported as pending approval — recorded in the
 * store, never a second orderCancel — then cancelled when approved, or reported refused (the parcel is
 * live: a person must act) when VNPost lets it travel on. A late parcel already picked up ends in that
 * terminal state too, instead of `found` then `failed` on every run.
 */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/model/order.js';
import { ParcelCancelPendingError, ParcelCancelRefusedError } from '../../src/sync/fulfil/errors.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { useLostCreateFixture } from './vnpost-lost-create-fixture.js';

const f = useLostCreateFixture();
const { newConnector, postmartOrder, keyOf, loseTheCreate, cancelOnPostmart } = f;

async function lateParcelOfCancelledOrder(): Promise<{ order: Order; itemCode: string }> {
  const order = await postmartOrder();
  await loseTheCreate(order);
  await cancelOnPostmart(order);
  expect(f.vnp.commitLateNow()).toBe(1);
  return { order, itemCode: f.vnp.state.orders()[0]!.itemCode };
}

const cancelCalls = () => f.vnp.state.requestCount('orderCancel');

describe('the cancel of a late parcel waits for VNPost approval', () => {
  it('reported pending (one case, recorded), then cancelled once approved', async () => {
    f.vnp.setCancelMode('approval');
    const { order, itemCode } = await lateParcelOfCancelledOrder();
    const first = await newConnector().catchUpWebhooks();
    expect(first.pending).toEqual([
      expect.objectContaining({ outcome: 'cancel_pending', trackingNumber: itemCode }),
    ]);
    expect(first.pending[0]?.error).toBeInstanceOf(ParcelCancelPendingError);
    expect(first.pending[0]?.error?.message).toMatch(/waits for vnpost's approval/);
    expect(first.pending[0]?.error?.message).toMatch(/chờ vnpost duyệt/);
    expect(cancelCalls()).toBe(1);
    const ref = (await readOrderState(f.store, keyOf(order)))!.shipment!.reference;
    expect((await f.store.getShipment(ref))?.cancelPendingSince).toBeDefined();

    // Two more day-runs: still pending, no second case opened.
    for (let i = 0; i < 2; i++) {
      const day = await newConnector().fulfilPending({ pull: false });
      expect(day.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
        outcome: 'skipped',
        reason: 'cancel_pending',
      });
    }
    expect(cancelCalls()).toBe(1);

    expect(await f.vnp.approveCases('approve')).toEqual([itemCode]);
    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'not_shippable' });
    expect(mine?.error?.message).toMatch(/was cancelled at vnpost/);
    expect(cancelCalls()).toBe(1);
    expect(f.vnp.state.order(itemCode)?.status).toBe('9');
    expect((await readOrderState(f.store, keyOf(order)))?.shipment?.status).toBe('CANCELLED');
    expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('refused (the parcel travels on): reported as a live parcel needing a person, not "cancelled", and not retried', async () => {
    f.vnp.setCancelMode('approval');
    const { order, itemCode } = await lateParcelOfCancelledOrder();
    await newConnector().catchUpWebhooks();
    expect(await f.vnp.approveCases('refuse')).toEqual([]);
    await f.vnp.advance(itemCode, '6');
    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'cancel_refused' });
    expect(mine?.error).toBeInstanceOf(ParcelCancelRefusedError);
    expect(mine?.error?.message).toMatch(/the parcel is live — a person must act/);
    expect(mine?.error?.message).toMatch(/cần người xử lý/);
    expect(mine?.error?.message).not.toMatch(/was cancelled at/);
    expect(cancelCalls()).toBe(1);
    const again = await newConnector().fulfilPending({ pull: false });
    expect(again.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
      outcome: 'skipped',
      reason: 'cancel_refused',
    });
    expect(again.counts.failed).toBe(0);
    expect(cancelCalls()).toBe(1);
    expect(f.vnp.state.order(itemCode)?.status).toBe('6');
  });
});

it('a late parcel already picked up: cancel_refused once, then the same terminal report, never failed', async () => {
  const { order, itemCode } = await lateParcelOfCancelledOrder();
  await f.vnp.advance(itemCode, '6');
  const caught = await newConnector().catchUpWebhooks();
  expect(caught.pending).toEqual([
    expect.objectContaining({ outcome: 'cancel_refused', trackingNumber: itemCode }),
  ]);
  expect(caught.failed).toEqual([]);
  expect((await readOrderState(f.store, keyOf(order)))?.shipment?.cancelRefused).toBeDefined();
  const calls = cancelCalls();
  for (let i = 0; i < 2; i++) {
    const day = await newConnector().fulfilPending({ pull: false });
    expect(day.ok).toBe(true);
    expect(day.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
      outcome: 'skipped',
      reason: 'cancel_refused',
    });
  }
  expect(cancelCalls()).toBe(calls);
  expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
});
