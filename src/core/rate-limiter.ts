import { z } from 'zod';
import { AN_ABORT_SIGNAL_OR_NOTHING, checkOption, checkOptions, type Expected } from './argument-guards.js';
import type { AcquireOptions, LimiterOutcome, LimiterPermit, LimitScope, RequestLimiter } from './limiter.js';
import { LimiterClosedError } from './limiter.js';
import { type ReleaseSlot, SlidingWindowGate } from './sliding-window-gate.js';
import type { RateLimitConfig, RateLimitsOption, TrafficClass } from './types.js';

/**
 * Safety width added to the 1-second window: timer and clock granularity, and the error of "the
 * fastest round trip observed was fast on both legs" (see `SlidingWindowGate`). 25 ms costs 2.5 % of a
 * 1-second quota; unexpected 429s widen it at run time.
 */
export const DEFAULT_WINDOW_MARGIN_MS = 25;

/** How long a limiter stops admitting requests after a 429 that named no wait. */
export const DEFAULT_RATE_LIMITED_PAUSE_MS = 1000;

/** Used for any traffic class the platform options leave unconfigured. */
export const DEFAULT_RATE_LIMIT: Required<RateLimitConfig> = {
  requestsPerSecond: 10,
  burst: 1,
  maxConcurrent: 10,
  windowMarginMs: DEFAULT_WINDOW_MARGIN_MS,
};

export function resolveRateLimit(config: RateLimitConfig | undefined): Required<RateLimitConfig> {
  if (!config) return { ...DEFAULT_RATE_LIMIT };
  const requestsPerSecond = config.requestsPerSecond;
  return {
    requestsPerSecond,
    burst: Math.max(1, Math.min(config.burst ?? 1, Math.floor(requestsPerSecond) || 1)),
    maxConcurrent: config.maxConcurrent ?? Math.max(1, Math.ceil(requestsPerSecond)),
    windowMarginMs: config.windowMarginMs ?? DEFAULT_WINDOW_MARGIN_MS,
  };
}

/**
 * The limit scope of a traffic class: a class with its own entry gets its own quota; the rest share
 * `shared` if configured, otherwise each gets one with DEFAULT_RATE_LIMIT.
 */
export function limitScopeFor(
  platform: string,
  account: string,
  limits: RateLimitsOption | undefined,
  trafficClass: TrafficClass,
): LimitScope {
  const own = limits?.[trafficClass];
  const scopeClass: TrafficClass | 'shared' = own || !limits?.shared ? trafficClass : 'shared';
  return {
    key: `${platform}:${account}:${scopeClass}`,
    platform,
    account,
    trafficClass: scopeClass,
    limit: resolveRateLimit(own ?? limits?.shared),
  };
}

/**
 * What a limiter reads of a scope: its key and its whole limit (the pipeline's `limitScopeFor` fills
 * the defaults in). Checked on every acquire: a half-made scope is named, never a TypeError deep inside.
 */
const A_LIMIT_SCOPE: Expected = {
  schema: z.object({
    key: z.string().min(1),
    limit: z.object({
      requestsPerSecond: z.number().positive().finite(),
      burst: z.number().int().min(1),
      maxConcurrent: z.number().int().min(1),
      windowMarginMs: z.number().min(0).finite(),
    }),
  }),
  vi: 'một LimitScope ({ key, limit: { requestsPerSecond > 0, burst ≥ 1, maxConcurrent ≥ 1, windowMarginMs ≥ 0 } })',
  en: 'a LimitScope ({ key, limit: { requestsPerSecond > 0, burst ≥ 1, maxConcurrent ≥ 1, windowMarginMs ≥ 0 } })',
};

const ACQUIRE_OPTIONS: Readonly<Record<keyof AcquireOptions, Expected>> = {
  priority: {
    schema: z.enum(['retry', 'normal']).optional(),
    vi: '"retry" hoặc "normal" (hoặc bỏ trống)',
    en: '"retry" or "normal" (or left out)',
  },
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
};

