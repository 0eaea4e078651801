import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LimitScope } from '../../src/core/limiter.js';
import { LimiterClosedError } from '../../src/core/limiter.js';
import { createRedisRateLimiter, type RedisRateLimiter } from '../../src/hub/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import { serviceAvailable, TEST_REDIS_URL } from '../support/services.js';

const available = await serviceAvailable('Redis');

const scope = (rps: number): LimitScope => ({
  key: `voso:${randomUUID()}:shared`,
  platform: 'voso',
  account: 'acct',
  trafficClass: 'shared',
  limit: { requestsPerSecond: rps, burst: 1, maxConcurrent: rps, windowMarginMs: 25 },
});

describe.runIf(available)('RedisRateLimiter: one quota per account across processes', () => {
  const opened: RedisRateLimiter[] = [];
  const open = async (options = {}) => {
    const limiter = await createRedisRateLimiter({
      redisUrl: TEST_REDIS_URL,
      prefix: `test-rl-${randomUUID()}`,
      ...options,
    });
    opened.push(limiter);
    return limiter;
  };
  afterEach(async () => {
    for (const l of opened.splice(0)) await l.close();
  });

  it('two workers on one account, a platform counting at arrival with 20–300 ms jitter: no 429, quota used', async () => {
    const rps = 10;
    const box = await startVosoSandbox({
      rateLimitRps: rps,
      faults: { latencyMs: { minMs: 20, maxMs: 300 } },
    });
    const prefix = `test-rl-${randomUUID()}`;
    // Two limiter instances = two connections, as two processes would have; same Redis keys.
    const [l1, l2] = [await open({ prefix }), await open({ prefix })];
    const adapter = (limiter: RedisRateLimiter) =>
      voso({
        baseUrl: box.baseUrl,
        credentials: { username: box.credentials.username, password: box.credentials.password },
        account: 'shared-acct',
        limiter,
        rateLimits: { shared: { requestsPerSecond: rps } },
        retry: { retries: 0 },
      });
    const a = adapter(l1);
    const b = adapter(l2);
    try {
      const calls = 40;
      const started = performance.now();
      const results = await Promise.allSettled([
        ...Array.from({ length: calls / 2 }, () => a.findListingBySku('VL-TBN-500')),
        ...Array.from({ length: calls / 2 }, () => b.findListingBySku('VL-TBN-500')),
      ]);
      const seconds = (performance.now() - started) / 1000;
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(box.stats.rateLimited).toBe(0);
      const sent = box.stats.totalRequests;
      expect(sent).toBeGreaterThanOrEqual(calls);
      // Shared, not doubled: two private limiters would each send 10/s and finish in half the time.
      // (How close to the quota it gets is a figure for `npm run bench:scale`, not for a test.)
      expect(seconds).toBeGreaterThanOrEqual((sent - rps) / rps);
    } finally {
      await a.close();
      await b.close();
      await box.close();
    }
  }, 60_000);

  it('admits at most the limit in any rolling second, by Redis time, across instances', async () => {
    const prefix = `test-rl-${randomUUID()}`;
    const limiters = [await open({ prefix }), await open({ prefix }), await open({ prefix })];
    const s = scope(5);
    const starts: number[] = [];
    const answers: number[] = [];
    await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const permit = await limiters[i % 3]!.acquire(s);
        starts.push(performance.now());
        await new Promise((r) => setTimeout(r, 30));
        answers.push(performance.now());
        permit.release({ sent: true, answered: true, rateLimited: false });
      }),
    );
    starts.sort((x, y) => x - y);
    // Any 6 consecutive starts span more than a second: never 6 in one rolling second.
    for (let i = 5; i < starts.length; i += 1) expect(starts[i]! - starts[i - 5]!).toBeGreaterThan(1000);
  }, 30_000);

  it('a steady latency costs nothing: after warm-up a slot counts a window after its answer less the smallest round trip; a 429 takes that back', async () => {
    const prefix = `test-rl-${randomUUID()}`;
    const limiter = await open({ prefix });
    const s = scope(50);
    const Redis = (await import('ioredis')).Redis;
    const redis = new Redis(TEST_REDIS_URL);
    const slotsKey = `${prefix}:{${s.key}}:slots`;
    const remaining = async () => {
      await new Promise((r) => setTimeout(r, 30)); // the release is sent without waiting
      const [seconds, micros] = (await redis.time()) as unknown as [string, string];
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      const top = await redis.zrange(slotsKey, -1, -1, 'WITHSCORES');
      return Number(top[1]) - now;
    };
    const cycle = async (outcome = { sent: true, answered: true, rateLimited: false }) => {
      const permit = await limiter.acquire(s);
      await new Promise((r) => setTimeout(r, 150)); // every request takes ≥ 150 ms
      permit.release(outcome);
      return remaining();
    };
    try {
      // Window = 1000 ms. Before 8 timed answers: a full window after the answer (no credit, so no
      // margin either: the margin is taken from a credit, as in the in-process gate).
      const early = await cycle();
      expect(early).toBeGreaterThan(1000 - 30 - 20);
      for (let i = 0; i < 7; i += 1) await cycle();
      // From the 8th answer on, the smallest round trip (≥ 150 ms) less the 25 ms margin is not paid
      // again, less the spread of typical round trips (timer lateness: a few ms here).
      const warmed = await cycle();
      expect(warmed).toBeLessThanOrEqual(1000 - (150 - 25) - 30 + 25);
      expect(warmed).toBeGreaterThan(0);
      // A 429: the platform counts wider than we thought; the credit is earned again from scratch.
      await cycle({ sent: true, answered: true, rateLimited: true, retryAfterMs: 1 } as never);
      const after429 = await cycle();
      expect(after429).toBeGreaterThan(1000 - 30 - 20);
    } finally {
      redis.disconnect();
    }
  }, 30_000);

  it('under jitter the fastest round trip is not credited: typical round trips far above it take the credit away', async () => {
    const prefix = `test-rl-${randomUUID()}`;
    const limiter = await open({ prefix });
    const s = scope(50);
    const Redis = (await import('ioredis')).Redis;
    const redis = new Redis(TEST_REDIS_URL);
    const slotsKey = `${prefix}:{${s.key}}:slots`;
    try {
      // One fast round trip (100 ms) among slow ones (400 ms): the fast one may have been fast on one
      // leg only, so a window after each answer is kept whole (credit max(0, 100 − 25 − (400 − 100)) = 0).
      let releasedAt = 0;
      for (const latency of [100, 400, 400, 400, 400, 400, 400, 400, 400]) {
        const permit = await limiter.acquire(s);
        await new Promise((r) => setTimeout(r, latency));
        releasedAt = performance.now();
        permit.release({ sent: true, answered: true, rateLimited: false });
      }
      await new Promise((r) => setTimeout(r, 30));
      const [seconds, micros] = (await redis.time()) as unknown as [string, string];
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      const top = await redis.zrange(slotsKey, -1, -1, 'WITHSCORES');
      const remaining = Number(top[1]) - now;
      // remaining + time since the release ≥ how long after its answer the slot counts.
      const afterAnswer = remaining + (performance.now() - releasedAt);
      // Never less than a whole window after the answer (no credit) …
      expect(afterAnswer).toBeGreaterThanOrEqual(1000);
      // … and no more either (#17 item 1): the margin is taken from a credit, never added to the
      // window — as the in-process gate, which is how the Redis limiter lost 25 ms per slot (2.5 %).
      expect(afterAnswer).toBeLessThan(1000 + 20);
    } finally {
      redis.disconnect();
    }
  }, 30_000);

  it("burst spacing is shortened by the round trips' spread: under jitter the rolling window sets the pace, with a steady latency starts stay spaced (#17 item 1)", async () => {
    const limiter = await open();
    const admitThree = async (s: LimitScope) => {
      const t0 = performance.now();
      const permits = await Promise.all(
        [0, 1, 2].map(async () => {
          const permit = await limiter.acquire(s);
          return { permit, at: performance.now() - t0 };
        }),
      );
      for (const { permit } of permits) permit.release({ sent: false, answered: false, rateLimited: false });
      return Math.max(...permits.map((p) => p.at));
    };
    const warm = async (s: LimitScope, latencies: number[]) => {
      for (const latency of latencies) {
        const permit = await limiter.acquire(s);
        await new Promise((r) => setTimeout(r, latency));
        permit.release({ sent: true, answered: true, rateLimited: false });
      }
      await new Promise((r) => setTimeout(r, 30)); // the release is sent without waiting
    };
    // 20/s, burst 1: starts 45 ms apart (0.9 × 50 ms) while nothing is known of the round trips.
    const jittery = scope(20);
    expect(await admitThree(jittery)).toBeGreaterThanOrEqual(2 * 45 - 5);
    // Round trips 20–120 ms: a start reaches the platform up to 100 ms later than another one sent
    // with it, so 45 ms between our starts smooth nothing there; free slots are used at once.
    await warm(jittery, [20, 120, 120, 120, 120, 120, 120, 120, 120]);
    expect(await admitThree(jittery)).toBeLessThan(40);
    // A steady latency: the starts reach the platform as spaced as we send them, so they stay spaced.
    const steady = scope(20);
    await warm(steady, [60, 60, 60, 60, 60, 60, 60, 60, 60]);
    expect(await admitThree(steady)).toBeGreaterThanOrEqual(2 * 30);
  }, 30_000);

  it('frees the slot of a process that died holding it after the lease, and pauses everyone after a 429', async () => {
    const prefix = `test-rl-${randomUUID()}`;
    const dead = await open({ prefix, slotLeaseMs: 400 });
    const alive = await open({ prefix, slotLeaseMs: 400 });
    const s = scope(1);
    await dead.acquire(s); // never released: its process "died"
    const t0 = performance.now();
    const permit = await alive.acquire(s);
    expect(performance.now() - t0).toBeGreaterThan(300);
    permit.release({ sent: true, answered: true, rateLimited: true, retryAfterMs: 1500 });
    const s2 = { ...s, limit: { ...s.limit, requestsPerSecond: 100, maxConcurrent: 100 } };
    const t1 = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    await dead.acquire(s2).catch(() => undefined); // another scope key is not paused
    const again = await alive.acquire({ ...s, limit: s.limit });
    again.release({ sent: false, answered: false, rateLimited: false });
    expect(performance.now() - t1).toBeGreaterThan(1300);
  }, 30_000);

  it('rejects waiting and new acquires once closed, and honours abort', async () => {
    const limiter = await open();
    const s = scope(1);
    await limiter.acquire(s);
    const controller = new AbortController();
    const waiting = limiter.acquire(s, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await limiter.close();
    await expect(limiter.acquire(s)).rejects.toBeInstanceOf(LimiterClosedError);
  });
});
