import { ceilToSecond, floorToSecond } from './platform-time.js';

/**
 * Our own resume token for `listOrders`: the sub-window being read and the platform's cursor inside it.
 * Opaque to callers (base64url JSON); `s` = sub-window start (epoch ms), `e` = its end, `c` = platform
 * cursor of the next page. Without `c`, reading resumes at `s` with a fresh sub-window.
 */
export interface OrderCheckpoint {
  s: number;
  e?: number;
  c?: string;
}

export function encodeOrderCheckpoint(checkpoint: OrderCheckpoint): string {
  return Buffer.from(JSON.stringify({ v: 1, ...checkpoint }), 'utf8').toString('base64url');
}

export function decodeOrderCheckpoint(token: string): OrderCheckpoint | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value.v !== 1 || typeof value.s !== 'number') return undefined;
    return {
      s: value.s,
      ...(typeof value.e === 'number' ? { e: value.e } : {}),
      ...(typeof value.c === 'string' ? { c: value.c } : {}),
    };
  } catch {
    return undefined;
  }
}

export interface SubWindow {
  from: Date;
  to: Date;
}

/**
 * Splits [from, to) into windows no longer than `maxWindowMs`. Bounds are widened to whole seconds
 * (platforms with second timestamps cannot express milliseconds): a little overlap, never a gap.
 */
export function splitWindow(from: Date, to: Date, maxWindowMs: number): SubWindow[] {
  const start = floorToSecond(from).getTime();
  const end = ceilToSecond(to).getTime();
  const step = Math.max(1000, Math.floor(maxWindowMs / 1000) * 1000);
  const windows: SubWindow[] = [];
  for (let s = start; s < end; s += step) {
    windows.push({ from: new Date(s), to: new Date(Math.min(s + step, end)) });
  }
  return windows;
}
