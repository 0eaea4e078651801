/**
 * Rate-limit utilisation of a first publish: 200 products × 2 images to the Voso and Postmart sandboxes,
 * each limited to 20 requests/s with 50 ms latency per request.
 *   lower bound = minimal requests (image uploads + creates) / rate limit, over the slower platform
 *   utilisation = lower bound / actual
 * Run: npx tsx bench/publish-utilisation.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImagePreparer } from '../src/images/image-preparer.js';
import { createFileStore } from '../src/store/file-store.js';
import { publish } from '../src/sync/index.js';
import { BENCH_CATEGORIES, benchJpeg, benchProduct, startBenchPlatforms } from './bench-helpers.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 200);
const IMAGES_PER_PRODUCT = 2;
const RPS = 20;
const LATENCY_MS = 50;

const images = await Promise.all(
  Array.from({ length: PRODUCTS * IMAGES_PER_PRODUCT }, (_, i) => benchJpeg(i, 640)),
);
const catalog = Array.from({ length: PRODUCTS }, (_, i) =>
  benchProduct(i, images.slice(i * IMAGES_PER_PRODUCT, (i + 1) * IMAGES_PER_PRODUCT)),
);
const platforms = await startBenchPlatforms(RPS, { faults: { latencyMs: LATENCY_MS } });
const dir = await mkdtemp(join(tmpdir(), 'ocop-bench-publish-'));
const store = await createFileStore({ dir });
try {
  const started = performance.now();
  const report = await publish(catalog, {
    to: platforms.adapters,
    store,
    images: createImagePreparer(),
    categories: BENCH_CATEGORIES,
  });
  const actualS = (performance.now() - started) / 1000;
  const failed = report.items.filter((i) => i.outcome !== 'created');
  if (failed.length > 0) {
    console.error(`${failed.length} items not created, e.g.`, failed[0]?.error?.toJSON() ?? failed[0]);
    process.exitCode = 1;
  }
  let lowerBoundS = 0;
  let rateLimited = 0;
  for (const sandbox of platforms.sandboxes) {
    const s = sandbox.stats;
    const minimal = (s.requests.uploadImage ?? 0) + (s.requests.createListing ?? 0);
    const expectedMinimal = PRODUCTS * IMAGES_PER_PRODUCT + PRODUCTS;
    lowerBoundS = Math.max(lowerBoundS, Math.max(minimal, expectedMinimal) / RPS);
    rateLimited += s.rateLimited;
    console.log(
      `${sandbox.platform}: requests ${s.totalRequests} (uploads ${s.requests.uploadImage ?? 0}, creates ${s.requests.createListing ?? 0}, other ${s.totalRequests - minimal}) 429s ${s.rateLimited}`,
    );
  }
  console.log(
    `products ${PRODUCTS} images ${PRODUCTS * IMAGES_PER_PRODUCT} rps ${RPS} latency ${LATENCY_MS} ms`,
  );
  console.log(`lower bound ${lowerBoundS.toFixed(2)} s actual ${actualS.toFixed(2)} s`);
  console.log(`utilisation ${(lowerBoundS / actualS).toFixed(2)} 429s ${rateLimited}`);
} finally {
  await store.close();
  await platforms.close();
  await rm(dir, { recursive: true, force: true });
}
