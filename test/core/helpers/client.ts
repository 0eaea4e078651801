import {
  createPlatformClient,
  type PlatformClient,
  type PlatformClientOptions,
  type PlatformErrorMapper,
} from '../../../src/core/index.js';

/** A mapper that leaves everything to the generic HTTP-status mapping. */
export const noPlatformErrors: PlatformErrorMapper = () => undefined;

/** Fast retries so scripted failures do not slow the suite. */
export const FAST_RETRY = { initialDelayMs: 10, maxDelayMs: 5000, jitter: 'none' as const };

const open: PlatformClient[] = [];

export function testClient(baseUrl: string, overrides: Partial<PlatformClientOptions> = {}): PlatformClient {
  const client = createPlatformClient({
    platform: 'testplatform',
    account: 'coop-1',
    baseUrl,
    mapError: noPlatformErrors,
    retry: FAST_RETRY,
    rateLimits: { shared: { requestsPerSecond: 1000, maxConcurrent: 50 } },
    ...overrides,
  });
  open.push(client);
  return client;
}

export async function closeAllClients(): Promise<void> {
  await Promise.all(open.splice(0).map((client) => client.close()));
}
