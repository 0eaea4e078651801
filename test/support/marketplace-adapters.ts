/**
 * The three marketplaces on their loopback sandboxes, for suites that call every adapter the same way:
 * `useMarketplaceAdapters()` starts the Voso, Postmart and Shopee sandboxes before the suite's tests, builds
 * an adapter on each through its public entry, and closes them all after.
 */
import { afterAll, beforeAll } from 'vitest';
import type { ProfileMarketplaceAdapter } from '../../src/platforms/marketplace/index.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import {
  type MarketplaceSandbox,
  type ShopeeSandbox,
  startPostmartSandbox,
  startShopeeSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';

export const MARKETPLACES = ['voso', 'postmart', 'shopee'] as const;
export type MarketplaceName = (typeof MARKETPLACES)[number];

export interface SandboxedAdapter {
  readonly adapter: ProfileMarketplaceAdapter;
  /** Every request its sandbox has received so far. */
  requests(): number;
}

/**
 * Registers beforeAll/afterAll in the calling suite; the record is filled once beforeAll has run.
 * Index it with a name from MARKETPLACES (e.g. in `describe.each(MARKETPLACES)`).
 */
export function useMarketplaceAdapters(): Readonly<Record<string, SandboxedAdapter>> {
  const adapters: Record<string, SandboxedAdapter> = {};
  let vs: MarketplaceSandbox | undefined;
  let pm: MarketplaceSandbox | undefined;
  let sp: ShopeeSandbox | undefined;

  beforeAll(async () => {
    const [v, p, s] = await Promise.all([startVosoSandbox(), startPostmartSandbox(), startShopeeSandbox()]);
    [vs, pm, sp] = [v, p, s];
    const { username, password, customerCode } = p.credentials;
    adapters.voso = {
      adapter: voso({ credentials: v.credentials, baseUrl: v.baseUrl }),
      requests: () => v.stats.totalRequests,
    };
    adapters.postmart = {
      adapter: postmart({
        credentials: { username, password, customerCode: customerCode! },
        baseUrl: p.baseUrl,
      }),
      requests: () => p.stats.totalRequests,
    };
    adapters.shopee = {
      adapter: shopee({
        credentials: s.credentials,
        baseUrl: s.baseUrl,
        webhookUrl: 'https://htx.example.vn/p',
      }),
      requests: () => s.stats.totalRequests,
    };
  });

  afterAll(async () => {
    await Promise.all(Object.values(adapters).map(({ adapter }) => adapter.close()));
    await Promise.all([vs?.close(), pm?.close(), sp?.close()]);
  });

  return adapters;
}
