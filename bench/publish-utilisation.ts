/**
 * Rate-limit utilisation of a first publish with the adapters' DEFAULT limits: BENCH_PRODUCTS products ×
 * 2 images to the Voso and Postmart sandboxes at their modeled quotas (20 and 10 requests per rolling
 * second per account).
 *   lower bound = minimal requests (image uploads + creates) / the platform's quota, over the slower one
 *   utilisation = lower bound / actual time
 * Prints `utilisation X 429s N` (X the median of BENCH_RUNS runs, N the 429s of all runs together) and
 * the spread. BENCH_LATENCY (ms, default 50) sets the sandboxes' fixed latency; BENCH_JITTER=20-500
 * instead draws each request's transit from that range, counted at ARRIVAL (the adversarial platform
 * for a send-anchored limiter, see docs/core-pipeline.md). BENCH_VOSO_QUOTA=10 gives the Voso sandbox a
 * quota below the adapter's default 20/s (an account with a lower real quota: the limiter must learn it
 * from 429s); the 429s of each run's second half are printed too.
 * Run: npx tsx bench/publish-utilisation.ts
 */
import { createImagePreparer } from '../src/images/image-preparer.js';
import { postmart } from '../src/platforms/postmart/index.js';
import { voso } from '../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../src/sandbox/index.js';
import type { SandboxFaults } from '../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { publish } from '../src/sync/index.js';
import { BENCH_CATEGORIES, benchJpeg, benchProduct } from './bench-helpers.js';
import { mid, RUNS, spread } from './stats.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100);
const IMAGES_PER_PRODUCT = 2;
const LATENCY_MS = Number(process.env.BENCH_LATENCY ?? 50);
const JITTER = process.env.BENCH_JITTER?.split('-').map(Number);
const QUOTA = { voso: Number(process.env.BENCH_VOSO_QUOTA ?? 20), postmart: 10 };

const images = await Promise.all(
  Array.from({ length: PRODUCTS * IMAGES_PER_PRODUCT }, (_, i) => benchJpeg(i, 640)),
);
const catalog = Array.from({ length: PRODUCTS }, (_, i) =>
  benchProduct(i, images.slice(i * IMAGES_PER_PRODUCT, (i + 1) * IMAGES_PER_PRODUCT)),
);
const faults: SandboxFaults =
  JITTER && JITTER.length === 2
    ? { latencyMs: { minMs: JITTER[0]!, maxMs: JITTER[1]! } }
    : { latencyMs: LATENCY_MS };
const latencyLabel = JITTER ? `jitter ${JITTER.join('–')} ms counted at arrival` : `latency ${LATENCY_MS} ms`;

async function once(run: number) {
  // Modeled quotas are the sandboxes' defaults; the adapters get no rateLimits option.
  const [v, p] = await Promise.all([
    startVosoSandbox({
      faults,
      seed: run + 1,
      ...(QUOTA.voso !== 20 ? { rateLimitRps: QUOTA.voso } : {}),
    }),
    startPostmartSandbox({ faults, seed: run + 1 }),
  ]);
  const adapters = [
    voso({
      baseUrl: v.baseUrl,
      credentials: { username: v.credentials.username, password: v.credentials.password },
    }),
    postmart({
      baseUrl: p.baseUrl,
      credentials: {
        username: p.credentials.username,
        password: p.credentials.password,
        customerCode: p.credentials.customerCode ?? '',
      },
    }),
  ];
  try {
    const started = performance.now();
    const series: Array<{ at: number; throttled: number }> = [];
    const sampler = setInterval(
      () => series.push({ at: performance.now(), throttled: v.stats.rateLimited + p.stats.rateLimited }),
      100,
    );
    const report = await publish(catalog, {
      to: adapters,
      store: createMemoryStore(),
      images: createImagePreparer(),
      categories: BENCH_CATEGORIES,
    });
    const ended = performance.now();
    clearInterval(sampler);
    const actualS = (ended - started) / 1000;
    const half = started + (ended - started) / 2;
    const atHalf = series.filter((x) => x.at <= half).at(-1)?.throttled ?? 0;
    const secondHalf = v.stats.rateLimited + p.stats.rateLimited - atHalf;
    const failed = report.items.filter((i) => i.outcome !== 'created');
    if (failed.length > 0)
      throw new Error(`${failed.length} items not created: ${failed[0]?.error?.message}`);
    let lowerBoundS = 0;
    let rateLimited = 0;
    const detail: string[] = [];
    for (const sandbox of [v, p]) {
      const s = sandbox.stats;
      const minimal = (s.requests.uploadImage ?? 0) + (s.requests.createListing ?? 0);
      const quota = QUOTA[sandbox.platform as keyof typeof QUOTA];
      lowerBoundS = Math.max(lowerBoundS, Math.max(minimal, PRODUCTS * (IMAGES_PER_PRODUCT + 1)) / quota);
      rateLimited += s.rateLimited;
      detail.push(
        `${sandbox.platform} ${s.totalRequests} requests (${s.totalRequests - minimal} other) ${s.rateLimited} 429s`,
      );
    }
    console.log(
      `  run ${run + 1}: ${actualS.toFixed(2)} s for a lower bound of ${lowerBoundS.toFixed(2)} s · ${detail.join(' · ')} · 429s in the second half ${secondHalf}`,
    );
    return { utilisation: lowerBoundS / actualS, rateLimited };
  } finally {
    await Promise.all(adapters.map((a) => a.close()));
    await Promise.all([v.close(), p.close()]);
  }
}

console.log(
  `products ${PRODUCTS} images ${PRODUCTS * IMAGES_PER_PRODUCT} · quotas Voso ${QUOTA.voso}/s Postmart 10/s · default limits · ${latencyLabel} · runs ${RUNS}`,
);
const utilisations: number[] = [];
let rateLimited = 0;
for (let run = 0; run < RUNS; run++) {
  const result = await once(run);
  utilisations.push(result.utilisation);
  rateLimited += result.rateLimited;
}
console.log(`utilisation ${spread(utilisations)} (${latencyLabel})`);
console.log(`utilisation ${mid(utilisations)} 429s ${rateLimited}`);
