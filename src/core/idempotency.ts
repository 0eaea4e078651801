import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkArgument, checkOptions, type Expected, orNothing } from './argument-guards.js';

/** Crockford base32: no I, L, O, U, so a reference read aloud over the phone survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface StableReferenceOptions {
  /** e.g. `OC` so staff recognise our orders in the ViettelPost portal. @default '' */
  prefix?: string;
  /** Characters after the prefix. @default 16 (80 bits) */
  length?: number;
}

/** At least one part, each a string or a finite number: `[]` or `[{}]` would name every write alike. */
const PARTS: Expected = {
  schema: z.array(z.union([z.string(), z.number().finite()])).min(1),
  vi: 'một mảng không rỗng các chuỗi hoặc số',
  en: 'a non-empty array of strings or numbers',
};

/** A SHA-256 digest gives 51 Crockford characters. */
const REFERENCE_OPTIONS: Readonly<Record<keyof StableReferenceOptions, Expected>> = {
  prefix: orNothing({ schema: z.string(), vi: 'một chuỗi', en: 'a string' }),
  length: orNothing({
    schema: z.number().int().min(1).max(51),
    vi: 'một số nguyên từ 1 đến 51',
    en: 'a whole number from 1 to 51',
  }),
};

/**
 * A deterministic reference for one LOGICAL write (`['shipment', orderId]`): the same inputs give
 * the same reference on every retry and every run, so the platform (or our lookup-before-create)
 * can recognise a repeat.
 */
export function stableReference(
  parts: readonly (string | number)[],
  options: StableReferenceOptions = {},
): string {
  checkArgument(parts, 'parts', PARTS);
  checkOptions(options, REFERENCE_OPTIONS, 'stableReference');
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
