import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listingIdempotencyKey } from '../../../src/platforms/marketplace/content-hash.js';
import { computeWebhookSignature } from '../../../src/platforms/marketplace/index.js';
import {
  decodeOrderCheckpoint,
  encodeOrderCheckpoint,
  splitWindow,
} from '../../../src/platforms/marketplace/order-window.js';
import { decodePlatformTime, encodePlatformTime } from '../../../src/platforms/marketplace/platform-time.js';
import { resolveProfile } from '../../../src/platforms/marketplace/profile.js';
import { VOSO_PROFILE } from '../../../src/platforms/voso/index.js';

const DAY = 86_400_000;

describe('platform time', () => {
  it('writes Vietnam local ISO time with its offset and reads it back as UTC', () => {
    const instant = new Date('2026-11-27T07:05:09.400Z');
    expect(encodePlatformTime(instant, 'iso8601', '+07:00')).toBe('2026-11-27T14:05:09+07:00');
    expect(encodePlatformTime(instant, 'epochSeconds', '+07:00')).toBe(1_795_763_109);
    expect(decodePlatformTime('2026-11-27T14:05:09+07:00', 'iso8601', 'x').toISOString()).toBe(
      '2026-11-27T07:05:09.000Z',
    );
    expect(decodePlatformTime(1_795_763_109, 'epochSeconds', 'x').toISOString()).toBe(
      '2026-11-27T07:05:09.000Z',
    );
  });

  it('refuses a bare local time instead of guessing its zone', () => {
    expect(() => decodePlatformTime('2026-11-27T14:05:09', 'iso8601', 'ngayTao')).toThrow(/ngayTao/);
  });
});

describe('order windows', () => {
  it('splits a long window into contiguous pieces no longer than the maximum, on whole seconds', () => {
    const from = new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 250));
    const to = new Date(from.getTime() + 20 * DAY);
    const pieces = splitWindow(from, to, 7 * DAY);
    expect(pieces).toHaveLength(3);
    expect(pieces[0]!.from.getTime()).toBe(Date.UTC(2026, 0, 1));
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.from).toEqual(pieces[i - 1]!.to);
    expect(pieces.at(-1)!.to.getTime()).toBeGreaterThanOrEqual(to.getTime());
    for (const p of pieces) expect(p.to.getTime() - p.from.getTime()).toBeLessThanOrEqual(7 * DAY);
  });

  it('an empty window yields no pieces', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(splitWindow(t, t, DAY)).toEqual([]);
  });

  it('checkpoints round-trip and foreign strings are refused', () => {
    const token = encodeOrderCheckpoint({ s: 1, e: 2, c: 'abc' });
    expect(decodeOrderCheckpoint(token)).toEqual({ s: 1, e: 2, c: 'abc' });
    expect(decodeOrderCheckpoint('not-a-checkpoint')).toBeUndefined();
  });
});

describe('webhook signatures and idempotency keys', () => {
  it('signs `timestamp.body` for Voso exactly as an independent HMAC does', () => {
    const spec = resolveProfile(VOSO_PROFILE).webhook;
    const body = '{"EVENT_ID":"evt_1","EVENT_TYPE":"ORDER_CREATED"}';
    const expected = createHmac('sha256', 'bí-mật').update(`1795763109.${body}`).digest('hex');
    expect(computeWebhookSignature(spec, 'bí-mật', Buffer.from(body), '1795763109')).toBe(expected);
  });

  it('derives the same key for the same content and a different key for changed content', () => {
    const a = listingIdempotencyKey('voso', 'htx', 'SKU-1', { b: 1, a: [1, 2] });
    expect(listingIdempotencyKey('voso', 'htx', 'SKU-1', { a: [1, 2], b: 1 })).toBe(a);
    expect(listingIdempotencyKey('voso', 'htx', 'SKU-1', { a: [1, 2], b: 2 })).not.toBe(a);
    expect(listingIdempotencyKey('voso', 'other-shop', 'SKU-1', { b: 1, a: [1, 2] })).not.toBe(a);
    expect(a).toMatch(/^[\x21-\x7e]{1,64}$/);
  });
});
