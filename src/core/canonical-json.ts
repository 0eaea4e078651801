import * as crypto from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two equal values always serialise (and hash) the
 * same whatever order their keys were written in. `undefined` members are dropped, as JSON does; bytes
 * are written as their sha256. `omit` names top-level keys to leave out. The one canonical form on
 * the client side: listing fingerprints, create idempotency keys and image hashes all use it (the
 * sandboxes keep their own, on purpose: an emulator never shares code with the client it checks).
 *
 * Written as a list of parts joined once (no string concatenated piece by piece, which left a rope of
 * small strings per member to flatten again when hashed): a 100k-row dry run hashes every product.
 */
export function canonicalJson(value: unknown, omit?: ReadonlySet<string>): string {
  const parts: string[] = [];
  writeCanonical(parts, value, omit);
  return parts.join('');
}

/** Appends the canonical JSON of `value` to `parts` (join them with ''): several values, one string. */
export function writeCanonical(parts: string[], value: unknown, omit?: ReadonlySet<string>): void {
  if (value === null || typeof value !== 'object') {
    parts.push(primitive(value));
    return;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      const item: unknown = value[i];
      if (item === undefined) parts.push('null');
      else writeCanonical(parts, item);
    }
    parts.push(']');
    return;
  }
  if (value instanceof Uint8Array) {
    parts.push(JSON.stringify(sha256Hex(value)));
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  parts.push('{');
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || omit?.has(key)) continue;
    parts.push(first ? quotedKey(key) : `,${quotedKey(key)}`);
    first = false;
    writeCanonical(parts, member);
  }
  parts.push('}');
}

/**
 * Own keys in code-unit order (what `Array.prototype.sort` gives strings). Objects here have a few
 * keys: an insertion sort in place allocates nothing, where `sort()` copies into a work array first.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

function primitive(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  return JSON.stringify(value) ?? 'null';
}

/** `"key":` — the same few keys on every row, so each is quoted once. */
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;
function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/** One-shot `crypto.hash` (Node ≥ 20.12) allocates no Hash object; older Node gets createHash. */
const oneShot = (
  crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }
).hash;

/** Lower-case hex sha256 of text (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  if (oneShot) return oneShot('sha256', data, 'hex');
  return crypto.createHash('sha256').update(data).digest('hex');
}
