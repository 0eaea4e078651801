import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two equal values always serialise (and hash) the
 * same whatever order their keys were written in. `undefined` members are dropped, as JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  if (value instanceof Uint8Array) {
    return JSON.stringify(sha256Hex(value));
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** 64 bits of sha256: plenty to tell one catalog version of a listing from the next. */
export const SHORT_HASH_HEX_CHARS = 16;

export function shortHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, SHORT_HASH_HEX_CHARS);
}
