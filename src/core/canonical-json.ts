import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so two equal values always serialise (and hash) the
 * same whatever order their keys were written in. `undefined` members are dropped, as JSON does; bytes
 * are written as their sha256. `omit` names top-level keys to leave out. The one canonical form on
 * the client side: listing fingerprints, create idempotency keys and image hashes all use it (the
 * sandboxes keep their own, on purpose: an emulator never shares code with the client it checks).
 */
export function canonicalJson(value: unknown, omit?: ReadonlySet<string>): string {
  return write(value, omit);
}

function write(value: unknown, omit?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out += item === undefined ? 'null' : write(item);
    }
    return `${out}]`;
  }
  if (value instanceof Uint8Array) return JSON.stringify(sha256Hex(value));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || omit?.has(key)) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${write(member)}`;
  }
  return `${out}}`;
}

/** Lower-case hex sha256 of text (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
