/**
 * Dry run of a 100,000-product catalog (no images) to two marketplaces: time and peak RSS.
 * The catalog is given as an array (all rows in memory, as a caller holding a parsed file would) or,
 * with BENCH_STREAM=1, as a generator (rows produced while the engine consumes them).
 * A dry run reads each category's attributes once (planning checks required attributes), so the
 * adapters talk to the Voso and Postmart sandboxes; nothing else is sent.
 * BENCH_ROWS=seed builds each row from the seed catalog's products (variants, long descriptions: the
 * size of a real row) instead of the small test product. The run goes through `createConnector().publish`,
 * the call users make.
 * Run: npx tsx bench/publish-dry-run-100k.ts   (BENCH_PRODUCTS=… to change the size)
 */
import { readFileSync } from 'node:fs';
import { createConnector } from '../src/connector.js';
import type { ProductInput } from '../src/model/product.js';
import { postmart } from '../src/platforms/postmart/index.js';
import { voso } from '../src/platforms/voso/index.js';
import { SANDBOX_CATEGORIES, startPostmartSandbox, startVosoSandbox } from '../src/sandbox/index.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { BENCH_CATEGORIES, benchProduct } from './bench-helpers.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const STREAM = process.env.BENCH_STREAM === '1';
const SEED_ROWS = process.env.BENCH_ROWS === 'seed';
const seeds = SEED_ROWS
  ? (
      JSON.parse(readFileSync(new URL('../seeds/catalog.json', import.meta.url), 'utf8')) as Array<
        ProductInput & { status?: string }
      >
    ).filter((p) => p.status !== 'inactive' && !p.bundle)
  : [];
function seedRow(i: number): ProductInput {
  const s = structuredClone(seeds[i % seeds.length]!);
  return {
    ...s,
    sku: `D${i}-${s.sku}`,
    name: `${s.name} mẫu ${i}`,
    variants: (s.variants ?? []).map((v) => ({ ...v, sku: `D${i}-${v.sku}` })),
  };
}

const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

// Both platforms require at least one image: a URL source is planned by its address, never downloaded
// in a dry run, so the bench measures the engine, not image work.
function* rows(): Generator<ProductInput> {
  for (let i = 0; i < PRODUCTS; i++) {
    const row = SEED_ROWS ? seedRow(i) : benchProduct(i);
    yield { ...row, images: [{ url: `https://cdn.example.vn/ocop/${i}.jpg` }] };
  }
}
const catalog: Iterable<ProductInput> = STREAM ? rows() : [...rows()];
const catalogRss = process.memoryUsage().rss;
// A dry run sends nothing but a login and one category-attributes read per category and platform.
const [v, p] = await Promise.all([startVosoSandbox(), startPostmartSandbox()]);
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
const started = performance.now();
const connector = createConnector({
  marketplaces: adapters,
  store: createMemoryStore(),
  categories: SEED_ROWS ? SANDBOX_CATEGORIES : BENCH_CATEGORIES,
});
const report = await connector.publish(catalog, { dryRun: true });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const maxRssMb = process.resourceUsage().maxRSS / 1024;
await connector.close();
const sent = v.stats.totalRequests + p.stats.totalRequests;
await Promise.all([v.close(), p.close()]);
const planned = report.items.filter((i) => i.outcome === 'planned').length;
console.log(
  `products ${PRODUCTS} (${SEED_ROWS ? 'seed-sized rows' : 'small rows'}) catalog ${STREAM ? 'streamed (generator)' : 'array'} planned ${planned}/${report.items.length}`,
);
console.log(`requests sent ${sent} (logins and category reads)`);
console.log(`dry-run time ${seconds.toFixed(1)} s (${(PRODUCTS / seconds) | 0} products/s)`);
console.log(
  `peak rss ${Math.max(peakRss / 1024 / 1024, maxRssMb).toFixed(0)} MB (process before the catalog: ${(baselineRss / 1024 / 1024).toFixed(0)} MB, after building it: ${(catalogRss / 1024 / 1024).toFixed(0)} MB)`,
);
