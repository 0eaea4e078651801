import { afterEach, describe, expect, it } from 'vitest';
import { VnpostReferenceSpentError } from '../../../src/platforms/vnpost/index.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, startHarness } from './helpers.js';

let h: Harness | undefined;
let store: StateStore | undefined;
afterEach(async () => {
  await h?.close();
  await store?.close();
  h = undefined;
  store = undefined;
});

const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' };

describe('VNPost status polling (catch-up for missed webhooks)', () => {
  it('a cancel waiting for approval ("02") is followed up: approved later, the poll records it cancelled and spent', async () => {
    store = createMemoryStore();
    h = await startHarness({}, { store }); // no webhook URL: every webhook is missed
    const s = await h.adapter.createShipment(request, { reference: 'poll-cancel' });
    h.sandbox.setCancelMode('approval');
    const answer = await h.adapter.cancelOrder(s.trackingNumber!);
    expect(answer).toMatchObject({ state: 'pending', caseId: expect.any(String) });
    expect(await store.getShipment('poll-cancel')).toMatchObject({ carrierStatus: 'CREATED' });
    expect((await store.getShipment('poll-cancel'))?.spent).toBeUndefined();

    expect(await h.sandbox.approveCases()).toEqual([s.trackingNumber]);
    const result = await h.adapter.refreshShipments();
    expect(result.failed).toEqual([]);
    expect(result.refreshed).toEqual([
      {
        reference: 'poll-cancel',
        waybill: s.trackingNumber,
        before: 'CREATED',
        after: 'CANCELLED',
        rawStatus: '9',
      },
    ]);
    expect(await store.getShipment('poll-cancel')).toMatchObject({ carrierStatus: 'CANCELLED', spent: true });
    await expect(h.adapter.createShipment(request, { reference: 'poll-cancel' })).rejects.toBeInstanceOf(
      VnpostReferenceSpentError,
    );
    // Final now: the next poll leaves it alone; so it does a parcel of another VNPost account.
    await store.putShipment({
      reference: 'other-account',
      carrier: 'vnpost',
      account: 'another-coop',
      waybill: 'EB999999999VN',
      status: 'shipped',
      carrierStatus: 'IN_TRANSIT',
    });
    expect(await h.adapter.refreshShipments()).toEqual({
      refreshed: [],
      unknown: [],
      failed: [],
      events: [],
    });
  });

  it('a pending cancel VNPost lets lapse (the parcel was picked up): the poll follows the journey, nothing spent', async () => {
    store = createMemoryStore();
    h = await startHarness({}, { store });
    const s = await h.adapter.createShipment(request, { reference: 'poll-lapse' });
    h.sandbox.setCancelMode('approval');
    expect((await h.adapter.cancelOrder(s.trackingNumber!)).state).toBe('pending');
    await h.sandbox.advance(s.trackingNumber!, '7');
    expect(await h.sandbox.approveCases()).toEqual([]);
    await h.adapter.refreshShipments();
    const record = await store.getShipment('poll-lapse');
    expect(record).toMatchObject({ carrierStatus: 'PICKED_UP', rawStatus: '7' });
    expect(record?.spent).toBeUndefined();
  });

  it('stops at a history step whose code is not in the table and flags it', async () => {
    store = createMemoryStore();
    h = await startHarness({}, { store });
    const s = await h.adapter.createShipment(request, { reference: 'poll-unknown' });
    await h.sandbox.advance(s.trackingNumber!, '4');
    await h.sandbox.pushStatus(s.trackingNumber!, '77', 'Trạng thái mới');
    await h.sandbox.advance(s.trackingNumber!, '6');
    const result = await h.adapter.refreshShipments({ references: ['poll-unknown'] });
    expect(result.unknown).toEqual([
      {
        reference: 'poll-unknown',
        waybill: s.trackingNumber,
        rawStatus: '77',
        rawStatusLabel: 'Trạng thái mới',
      },
    ]);
    // Applied up to the step before it; "6" after the unknown code waits.
    expect(await store.getShipment('poll-unknown')).toMatchObject({ rawStatus: '4' });
  });
});
