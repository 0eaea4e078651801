import { argText } from '../model/error-arguments.js';
import { ClosedError } from './errors.js';

/** Requests are limited per class: logins must not starve behind a bulk stock push. */
export type TrafficClass = 'auth' | 'read' | 'write' | 'bulk';

export interface RateLimitConfig {
  /**
   * The platform's quota: never more than this many requests in any sliding 1-second window as
   * the platform counts them, whether it counts a request when it arrives or when it answers.
   */
  requestsPerSecond: number;
  /**
   * How many requests may start back-to-back before spacing applies.
   * @default 1 (evenly spaced, 1000 / requestsPerSecond ms apart)
   */
  burst?: number;
  /** Requests in flight at once. @default requestsPerSecond (at least 1) */
  maxConcurrent?: number;
  /**
   * Safety width added to the 1-second window (clock and timer granularity): a request counts until
   * one window + this + its round trip's excess over the fastest observed after its send. @default 25
   */
  windowMarginMs?: number;
}

/**
 * The contract between the request pipeline and a rate limiter. The built-in one
 * (`createRateLimiter()`) keeps its windows in process memory; an implementation backed by a shared
 * store (Redis, a database) can replace it to share one quota between processes. Pass the SAME
 * instance to several adapters of one account and they share one limit.
 *
 * Per request the pipeline calls `acquire(scope)` once, sends the request when the permit arrives,
 * then calls `permit.release(outcome)` exactly once with what happened. A limiter must:
 * - never admit more than `scope.limit.requestsPerSecond` requests of one `scope.key` in any window
 *   of one second AS THE PLATFORM COUNTS THEM (see docs/core-pipeline.md, "Rate limits");
 * - honour `options.signal` (reject with its reason, leave the queue) and `options.priority`;
 * - learn from `release`: a throttled answer (`rateLimited`) or `quota.remaining === 0` means the
 *   platform wants no more requests before `retryAfterMs` / `quota.resetMs`;
 * - after `close()`, reject waiting and new `acquire` calls with `LimiterClosedError`.
 */
export interface RequestLimiter {
  acquire(scope: LimitScope, options?: AcquireOptions): Promise<LimiterPermit>;
  /** Stops timers and rejects waiters. Idempotent. The pipeline closes only limiters it created. */
  close(): Promise<void>;
}

/** Which quota a request counts against. */
export interface LimitScope {
  /**
   * `platform:account:class` (class = the traffic class, or `shared` when the platform has one quota
   * for every class without its own entry). Requests with equal keys share one quota.
   */
  readonly key: string;
  readonly platform: string;
  readonly account: string;
  readonly trafficClass: TrafficClass | 'shared';
  /** The quota of this key, defaults filled in. A limiter keeps the first limit it sees for a key. */
  readonly limit: Readonly<Required<RateLimitConfig>>;
}

/** `retry` goes ahead of queued first attempts (and logins waiting for a slot). */
export type LimiterPriority = 'retry' | 'normal';

export interface AcquireOptions {
  /** @default 'normal' */
  priority?: LimiterPriority;
  signal?: AbortSignal;
}

export interface LimiterPermit {
  /**
   * Call exactly once, when the request is over (answer, error, timeout) or was not sent at all.
   * Left out, the slot is freed as a request sent without an answer (it counts a full window from
   * now, nothing is learned). A wrong argument (not an outcome, a misspelt field) frees the slot the
   * same way, then throws a ValidationError naming it: a release never leaks its slot.
   */
  release(outcome?: LimiterOutcome): void;
}

/** What the platform did with one admitted request. */
export interface LimiterOutcome {
  /** False: the permit was given back unused (nothing went on the wire). */
  sent: boolean;
  /** The platform answered (any HTTP status). False after a network failure or a timeout. */
  answered: boolean;
  /** HTTP status of the answer. */
  status?: number;
  /** The platform throttled this request (HTTP 429 or a throttling code in the body). */
  rateLimited: boolean;
  /** The wait the platform asked for (Retry-After), ms. */
  retryAfterMs?: number;
  /** What `RateLimit-*` / `X-RateLimit-*` response headers said, when the platform sent them. */
  quota?: RateLimitHeaderInfo;
}

/** The IETF `RateLimit` header fields (draft 7 and earlier) and the common `X-RateLimit-*` variants. */
export interface RateLimitHeaderInfo {
  /** Requests allowed per window. */
  limit?: number;
  /** Requests left in the current window. */
  remaining?: number;
  /** ms until the window resets (from now). */
  resetMs?: number;
}

/** The limiter was closed while a request waited for (or asked for) a slot. */
export class LimiterClosedError extends ClosedError {
  constructor(key?: string) {
    const name = argText(key);
    super({
      en: name ? `Rate limiter ${name} is closed` : 'Rate limiter closed',
      vi: name ? `Bộ giới hạn tốc độ ${name} đã đóng` : 'Bộ giới hạn tốc độ đã đóng',
    });
  }
}
