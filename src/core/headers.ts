/** Incoming HTTP headers as node:http and most frameworks hand them over. */
export type IncomingHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * One header's value, matched case-insensitively: node lower-cases names, but callers passing a
 * framework's or a test's header object may not. A repeated header yields its first value.
 */
export function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Largest webhook body looked at, in bytes. Platform notifications are a few KB; anything far larger is
 * refused before it is parsed or hashed, so a forged 50 MB body costs nothing.
 */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

/** True when the body is larger than MAX_WEBHOOK_BODY_BYTES (counted without copying a string). */
export function isOversizedBody(rawBody: string | Buffer): boolean {
  if (typeof rawBody !== 'string') return rawBody.byteLength > MAX_WEBHOOK_BODY_BYTES;
  // A UTF-16 unit is 1–3 UTF-8 bytes: only strings in between need counting.
  if (rawBody.length > MAX_WEBHOOK_BODY_BYTES) return true;
  if (rawBody.length * 3 <= MAX_WEBHOOK_BODY_BYTES) return false;
  return Buffer.byteLength(rawBody, 'utf8') > MAX_WEBHOOK_BODY_BYTES;
}

/** A raw request body read as UTF-8 JSON; undefined when it is not JSON or oversized (never throws). */
export function parseJsonBody(rawBody: string | Buffer): unknown {
  if (isOversizedBody(rawBody)) return undefined;
  try {
    return JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}
