import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError } from '../core/errors.js';
import {
  type AcquireOptions,
  LimiterClosedError,
  type LimiterOutcome,
  type LimiterPermit,
  type LimitScope,
  type RequestLimiter,
} from '../core/limiter.js';
import { checkAcquire, readOutcome } from '../core/limiter-arguments.js';
import { checkRedisLimiterOptions } from './hub-options.js';
import { assertRedisReachable, loadIoredis, type RedisLike } from './optional-deps.js';

/** A slot taken by a process that dies before releasing it frees itself after this long. */
export const DEFAULT_SLOT_LEASE_MS = 60_000;
/** Longest pause between two tries of a waiting acquire. */
const MAX_POLL_MS = 100;

/** Lua: `now`, the Redis clock in ms — one clock for every process of a scope. */
const REDIS_NOW = `local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)`;

/**
 * One Lua call decides admission atomically on the Redis server's clock (so machines with skewed
 * clocks agree). Keys: the slots ZSET (member = permit id, score = when the slot frees), the starts
 * ZSET (score = start time, for burst spacing), the pause key (a 429 asked everyone to wait) and the
 * rtt hash (its `spread`, see below). Returns {1, now} when admitted, else {0, ms to wait}.
 *
 * Burst spacing (`burst` starts per 0.9 × burst × 1000 / rps ms) is shortened by the spread of recent
 * round trips (median − smallest, 0 until warm-up and after a 429): the platform sees each start
 * delayed by its own outbound jitter, so under jitter the spacing of our starts does not reach it and
 * only held admissions back. Measured in the scale bench's setting (20/s, 20–120 ms of jitter): of
 * 606 admissions, 446 waited last for the spacing and 134 for a slot — the spacing, not the rolling
 * window, set the pace (simulated: 18.25/s against 18.69/s without it). With a steady latency the
 * spread is ~0 and the spacing is kept whole; the rolling-window guarantee comes from the slots alone.
 */
const ACQUIRE = `
${REDIS_NOW}
local limit = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local burstWindow = tonumber(ARGV[4])
-- Burst spacing less the spread of recent round trips: the platform sees our starts re-jittered by
-- that much, so spacing them further apart than the jitter smooths nothing and only idles the quota.
local spread = tonumber(redis.call('HGET', KEYS[4], 'spread') or '0')
burstWindow = math.max(0, burstWindow - spread)
local lease = tonumber(ARGV[5])
local paused = tonumber(redis.call('GET', KEYS[3]) or '0')
if paused > now then return {0, paused - now} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - burstWindow)
local used = redis.call('ZCARD', KEYS[1])
if used >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(first[2]) - now)}
end
local starts = redis.call('ZCARD', KEYS[2])
if starts >= burst then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(first[2]) + burstWindow - now)}
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease + 10000)
redis.call('PEXPIRE', KEYS[2], burstWindow + 10000)
return {1, now}
`;

/**
 * When the slot stops counting. Same rule as the in-process gate (SlidingWindowGate): a window after
 * the ANSWER, less a credit — the smallest round trip any process of this scope has seen, less the
 * margin (`windowMarginMs`) and less the spread of the last 128 (median − smallest), never below 0 —
 * once `warmup` answers have been timed. The margin is taken from the credit, not added to the window:
 * with no credit (jitter, warm-up) a slot counts exactly a window after the answer, which is already
 * safe (the platform counted the request before answering, and the next one is sent after admission). The platform counts request 1 somewhere in its round trip and
 * a later request no earlier than its own outbound leg, so request 1 may stop counting at
 * `start_1 + rtt_1 + window − rtt_min`: a steady latency costs nothing per slot, a slow request pays its
 * own excess. The spread term: the fastest round trip may have been fast on one leg only (one
 * worker's preparation, the platform's work after counting), so it is credited only as far as typical
 * round trips sit close to it. Round trips are timed on the Redis clock from admission (ACQUIRE's `now`) to this
 * release, so they include the Redis legs and the client's own work, and only over-estimate the wait.
 * No answer (network failure, timeout): a full window from now. A throttled answer forgets the timing
 * (no credit until `warmup` new answers): the platform counts wider than we thought.
 * KEYS: slots, starts, pause, rtt (hash: answered, minRtt), rtts (list: the last 128 round trips).
 * ARGV: permit id, window ms, pause ms, sent, answered, admitted at (Redis ms), warmup, throttled,
 * margin ms.
 */
