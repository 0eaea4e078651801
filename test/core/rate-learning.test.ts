import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalRateLimiter, limitScopeFor } from '../../src/core/rate-limiter.js';
import { RATE_PROBE_MS } from '../../src/core/sliding-window-gate.js';

/**
 * #14 trial MEDIUM 3: an account whose real quota is lower than the adapter's default (Voso sandbox at
 * 10/s, default 20/s) got 429s for the whole run (50 of 318 requests, ~6.2/s successful): the only
 * reaction was a margin capped at one window. The in-process limiter now learns a lower rate from 429s.
 * Simulated platform: counts each request on ARRIVAL (50 ms transit) in a rolling second, refuses
 * (429, Retry-After 1 s, not counted) past its quota, answers 50 ms later.
 */
describe('the in-process limiter learns a quota lower than configured', () => {
  afterEach(() => vi.useRealTimers());

  async function run(configured: number, real: number, requests: number) {
    vi.useFakeTimers();
    const limiter = new LocalRateLimiter(() => Date.now());
    const scope = limitScopeFor('voso', 'htx', { shared: { requestsPerSecond: configured } }, 'write');
    const arrivals: number[] = [];
    const results: Array<{ at: number; ok: boolean }> = [];
    const t0 = Date.now();
    const one = async () => {
      for (;;) {
        const permit = await limiter.acquire(scope);
        await vi.advanceTimersByTimeAsync(0);
        await new Promise((r) => setTimeout(r, 50));
        const now = Date.now();
        const inWindow = arrivals.filter((a) => a > now - 1000).length;
        const ok = inWindow < real;
        if (ok) arrivals.push(now);
        await new Promise((r) => setTimeout(r, 50));
        results.push({ at: Date.now() - t0, ok });
        permit.release({
          sent: true,
          answered: true,
          status: ok ? 200 : 429,
          rateLimited: !ok,
          ...(ok ? {} : { retryAfterMs: 1000 }),
        });
        if (ok) return;
      }
    };
    // 16 workers, like a publish's queue, until `requests` succeeded.
    let left = requests;
    const worker = async () => {
      while (left > 0) {
        left--;
        await one();
      }
    };
    const all = Promise.all(Array.from({ length: 16 }, worker));
    while (results.filter((r) => r.ok).length < requests) await vi.advanceTimersByTimeAsync(100);
    await all;
    await limiter.close();
    return results;
  }

  it('settles near a real 10/s under a 20/s default: no 429 in the second half, ≥ 0.8 of the quota', async () => {
    const results = await run(20, 10, 300);
    const end = results.at(-1)!.at;
    const secondHalf = results.filter((r) => r.at > end / 2);
    const throttled = results.filter((r) => !r.ok);
    // At most one probe for more per RATE_PROBE_MS (none within this run's length).
    expect(secondHalf.filter((r) => !r.ok).length).toBeLessThanOrEqual(Math.floor(end / RATE_PROBE_MS));
    expect(throttled.length).toBeLessThanOrEqual(15);
    // Successful requests per second over the run, against the real quota.
    const okPerSecond = results.filter((r) => r.ok).length / (end / 1000);
    expect(okPerSecond).toBeGreaterThanOrEqual(0.8 * 10);
  });

  it('a quota at the configured limit keeps its pace (no 429 at all, nothing learned)', async () => {
    const results = await run(10, 10, 150);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const end = results.at(-1)!.at;
    expect(150 / (end / 1000)).toBeGreaterThanOrEqual(0.9 * 10);
  });
});
