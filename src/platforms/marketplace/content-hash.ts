import { canonicalJson, sha256Hex } from '../../core/canonical-json.js';
import { stableReference } from '../../core/idempotency.js';

export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
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
