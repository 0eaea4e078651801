import { performance } from 'node:perf_hooks';
import { LimiterClosedError, type LimiterPriority } from './limiter.js';
import { checkAcquireOptions, checkPause, readSlotResult, UNKNOWN_OUTCOME } from './limiter-arguments.js';
import { LearnedRate } from './rate-learning.js';

export { RATE_PROBE_MS, RATE_RECOVERY_MS } from './rate-learning.js';

/** At most `limit` starts in any window of `windowMs`. */
export interface WindowConstraint {
  limit: number;
  windowMs: number;
}

export interface GateOptions {
  /**
   * The platform's quota. An admitted request counts against it while in flight and, once answered,
   * until `windowMs` after its answer LESS the latency every request pays (the smallest round trip
   * observed, minus a safety base): see `creditMs`. Until enough answers have been timed, and for a
   * request that got no answer, the full `windowMs` after the end (the fully conservative rule).
   */
  quota: WindowConstraint;
  /** Smoothing: at most `limit` starts per `windowMs`, counted on start times only. */
  burst?: WindowConstraint;
  /** Requests in flight at once. @default unlimited */
  maxConcurrent?: number;
  /** Kept out of the credit: timer and clock granularity, error of the fastest-round-trip estimate. @default 25 */
  baseMarginMs?: number;
  /** Answered requests timed before any credit is given. @default 8 */
  warmupSamples?: number;
}

/** How an admitted request ended. */
export interface SlotResult {
  /** False: the slot was given back unused. @default true */
  sent?: boolean;
  /** The platform answered (any status); false after a network failure or timeout. @default true */
  answered?: boolean;
  /** The platform throttled it (429): the gate learns a lower rate (see `allowed`). @default false */
  rateLimited?: boolean;
}

/** Call when the request has completed (answer, error or timeout). Idempotent. */
export type ReleaseSlot = (result?: SlotResult) => void;

export interface GateAcquireOptions {
  priority?: LimiterPriority;
  signal?: AbortSignal;
}

/** Recent round trips kept to judge how reliable the fastest one is (see `creditMs`). */
const RTT_SAMPLES = 128;

interface Entry {
  startMs: number;
  /** undefined while the request is in flight. */
  endMs: number | undefined;
  /** The answer's latency can bound the platform's counting moment (false: no answer, or unsent). */
  answered: boolean;
  /** The platform throttled it: it was not counted as accepted. */
  throttled?: boolean;
}

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Admits callers by priority then FIFO so the quota holds over ANY sliding window as the platform
 * counts it, not just over fixed buckets (a fixed 1-second reservoir lets 2N requests through around
 * a bucket edge). Monotonic clock. A timer exists only while someone waits, so an idle gate never
 * keeps the process alive.
 *
 * Why counting until `answer + window − min round trip` is safe: the platform counts request i at
 * `send_i + d_i`, somewhere in its round trip. N+1 counts fall in one platform window only if
 * `send_{N+1} − send_1 < window + (d_1 − d_{N+1})`. `d_1 ≤ rtt_1 − (the return leg)` and
 * `d_{N+1} ≥ (the outbound leg)`, so `d_1 − d_{N+1} ≤ rtt_1 − rtt_min` when the fastest round trip
 * observed was fast on both legs. Request 1 may therefore stop counting at
 * `send_1 + rtt_1 + window − rtt_min`: the latency every request pays is never paid per slot, and a
 * slow request (jitter, a stall) pays only its own excess. docs/core-pipeline.md has the full argument.
 */
export class SlidingWindowGate {
  readonly #quota: WindowConstraint;
  readonly #burst: WindowConstraint | undefined;
  readonly #maxConcurrent: number;
  readonly #baseMarginMs: number;
  readonly #warmupSamples: number;
  readonly #now: () => number;
  #entries: Entry[] = [];
  readonly #waiters: { retry: Waiter[]; normal: Waiter[] } = { retry: [], normal: [] };
  #answered = 0;
  #minLatencyMs = Number.POSITIVE_INFINITY;
  /** The last RTT_SAMPLES round trips (ring) and the credit they give, recomputed on each answer. */
  readonly #rtts: number[] = [];
  #rttNext = 0;
  #credit = 0;
  #inFlight = 0;
  #timer: NodeJS.Timeout | undefined;
  #pausedUntil = 0;
  #closed = false;
  /** Requests allowed per window, learned from 429s: the configured limit until a 429 says less. */
  readonly #rate: LearnedRate;

