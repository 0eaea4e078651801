import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createRateLimiter,
  LimiterClosedError,
  limitScopeFor,
  parseRateLimitHeaders,
  type RateLimitedEvent,
  SlidingWindowGate,
} from '../../src/core/index.js';
import { closeAllClients, testClient } from './helpers/client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await closeAllClients();
  await server?.close();
  server = undefined;
});

/** Answers 429 to any request that makes more than `limit` arrivals in the rolling second. */
async function startRollingWindowServer(limit: number) {
  const arrivals: number[] = [];
  let throttled = 0;
  const started = await startTestServer((req) => {
    arrivals.push(req.receivedAtMs);
    const inWindow = arrivals.filter((t) => t > req.receivedAtMs - 1000).length;
    if (inWindow > limit) {
      throttled++;
      return { status: 429, headers: { 'retry-after': '1' }, json: { message: 'slow down' } };
    }
    return { status: 200, json: { ok: true } };
  });
  return { server: started, throttled: () => throttled };
}

describe('rate limiting against a platform counting a rolling second', () => {
  it('200 calls through a 20/s limiter → zero 429s seen by a 20/s server', async () => {
    const rolling = await startRollingWindowServer(20);
    server = rolling.server;
    const client = testClient(server.url, {
      rateLimits: { read: { requestsPerSecond: 20, maxConcurrent: 20 } },
    });
    const limited: RateLimitedEvent[] = [];
    client.events.on('rateLimited', (e) => limited.push(e));
    const startedMs = performance.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        client.request({ operation: 'get', method: 'GET', path: `/p/${i}` }),
      ),
    );
    const elapsedMs = performance.now() - startedMs;
    expect(results.every((r) => r.attempts === 1)).toBe(true);
    expect(rolling.throttled()).toBe(0);
    expect(limited).toHaveLength(0);
    expect(server.requests).toHaveLength(200);
    // Proves the limiter actually held the rate: 200 at 20/s cannot finish in under ~9.5 s.
    expect(elapsedMs).toBeGreaterThan(9000);
  }, 20_000);
});

describe('limiter behaviour', () => {
  it('after a 429 with Retry-After the limiter admits nothing until the wait is over', async () => {
    let first = true;
    server = await startTestServer(() => {
      if (first) {
        first = false;
        return { status: 429, headers: { 'retry-after': '1' } };
      }
      return { status: 200, json: {} };
    });
    const client = testClient(server.url, {
      rateLimits: { read: { requestsPerSecond: 50, maxConcurrent: 1 } },
    });
    const limited: RateLimitedEvent[] = [];
    client.events.on('rateLimited', (e) => limited.push(e));
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        client.request({ operation: 'get', method: 'GET', path: `/p/${i}` }),
      ),
    );
    const [firstArrival, ...rest] = server.requests.map((r) => r.receivedAtMs);
    expect(rest).toHaveLength(4);
    for (const arrival of rest) expect(arrival - firstArrival!).toBeGreaterThanOrEqual(950);
    expect(limited).toEqual([
      expect.objectContaining({
        retryAfterMs: 1000,
        trafficClass: 'read',
        httpStatus: 429,
        account: 'coop-1',
      }),
    ]);
  });

  it('a retried job goes ahead of queued first attempts', async () => {
    let failedOnce = false;
    server = await startTestServer((req) => {
      if (req.path === '/flaky' && !failedOnce) {
        failedOnce = true;
        return { status: 503 };
      }
      // Slow answers: the retry is surely queued before the first of these completes.
      return { status: 200, json: {}, delayMs: req.path.startsWith('/other/') ? 150 : 0 };
    });
    const client = testClient(server.url, {
      retry: { initialDelayMs: 0, jitter: 'none' },
      rateLimits: { read: { requestsPerSecond: 20, maxConcurrent: 1 } },
    });
    const calls = [client.request({ operation: 'get', method: 'GET', path: '/flaky' })];
    for (let i = 0; i < 5; i++)
      calls.push(client.request({ operation: 'get', method: 'GET', path: `/other/${i}` }));
    await Promise.all(calls);
    const order = server.requests.map((r) => r.path);
    expect(order[0]).toBe('/flaky');
    // The retry is served before most of the five first attempts queued behind it.
    expect(order.indexOf('/flaky', 1)).toBeLessThanOrEqual(2);
  });

  it('limiters are keyed by platform + account + class, and `shared` serves classes without their own', () => {
    const limits = { shared: { requestsPerSecond: 5 }, auth: { requestsPerSecond: 1 } };
    const read = limitScopeFor('voso', 'shop-9', limits, 'read');
    expect(limitScopeFor('voso', 'shop-9', limits, 'write').key).toBe(read.key);
    expect(read.key).toBe('voso:shop-9:shared');
    expect(limitScopeFor('voso', 'shop-9', limits, 'auth').key).toBe('voso:shop-9:auth');
    expect(read.limit).toEqual({ requestsPerSecond: 5, burst: 1, maxConcurrent: 5, windowMarginMs: 25 });
    const client = testClient('http://127.0.0.1:9', {
      platform: 'voso',
      account: 'shop-9',
      rateLimits: limits,
    });
    expect(client.limiter('read').spacingMs).toBe(200);
    expect(client.limiter('read').key).toBe('voso:shop-9:shared');
    expect(client.limiter('read').pending()).toBe(0);
  });

  it('two clients (two accounts) never share a limiter', () => {
    const a = testClient('http://127.0.0.1:9', { account: 'a' });
    const b = testClient('http://127.0.0.1:9', { account: 'b' });
    expect(a.limiter('read').key).not.toBe(b.limiter('read').key);
    expect(a.limiter('read').key).toBe('testplatform:a:shared');
  });
});

