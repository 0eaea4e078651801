/**
 * A connector over the Voso and Postmart sandboxes (100 requests a second) with a memory store and the
 * test categories — fresh for each test, closed after it.
 */
import { afterEach, beforeEach } from 'vitest';
import { type Connector, createConnector, createMemoryStore } from '../../src/index.js';
import { CATEGORIES, type Platforms, startPlatforms } from '../sync/helpers.js';

export interface SandboxConnector {
  readonly platforms: Platforms;
  readonly connector: Connector;
}

/**
 * Registers beforeEach/afterEach in the calling suite; `use` receives each test's platforms and connector
 * before the test runs: `useSandboxConnector((made) => ({ platforms, connector } = made));`
 */
export function useSandboxConnector(use: (made: SandboxConnector) => void): void {
  let made: SandboxConnector | undefined;
  beforeEach(async () => {
    const platforms = await startPlatforms({ rps: 100 });
    const connector = createConnector({
      marketplaces: platforms.adapters,
      store: createMemoryStore(),
      categories: CATEGORIES,
    });
    made = { platforms, connector };
    use(made);
  });
  afterEach(async () => {
    await made?.connector.close();
    await made?.platforms.close();
    made = undefined;
  });
}

/** Every request either sandbox received, and every listing it holds. */
export function sandboxTraffic(platforms: Platforms): { requests: number; listings: number } {
  return {
    requests: platforms.vosoSandbox.stats.totalRequests + platforms.postmartSandbox.stats.totalRequests,
    listings:
      platforms.vosoSandbox.state.listings().length + platforms.postmartSandbox.state.listings().length,
  };
}
