/**
 * ocop-connect against the code a user would write instead (bench/naive-publish.ts: axios + p-retry, a
 * pool of 8, waiting out Retry-After), publishing the same catalog (BENCH_PRODUCTS products × 2 images)
 * to the Voso and Postmart sandboxes at their modeled quotas (20/s, 10/s) with a fixed latency. Both
 * sides use their defaults: ocop-connect the adapters' own limits, the naive code none.
 * Prints, per latency, `naive-vs-ocop latency=<ms> ratio <naive time ÷ ocop-connect time>` (median of
 * BENCH_RUNS interleaved runs) and the spread.
 * Run: npx tsx bench/naive-vs-ocop.ts   (BENCH_LATENCIES=0,50,200,500 BENCH_PRODUCTS=40 BENCH_RUNS=3)
 */
import { createImagePreparer } from '../src/images/image-preparer.js';
import { postmart } from '../src/platforms/postmart/index.js';
import { voso } from '../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../src/sandbox/index.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { publish } from '../src/sync/index.js';
import { BENCH_CATEGORIES, benchJpeg, benchProduct } from './bench-helpers.js';
import { type NaiveJob, type NaiveTarget, naiveJobs, naivePublish } from './naive-publish.js';
import { mid, RUNS, spread } from './stats.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 40);
const LATENCIES = (process.env.BENCH_LATENCIES ?? '0,50,200,500').split(',').map(Number);

const images = await Promise.all(Array.from({ length: PRODUCTS * 2 }, (_, i) => benchJpeg(i, 640)));
const catalog = Array.from({ length: PRODUCTS }, (_, i) => benchProduct(i, images.slice(i * 2, i * 2 + 2)));

type Sandboxes = [MarketplaceSandbox, MarketplaceSandbox];
const start = (options: MarketplaceSandboxOptions): Promise<Sandboxes> =>
  Promise.all([startVosoSandbox(options), startPostmartSandbox(options)]);
const credentialsOf = (s: MarketplaceSandbox): Record<string, string> => ({
  username: s.credentials.username,
  password: s.credentials.password,
  ...(s.credentials.customerCode ? { customerCode: s.credentials.customerCode } : {}),
});
const adaptersFor = ([v, p]: Sandboxes) => [
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

// Untimed: the listing bodies the naive code sends (same JSON as ocop-connect's).
const setup = await start({ rateLimitRps: false });
const setupAdapters = adaptersFor(setup);
const jobs: Record<'voso' | 'postmart', NaiveJob[]> = { voso: [], postmart: [] };
for (const [i, platform] of (['voso', 'postmart'] as const).entries()) {
  const target: NaiveTarget = {
    platform,
    baseUrl: setup[i]!.baseUrl,
    credentials: credentialsOf(setup[i]!),
    setupAdapter: setupAdapters[i]! as NaiveTarget['setupAdapter'],
    categories: (BENCH_CATEGORIES as Record<string, NaiveTarget['categories']>)[platform] ?? {},
  };
  jobs[platform] = await naiveJobs(target, catalog);
}
await Promise.all(setupAdapters.map((a) => a.close()));
await Promise.all(setup.map((s) => s.close()));

async function runNaive(latencyMs: number) {
  const sandboxes = await start({ faults: { latencyMs } });
  try {
    const started = performance.now();
    await Promise.all(
      (['voso', 'postmart'] as const).map((platform, i) =>
        naivePublish(
          {
            platform,
            baseUrl: sandboxes[i]!.baseUrl,
            credentials: credentialsOf(sandboxes[i]!),
            setupAdapter: setupAdapters[i]! as NaiveTarget['setupAdapter'],
            categories: {},
          },
          jobs[platform],
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const s of sandboxes)
      if (s.state.listings().length !== PRODUCTS) throw new Error('naive: listings missing');
    return {
      seconds,
      requests: total(sandboxes, 'totalRequests'),
      rateLimited: total(sandboxes, 'rateLimited'),
    };
  } finally {
    await Promise.all(sandboxes.map((s) => s.close()));
  }
}

async function runOcop(latencyMs: number) {
  const sandboxes = await start({ faults: { latencyMs } });
  const adapters = adaptersFor(sandboxes);
  try {
    const started = performance.now();
    const report = await publish(catalog, {
      to: adapters,
      store: createMemoryStore(),
      images: createImagePreparer(),
      categories: BENCH_CATEGORIES,
    });
    const seconds = (performance.now() - started) / 1000;
    if (!report.ok) throw new Error('ocop-connect: publish failed');
    return {
      seconds,
      requests: total(sandboxes, 'totalRequests'),
      rateLimited: total(sandboxes, 'rateLimited'),
    };
  } finally {
    await Promise.all(adapters.map((a) => a.close()));
    await Promise.all(sandboxes.map((s) => s.close()));
  }
}

function total(sandboxes: Sandboxes, field: 'totalRequests' | 'rateLimited'): number {
  return sandboxes.reduce((n, s) => n + s.stats[field], 0);
}

console.log(`products ${PRODUCTS} × 2 images · Voso 20/s, Postmart 10/s · runs ${RUNS} (interleaved)`);
for (const latencyMs of LATENCIES) {
  const ratios: number[] = [];
  const naive: number[] = [];
  const ocop: number[] = [];
  let naive429 = 0;
  let ocop429 = 0;
  let naiveRequests = 0;
  let ocopRequests = 0;
  for (let run = 0; run < RUNS; run++) {
    const n = await runNaive(latencyMs);
    const o = await runOcop(latencyMs);
    naive.push(n.seconds);
    ocop.push(o.seconds);
    ratios.push(n.seconds / o.seconds);
    naive429 += n.rateLimited;
    ocop429 += o.rateLimited;
    naiveRequests += n.requests;
    ocopRequests += o.requests;
  }
  console.log(
    `  latency ${latencyMs} ms: naive ${spread(naive, 1)} s (${naive429} 429s, ${naiveRequests} requests) · ocop ${spread(ocop, 1)} s (${ocop429} 429s, ${ocopRequests} requests) · ratio ${spread(ratios)}`,
  );
  console.log(`naive-vs-ocop latency=${latencyMs} ratio ${mid(ratios)}`);
}
