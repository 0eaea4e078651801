import { postmart } from '../src/platforms/postmart/index.js';
import type { MarketplaceAdapter } from '../src/platforms/types.js';
import { voso } from '../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../src/sandbox/index.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../src/sandbox/marketplace/types.js';

/** The same product builder, images and category map as the sandbox tests. */
export {
  CATEGORIES as BENCH_CATEGORIES,
  makeJpeg as benchJpeg,
  makeProduct as benchProduct,
} from '../test/sync/helpers.js';

export interface BenchPlatforms {
  sandboxes: MarketplaceSandbox[];
  adapters: MarketplaceAdapter[];
  close(): Promise<void>;
}

/** Both sandboxes limited to `rps`, and adapters whose limiter is set to exactly that (one shared class). */
export async function startBenchPlatforms(
  rps: number,
  sandboxOptions: MarketplaceSandboxOptions = {},
): Promise<BenchPlatforms> {
  const options = { ...sandboxOptions, rateLimitRps: rps };
  const [v, p] = await Promise.all([startVosoSandbox(options), startPostmartSandbox(options)]);
  // The sandbox allows `rps` requests in any rolling second, so a burst of `rps` is within its limit.
  // The client counts a request until 1 s after its ANSWER, the sandbox from its arrival: that already
  // leaves at least the latency as a margin, so no extra window margin is needed on loopback.
  // BENCH_LIMITER=default keeps the pipeline's defaults (evenly spaced, 25 ms margin) for comparison.
  const rateLimits =
    process.env.BENCH_LIMITER === 'default'
      ? { shared: { requestsPerSecond: rps } }
      : { shared: { requestsPerSecond: rps, burst: rps, windowMarginMs: 0 } };
  const adapters = [
    voso({
      baseUrl: v.baseUrl,
      credentials: { username: v.credentials.username, password: v.credentials.password },
      rateLimits,
    }),
    postmart({
      baseUrl: p.baseUrl,
      credentials: {
        username: p.credentials.username,
        password: p.credentials.password,
        customerCode: p.credentials.customerCode ?? '',
      },
      rateLimits,
    }),
  ];
  return {
    sandboxes: [v, p],
    adapters,
    async close() {
      await Promise.all(adapters.map((a) => a.close()));
      await Promise.all([v.close(), p.close()]);
    },
  };
}
