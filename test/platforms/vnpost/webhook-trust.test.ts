import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import {
  type Harness,
  PARCEL,
  RECEIVER,
  SENDER_2025,
  startHarness,
  startWebhookReceiver,
  type WebhookReceiver,
} from './helpers.js';

let h: Harness | undefined;
let receiver: WebhookReceiver | undefined;
let store: StateStore | undefined;
afterEach(async () => {
  await h?.close();
  await receiver?.close();
  await store?.close();
  h = undefined;
  receiver = undefined;
  store = undefined;
});

async function shipOne(harness: Harness, reference: string) {
  return harness.adapter.createShipment(
    { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' },
    { reference },
  );
}

type Delivery = { data: Array<Record<string, unknown>>; sendDate: string; signature: string };

describe('VNPost webhooks: only what the RSA signature covers is trusted', () => {
  it('a forged item appended to a genuine signed delivery changes nothing, and the answer is non-2xx', async () => {
    receiver = await startWebhookReceiver();
    store = createMemoryStore();
    h = await startHarness({ webhookUrl: receiver.url }, { store });
    const a = await shipOne(h, 'trust-a');
    const b = await shipOne(h, 'trust-b');
    await h.sandbox.advance(a.trackingNumber!, '4');
    const genuine = receiver.deliveries.at(-1)!.rawBody;
    const recordB = await store.getShipment('trust-b');

    const forged = JSON.parse(genuine) as Delivery;
    forged.data.push({
      ...forged.data[0],
      itemCode: b.trackingNumber,
      saleOrderCode: 'trust-b',
      status: '14',
      statusName: 'Phát thành công',
    });
    const raw = JSON.stringify(forged);
    // The signature covers the first item only, so the forged body still verifies …
    expect(h.adapter.verifyWebhook(raw, {})).toBe(true);
    const outcome = await h.adapter.receiveWebhook(raw, {});
    // … but the appended item is refused: VNPost's history of B has no "14".
    expect(outcome).toMatchObject({
      verified: true,
      httpStatus: 422,
      refused: [{ itemCode: b.trackingNumber, rawStatus: '14', reason: 'unconfirmed' }],
    });
    if (!outcome.verified) throw new Error('unreachable');
    expect(outcome.events.map((e) => [e.trackingNumber, e.rawStatus])).toEqual([[a.trackingNumber, '4']]);
    expect(await store.getShipment('trust-b')).toEqual(recordB);
    expect((await store.getShipment('trust-a'))?.rawStatus).toBe('4');
    // Sandbox truth: B was never delivered.
    expect(h.sandbox.state.orders().find((o) => o.itemCode === b.trackingNumber)?.status).toBe('1');
  });

  it('the unsigned reference and date of the signed item are not trusted', async () => {
    receiver = await startWebhookReceiver();
    store = createMemoryStore();
    h = await startHarness({ webhookUrl: receiver.url }, { store });
    const a = await shipOne(h, 'trust-ref-a');
    await shipOne(h, 'trust-ref-b');
    await h.sandbox.advance(a.trackingNumber!, '2');
    const recordB = await store.getShipment('trust-ref-b');
    const forged = JSON.parse(receiver.deliveries.at(-1)!.rawBody) as Delivery;
    forged.data[0]!.saleOrderCode = 'trust-ref-b';
    forged.data[0]!.statusDate = '01/01/2030 00:00:00';
    const outcome = await h.adapter.receiveWebhook(JSON.stringify(forged), {});
    expect(outcome).toMatchObject({ verified: true, httpStatus: 200 });
    if (!outcome.verified) throw new Error('unreachable');
    // Applied to the parcel's own reference (from the store, by its signed waybill), at sendDate at most.
    expect(outcome.events[0]).toMatchObject({ reference: 'trust-ref-a', claimedReference: 'trust-ref-b' });
    expect(outcome.events[0]!.occurredAt < '2030-01-01').toBe(true);
    expect(await store.getShipment('trust-ref-b')).toEqual(recordB);
    expect(await store.getShipment('trust-ref-a')).toMatchObject({
      rawStatus: '2',
      waybill: a.trackingNumber,
    });
  });

  it("a genuine several-item delivery: the unsigned items are applied as VNPost's history confirms them", async () => {
    store = createMemoryStore();
    h = await startHarness({}, { store });
    const a = await shipOne(h, 'trust-batch-a');
    const b = await shipOne(h, 'trust-batch-b');
    await h.sandbox.advance(a.trackingNumber!, '6');
    await h.sandbox.advance(b.trackingNumber!, '4');
    const item = (itemCode: string, status: string) => ({
      itemCode,
      status,
      statusDate: '02/12/2026 09:00:00',
    });
    const raw = h.sandbox.webhookPayload(
      [item(a.trackingNumber!, '6'), item(b.trackingNumber!, '4'), item(b.trackingNumber!, '12')],
      '02/12/2026 09:00:00',
    );
    const outcome = await h.adapter.receiveWebhook(raw, {});
    expect(outcome).toMatchObject({
      verified: true,
      httpStatus: 422,
      refused: [{ itemCode: b.trackingNumber, rawStatus: '12', reason: 'unconfirmed' }],
    });
    expect(await store.getShipment('trust-batch-a')).toMatchObject({
      rawStatus: '6',
      carrierStatus: 'PICKED_UP',
    });
    expect(await store.getShipment('trust-batch-b')).toMatchObject({
      rawStatus: '4',
      carrierStatus: 'PENDING_PICKUP',
    });
  });

  it('an unsigned item whose confirmation cannot be read is not applied and asks for a retry (503)', async () => {
    store = createMemoryStore();
    h = await startHarness({}, { store });
    const a = await shipOne(h, 'trust-fail-a');
    const b = await shipOne(h, 'trust-fail-b');
    await h.sandbox.advance(b.trackingNumber!, '4');
    const before = await store.getShipment('trust-fail-b');
    h.sandbox.setFaults({ failNext: { getStatusHistoryOrder: 20 } });
    const raw = h.sandbox.webhookPayload(
      [
        { itemCode: a.trackingNumber, status: '1' },
        { itemCode: b.trackingNumber, status: '4' },
      ],
      '02/12/2026 09:00:00',
    );
    const outcome = await h.adapter.receiveWebhook(raw, {});
    expect(outcome).toMatchObject({
      httpStatus: 503,
      refused: [{ itemCode: b.trackingNumber, reason: 'lookup_failed' }],
    });
    expect(await store.getShipment('trust-fail-b')).toEqual(before);
  });

  it('an unknown status code is flagged with its raw code, not applied, and answered non-2xx', async () => {
    receiver = await startWebhookReceiver();
    store = createMemoryStore();
    h = await startHarness({ webhookUrl: receiver.url }, { store });
    const s = await shipOne(h, 'trust-unknown');
    const before = await store.getShipment('trust-unknown');
    await h.sandbox.pushStatus(s.trackingNumber!, '77', 'Trạng thái mới của VNPost');
    const outcome = await h.adapter.receiveWebhook(receiver.deliveries.at(-1)!.rawBody, {});
    expect(outcome).toMatchObject({
      verified: true,
      httpStatus: 422,
      events: [],
      unknown: [{ itemCode: s.trackingNumber, rawStatus: '77', rawStatusLabel: 'Trạng thái mới của VNPost' }],
    });
    expect(await store.getShipment('trust-unknown')).toEqual(before);
  });
});

describe('VNPost events of the same instant follow the journey stage', () => {
  it('6 then 7 with one timestamp ends at 7; a late 6 never moves it back', async () => {
    store = createMemoryStore();
    const at = Date.parse('2026-12-02T02:00:00Z');
    h = await startHarness({ clock: () => at }, { store });
    const s = await shipOne(h, 'tie-67');
    await h.sandbox.advance(s.trackingNumber!, '7');
    const one = (status: string) =>
      h!.sandbox.webhookPayload(
        [{ itemCode: s.trackingNumber, status, statusDate: '02/12/2026 09:00:00' }],
        '02/12/2026 09:00:00',
      );
    expect((await h.adapter.receiveWebhook(one('6'), {})).verified).toBe(true);
    await h.adapter.receiveWebhook(one('7'), {});
    expect(await store.getShipment('tie-67')).toMatchObject({ rawStatus: '7', carrierStatus: 'PICKED_UP' });
    await h.adapter.receiveWebhook(one('6'), {});
    expect((await store.getShipment('tie-67'))?.rawStatus).toBe('7');
  });

  it('one delivery carrying 7 then 6 of the same instant is applied in journey order', async () => {
    store = createMemoryStore();
    const at = Date.parse('2026-12-02T02:00:00Z');
    h = await startHarness({ clock: () => at }, { store });
    const s = await shipOne(h, 'tie-batch');
    await h.sandbox.advance(s.trackingNumber!, '7');
    const raw = h.sandbox.webhookPayload(
      [
        { itemCode: s.trackingNumber, status: '7', statusDate: '02/12/2026 09:00:00' },
        { itemCode: s.trackingNumber, status: '6', statusDate: '02/12/2026 09:00:00' },
      ],
      '02/12/2026 09:00:00',
    );
    const outcome = await h.adapter.receiveWebhook(raw, {});
    expect(outcome).toMatchObject({ httpStatus: 200 });
    if (!outcome.verified) throw new Error('unreachable');
    expect(outcome.events.map((e) => e.rawStatus)).toEqual(['6', '7']);
    expect((await store.getShipment('tie-batch'))?.rawStatus).toBe('7');
  });
});
