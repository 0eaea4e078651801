/**
 * Rolling one-second window per account, on real monotonic time (independent of the injectable clock so
 * a frozen test clock cannot disable or jam the limiter).
 */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

const WINDOW_MS = 1000;

export class RollingWindowLimiter {
  #rps: number | false;
  readonly #accepted = new Map<string, number[]>();

  constructor(rps: number | false) {
    this.#rps = rps;
  }

  setRate(rps: number | false): void {
    this.#rps = rps;
    this.#accepted.clear();
  }

  check(key: string): RateDecision {
    if (this.#rps === false) return { allowed: true, retryAfterSeconds: 0 };
    const now = performance.now();
    const stamps = (this.#accepted.get(key) ?? []).filter((stamp) => now - stamp < WINDOW_MS);
    if (stamps.length >= this.#rps) {
      this.#accepted.set(key, stamps);
      const oldest = stamps[0] ?? now;
      // Retry-After is whole seconds in HTTP; never advertise 0.
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
    }
    stamps.push(now);
    this.#accepted.set(key, stamps);
    return { allowed: true, retryAfterSeconds: 0 };
  }
}
