/**
 * #16 re-trial item 3: a signed webhook whose `sendDate` lies far in the future must not freeze the
 * shipment record (every later real event would be "older"). Its time is clamped to receive time +
 * MAX_WEBHOOK_CLOCK_SKEW_MS; the date as sent is kept (`rawOccurredAt`).
 */
import { afterEach, expect, it } from 'vitest';
import { MAX_WEBHOOK_CLOCK_SKEW_MS } from '../../../src/platforms/vnpost/webhook.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, startHarness } from './helpers.js';

let h: Harness | undefined;
let store: StateStore | undefined;
afterEach(async () => {
  await h?.close();
  await store?.close();
});

/** dd/MM/yyyy HH:mm:ss in Vietnam time (UTC+7), as MyVNPost writes dates. */
function vnDate(ms: number): string {
  const d = new Date(ms + 7 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

it('a far-future sendDate is clamped (raw kept), and the next real event still moves the record', async () => {
  store = createMemoryStore();
  let nowMs = Date.parse('2026-12-02T02:00:00Z');
  h = await startHarness({}, { store, now: () => nowMs });
  const s = await h.adapter.createShipment(
    { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' },
    { reference: 'future-date' },
  );
  const delivery = (status: string, sendDate: string) =>
    h!.sandbox.webhookPayload([{ itemCode: s.trackingNumber, status }], sendDate);

  const future = await h.adapter.receiveWebhook(delivery('2', '01/01/2099 09:00:00'), {});
  expect(future).toMatchObject({ verified: true, httpStatus: 200 });
  if (!future.verified) throw new Error('not verified');
  const clampedAt = new Date(nowMs + MAX_WEBHOOK_CLOCK_SKEW_MS).toISOString();
  expect(future.events[0]).toMatchObject({
    occurredAt: clampedAt,
    rawOccurredAt: '01/01/2099 09:00:00',
    futureDateClamped: true,
  });
  expect(await store.getShipment('future-date')).toMatchObject({ rawStatus: '2', lastEventAt: clampedAt });

  // Ten minutes later the real next event arrives: applied (before: "older" than 2099, ignored).
  nowMs += 10 * 60 * 1000;
  const real = await h.adapter.receiveWebhook(delivery('4', vnDate(nowMs)), {});
  if (!real.verified) throw new Error('not verified');
  expect(real.events[0]?.futureDateClamped).toBeUndefined();
  expect(await store.getShipment('future-date')).toMatchObject({
    rawStatus: '4',
    lastEventAt: new Date(nowMs).toISOString(),
  });

  // A date inside the skew is taken as sent.
  const near = h.adapter.parseWebhookBatch(delivery('4', vnDate(nowMs + 60_000)));
  expect(near.events[0]?.occurredAt).toBe(new Date(nowMs + 60_000).toISOString());
});
