import { afterEach, describe, expect, it } from 'vitest';
import { OcopConnectError } from '../../src/core/errors.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('fault kinds (#13)', () => {
  it('a bulk stock call that times out gives each SKU a retriable `timeout`, not `server`', async () => {
    const sandbox = await startVosoSandbox({ faults: { latencyMs: 300 } });
    closers.push(() => sandbox.close());
    const adapter = voso({
      credentials: { username: sandbox.credentials.username, password: sandbox.credentials.password },
      baseUrl: sandbox.baseUrl,
      timeoutMs: 1_000,
      retry: { retries: 0 },
    });
    closers.push(() => adapter.close());
    await adapter.getCategories();
    sandbox.setFaults({ latencyMs: 1_500 });
    const results = await adapter.setStock([
      { sku: 'A-1', quantity: 3 },
      { sku: 'A-2', quantity: 4 },
    ]);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.retriable).toBe(true);
      expect(result.error?.kind).toBe('timeout');
    }
  }, 20_000);

  it('short-lived tokens under 429 pressure never surface as AuthenticationError', async () => {
    const sandbox: MarketplaceSandbox = await startPostmartSandbox({ tokenTtlMs: 100, rateLimitRps: 3 });
    closers.push(() => sandbox.close());
    const adapter = postmart({
      credentials: {
        username: sandbox.credentials.username,
        password: sandbox.credentials.password,
        customerCode: sandbox.credentials.customerCode ?? '',
      },
      baseUrl: sandbox.baseUrl,
      // Faster than the platform allows: the platform answers 429 and the pipeline waits.
      rateLimits: { shared: { requestsPerSecond: 40, burst: 20 } },
      retry: { initialDelayMs: 50, maxDelayMs: 400, maxElapsedMs: 20_000 },
    });
    closers.push(() => adapter.close());
    const calls = Array.from({ length: 16 }, (_, i) =>
      adapter.setStock([{ sku: `NOPE-${i}`, quantity: i }]).then(
        (results) => results.map((r) => (r.ok ? 'ok' : (r.error?.kind ?? r.code))),
        (error: unknown) => [error instanceof OcopConnectError ? error.kind : String(error)],
      ),
    );
    const kinds = (await Promise.all(calls)).flat();
    expect(sandbox.stats.rateLimited).toBeGreaterThan(0);
    expect(kinds).not.toContain('authentication');
  }, 60_000);
});