describe('SlidingWindowGate', () => {
  it('while warming up, counts a request until a full window after it completed, and spaces bursts (fake clock)', async () => {
    vi.useFakeTimers();
    try {
      const gate = new SlidingWindowGate(
        { quota: { limit: 5, windowMs: 200 }, burst: { limit: 2, windowMs: 20 }, warmupSamples: 100 },
        () => Date.now(),
      );
      const t0 = Date.now();
      const admitted: number[] = [];
      // Each request takes 30 ms to answer.
      const run = async () => {
        const release = await gate.acquire();
        admitted.push(Date.now() - t0);
        setTimeout(release, 30);
      };
      const all = Promise.all(Array.from({ length: 12 }, run));
      await vi.advanceTimersByTimeAsync(3000);
      await all;
      for (let i = 2; i < admitted.length; i++)
        expect(admitted[i]! - admitted[i - 2]!).toBeGreaterThanOrEqual(20);
      // The 6th may start only 200 ms after the 1st ANSWERED (started 0, answered 30).
      expect(admitted[5]).toBeGreaterThanOrEqual(230);
      expect(admitted[5]).toBeLessThanOrEqual(233);
      for (let i = 5; i < admitted.length; i++)
        expect(admitted[i]! - (admitted[i - 5]! + 30)).toBeGreaterThanOrEqual(200);
      expect(admitted.slice(0, 2)).toEqual([0, 0]);
      gate.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a request still in flight keeps its slot however long it takes', async () => {
    vi.useFakeTimers();
    try {
      const gate = new SlidingWindowGate({ quota: { limit: 1, windowMs: 100 } }, () => Date.now());
      const release = await gate.acquire();
      let second = false;
      const waiting = gate.acquire().then(() => {
        second = true;
      });
      await vi.advanceTimersByTimeAsync(1000);
      expect(second).toBe(false);
      release();
      await vi.advanceTimersByTimeAsync(99);
      expect(second).toBe(false);
      await vi.advanceTimersByTimeAsync(5);
      await waiting;
      expect(second).toBe(true);
      gate.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('close() rejects waiters and leaves no timer', async () => {
    const gate = new SlidingWindowGate({ quota: { limit: 1, windowMs: 10_000 } });
    await gate.acquire();
    const waiting = gate.acquire();
    gate.close();
    await expect(waiting).rejects.toBeInstanceOf(LimiterClosedError);
  });

  it('an aborted waiter leaves the queue', async () => {
    const gate = new SlidingWindowGate({ quota: { limit: 1, windowMs: 300 } });
    (await gate.acquire())();
    const controller = new AbortController();
    const aborted = gate.acquire({ signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(gate.waiting).toBe(0);
    gate.close();
  });
});

describe('send-anchored window after warm-up', () => {
  it('with steady latency, the N+1-th start waits window + base margin after the 1st START, not its answer', async () => {
    // (The warm-up rule itself is pinned by the SlidingWindowGate test above.)
    vi.useFakeTimers();
    try {
      const gate = new SlidingWindowGate(
        { quota: { limit: 4, windowMs: 1000 }, baseMarginMs: 25, warmupSamples: 4 },
        () => Date.now(),
      );
      const t0 = Date.now();
      const admitted: number[] = [];
      const run = async () => {
        const release = await gate.acquire();
        admitted.push(Date.now() - t0);
        setTimeout(() => release(), 400); // every answer takes 400 ms
      };
      const all = Promise.all(Array.from({ length: 12 }, run));
      await vi.advanceTimersByTimeAsync(5000);
      await all;
      // The four answers (all 400 ms: spread 0) end the warm-up; from then on each request counts
      // 1025 ms from its START (0 → 1025), not 1000 ms from its answer (400 → 1400).
      expect(admitted.slice(0, 4)).toEqual([0, 0, 0, 0]);
      expect(gate.creditMs).toBe(375);
      expect(admitted[4]).toBeGreaterThanOrEqual(1025);
      expect(admitted[4]).toBeLessThan(1100);
      expect(admitted[8]).toBeGreaterThanOrEqual(admitted[4]! + 1025);
      expect(admitted[8]).toBeLessThanOrEqual(admitted[4]! + 1030);
      for (let i = 4; i < admitted.length; i++) {
        expect(admitted[i]! - admitted[i - 4]!).toBeGreaterThanOrEqual(1000);
      }
      gate.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a slow answer pays only its excess over the fastest; a lost one and each 429 pay more', async () => {
    vi.useFakeTimers();
    try {
      const gate = new SlidingWindowGate(
        { quota: { limit: 1, windowMs: 1000 }, baseMarginMs: 25, warmupSamples: 3 },
        () => Date.now(),
      );
      const t0 = Date.now();
      const at = async (latencyMs: number, result?: { answered: boolean }) => {
        let release: ((r?: { answered: boolean }) => void) | undefined;
        void gate.acquire().then((r) => {
          release = r;
        });
        while (!release) await vi.advanceTimersByTimeAsync(1);
        const started = Date.now() - t0;
        await vi.advanceTimersByTimeAsync(latencyMs);
        release(result);
        return started;
      };
      const starts: number[] = [];
      // Warm-up: answer-anchored (each waits a full window after the previous answer).
      for (const latency of [100, 100, 100]) starts.push(await at(latency));
      for (const i of [1, 2]) {
        expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1100);
        expect(starts[i]! - starts[i - 1]!).toBeLessThanOrEqual(1103);
      }
      expect(gate.creditMs).toBe(75);
      // Steady: 1025 ms start to start, whatever the latency.
      starts.push(await at(400));
      expect(starts[3]! - starts[2]!).toBeGreaterThanOrEqual(1000 + 100 - 75);
      expect(starts[3]! - starts[2]!).toBeLessThanOrEqual(1000 + 100 - 75 + 3);
      // After a 400 ms answer (300 over the fastest), the next start waits 1000 + 25 + 300.
      starts.push(await at(100));
      expect(starts[4]! - starts[3]!).toBeGreaterThanOrEqual(1325);
      expect(starts[4]! - starts[3]!).toBeLessThanOrEqual(1328);
      // No answer (timeout): a full window after we gave up.
      starts.push(await at(200, { answered: false }));
      starts.push(await at(100));
      expect(starts[6]! - starts[5]!).toBeGreaterThanOrEqual(1200);
      gate.penalise();
      expect(gate.penaltyMs).toBe(100);
      starts.push(await at(100));
      expect(starts[7]! - starts[6]!).toBeGreaterThanOrEqual(1125);
      gate.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('under jitter the fastest round trip earns no credit a faster request could break (counted at arrival)', async () => {
    // The case the bench found: every early request spends 60 ms of our own preparation before it
    // leaves, then 20–500 ms of transit, and is counted on ARRIVAL; the fastest round trip (≈ 85 ms)
    // was fast only on the transit. A later request with no preparation arrives 20 ms after its
    // start: crediting the whole fastest round trip (60 ms after the base margin) would let it be
    // counted within the same platform second as the request before it.
    vi.useFakeTimers();
    try {
      const gate = new SlidingWindowGate(
        { quota: { limit: 1, windowMs: 1000 }, baseMarginMs: 25, warmupSamples: 8 },
        () => Date.now(),
      );
      const counted: number[] = [];
      const send = async (prepMs: number, transitMs: number) => {
        let release: (() => void) | undefined;
        void gate.acquire().then((r) => {
          release = r;
        });
        while (!release) await vi.advanceTimersByTimeAsync(1);
        await vi.advanceTimersByTimeAsync(prepMs + transitMs);
        counted.push(Date.now()); // the platform counts on arrival and answers at once
        release();
      };
      const transits = [25, 480, 130, 310, 45, 220, 400, 90, 160, 350, 60, 270, 500, 110];
      for (const transit of transits) await send(60, transit);
      await send(0, 20);
      for (let i = 1; i < counted.length; i++) {
        expect(counted[i]! - counted[i - 1]!).toBeGreaterThanOrEqual(1000);
      }
      // With steady latency the whole latency is still credited (pinned above); here almost none.
      expect(gate.creditMs).toBeLessThan(20);
      gate.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a slot given back unsent frees its place at once; maxConcurrent holds', async () => {
    const gate = new SlidingWindowGate({ quota: { limit: 1, windowMs: 60_000 }, maxConcurrent: 1 });
    const first = await gate.acquire();
    first({ sent: false });
    const second = await gate.acquire();
    expect(gate.inFlight).toBe(1);
    second();
    gate.close();
  });

  it('a retry is admitted before first attempts that queued earlier', async () => {
    const gate = new SlidingWindowGate({ quota: { limit: 100, windowMs: 1000 }, maxConcurrent: 1 });
    const holder = await gate.acquire();
    const order: string[] = [];
    const normal = gate.acquire().then((r) => {
      order.push('normal');
      r();
    });
    const retry = gate.acquire({ priority: 'retry' }).then((r) => {
      order.push('retry');
      r();
    });
    holder();
    await Promise.all([normal, retry]);
    expect(order).toEqual(['retry', 'normal']);
    gate.close();
  });
});

/**
 * The adversarial platform for a send-anchored limiter: each request travels 20–`maxJitterMs` ms
 * (uniform) before the platform counts it, then is answered at once. Requests sent further apart
 * than a second can arrive within one.
 */
async function startJitteredArrivalServer(limit: number, maxJitterMs: number) {
  const counted: number[] = [];
  let throttled = 0;
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const started = await startTestServer(async () => {
    const transitMs = 20 + random() * (maxJitterMs - 20);
    await new Promise((resolve) => setTimeout(resolve, transitMs));
    const now = performance.now();
    counted.push(now);
    const inWindow = counted.filter((t) => t > now - 1000).length;
    if (inWindow > limit) {
      throttled++;
      return { status: 429, headers: { 'retry-after': '1' } };
    }
    return { status: 200, json: { ok: true } };
  });
  return { server: started, throttled: () => throttled };
}

describe('a platform that counts at arrival behind 20–400 ms of jitter', () => {
  it('sees no 429 from a limiter set to its exact quota, and the limiter still beats answer-anchoring', async () => {
    const platform = await startJitteredArrivalServer(10, 400);
    server = platform.server;
    const client = testClient(server.url, {
      rateLimits: { read: { requestsPerSecond: 10, maxConcurrent: 10 } },
    });
    const startedMs = performance.now();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        client.request({ operation: 'get', method: 'GET', path: `/j/${i}` }),
      ),
    );
    const elapsedMs = performance.now() - startedMs;
    expect(platform.throttled()).toBe(0);
    expect(server.requests).toHaveLength(100);
    // Answer-anchored counting would need ≥ 10 windows of 1000 + ~210 ms (mean latency) ≈ 12 s.
    expect(elapsedMs).toBeGreaterThan(9000);
    expect(elapsedMs).toBeLessThan(15_500);
  }, 25_000);
});

describe('shared and injected limiters', () => {
  it('two clients of one account given one limiter share one quota: no 429 from a 10/s server', async () => {
    const rolling = await startRollingWindowServer(10);
    server = rolling.server;
    const limiter = createRateLimiter();
    const options = { rateLimits: { shared: { requestsPerSecond: 10 } }, limiter };
    const a = testClient(server.url, options);
    const b = testClient(server.url, options);
    const startedMs = performance.now();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? a : b).request({ operation: 'get', method: 'GET', path: `/s/${i}` }),
      ),
    );
    expect(rolling.throttled()).toBe(0);
    // 60 at a shared 10/s take ≥ 5 s; two separate 10/s limiters would finish in ~2.5 s with 429s.
    expect(performance.now() - startedMs).toBeGreaterThan(4900);
    // Closing a client does not close a limiter it was given.
    await a.close();
    await expect(b.request({ operation: 'get', method: 'GET', path: '/after' })).resolves.toBeDefined();
    await limiter.close();
    await expect(b.request({ operation: 'get', method: 'GET', path: '/closed' })).rejects.toMatchObject({
      kind: 'closed',
    });
  }, 20_000);

  it('an injected limiter sees every acquire with its scope and learns every outcome', async () => {
    server = await startTestServer(() => ({
      status: 200,
      headers: { 'ratelimit-limit': '30', 'ratelimit-remaining': '29', 'ratelimit-reset': '1' },
      json: {},
    }));
    const seen: unknown[] = [];
    const inner = createRateLimiter();
    const client = testClient(server.url, {
      platform: 'voso',
      account: 'shop-1',
      rateLimits: { shared: { requestsPerSecond: 30 }, auth: { requestsPerSecond: 2 } },
      limiter: {
        async acquire(scope, options) {
          const permit = await inner.acquire(scope, options);
          return {
            release(outcome) {
              seen.push({ key: scope.key, limit: scope.limit.requestsPerSecond, outcome });
              permit.release(outcome);
            },
          };
        },
        close: () => inner.close(),
      },
    });
    await client.request({ operation: 'list', method: 'GET', path: '/x' });
    expect(seen).toEqual([
      {
        key: 'voso:shop-1:shared',
        limit: 30,
        outcome: {
          sent: true,
          answered: true,
          status: 200,
          rateLimited: false,
          quota: { limit: 30, remaining: 29, resetMs: 1000 },
        },
      },
    ]);
    await inner.close();
  });

  it('honours RateLimit-Remaining: 0 with its RateLimit-Reset before the platform has to say 429', async () => {
    let first = true;
    server = await startTestServer(() => {
      const headers: Record<string, string> = first
        ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }
        : {};
      first = false;
      return { status: 200, headers, json: {} };
    });
    const client = testClient(server.url, {
      rateLimits: { read: { requestsPerSecond: 50, maxConcurrent: 1 } },
    });
    for (let i = 0; i < 3; i++) await client.request({ operation: 'get', method: 'GET', path: `/h/${i}` });
    const [a, b, c] = server.requests.map((r) => r.receivedAtMs);
    expect(b! - a!).toBeGreaterThanOrEqual(950);
    expect(c! - b!).toBeLessThan(500);
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads separate, X- and combined fields; delta seconds, epoch seconds and garbage', () => {
    const now = 1_700_000_000_000;
    expect(parseRateLimitHeaders({ 'ratelimit-remaining': '3', 'ratelimit-reset': '2' }, now)).toEqual({
      remaining: 3,
      resetMs: 2000,
    });
    expect(
      parseRateLimitHeaders({ 'x-ratelimit-limit': '60', 'x-ratelimit-reset': '1700000005' }, now),
    ).toEqual({
      limit: 60,
      resetMs: 5000,
    });
    expect(parseRateLimitHeaders({ ratelimit: 'limit=10, remaining=0, reset=4' }, now)).toEqual({
      limit: 10,
      remaining: 0,
      resetMs: 4000,
    });
    expect(parseRateLimitHeaders({ ratelimit: '"default";r=0;t=7' }, now)).toEqual({
      remaining: 0,
      resetMs: 7000,
    });
    expect(
      parseRateLimitHeaders({ 'ratelimit-remaining': 'soon', 'content-type': 'x' }, now),
    ).toBeUndefined();
    expect(parseRateLimitHeaders({}, now)).toBeUndefined();
  });
});

describe('aborting a call', () => {
  it('while it waits for a slot or sleeps before a retry ends in AbortedError, never a crash', async () => {
    server = await startTestServer((req) =>
      req.path === '/busy' ? { status: 503 } : { status: 200, json: {} },
    );
    const client = testClient(server.url, {
      retry: { initialDelayMs: 5000, jitter: 'none' },
      rateLimits: { read: { requestsPerSecond: 1, maxConcurrent: 1 } },
    });
    const sleeping = new AbortController();
    const retrying = client.request(
      { operation: 'busy', method: 'GET', path: '/busy' },
      { signal: sleeping.signal },
    );
    const queued = new AbortController();
    const waiting = client.request(
      { operation: 'get', method: 'GET', path: '/q' },
      { signal: queued.signal },
    );
    setTimeout(() => {
      sleeping.abort();
      queued.abort();
    }, 200);
    await expect(retrying).rejects.toMatchObject({
      kind: 'aborted',
      message: expect.stringContaining('Aborted by the caller'),
    });
    await expect(waiting).rejects.toMatchObject({
      kind: 'aborted',
      message: expect.stringContaining('Aborted by the caller'),
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/busy']);
  });
});
