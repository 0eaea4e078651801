import { afterEach, describe, expect, it } from 'vitest';
import { OutcomeUnknownError } from '../../../src/core/errors.js';
import { VnpostReferenceSpentError, vnpost } from '../../../src/platforms/vnpost/index.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, startHarness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' };

describe('a lost CreateOrder answer never yields a second parcel', () => {
  it('looks the order up by reference after the answer is lost, and adopts it', async () => {
    h = await startHarness({ faults: { dropResponseAfterCommit: { createOrder: 1 } } });
    const shipment = await h.adapter.createShipment(request, { reference: 'postmart-LOST1' });
    const held = h.sandbox.state.ordersByReference('postmart-LOST1');
    expect(held).toHaveLength(1);
    expect(shipment.trackingNumber).toBe(held[0]!.itemCode);
    expect(shipment.externalIds['vnpost:recovered']).toBe('true');
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.requestCount('getListOrder')).toBeGreaterThanOrEqual(1);
  });

  it('fails as outcome-unknown when the lookup fails too, and a later run adopts the parcel from the store intent', async () => {
    const store = createMemoryStore();
    h = await startHarness(
      { faults: { dropResponseAfterCommit: { createOrder: 1 }, failNext: { getListOrder: 10 } } },
      { store, retry: { retries: 1, initialDelayMs: 5, maxDelayMs: 10 } },
    );
    await expect(h.adapter.createShipment(request, { reference: 'postmart-LOST2' })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(h.sandbox.state.ordersByReference('postmart-LOST2')).toHaveLength(1);
    expect(await store.getShipment('postmart-LOST2')).toMatchObject({
      carrier: 'vnpost',
      status: 'WAYBILL_PENDING',
    });

    // A new adapter (a restart) with the same store: it looks up before it creates.
    h.sandbox.setFaults({ failNext: {} });
    const restarted = vnpost({ baseUrl: h.sandbox.url, credentials: h.sandbox.credentials, store });
    const shipment = await restarted.createShipment(request, { reference: 'postmart-LOST2' });
    await restarted.close();
    const held = h.sandbox.state.ordersByReference('postmart-LOST2');
    expect(held).toHaveLength(1);
    expect(shipment.trackingNumber).toBe(held[0]!.itemCode);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    const record = await store.getShipment('postmart-LOST2');
    expect(record).toMatchObject({
      waybill: held[0]!.itemCode,
      carrierStatus: 'CREATED',
      rawStatus: '1',
    });
    expect(record?.pendingSince).toBeUndefined();
  });

  it('refuses to create when an earlier intent exists and the lookup cannot run (nothing sent)', async () => {
    const store = createMemoryStore();
    await store.putShipment({
      reference: 'postmart-LOST3',
      carrier: 'vnpost',
      status: 'creating',
      pendingSince: '2026-12-02T01:00:00.000Z',
    });
    h = await startHarness({ faults: { failNext: { getListOrder: 10 } } }, { store, retry: { retries: 0 } });
    await expect(h.adapter.createShipment(request, { reference: 'postmart-LOST3' })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(h.sandbox.state.requestCount('createOrder')).toBe(0);
    expect(h.sandbox.state.orders()).toHaveLength(0);
  });

  it('answers a repeated create with a known waybill from the store, sending nothing', async () => {
    const store = createMemoryStore();
    h = await startHarness({}, { store });
    const first = await h.adapter.createShipment(request, { reference: 'postmart-AGAIN' });
    const again = await h.adapter.createShipment(request, { reference: 'postmart-AGAIN' });
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.ordersByReference('postmart-AGAIN')).toHaveLength(1);
  });

  it('never adopts a cancelled predecessor: a spent reference is refused, a new one ships', async () => {
    const store = createMemoryStore();
    h = await startHarness({}, { store });
    const first = await h.adapter.createShipment(request, { reference: 'postmart-C1' });
    await h.adapter.cancelShipment(first.trackingNumber!);
    expect(await store.getShipment('postmart-C1')).toMatchObject({ carrierStatus: 'CANCELLED', spent: true });
    await expect(h.adapter.createShipment(request, { reference: 'postmart-C1' })).rejects.toBeInstanceOf(
      VnpostReferenceSpentError,
    );
    // Even with the record lost, the lookup skips the cancelled parcel and creates a live one.
    await store.deleteShipment('postmart-C1');
    await store.putShipment({
      reference: 'postmart-C1',
      status: 'creating',
      carrier: 'vnpost',
      pendingSince: '2026-12-02T01:00:00.000Z',
    });
    const second = await h.adapter.createShipment(request, { reference: 'postmart-C1' });
    expect(second.trackingNumber).not.toBe(first.trackingNumber);
    expect(h.sandbox.state.ordersByReference('postmart-C1').map((o) => o.status)).toEqual(['9', '1']);
  });

  it('VNPost commits only after the answer was lost: a later lookup finds it, no second parcel', async () => {
    h = await startHarness(
      { faults: { commitLate: { createOrder: 1 }, commitLateMs: 150 } },
      { lostCreateLookupDelaysMs: [0, 100, 400] },
    );
    const shipment = await h.adapter.createShipment(request, { reference: 'postmart-LATE' });
    const held = h.sandbox.state.ordersByReference('postmart-LATE');
    expect(held.map((o) => o.itemCode)).toEqual([shipment.trackingNumber]);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.requestCount('getListOrder')).toBeGreaterThanOrEqual(2);
  });

  it('nothing found after every delayed lookup: outcome-unknown, nothing re-sent; the next run looks first', async () => {
    const store = createMemoryStore();
    h = await startHarness(
      { faults: { commitLate: { createOrder: 1 }, commitLateMs: 5_000 } },
      { store, lostCreateLookupDelaysMs: [0, 20, 40] },
    );
    const error = await h.adapter
      .createShipment(request, { reference: 'postmart-SLOW' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.requestCount('getListOrder')).toBe(3);
    expect((await store.getShipment('postmart-SLOW'))?.pendingSince).toEqual(expect.any(String));
  });

  it('a CreateOrder answered HTTP 500 is outcome-unknown: looked up, not re-sent; the next run looks first, then creates once', async () => {
    const store = createMemoryStore();
    h = await startHarness(
      { faults: { failNext: { createOrder: 1 } } },
      { store, lostCreateLookupDelaysMs: [0, 10] },
    );
    const error = await h.adapter
      .createShipment(request, { reference: 'postmart-500' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toContain('HTTP 500');
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.requestCount('getListOrder')).toBe(2);
    const shipment = await h.adapter.createShipment(request, { reference: 'postmart-500' });
    expect(h.sandbox.state.requestCount('getListOrder')).toBe(3);
    expect(h.sandbox.state.ordersByReference('postmart-500').map((o) => o.itemCode)).toEqual([
      shipment.trackingNumber,
    ]);
  });

  it('a CreateOrder written by VNPost and then answered HTTP 500 is adopted at once: one parcel', async () => {
    const store = createMemoryStore();
    h = await startHarness({ faults: { fail500AfterCommit: { createOrder: 1 } } }, { store });
    const shipment = await h.adapter.createShipment(request, { reference: 'postmart-500-late' });
    expect(shipment.externalIds?.['vnpost:recovered']).toBe('true');
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.ordersByReference('postmart-500-late').map((o) => o.itemCode)).toEqual([
      shipment.trackingNumber,
    ]);
    expect((await store.getShipment('postmart-500-late'))?.waybill).toBe(shipment.trackingNumber);
  });

  it('creates normally when the lookup finds nothing (the lost request never reached VNPost)', async () => {
    const store = createMemoryStore();
    await store.putShipment({
      reference: 'postmart-NEVER',
      carrier: 'vnpost',
      status: 'creating',
      pendingSince: '2026-12-02T01:00:00.000Z',
    });
    h = await startHarness({}, { store });
    const shipment = await h.adapter.createShipment(request, { reference: 'postmart-NEVER' });
    expect(h.sandbox.state.ordersByReference('postmart-NEVER').map((o) => o.itemCode)).toEqual([
      shipment.trackingNumber,
    ]);
  });
});
