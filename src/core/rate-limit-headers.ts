import type { RateLimitHeaderInfo } from './limiter.js';

/** Above this a "reset" is a point in time, not a delay: epoch seconds (GitHub style) or epoch ms. */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;
const EPOCH_MS_FLOOR = 1_000_000_000_000;

function number(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** A reset value as ms from `nowMs`: delta seconds, epoch seconds or epoch ms. Never negative. */
function resetToMs(value: number | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (value >= EPOCH_MS_FLOOR) return Math.max(0, Math.round(value - nowMs));
  if (value >= EPOCH_SECONDS_FLOOR) return Math.max(0, Math.round(value * 1000 - nowMs));
  return Math.round(value * 1000);
}

/** `limit=10, remaining=0, reset=5` (draft 7) or `"policy";r=0;t=5` (draft 8 and later). */
function parseCombined(header: string): { limit?: number; remaining?: number; reset?: number } {
  const out: { limit?: number; remaining?: number; reset?: number } = {};
  for (const part of header.split(/[;,]/)) {
    const [rawName, rawValue] = part.split('=', 2);
    const name = rawName?.trim().toLowerCase();
    const value = number(rawValue);
    if (!name || value === undefined) continue;
    if (name === 'limit' || name === 'l') out.limit = value;
    else if (name === 'remaining' || name === 'r') out.remaining = value;
    else if (name === 'reset' || name === 't') out.reset = value;
  }
  return out;
}

/**
 * What a platform's rate-limit headers say, from lower-cased response headers: `RateLimit-Limit` /
 * `-Remaining` / `-Reset`, the `X-RateLimit-*` variants, or one combined `RateLimit` field.
 * Undefined when none is present or none parses (garbage is ignored, never guessed at).
 */
export function parseRateLimitHeaders(
  headers: Readonly<Record<string, string>>,
  nowMs: number = Date.now(),
): RateLimitHeaderInfo | undefined {
  const combined = headers.ratelimit !== undefined ? parseCombined(headers.ratelimit) : {};
  const pick = (name: string) => number(headers[`ratelimit-${name}`] ?? headers[`x-ratelimit-${name}`]);
  const limit = pick('limit') ?? combined.limit;
  const remaining = pick('remaining') ?? combined.remaining;
  const resetMs = resetToMs(pick('reset') ?? combined.reset, nowMs);
  if (limit === undefined && remaining === undefined && resetMs === undefined) return undefined;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(resetMs !== undefined ? { resetMs } : {}),
  };
}
