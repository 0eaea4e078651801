import { performance } from 'node:perf_hooks';

/** At most `limit` starts in any window of `windowMs`. */
export interface WindowConstraint {
  limit: number;
  windowMs: number;
}

export interface GateOptions {
  /**
   * The platform's quota. A request counts against it from its start until `windowMs` after it
   * COMPLETED: the platform saw it at some moment in between, so whatever delays sit between our
   * send and its count (our event loop, the network, its own timestamping), it cannot be in the
   * platform's window once `windowMs` has passed since we got the answer.
   */
  quota: WindowConstraint;
  /** Smoothing: at most `limit` starts per `windowMs`, counted on start times only. */
  burst?: WindowConstraint;
}

/** Call when the request has completed (answer, error or timeout). Idempotent. */
export type ReleaseSlot = () => void;

export class GateClosedError extends Error {
  constructor() {
    super('Rate limiter closed');
    this.name = 'GateClosedError';
  }
}

interface Entry {
  startMs: number;
  /** undefined while the request is in flight. */
  endMs: number | undefined;
}

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Admits callers one at a time, FIFO, so the quota holds over ANY sliding window as the platform
 * counts it, not just over fixed buckets (a fixed 1-second reservoir lets 2N requests through
 * around a bucket edge, which a server counting a rolling second answers with 429s). Monotonic
 * clock. A timer exists only while someone waits, so an idle gate never keeps the process alive.
 */
export class SlidingWindowGate {
  readonly #quota: WindowConstraint;
  readonly #burst: WindowConstraint | undefined;
  readonly #now: () => number;
  #entries: Entry[] = [];
  readonly #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  #pausedUntil = 0;
  #closed = false;

  constructor(options: GateOptions, now: () => number = () => performance.now()) {
    this.#quota = { limit: Math.max(1, options.quota.limit), windowMs: options.quota.windowMs };
    this.#burst =
      options.burst && options.burst.limit > 0 && options.burst.windowMs > 0 ? options.burst : undefined;
    this.#now = now;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Requests started and not yet `windowMs` past their completion. */
  get occupied(): number {
    this.#prune(this.#now());
    return this.#entries.length;
  }

  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (this.#closed) return Promise.reject(new GateClosedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<ReleaseSlot>((resolve, reject) => {
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
    this.#rearm();
  }

  close(): void {
    this.#closed = true;
    this.#clearTimer();
    for (const waiter of this.#waiters.splice(0)) {
      this.#detach(waiter);
      waiter.reject(new GateClosedError());
    }
  }

  #prune(now: number): void {
    const { windowMs } = this.#quota;
    const burstWindowMs = this.#burst?.windowMs ?? 0;
    this.#entries = this.#entries.filter(
      (e) => e.endMs === undefined || e.endMs + windowMs > now || e.startMs + burstWindowMs > now,
    );
  }

  /** ms until the next start is allowed; Infinity = only a release can free a slot. */
  #waitMs(now: number): number {
    this.#prune(now);
    let until = this.#pausedUntil;
    const { limit, windowMs } = this.#quota;
    const inQuota = this.#entries.filter((e) => e.endMs === undefined || e.endMs + windowMs > now);
    if (inQuota.length >= limit) {
      const mustExpire = inQuota.length - limit + 1;
      const expiries = inQuota
        .filter((e) => e.endMs !== undefined)
        .map((e) => e.endMs! + windowMs)
        .sort((a, b) => a - b);
      if (expiries.length < mustExpire) return Number.POSITIVE_INFINITY;
      until = Math.max(until, expiries[mustExpire - 1]!);
    }
    if (this.#burst) {
      const starts = this.#entries.map((e) => e.startMs).filter((s) => s + this.#burst!.windowMs > now);
      if (starts.length >= this.#burst.limit) {
        until = Math.max(until, starts[starts.length - this.#burst.limit]! + this.#burst.windowMs);
      }
    }
    return Math.max(0, until - now);
  }

  #pump(): void {
    if (this.#timer || this.#closed) return;
    while (this.#waiters.length > 0) {
      const now = this.#now();
      const waitMs = this.#waitMs(now);
      if (waitMs === Number.POSITIVE_INFINITY) return;
      if (waitMs > 0) {
        // +1: timers may fire a fraction of a ms early relative to the monotonic clock.
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, Math.ceil(waitMs) + 1);
        return;
      }
      const entry: Entry = { startMs: now, endMs: undefined };
      this.#entries.push(entry);
      const waiter = this.#waiters.shift()!;
      this.#detach(waiter);
      waiter.resolve(() => this.#release(entry));
    }
  }

  #release(entry: Entry): void {
    if (entry.endMs !== undefined) return;
    entry.endMs = this.#now();
    // Its window expiry is now known: a waiter may need a (shorter) timer.
    this.#rearm();
  }

  #rearm(): void {
    this.#clearTimer();
    this.#pump();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
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
