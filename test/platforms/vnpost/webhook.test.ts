import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractViolationError } from '../../../src/core/errors.js';
import {
  classifyVnpostStatus,
  UnknownVnpostStatusError,
  VNPOST_STATUS_TABLE,
  vnpost,
} from '../../../src/platforms/vnpost/index.js';
import { parseVnpostDate } from '../../../src/platforms/vnpost/vietnam-time.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
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
afterEach(async () => {
  await h?.close();
  await receiver?.close();
  h = undefined;
  receiver = undefined;
});

async function shipOne(harness: Harness, reference: string) {
  return harness.adapter.createShipment(
    { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031', codAmountVnd: 200_000 },
    { reference },
  );
}

describe('MyVNPost webhooks: RSA-SHA256 over "MYVNP" + sendDate + itemCode + status', () => {
  it('verifies and parses real sandbox deliveries, keeping raw code and label', async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness({ webhookUrl: receiver.url });
    const s = await shipOne(h, 'pm-hook-1');
    await h.sandbox.advance(s.trackingNumber!);
    await h.sandbox.webhooksIdle();
    const events = receiver.deliveries.map((d) => {
      expect(h!.adapter.verifyWebhook(d.rawBody, d.headers)).toBe(true);
      return h!.adapter.parseWebhook(d.rawBody);
    });
    expect(events.map((e) => e.rawStatus)).toEqual(['1', '2', '4', '6', '7', '10', '11', '12', '14', '21']);
    expect(events.at(-2)).toMatchObject({
      status: 'DELIVERED',
      terminal: true,
      signed: true,
      // saleOrderCode is not covered by the signature: kept as a claim, never as the reference.
      claimedReference: 'pm-hook-1',
      trackingNumber: s.trackingNumber,
    });
    expect(events.every((e) => e.rawStatusLabel && e.rawStatusLabel.length > 0)).toBe(true);
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);
  });

  it('receiveWebhook applies verified events to the store once, and applies nothing from a forged one', async () => {
    receiver = await startWebhookReceiver();
    const store = createMemoryStore();
    h = await startHarness({ webhookUrl: receiver.url }, { store });
    const s = await shipOne(h, 'pm-hook-store');
    await h.sandbox.advance(s.trackingNumber!, '12');
    for (const d of receiver.deliveries)
      expect((await h.adapter.receiveWebhook(d.rawBody, d.headers)).verified).toBe(true);
    // Redelivered out of order: an older event never rolls the record back.
    await h.adapter.receiveWebhook(receiver.deliveries[2]!.rawBody, {});
    expect(await store.getShipment('pm-hook-store')).toMatchObject({
      waybill: s.trackingNumber,
      carrierStatus: 'OUT_FOR_DELIVERY',
      rawStatus: '12',
    });
    const forged = JSON.parse(receiver.deliveries.at(-1)!.rawBody) as {
      data: Array<Record<string, unknown>>;
    };
    forged.data[0]!.status = '14';
    expect(await h.adapter.receiveWebhook(JSON.stringify(forged), {})).toEqual({
      verified: false,
      httpStatus: 401,
    });
    expect((await store.getShipment('pm-hook-store'))?.carrierStatus).toBe('OUT_FOR_DELIVERY');
  });

  it('refuses a forged delivery (tampered status) and one re-signed with another key', async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness({ webhookUrl: receiver.url });
    const s = await shipOne(h, 'pm-hook-2');
    await h.sandbox.webhooksIdle();
    const genuine = receiver.deliveries[0]!.rawBody;
    expect(h.adapter.verifyWebhook(genuine, {})).toBe(true);

    const tampered = JSON.parse(genuine) as { data: Array<Record<string, unknown>> };
    tampered.data[0]!.status = '14';
    expect(h.adapter.verifyWebhook(JSON.stringify(tampered), {})).toBe(false);

    const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const sendDate = '02/12/2026 10:00:00';
    const item = {
      itemCode: s.trackingNumber,
      status: '14',
      statusName: 'Phát thành công',
      saleOrderCode: 'pm-hook-2',
    };
    expect(h.adapter.verifyWebhook(h.sandbox.webhookPayload([item], sendDate, impostor), {})).toBe(false);
    expect(h.adapter.verifyWebhook(h.sandbox.webhookPayload([item], sendDate), {})).toBe(true);

    // The sandbox itself switching keys (a re-signed stream) is refused too.
    h.sandbox.setWebhookSigningKey(impostor);
    await h.sandbox.advance(s.trackingNumber!, '2');
    expect(h.adapter.verifyWebhook(receiver.deliveries.at(-1)!.rawBody, {})).toBe(false);

    for (const junk of ['', '{}', 'not json', JSON.stringify({ data: [item], sendDate, signature: '%%%' })]) {
      expect(h.adapter.verifyWebhook(junk, {})).toBe(false);
    }
    const keyless = vnpost({ baseUrl: h.sandbox.url, credentials: h.sandbox.credentials });
    expect(keyless.verifyWebhook(genuine, {})).toBe(false);
    await keyless.close();
  });

  it('retries a delivery the receiver refused, and sends deliberate duplicates with one dedupe key', async () => {
    receiver = await startWebhookReceiver([500, 503]);
    h = await startHarness({ webhookUrl: receiver.url });
    h.sandbox.setWebhookChaos({ duplicateStatuses: ['1'] });
    await shipOne(h, 'pm-hook-3');
    await h.sandbox.webhooksIdle();
    const log = h.sandbox.state.webhookDeliveries();
    expect(log.map((l) => [l.attempt, l.httpStatus, l.duplicate])).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, false],
      [1, 200, true],
    ]);
    const keys = receiver.deliveries.map((d) => h!.adapter.parseWebhook(d.rawBody).dedupeKey);
    expect(new Set(keys).size).toBe(1);
  });

  it('flags an unknown status code with its raw code and label, never guessing a canonical status', async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness({ webhookUrl: receiver.url });
    const s = await shipOne(h, 'pm-hook-4');
    await h.sandbox.pushStatus(s.trackingNumber!, '77', 'Trạng thái mới của VNPost');
    const raw = receiver.deliveries.at(-1)!.rawBody;
    expect(h.adapter.verifyWebhook(raw, {})).toBe(true);
    const batch = h.adapter.parseWebhookBatch(raw);
    expect(batch.events).toEqual([]);
    expect(batch.unknown).toEqual([
      expect.objectContaining({
        itemCode: s.trackingNumber,
        rawStatus: '77',
        rawStatusLabel: 'Trạng thái mới của VNPost',
      }),
    ]);
    const error = (() => {
      try {
        h!.adapter.parseWebhook(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownVnpostStatusError);
    expect((error as UnknownVnpostStatusError).items[0]).toMatchObject({ rawStatus: '77' });
    expect(classifyVnpostStatus('77')).toEqual({ known: false, code: '77' });
  });

  it('reads several items of one delivery with parseWebhookEvents; parseWebhook refuses to pick one', async () => {
    h = await startHarness();
    const items = [
      { itemCode: 'EB000000001VN', status: '6', statusName: 'Đã lấy hàng', saleOrderCode: 'a' },
      { itemCode: 'EB000000002VN', status: 14, statusName: 'Phát thành công', saleOrderCode: 'b' },
    ];
    const raw = h.sandbox.webhookPayload(items, '2026-12-02 09:30:00');
    expect(h.adapter.verifyWebhook(raw, {})).toBe(true);
    const events = h.adapter.parseWebhookEvents(raw);
    expect(events.map((e) => [e.trackingNumber, e.status])).toEqual([
      ['EB000000001VN', 'PICKED_UP'],
      ['EB000000002VN', 'DELIVERED'],
    ]);
    expect(events[0]!.occurredAt).toBe('2026-12-02T02:30:00.000Z');
    expect(() => h!.adapter.parseWebhook(raw)).toThrow(ContractViolationError);
  });
});

describe('status table and dates', () => {
  it('maps every documented code to a canonical status and keeps both labels', () => {
    for (const info of VNPOST_STATUS_TABLE.values()) {
      expect(info.labelVi.length).toBeGreaterThan(0);
      expect(info.labelEn.length).toBeGreaterThan(0);
    }
    expect(classifyVnpostStatus('9')).toMatchObject({ known: true, status: 'CANCELLED', terminal: true });
    expect(classifyVnpostStatus('19')).toMatchObject({ known: true, status: 'RETURNED' });
    expect(classifyVnpostStatus('90')).toMatchObject({ known: true, status: 'DELIVERED' });
  });

  it('reads Vietnam local dates as UTC+7 and refuses impossible ones', () => {
    expect(parseVnpostDate('02/12/2026 07:00:00')).toBe('2026-12-02T00:00:00.000Z');
    expect(parseVnpostDate('02-12-2026')).toBe('2026-12-01T17:00:00.000Z');
    expect(parseVnpostDate('2026-12-02T07:00:00+07:00')).toBe('2026-12-02T00:00:00.000Z');
    expect(parseVnpostDate('31/02/2026 07:00:00')).toBeUndefined();
    expect(parseVnpostDate('yesterday')).toBeUndefined();
  });
});