const RELEASE = `
${REDIS_NOW}
local window = tonumber(ARGV[2])
local pause = tonumber(ARGV[3])
local margin = tonumber(ARGV[9])
if ARGV[4] == '1' then
  local expiry = now + window
  if ARGV[8] == '1' then
    redis.call('DEL', KEYS[4], KEYS[5])
  elseif ARGV[5] == '1' then
    local rtt = math.max(0, now - tonumber(ARGV[6]))
    local answered = redis.call('HINCRBY', KEYS[4], 'answered', 1)
    local minRtt = tonumber(redis.call('HGET', KEYS[4], 'minRtt') or '-1')
    if minRtt < 0 or rtt < minRtt then
      minRtt = rtt
      redis.call('HSET', KEYS[4], 'minRtt', rtt)
    end
    redis.call('LPUSH', KEYS[5], rtt)
    redis.call('LTRIM', KEYS[5], 0, 127)
    redis.call('PEXPIRE', KEYS[4], 3600000)
    redis.call('PEXPIRE', KEYS[5], 3600000)
    if answered >= tonumber(ARGV[7]) then
      local recent = redis.call('LRANGE', KEYS[5], 0, -1)
      for i = 1, #recent do recent[i] = tonumber(recent[i]) end
      table.sort(recent)
      local median = recent[math.floor((#recent - 1) / 2) + 1]
      local spread = math.max(0, median - minRtt)
      redis.call('HSET', KEYS[4], 'spread', spread)
      local credit = math.max(0, minRtt - margin - spread)
      expiry = now + window - credit
    end
  end
  redis.call('ZADD', KEYS[1], 'XX', expiry, ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
end
if pause > 0 then
  local current = tonumber(redis.call('GET', KEYS[3]) or '0')
  if now + pause > current then redis.call('SET', KEYS[3], now + pause, 'PX', pause + 1000) end
end
return 1
`;

/** Answers timed before a scope's smallest round trip is credited (as the in-process gate). */
const WARMUP_SAMPLES = 8;
/**
 * Burst spacing relative to the quota's even spacing, as the in-process limiter: slightly faster on
 * purpose, so that in steady state the rolling window alone sets the pace and a late poll is not
 * paid on every request.
 */
const SMOOTHING = 0.9;

/** Only `open` passes it: the constructor refuses a plain `new RedisRateLimiter(…)`. */
const OPENING: unique symbol = Symbol('RedisRateLimiter.open');

export interface RedisRateLimiterOptions {
  /** @default process.env.OCOP_REDIS_URL ?? 'redis://127.0.0.1:6379' */
  redisUrl?: string;
  /** Prefix of the limiter's keys. @default 'ocop:rl' */
  prefix?: string;
  /** @default DEFAULT_SLOT_LEASE_MS */
  slotLeaseMs?: number;
}

/**
 * A `RequestLimiter` shared by every process and machine that uses the same Redis: one quota per
 * platform account (scope key) however many workers send for it. The sliding-window guarantee holds
 * across all of them (the admission decision is one atomic script on the Redis server's clock).
 * Pass it to every adapter of the account (`voso({ limiter })`), or to a hub (`createHub({ limiter })`).
 */
export class RedisRateLimiter implements RequestLimiter {
  #closed = false;
  readonly #prefix: string;
  readonly #leaseMs: number;

  readonly #redis: RedisLike;

  /**
   * Not for `new`: a limiter needs its Redis connection first — `await createRedisRateLimiter(options)`
   * (or `RedisRateLimiter.open(options)`). `new RedisRateLimiter(…)` is refused with the way to make one.
   */
  private constructor(opening: typeof OPENING, redis: RedisLike, options: RedisRateLimiterOptions) {
    if (opening !== OPENING)
      throw new ConfigurationError(
        {
          vi: 'RedisRateLimiter không tạo bằng new: hãy dùng await createRedisRateLimiter(options)',
          en: 'RedisRateLimiter is not made with new: use await createRedisRateLimiter(options)',
        },
        [
          'new RedisRateLimiter: bộ giới hạn cần kết nối Redis trước; createRedisRateLimiter({ redisUrl, prefix, slotLeaseMs }) kết nối rồi trả về nó / new RedisRateLimiter: the limiter needs its Redis connection first; createRedisRateLimiter({ redisUrl, prefix, slotLeaseMs }) connects and returns it',
        ],
      );
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'ocop:rl';
    this.#leaseMs = options.slotLeaseMs ?? DEFAULT_SLOT_LEASE_MS;
  }

