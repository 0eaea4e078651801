/**
 * Re-publishing an unchanged catalog: 200 products × 2 images, published once (not timed), then again.
 * Prints the write requests and image uploads the second run caused (target 0) and its time.
 * Run: npx tsx bench/publish-noop.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImagePreparer } from '../src/images/image-preparer.js';
import { createFileStore } from '../src/store/file-store.js';
import { publish } from '../src/sync/index.js';
import { BENCH_CATEGORIES, benchJpeg, benchProduct, startBenchPlatforms } from './bench-helpers.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 200);
const images = await Promise.all(Array.from({ length: PRODUCTS * 2 }, (_, i) => benchJpeg(i, 640)));
const catalog = Array.from({ length: PRODUCTS }, (_, i) => benchProduct(i, images.slice(i * 2, i * 2 + 2)));
// A fast sandbox for the untimed first run; the second run should not need it at all.
const platforms = await startBenchPlatforms(200, { faults: { latencyMs: 50 } });
const dir = await mkdtemp(join(tmpdir(), 'ocop-bench-noop-'));
try {
  let store = await createFileStore({ dir });
  const options = { to: platforms.adapters, images: createImagePreparer(), categories: BENCH_CATEGORIES };
  const first = await publish(catalog, { ...options, store });
  if (!first.ok) throw new Error('first publish failed');
  await store.close();
  for (const s of platforms.sandboxes) s.resetStats();

  // A new process would reopen the store from disk: do the same.
  store = await createFileStore({ dir });
  const started = performance.now();
  const second = await publish(catalog, { ...options, images: createImagePreparer(), store });
  const ms = performance.now() - started;
  await store.close();
  const writes = platforms.sandboxes.reduce((n, s) => n + s.stats.writes, 0);
  const uploads = platforms.sandboxes.reduce((n, s) => n + s.stats.imageUploads, 0);
  const requests = platforms.sandboxes.reduce((n, s) => n + s.stats.totalRequests, 0);
  const unchanged = second.items.filter((i) => i.outcome === 'unchanged').length;
  console.log(`products ${PRODUCTS} platforms 2 unchanged ${unchanged}/${second.items.length}`);
  console.log(`no-op writes ${writes} uploads ${uploads} requests ${requests}`);
  console.log(`no-op time ${ms.toFixed(0)} ms`);
} finally {
  await platforms.close();
  await rm(dir, { recursive: true, force: true });
}
