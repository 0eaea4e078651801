/**
 * Trial 6 items 1, 4 and 8 (#18): the rate limiters given a wrong argument. A permit's release() with no
 * outcome frees the slot (in-process and Redis alike); a wrong outcome frees it too, then is refused with
 * a bilingual ValidationError (did you mean …?). A gate's acquire and pause, createRateLimiter and
 * `new RedisRateLimiter` refuse what they cannot use, naming it in Vietnamese and English.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedisRateLimiter, RedisRateLimiter } from '../../src/hub/index.js';
import {
  ConfigurationError,
  createRateLimiter,
  type LimiterPermit,
  type LimitScope,
  type RequestLimiter,
  ValidationError,
} from '../../src/index.js';
import { serviceAvailable, TEST_REDIS_URL } from '../support/services.js';
import { failure } from './helpers/failure.js';

const redisAvailable = await serviceAvailable('Redis');
const bad = <T>(value: unknown) => value as T;

const scopeOf = (rps: number, maxConcurrent = 1): LimitScope => ({
  key: `voso:${randomUUID()}:shared`,
  platform: 'voso',
  account: 'acct',
  trafficClass: 'shared',
  limit: { requestsPerSecond: rps, burst: 1, maxConcurrent, windowMarginMs: 25 },
});

/** The next acquire of the scope, or 'hung' when it has not come within `ms` (a leaked slot). */
async function nextAcquire(
  limiter: RequestLimiter,
  scope: LimitScope,
  ms: number,
): Promise<LimiterPermit | 'hung'> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve('hung');
    }, ms);
  });
  try {
    return await Promise.race([
      limiter.acquire(scope, { signal: abort.signal }).catch(() => 'hung' as const),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A tree error naming `name` in both languages, the Vietnamese text without English words. */
function names(error: unknown, kind: typeof ValidationError | typeof ConfigurationError, name: string) {
  expect(error).toBeInstanceOf(kind);
  const e = error as ValidationError;
  expect(e.messageVi).toContain(name);
  expect(e.messageEn).toContain(name);
  expect(e.messageVi).not.toMatch(/\b(must|got|invalid|option|did you mean|takes|use)\b/i);
  expect(Object.getOwnPropertyDescriptor(e, 'messageVi')?.writable ?? false).toBe(false);
  return e;
}

describe('createRateLimiter(): a permit is always given back', () => {
  it('release() with no outcome frees the slot: the next acquire (maxConcurrent 1) is admitted', async () => {
    const limiter = createRateLimiter();
    const scope = scopeOf(10);
    try {
      const permit = await limiter.acquire(scope);
      expect(() => permit.release()).not.toThrow();
      const next = await nextAcquire(limiter, scope, 1500);
      expect(next).not.toBe('hung');
    } finally {
      await limiter.close();
    }
  });

  it.each([
    ["'bogus'", 'bogus', 'outcome:', undefined],
    ['{ ratelimited: true }', { ratelimited: true }, 'outcome.ratelimited', 'rateLimited'],
    ["{ sent: 'yes' }", { sent: 'yes' }, 'outcome.sent', undefined],
  ])('release(%s) frees the slot, then throws a ValidationError naming it', async (_shown, given, name, meant) => {
    const limiter = createRateLimiter();
    const scope = scopeOf(10);
    try {
      const permit = await limiter.acquire(scope);
      const error = names(await failure(() => permit.release(bad(given))), ValidationError, name);
      if (meant) {
        expect(error.messageVi).toContain(`có phải "${meant}"?`);
        expect(error.messageEn).toContain(`did you mean "${meant}"?`);
      }
      expect(await nextAcquire(limiter, scope, 1500)).not.toBe('hung');
    } finally {
      await limiter.close();
    }
  });

  it("a gate's release('bogus') frees its slot, then throws", async () => {
    const limiter = createRateLimiter();
    const scope = scopeOf(10);
    try {
      const gate = limiter.gate(scope);
      const release = await gate.acquire();
      names(await failure(() => release(bad('bogus'))), ValidationError, 'outcome');
      expect(gate.inFlight).toBe(0);
    } finally {
      await limiter.close();
    }
  });
});

describe('createRateLimiter(): wrong arguments are named, nothing is admitted or paused', () => {
  it.each([
    ['{ priorty: 1 }', { priorty: 1 }, 'priorty', 'priority'],
    ['5', 5, 'options', undefined],
    ["{ priority: 'urgent' }", { priority: 'urgent' }, 'priority', undefined],
  ])('gate(scope).acquire(%s) is refused and takes no slot', async (_shown, options, name, meant) => {
    const limiter = createRateLimiter();
    try {
      const gate = limiter.gate(scopeOf(10));
      const error = names(await failure(() => gate.acquire(bad(options))), ConfigurationError, name);
      if (meant) expect(error.messageEn).toContain(`did you mean "${meant}"?`);
      expect(gate.inFlight).toBe(0);
      expect(gate.waiting).toBe(0);
    } finally {
      await limiter.close();
    }
  });

  it.each([
    ['-5', -5],
    ["'x'", 'x'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('gate(scope).pause(%s) is refused and pauses nothing', async (_shown, duration) => {
    const limiter = createRateLimiter();
    const scope = scopeOf(10, 2);
    try {
      const gate = limiter.gate(scope);
      names(await failure(() => gate.pause(bad(duration))), ValidationError, 'durationMs');
      expect(await nextAcquire(limiter, scope, 1000)).not.toBe('hung');
    } finally {
      await limiter.close();
    }
  });

  it.each([
    ['5', 5],
    ['{ requestsPerSecond: 5 }', { requestsPerSecond: 5 }],
  ])("createRateLimiter(%s) is refused: the rate is the adapters' rateLimits", (_shown, given) => {
    const error = names(
      (() => {
        try {
          (createRateLimiter as (...a: unknown[]) => unknown)(given);
        } catch (e) {
          return e;
        }
        return undefined;
      })(),
      ConfigurationError,
      'createRateLimiter',
    );
    expect(error.messageVi).toContain('rateLimits');
    expect(error.messageEn).toContain('rateLimits');
  });
});

describe('RedisRateLimiter', () => {
  it('new RedisRateLimiter({ … }) is refused with the way to make one (no connection is made)', () => {
    const Made = RedisRateLimiter as unknown as new (options: unknown) => unknown;
    let thrown: unknown;
    try {
      new Made({ redisUrl: 'redis://127.0.0.1:9', prefix: 'p' });
    } catch (error) {
      thrown = error;
    }
    const error = names(thrown, ConfigurationError, 'createRedisRateLimiter');
    expect(error.messageVi).toContain('RedisRateLimiter');
  });

  describe.runIf(redisAvailable)('on Redis: the same release as the in-process limiter', () => {
    it('release() frees the slot (rps 1: admitted after the window, not after the 60 s lease); a bad release frees it too', async () => {
      const limiter = await createRedisRateLimiter({
        redisUrl: TEST_REDIS_URL,
        prefix: `test-rel-${randomUUID()}`,
      });
      const scope = scopeOf(1);
      try {
        const first = await limiter.acquire(scope);
        expect(() => first.release()).not.toThrow();
        const second = await nextAcquire(limiter, scope, 3000);
        expect(second).not.toBe('hung');
        const error = names(
          await failure(() => (second as LimiterPermit).release(bad({ ratelimited: true }))),
          ValidationError,
          'outcome.ratelimited',
        );
        expect(error.messageEn).toContain('did you mean "rateLimited"?');
        expect(await nextAcquire(limiter, scope, 3000)).not.toBe('hung');
      } finally {
        await limiter.close();
      }
    }, 15_000);
  });
});
