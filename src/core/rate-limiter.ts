import { checkOption } from './argument-guards.js';
import { ConfigurationError } from './errors.js';
import type { AcquireOptions, LimiterOutcome, LimiterPermit, LimitScope, RequestLimiter } from './limiter.js';
import { LimiterClosedError } from './limiter.js';
import { A_LIMIT_SCOPE, checkAcquire, readOutcome } from './limiter-arguments.js';
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
    return {
      release: (given?: LimiterOutcome) => {
        // Free the slot first, whatever was given: a wrong argument is refused, never a leaked slot.
        const { outcome, refusal } = readOutcome(given);
        this.#release(gate, release, outcome);
        if (refusal) throw refusal;
      },
    };
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
      gate.pause(
        Math.max(0, outcome.retryAfterMs ?? outcome.quota?.resetMs ?? DEFAULT_RATE_LIMITED_PAUSE_MS),
      );
    } else if (outcome.quota?.remaining === 0 && outcome.quota.resetMs !== undefined) {
      gate.pause(Math.max(0, outcome.quota.resetMs));
    }
    release({ sent: outcome.sent, answered: outcome.answered, rateLimited: outcome.rateLimited });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const gate of this.#gates.values()) gate.close();
    this.#gates.clear();
  }
}

/**
 * A new in-process limiter, to share between adapters of one account (see `RequestLimiter`). It takes
 * no argument: one given (`createRateLimiter(5)`, `createRateLimiter({ rps: 5 })`) is refused, never
 * silently ignored — the quota is each adapter's `rateLimits`.
 */
export function createRateLimiter(): LocalRateLimiter {
  // No parameter in the signature (TypeScript callers cannot pass one); JavaScript callers can.
  // biome-ignore lint/complexity/noArguments: the only way to see an argument the signature does not declare
  const given: readonly unknown[] = Array.from(arguments);
  if (given.some((value) => value !== undefined))
    throw new ConfigurationError(
      {
        vi: 'createRateLimiter không nhận tham số nào',
        en: 'createRateLimiter takes no argument',
      },
      [
        "options: không có tùy chọn nào; giới hạn tốc độ đặt bằng rateLimits của từng nền tảng (voso({ rateLimits, limiter })) / options: there are none; the rate is set by each adapter's rateLimits (voso({ rateLimits, limiter }))",
      ],
    );
  return new LocalRateLimiter();
}
