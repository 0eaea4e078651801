import { performance } from 'node:perf_hooks';

/** At most `limit` starts in any window of `windowMs`. */
export interface WindowConstraint {
  limit: number;
  windowMs: number;
}

export class GateClosedError extends Error {
  constructor() {
    super('Rate limiter closed');
    this.name = 'GateClosedError';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Admits callers one at a time, FIFO, so that every constraint holds over ANY sliding window, not
 * just fixed buckets (a fixed 1-second reservoir lets 2N requests through around a bucket edge,
 * which a server counting a rolling second answers with 429s). Uses a monotonic clock. A timer
 * exists only while someone waits, so an idle gate never keeps the process alive.
 */
export class SlidingWindowGate {
  readonly #constraints: WindowConstraint[];
  readonly #now: () => number;
  readonly #starts: number[] = [];
  readonly #maxLog: number;
  readonly #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  #pausedUntil = 0;
  #closed = false;

  constructor(constraints: WindowConstraint[], now: () => number = () => performance.now()) {
    this.#constraints = constraints.filter((c) => c.limit > 0 && c.windowMs > 0);
    this.#maxLog = Math.max(1, ...this.#constraints.map((c) => c.limit));
    this.#now = now;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#closed) return Promise.reject(new GateClosedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          this.#remove(waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#waiters.push(waiter);
      this.#pump();
    });
  }

  /** Admit nobody before `durationMs` from now (a 429's Retry-After). Extends, never shortens. */
  pause(durationMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + durationMs);
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#pump();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of this.#waiters.splice(0)) {
      this.#detach(waiter);
      waiter.reject(new GateClosedError());
    }
  }

  /** ms until the next start is allowed (0 = now). */
  #waitMs(now: number): number {
    let until = this.#pausedUntil;
    const count = this.#starts.length;
    for (const { limit, windowMs } of this.#constraints) {
      if (count >= limit) until = Math.max(until, this.#starts[count - limit]! + windowMs);
    }
    return Math.max(0, until - now);
  }

  #pump(): void {
    if (this.#timer || this.#closed) return;
    while (this.#waiters.length > 0) {
      const now = this.#now();
      const waitMs = this.#waitMs(now);
      if (waitMs > 0) {
        // +1: timers may fire a fraction of a ms early relative to the monotonic clock.
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, Math.ceil(waitMs) + 1);
        return;
      }
      this.#starts.push(now);
      if (this.#starts.length > this.#maxLog) this.#starts.splice(0, this.#starts.length - this.#maxLog);
      const waiter = this.#waiters.shift()!;
      this.#detach(waiter);
      waiter.resolve();
    }
  }

  #remove(waiter: Waiter): void {
    const index = this.#waiters.indexOf(waiter);
    if (index >= 0) this.#waiters.splice(index, 1);
    this.#detach(waiter);
  }

  #detach(waiter: Waiter): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  }
}
