/**
 * #16 re-trial item 3, ViettelPost too: a verified webhook whose ORDER_STATUSDATE lies far in the future
 * must not freeze the shipment record. Clamped to receive time + MAX_WEBHOOK_CLOCK_SKEW_MS, raw kept.
 */
import { expect, it } from 'vitest';
import { viettelpost } from '../../../src/platforms/viettelpost/index.js';
import { MAX_WEBHOOK_CLOCK_SKEW_MS } from '../../../src/platforms/viettelpost/webhook.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';

const SECRET = 'vtp-future-secret';

/** dd/MM/yyyy HH:mm:ss in Vietnam time (UTC+7), as ViettelPost writes dates. */
function vnDate(ms: number): string {
  const d = new Date(ms + 7 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

const body = (status: number, date: string) =>
  JSON.stringify({
    DATA: {
      ORDER_NUMBER: '15878180077',
      ORDER_REFERENCE: 'VTP-FUTURE-1',
      ORDER_STATUSDATE: date,
      ORDER_STATUS: status,
    },
    TOKEN: SECRET,
  });

it('a far-future ORDER_STATUSDATE is clamped (raw kept); the next real event still moves the record', async () => {
  const store = createMemoryStore();
  let nowMs = Date.parse('2026-12-02T02:00:00Z');
  const adapter = viettelpost({
    environment: 'development',
    credentials: { token: 't' },
    webhookSecret: SECRET,
    store,
    now: () => new Date(nowMs),
  });
  try {
    const future = await adapter.receiveWebhook(body(200, '01/01/2099 09:00:00'), {});
    if (!future.verified) throw new Error('not verified');
    const clampedAt = new Date(nowMs + MAX_WEBHOOK_CLOCK_SKEW_MS).toISOString();
    expect(future.event).toMatchObject({
      occurredAt: clampedAt,
      rawOccurredAt: '01/01/2099 09:00:00',
      futureDateClamped: true,
    });
    expect(await store.getShipment('VTP-FUTURE-1')).toMatchObject({
      rawStatus: '200',
      lastEventAt: clampedAt,
    });

    nowMs += 10 * 60 * 1000;
    await adapter.receiveWebhook(body(300, vnDate(nowMs)), {});
    expect(await store.getShipment('VTP-FUTURE-1')).toMatchObject({
      rawStatus: '300',
      lastEventAt: new Date(nowMs).toISOString(),
    });
  } finally {
    await adapter.close();
    await store.close();
  }
});
