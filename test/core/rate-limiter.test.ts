import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RateLimitedEvent, RateLimiterRegistry, SlidingWindowGate } from '../../src/core/index.js';
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
    const registry = new RateLimiterRegistry({
      platform: 'voso',
      account: 'shop-9',
      limits: { shared: { requestsPerSecond: 5 }, auth: { requestsPerSecond: 1 } },
    });
    expect(registry.get('read')).toBe(registry.get('write'));
    expect(registry.get('read').key).toBe('voso:shop-9:shared');
    expect(registry.get('auth').key).toBe('voso:shop-9:auth');
    expect(registry.get('auth')).not.toBe(registry.get('read'));
    expect(registry.get('read').config).toEqual({
      requestsPerSecond: 5,
      burst: 1,
      maxConcurrent: 5,
      windowMarginMs: 25,
    });
    expect(registry.get('read').spacingMs).toBe(200);
    return registry.close();
  });

  it('two clients (two accounts) never share a limiter', () => {
    const a = testClient('http://127.0.0.1:9', { account: 'a' });
    const b = testClient('http://127.0.0.1:9', { account: 'b' });
    expect(a.limiter('read')).not.toBe(b.limiter('read'));
    expect(a.limiter('read').key).toBe('testplatform:a:shared');
  });
});

describe('SlidingWindowGate', () => {
  it('counts a request until a full window after it completed, and spaces bursts (fake clock)', async () => {
    vi.useFakeTimers();
    try {
      const gate = new SlidingWindowGate(
        { quota: { limit: 5, windowMs: 200 }, burst: { limit: 2, windowMs: 20 } },
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
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it('an aborted waiter leaves the queue', async () => {
    const gate = new SlidingWindowGate({ quota: { limit: 1, windowMs: 300 } });
    (await gate.acquire())();
    const controller = new AbortController();
    const aborted = gate.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(gate.waiting).toBe(0);
    gate.close();
  });
});
