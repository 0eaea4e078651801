import { createHash, randomUUID } from 'node:crypto';
import { A_LIST, AN_OBJECT_OR_NOTHING, checkArgument, checkOption } from './argument-guards.js';

/** Crockford base32: no I, L, O, U, so a reference read aloud over the phone survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface StableReferenceOptions {
  /** e.g. `OC` so staff recognise our orders in the ViettelPost portal. @default '' */
  prefix?: string;
  /** Characters after the prefix. @default 16 (80 bits) */
  length?: number;
}

/**
 * A deterministic reference for one LOGICAL write (`['shipment', orderId]`): the same inputs give
 * the same reference on every retry and every run, so the platform (or our lookup-before-create)
 * can recognise a repeat.
 */
export function stableReference(
  parts: readonly (string | number)[],
  options: StableReferenceOptions = {},
): string {
  checkArgument(parts, 'parts', A_LIST);
  checkOption(options, 'options', AN_OBJECT_OR_NOTHING);
  const length = options.length ?? 16;
  // Unit separator: ['a b', 'c'] and ['a', 'b c'] must not collide.
  const digest = createHash('sha256').update(parts.map(String).join('\u001f'), 'utf8').digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return `${options.prefix ?? ''}${out}`;
}

/** A random key for platforms with an idempotency header; create ONE per logical write and reuse it. */
export function newIdempotencyKey(): string {
  return randomUUID();
}