  constructor(options: GateOptions, now: () => number = () => performance.now()) {
    this.#quota = { limit: Math.max(1, options.quota.limit), windowMs: options.quota.windowMs };
    this.#burst =
      options.burst && options.burst.limit > 0 && options.burst.windowMs > 0 ? options.burst : undefined;
    this.#maxConcurrent = Math.max(1, options.maxConcurrent ?? Number.POSITIVE_INFINITY);
    this.#baseMarginMs = options.baseMarginMs ?? 25;
    this.#warmupSamples = Math.max(1, options.warmupSamples ?? 8);
    this.#now = now;
    this.#rate = new LearnedRate(this.#quota.limit, this.#quota.windowMs);
  }

  /**
   * Requests admitted per window now: the configured limit, lowered by 429s to the number of requests
   * the platform accepted in the window before the throttled one (its real quota, when an account's is
   * lower than the adapter's default), and grown back by one per RATE_RECOVERY_MS without a 429.
   */
  get allowed(): number {
    return this.#rate.allowed;
  }

  get waiting(): number {
    return this.#waiters.retry.length + this.#waiters.normal.length;
  }

  /** Admitted and not yet answered. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Requests that still count against the quota now. */
  get occupied(): number {
    const now = this.#now();
    this.#prune(now);
    return this.#counting(now).length;
  }

  /**
   * How much earlier than a full window after its answer an answered request stops counting: the
   * smallest round trip observed (every request pays it) less the base margin and less the spread
   * of recent round trips (`median − min`). The spread term keeps the credit honest when round trips
   * vary: the fastest one may have been fast on one leg and slow on another (our own preparation,
   * the platform's work after counting), so its time bounds a leg only when typical round trips sit
   * close to it (steady latency: spread ≈ 0, nearly the whole latency is credited; heavy jitter or
   * an overloaded event loop: little or nothing is). 0 while warming up.
   */
  get creditMs(): number {
    if (this.#answered < this.#warmupSamples) return 0;
    return this.#credit;
  }

  #recordRoundTrip(rttMs: number): void {
    this.#minLatencyMs = Math.min(this.#minLatencyMs, rttMs);
    if (this.#rtts.length < RTT_SAMPLES) this.#rtts.push(rttMs);
    else this.#rtts[this.#rttNext] = rttMs;
    this.#rttNext = (this.#rttNext + 1) % RTT_SAMPLES;
    const sorted = [...this.#rtts].sort((a, b) => a - b);
    const median = sorted[Math.floor(0.5 * (sorted.length - 1))]!;
    const spread = Math.max(0, median - this.#minLatencyMs);
    this.#credit = Math.max(0, this.#minLatencyMs - this.#baseMarginMs - spread);
  }

  /** Added to every answered request's counting time by unexpected 429s (100 ms each, up to a window). */
  get penaltyMs(): number {
    return this.#rate.penaltyMs;
  }

  /** The smallest round trip observed so far (Infinity before the first answer). */
  get minLatencyMs(): number {
    return this.#minLatencyMs;
  }

  acquire(options: GateAcquireOptions = {}): Promise<ReleaseSlot> {
    try {
      checkAcquireOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const { signal } = options;
    if (this.#closed) return Promise.reject(new LimiterClosedError());
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
      this.#waiters[options.priority === 'retry' ? 'retry' : 'normal'].push(waiter);
      this.#pump();
    });
  }

  /** Admit nobody before `durationMs` from now (Retry-After, a reset). Extends, never shortens. */
  pause(durationMs: number): void {
    checkPause(durationMs);
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + durationMs);
    this.#rearm();
  }

  /** The platform throttled a request this gate admitted: it counts wider than we thought. */
  penalise(): void {
    this.#rate.penalise();
  }

  /**
   * Learns from a 429 on `entry` (#14 trial MEDIUM 3): the requests started in the window before it and
   * not throttled are what the platform accepted there (LearnedRate.learn).
   */
  #learn(entry: Entry, now: number): void {
    const from = entry.startMs - this.#quota.windowMs;
    let accepted = 0;
    for (const e of this.#entries) {
      if (e !== entry && !e.throttled && e.startMs >= from && e.startMs < entry.startMs) accepted++;
    }
    this.#rate.learn(accepted, now);
  }

  close(): void {
    this.#closed = true;
    this.#clearTimer();
    for (const waiter of [...this.#waiters.retry.splice(0), ...this.#waiters.normal.splice(0)]) {
      this.#detach(waiter);
      waiter.reject(new LimiterClosedError());
    }
  }

  /** Drops entries that can no longer count under any margin (a full window after their end). */
  #prune(now: number): void {
    const { windowMs } = this.#quota;
    const burstWindowMs = this.#burst?.windowMs ?? 0;
    if (this.#entries.length === 0) return;
    this.#entries = this.#entries.filter(
      (e) =>
        e.endMs === undefined ||
        e.endMs + windowMs + this.#rate.penaltyMs > now ||
        e.startMs + burstWindowMs > now,
    );
  }

  /** When the entry stops counting against the quota (Infinity: in flight). */
  #expiry(entry: Entry, creditMs: number): number {
    if (entry.endMs === undefined) return Number.POSITIVE_INFINITY;
    const full = entry.endMs + this.#quota.windowMs + this.#rate.penaltyMs;
    // = start + window + base + penalty + (its round trip − the smallest): a steady latency costs nothing.
    return entry.answered ? full - creditMs : full;
  }

