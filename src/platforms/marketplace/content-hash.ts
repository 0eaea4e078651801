import { createHash } from 'node:crypto';
import { stableReference } from '../../core/idempotency.js';

/** JSON with object keys sorted, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/**
 * One key per LOGICAL create: the same platform, account, SKU and content give the same key on every
 * retry and every run (so a crash between send and save is replayed, not duplicated), while changed
 * content gets a new key (the platform would refuse a reused key with a different body).
 */
export function listingIdempotencyKey(platform: string, account: string, sku: string, body: unknown): string {
  return stableReference(['listing', platform, account, sku, contentHash(body)], {
    prefix: 'ocop-',
    length: 32,
  });
}
