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

/** A raw request body read as UTF-8 JSON; undefined when it is not JSON (never throws). */
export function parseJsonBody(rawBody: string | Buffer): unknown {
  try {
    return JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}