/** A limiter's `acquire(scope, options)` arguments: a ConfigurationError naming the wrong one. */
export function checkAcquire(scope: unknown, options: unknown): void {
  checkOption(scope, 'scope', A_LIMIT_SCOPE);
  checkOptions(options, ACQUIRE_OPTIONS, 'acquire');
}

/** Spacing of `burst` relative to the quota's even spacing (see gateFor). */
const SMOOTHING = 0.9;

function gateFor(limit: Required<RateLimitConfig>, now?: () => number): SlidingWindowGate {
  const { requestsPerSecond, burst, maxConcurrent, windowMarginMs } = limit;
  const spacingMs = 1000 / requestsPerSecond;
  return new SlidingWindowGate(
    {
      // Below 1/s the window widens so that "N per window" still means requestsPerSecond.
      quota: {
        limit: Math.max(1, Math.floor(requestsPerSecond)),
        windowMs: 1000 * Math.max(1, spacingMs / 1000),
      },
      // Smoothing: with burst = 1 starts are at least 0.9 × 1000 / requestsPerSecond ms apart. Slightly
      // faster than the quota on purpose: in steady state the quota window alone sets the pace, so the
      // timers' lateness is paid once per window, not once per request.
      burst: { limit: burst, windowMs: burst * spacingMs * SMOOTHING },
      maxConcurrent,
      baseMarginMs: windowMarginMs,
    },
    now,
  );
}

/**
 * The in-process `RequestLimiter`: one sliding-window gate per scope key, created on first use.
 * Share one instance between adapters of the same account (`voso({ limiter })`, …) and they share
 * one quota; each client that is not given one creates its own.
 */
export class LocalRateLimiter implements RequestLimiter {
  readonly #gates = new Map<string, SlidingWindowGate>();
  readonly #now: (() => number) | undefined;
  #closed = false;

  /** `now`: a monotonic clock in ms (tests). @default performance.now */
  constructor(now?: () => number) {
    this.#now = now;
  }

  async acquire(scope: LimitScope, options: AcquireOptions = {}): Promise<LimiterPermit> {
    checkAcquire(scope, options);
    if (this.#closed) throw new LimiterClosedError(scope.key);
    const gate = this.gate(scope);
    const release = await gate.acquire(options);
    return { release: (outcome) => this.#release(gate, release, outcome) };
  }

  /** The gate of a scope (created with the scope's limit on first use). For diagnostics and tests. */
  gate(scope: LimitScope): SlidingWindowGate {
    checkOption(scope, 'scope', A_LIMIT_SCOPE);
    let gate = this.#gates.get(scope.key);
    if (!gate) {
      gate = gateFor(scope.limit, this.#now);
      this.#gates.set(scope.key, gate);
    }
    return gate;
  }

  #release(gate: SlidingWindowGate, release: ReleaseSlot, outcome: LimiterOutcome): void {
    // Learn first, then free the slot: the release admits the next waiter at once.
    if (outcome.rateLimited) {
      // We never meant to exceed the quota: the account's real quota is lower than configured, the
      // platform counts wider than we assumed, or someone else uses the same account. The gate learns
      // a lower rate from it (the release below), and waits as long as the platform asked.
      gate.pause(outcome.retryAfterMs ?? outcome.quota?.resetMs ?? DEFAULT_RATE_LIMITED_PAUSE_MS);
    } else if (outcome.quota?.remaining === 0 && outcome.quota.resetMs !== undefined) {
      gate.pause(outcome.quota.resetMs);
    }
    release({ sent: outcome.sent, answered: outcome.answered, rateLimited: outcome.rateLimited });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const gate of this.#gates.values()) gate.close();
    this.#gates.clear();
  }
}

/** A new in-process limiter, to share between adapters of one account (see `RequestLimiter`). */
export function createRateLimiter(): LocalRateLimiter {
  return new LocalRateLimiter();
}
