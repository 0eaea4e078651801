import Bottleneck from 'bottleneck';
import { SlidingWindowGate } from './sliding-window-gate.js';
import type { RateLimitConfig, RateLimiterView, RateLimitsOption, TrafficClass } from './types.js';

/**
 * Extra width added to the 1-second window. The gate already counts each request until a full
 * window after its ANSWER (so event-loop or network delays cannot squeeze N+1 arrivals into the
 * platform's rolling second); this only absorbs timer and clock granularity.
 */
export const DEFAULT_WINDOW_MARGIN_MS = 25;

/** Used for any traffic class the platform options leave unconfigured. */
export const DEFAULT_RATE_LIMIT: Required<RateLimitConfig> = {
  requestsPerSecond: 10,
  burst: 1,
  maxConcurrent: 10,
  windowMarginMs: DEFAULT_WINDOW_MARGIN_MS,
};

/** Bottleneck priorities: 0 is served first. Retries jump ahead of first attempts. */
export const PRIORITY_RETRY = 1;
export const PRIORITY_NORMAL = 5;

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

export interface ScheduleOptions {
  priority?: number;
  signal?: AbortSignal;
}

/**
 * One platform + account + traffic class (or one shared limiter for a platform with a global
 * quota). Bottleneck orders jobs (priority, concurrency); the sliding-window gate decides WHEN
 * each may start.
 */
export class RateLimiter implements RateLimiterView {
  readonly key: string;
  readonly config: Required<RateLimitConfig>;
  readonly spacingMs: number;
  readonly #bottleneck: Bottleneck;
  readonly #gate: SlidingWindowGate;
  #closed = false;

  constructor(key: string, config: RateLimitConfig | undefined) {
    this.key = key;
    this.config = resolveRateLimit(config);
    const { requestsPerSecond, burst, maxConcurrent, windowMarginMs } = this.config;
    this.spacingMs = 1000 / requestsPerSecond;
    this.#bottleneck = new Bottleneck({ maxConcurrent, id: key });
    // Two sliding windows: the quota itself (N per second, widened by the margin), and the burst
    // (at most `burst` starts per burst × spacing), which with burst = 1 spaces requests evenly.
    this.#gate = new SlidingWindowGate({
      quota: {
        limit: Math.max(1, Math.floor(requestsPerSecond)),
        windowMs: 1000 * Math.max(1, 1 / requestsPerSecond) + windowMarginMs,
      },
      // With burst = 1 this spaces starts evenly, 1000 / requestsPerSecond ms apart.
      burst: { limit: burst, windowMs: burst * this.spacingMs },
    });
  }

  pending(): number {
    const counts = this.#bottleneck.counts();
    return (counts.QUEUED ?? 0) + (counts.RUNNING ?? 0) + (counts.EXECUTING ?? 0) + (counts.RECEIVED ?? 0);
  }

  /** Runs `task` when the limits allow it. */
  schedule<T>(task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    if (this.#closed) return Promise.reject(new Error(`Rate limiter ${this.key} is closed`));
    return this.#bottleneck.schedule({ priority: options.priority ?? PRIORITY_NORMAL }, async () => {
      const release = await this.#gate.acquire(options.signal);
      try {
        return await task();
      } finally {
        release();
      }
    });
  }

  /** The platform throttled us anyway: admit nothing for `durationMs`. */
  pause(durationMs: number): void {
    this.#gate.pause(durationMs);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#gate.close();
    await this.#bottleneck.stop({ dropWaitingJobs: true });
    await this.#bottleneck.disconnect();
  }
}

export interface RateLimiterRegistryOptions {
  platform: string;
  account: string;
  limits?: RateLimitsOption;
}

/**
 * Limiters owned by ONE client instance (no module-level singletons: many cooperatives may share a
 * process). A class with its own entry gets its own limiter; the rest share `shared` if configured,
 * otherwise each gets one with DEFAULT_RATE_LIMIT.
 */
export class RateLimiterRegistry {
  readonly #options: RateLimiterRegistryOptions;
  readonly #limiters = new Map<string, RateLimiter>();

  constructor(options: RateLimiterRegistryOptions) {
    this.#options = options;
  }

  keyFor(trafficClass: TrafficClass): string {
    const { platform, account, limits } = this.#options;
    const scope = limits?.[trafficClass] || !limits?.shared ? trafficClass : 'shared';
    return `${platform}:${account}:${scope}`;
  }

  get(trafficClass: TrafficClass): RateLimiter {
    const key = this.keyFor(trafficClass);
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      const limits = this.#options.limits;
      const config = limits?.[trafficClass] ?? limits?.shared;
      limiter = new RateLimiter(key, config);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  async close(): Promise<void> {
    const limiters = [...this.#limiters.values()];
    this.#limiters.clear();
    await Promise.all(limiters.map((limiter) => limiter.close()));
  }
}
