/**
 * #16 trial 5 LOW 5, 6: cancelOrder while the order's create is pending deals with the parcel first (it is
 * looked up and cancelled at VNPost before the marketplace order is cancelled; a create in flight refuses
 * the cancel, nothing cancelled), and a VNPost cancel answered "02" is reported pending, not done.
 */
import { describe, expect, it } from 'vitest';
import { OrderNotCancellableError } from '../../src/sync/fulfil/errors.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, startHarness } from '../platforms/vnpost/helpers.js';
import { useLostCreateFixture } from './vnpost-lost-create-fixture.js';

describe('cancelOrder during a pending create', () => {
  const f = useLostCreateFixture();

  it('a parcel that committed late is found and cancelled at VNPost before the order is cancelled', async () => {
    const order = await f.postmartOrder();
    await f.loseTheCreate(order);
    f.vnp.commitLateNow();
    const [parcel] = f.vnp.state.orders();
    expect(parcel?.status).toBe('1');
    f.platforms.postmartSandbox.buyers.cancel(order.externalId);
    await f.newConnector().cancelOrder(f.keyOf(order), 'BUYER_REQUEST');
    expect(f.vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(f.platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CANCELLED');
    expect((await readOrderState(f.store, f.keyOf(order)))?.shipment).toMatchObject({
      waybill: parcel!.itemCode,
      status: 'CANCELLED',
    });
  });

  it('a create in flight (claimed by a running fulfil) refuses the cancel: nothing is cancelled', async () => {
    const order = await f.postmartOrder();
    await f.loseTheCreate(order);
    // Another process claims the create again right now (its fulfil is running).
    const key = f.keyOf(order);
    const state = (await readOrderState(f.store, key))!;
    await f.store.putOrderState({
      ...key,
      state: {
        ...state,
        shipment: { ...state.shipment!, claim: { id: 'running', at: new Date().toISOString() } },
      } as unknown as Record<string, unknown>,
    });
    f.platforms.postmartSandbox.buyers.cancel(order.externalId);
    const refused = await f
      .newConnector()
      .cancelOrder(key, 'BUYER_REQUEST')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OrderNotCancellableError);
    expect((refused as Error).message).toMatch(/creating its parcel right now.*nothing was cancelled/);
    expect((refused as Error).message).toMatch(/đang tạo vận đơn/);
    expect(f.platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CANCEL_REQUESTED');
  });
});

describe('VNPost cancelShipment answered "02"', () => {
  it('resolves pending with its case id, then cancelled once VNPost approved', async () => {
    const h: Harness = await startHarness({});
    try {
      h.sandbox.setCancelMode('approval');
      const s = await h.adapter.createShipment(
        { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'CTN001' },
        { reference: 'cancel-02' },
      );
      const pending = await h.adapter.cancelShipment(s.trackingNumber!);
      expect(pending.state).toBe('pending');
      expect(pending.caseId).toBeDefined();
      expect(h.sandbox.state.order(s.trackingNumber!)?.status).not.toBe('9');
      await h.sandbox.approveCases('approve');
      expect(await h.adapter.cancelShipment(s.trackingNumber!)).toEqual({ state: 'cancelled' });
    } finally {
      await h.close();
    }
  });
});
