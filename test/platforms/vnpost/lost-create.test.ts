import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../../src/cli/errors.js';
import { OutcomeUnknownError } from '../../../src/core/errors.js';
import { VnpostReferenceSpentError, vnpost } from '../../../src/platforms/vnpost/index.js';
import { DEFAULT_LOST_CREATE_SETTLE_MS } from '../../../src/platforms/vnpost/options.js';
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
    const lost = (await h.adapter
      .createShipment(request, { reference: 'postmart-LOST2' })
      .catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(lost).toBeInstanceOf(OutcomeUnknownError);
    // Each language whole (#18): how the answer was lost and that the look-up failed.
    expect(lost.messageVi).toBe(
      'VNPost: phản hồi CreateOrder cho mã postmart-LOST2 là bị mất và tra cứu lại theo mã thất bại; không gửi lại gì (lần chạy sau sẽ tra cứu trước)',
    );
    expect(lost.messageEn).toBe(
      'VNPost: the CreateOrder answer for reference postmart-LOST2 was lost and looking it up failed; nothing was sent again (the next run looks it up first)',
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
    const { messageVi, messageEn } = error as OutcomeUnknownError;
    expect(messageVi).toContain('(phản hồi CreateOrder bị mất; 3 lần tra cứu không thấy đơn)');
    expect(messageVi).not.toMatch(/\blost\b|\blookups\b/);
    expect(messageEn).toContain('(the CreateOrder answer was lost; 3 lookups found nothing)');
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.requestCount('getListOrder')).toBe(3);
    expect((await store.getShipment('postmart-SLOW'))?.pendingSince).toEqual(expect.any(String));
  });

  it('a CreateOrder answered HTTP 500 is outcome-unknown: looked up, not re-sent; inside the settle horizon a retry only looks; after it, it creates once', async () => {
    const store = createMemoryStore();
    let clock = Date.now();
    h = await startHarness(
      { faults: { failNext: { createOrder: 1 } } },
      { store, lostCreateLookupDelaysMs: [0, 10], now: () => clock },
    );
    const error = await h.adapter
      .createShipment(request, { reference: 'postmart-500' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toContain('HTTP 500');
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.requestCount('getListOrder')).toBe(2);
    // Seconds later: VNPost lists nothing, but its list may lag — looked up, nothing sent.
    clock += 5_000;
    const again = await h.adapter
      .createShipment(request, { reference: 'postmart-500' })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(OutcomeUnknownError);
    expect((again as OutcomeUnknownError).retryAfterMs).toBe(DEFAULT_LOST_CREATE_SETTLE_MS - 5_000);
    // One language per run in the CLI (#16 re-trial 6): each language alone, and the CLI prints one.
    const alone = again as { messageVi?: string; messageEn?: string };
    expect(alone.messageEn).toContain('Retry after');
    expect(alone.messageEn).not.toContain('Thử lại');
    expect(alone.messageVi).toContain('Thử lại sau');
    expect(alone.messageVi).not.toContain('Retry after');
    const printed = describeError(again, 'en').message;
    expect(printed).toContain('Retry after');
    expect(printed).not.toContain('Thử lại');
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.requestCount('getListOrder')).toBe(3);
    // Past the horizon and still nothing under the reference: the create is sent once more.
    clock += DEFAULT_LOST_CREATE_SETTLE_MS;
    const shipment = await h.adapter.createShipment(request, { reference: 'postmart-500' });
    expect(h.sandbox.state.requestCount('createOrder')).toBe(2);
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

describe('VNPost commits a create late and its list lags: a retry never creates a second parcel', () => {
  it('the answer is lost and the order is not listed yet: every retry inside the horizon (another process too) only looks it up; once listed it is adopted', async () => {
    const store = createMemoryStore();
    h = await startHarness(
      // Committed only when the test says so (commitLateNow), long after every lookup of the first call.
      { faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 } },
      { store, lostCreateLookupDelaysMs: [0, 20] },
    );
    const first = await h.adapter.createShipment(request, { reference: 'r-late' }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(OutcomeUnknownError);
    expect((first as Error).message).toMatch(/Retry after \d{4}-\d\d-\d\dT/);
    const pendingSince = (await store.getShipment('r-late'))?.pendingSince;
    expect(pendingSince).toEqual(expect.any(String));

    // Another process with the same store retries at once: looked up, refused, nothing sent.
    const other = vnpost({ baseUrl: h.sandbox.url, credentials: h.sandbox.credentials, store });
    const second = await other.createShipment(request, { reference: 'r-late' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(OutcomeUnknownError);
    const retryAt = new Date(Date.parse(pendingSince!) + DEFAULT_LOST_CREATE_SETTLE_MS).toISOString();
    expect((second as Error).message).toContain(retryAt);
    expect((second as OutcomeUnknownError).retryAfterMs).toBeGreaterThan(0);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(h.sandbox.state.ordersByReference('r-late')).toHaveLength(0);
    expect((await store.getShipment('r-late'))?.pendingSince).toBe(pendingSince);

    // VNPost's late commit lands: the next retry adopts that parcel.
    expect(h.sandbox.commitLateNow()).toBe(1);
    const shipment = await other.createShipment(request, { reference: 'r-late' });
    await other.close();
    const held = h.sandbox.state.ordersByReference('r-late');
    expect(held.map((o) => o.itemCode)).toEqual([shipment.trackingNumber]);
    expect(shipment.externalIds['vnpost:recovered']).toBe('true');
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    expect(await store.getShipment('r-late')).toMatchObject({ waybill: held[0]!.itemCode });
    // And the first adapter answers from the store from now on.
    const again = await h.adapter.createShipment(request, { reference: 'r-late' });
    expect(again.trackingNumber).toBe(shipment.trackingNumber);
    expect(h.sandbox.state.ordersByReference('r-late')).toHaveLength(1);
  });

  it('past the horizon a late-committed parcel that is listed is adopted, not created again', async () => {
    const store = createMemoryStore();
    let clock = Date.now();
    h = await startHarness(
      { faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 } },
      { store, lostCreateLookupDelaysMs: [0], now: () => clock },
    );
    await expect(h.adapter.createShipment(request, { reference: 'r-late2' })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    h.sandbox.commitLateNow();
    clock += DEFAULT_LOST_CREATE_SETTLE_MS + 1;
    const shipment = await h.adapter.createShipment(request, { reference: 'r-late2' });
    expect(h.sandbox.state.ordersByReference('r-late2').map((o) => o.itemCode)).toEqual([
      shipment.trackingNumber,
    ]);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
  });

  it('lostCreateSettleMs is validated at construction', () => {
    expect(() =>
      vnpost({
        baseUrl: 'http://127.0.0.1:9',
        credentials: { token: 't', customerCode: 'C1' },
        lostCreateSettleMs: -1,
      }),
    ).toThrow(/lostCreateSettleMs/);
  });
});

describe('without a store, a reference VNPost already holds is never created twice', () => {
  it('two fresh adapters create the same reference: the second finds it by reference and adopts it', async () => {
    h = await startHarness();
    const first = await h.adapter.createShipment(request, { reference: 'r-drop' });
    const fresh = vnpost({ baseUrl: h.sandbox.url, credentials: h.sandbox.credentials });
    const second = await fresh.createShipment(request, { reference: 'r-drop' });
    await fresh.close();
    expect(second.trackingNumber).toBe(first.trackingNumber);
    expect(h.sandbox.state.ordersByReference('r-drop')).toHaveLength(1);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
  });

  it('a lost answer in one adapter, a retry in a fresh one once VNPost lists it: adopted, one parcel', async () => {
    h = await startHarness(
      { faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 } },
      { lostCreateLookupDelaysMs: [0] },
    );
    await expect(h.adapter.createShipment(request, { reference: 'r-drop2' })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    h.sandbox.commitLateNow();
    const fresh = vnpost({ baseUrl: h.sandbox.url, credentials: h.sandbox.credentials });
    const shipment = await fresh.createShipment(request, { reference: 'r-drop2' });
    await fresh.close();
    expect(h.sandbox.state.ordersByReference('r-drop2').map((o) => o.itemCode)).toEqual([
      shipment.trackingNumber,
    ]);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
  });

  it('a lookup that fails before the first create sends nothing', async () => {
    h = await startHarness({ faults: { failNext: { getListOrder: 10 } } }, { retry: { retries: 0 } });
    await expect(h.adapter.createShipment(request, { reference: 'r-nolist' })).rejects.toThrow();
    expect(h.sandbox.state.requestCount('createOrder')).toBe(0);
  });
});