  #counting(now: number): number[] {
    const creditMs = this.creditMs;
    const expiries: number[] = [];
    for (const entry of this.#entries) {
      const expiry = this.#expiry(entry, creditMs);
      if (expiry > now) expiries.push(expiry);
    }
    return expiries;
  }

  /** ms until the next start is allowed; Infinity = only a release can free a slot. */
  #waitMs(now: number): number {
    this.#prune(now);
    if (this.#inFlight >= this.#maxConcurrent) return Number.POSITIVE_INFINITY;
    let until = this.#pausedUntil;
    this.#rate.recover(now);
    const limit = this.#rate.allowed;
    const expiries = this.#counting(now);
    if (expiries.length >= limit) {
      expiries.sort((a, b) => a - b);
      const next = expiries[expiries.length - limit]!;
      if (next === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
      until = Math.max(until, next);
    }
    if (this.#burst) {
      const starts = this.#entries.map((e) => e.startMs).filter((s) => s + this.#burst!.windowMs > now);
      if (starts.length >= this.#burst.limit) {
        until = Math.max(until, starts[starts.length - this.#burst.limit]! + this.#burst.windowMs);
      }
    }
    return Math.max(0, until - now);
  }

  #nextWaiter(): Waiter | undefined {
    return this.#waiters.retry.shift() ?? this.#waiters.normal.shift();
  }

  #pump(): void {
    if (this.#timer || this.#closed) return;
    while (this.waiting > 0) {
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
      const entry: Entry = { startMs: now, endMs: undefined, answered: false };
      this.#entries.push(entry);
      this.#inFlight++;
      const waiter = this.#nextWaiter()!;
      this.#detach(waiter);
      waiter.resolve((result) => {
        // Free the slot first, whatever was given: a wrong argument is refused, never a leaked slot.
        const { refusal } = readSlotResult(result);
        this.#release(entry, refusal ? UNKNOWN_OUTCOME : result);
        if (refusal) throw refusal;
      });
    }
  }

  #release(entry: Entry, result: SlotResult = {}): void {
    if (entry.endMs !== undefined) return;
    const now = this.#now();
    entry.endMs = now;
    this.#inFlight--;
    if (result.sent === false) {
      // Nothing reached the platform: the slot is free again at once.
      this.#entries = this.#entries.filter((e) => e !== entry);
    } else if (result.answered !== false) {
      entry.answered = true;
      this.#answered++;
      this.#recordRoundTrip(now - entry.startMs);
    }
    if (result.rateLimited && result.sent !== false) {
      entry.throttled = true;
      this.#learn(entry, now);
    }
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
    for (const queue of [this.#waiters.retry, this.#waiters.normal]) {
      const index = queue.indexOf(waiter);
      if (index >= 0) queue.splice(index, 1);
    }
    this.#detach(waiter);
  }

  #detach(waiter: Waiter): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  }
}