  static async open(options: RedisRateLimiterOptions = {}): Promise<RedisRateLimiter> {
    // Checked before Redis is reached: a misspelt option is named, never silently left out.
    checkRedisLimiterOptions(options);
    const Redis = await loadIoredis();
    const url = options.redisUrl ?? process.env.OCOP_REDIS_URL ?? 'redis://127.0.0.1:6379';
    await assertRedisReachable(url);
    return new RedisRateLimiter(OPENING, new Redis(url, { maxRetriesPerRequest: 3 }), options);
  }

  async acquire(scope: LimitScope, options: AcquireOptions = {}): Promise<LimiterPermit> {
    checkAcquire(scope, options);
    const keys = this.#keys(scope);
    const { requestsPerSecond, burst, windowMarginMs } = scope.limit;
    // Below 1/s the window widens so that "N per window" still means requestsPerSecond.
    const spacingMs = 1000 / requestsPerSecond;
    const windowMs = Math.max(1000, spacingMs);
    const limit = Math.max(1, Math.floor(requestsPerSecond));
    const id = randomUUID();
    for (;;) {
      if (this.#closed) throw new LimiterClosedError(scope.key);
      if (options.signal?.aborted) throw options.signal.reason;
      const [admitted, value] = (await this.#redis.eval(
        ACQUIRE,
        4,
        ...keys.slice(0, 4),
        id,
        limit,
        burst,
        Math.ceil(burst * spacingMs * SMOOTHING),
        this.#leaseMs,
      )) as [number, number];
      if (admitted === 1) {
        let released = false;
        const admittedAt = value;
        return {
          release: (given?: LimiterOutcome) => {
            // Free the slot first, whatever was given: a wrong argument is refused, never a leaked slot.
            const { outcome, refusal } = readOutcome(given);
            if (!released) {
              released = true;
              void this.#release(keys, id, windowMs, windowMarginMs, admittedAt, outcome).catch(() => {});
            }
            if (refusal) throw refusal;
          },
        };
      }
      // Retries poll a little faster than first attempts: a cheap form of "retries go first".
      const cap = options.priority === 'retry' ? MAX_POLL_MS / 2 : MAX_POLL_MS;
      try {
        await sleep(
          Math.max(1, Math.min(cap, value)),
          undefined,
          options.signal ? { signal: options.signal } : {},
        );
      } catch (error) {
        // The contract: an aborted wait rejects with the signal's reason.
        throw options.signal?.aborted ? options.signal.reason : error;
      }
    }
  }

  async #release(
    keys: string[],
    id: string,
    windowMs: number,
    marginMs: number,
    admittedAt: number,
    outcome: LimiterOutcome,
  ): Promise<void> {
    const pause = outcome.rateLimited
      ? (outcome.retryAfterMs ?? outcome.quota?.resetMs ?? 1000)
      : outcome.quota?.remaining === 0
        ? (outcome.quota.resetMs ?? 0)
        : 0;
    await this.#redis.eval(
      RELEASE,
      5,
      ...keys,
      id,
      windowMs,
      Math.ceil(pause),
      outcome.sent ? '1' : '0',
      outcome.answered ? '1' : '0',
      admittedAt,
      WARMUP_SAMPLES,
      outcome.rateLimited ? '1' : '0',
      Math.max(0, marginMs),
    );
  }

  #keys(scope: LimitScope): string[] {
    const base = `${this.#prefix}:{${scope.key}}`; // one hash slot per scope (Redis Cluster)
    return [`${base}:slots`, `${base}:starts`, `${base}:pause`, `${base}:rtt`, `${base}:rtts`];
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}

/** Connects a Redis-backed limiter (ioredis, an optional peer dependency). */
export function createRedisRateLimiter(options: RedisRateLimiterOptions = {}): Promise<RedisRateLimiter> {
  return RedisRateLimiter.open(options);
}
