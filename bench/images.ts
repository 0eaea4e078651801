// Images per second: 2000×2000 JPEG photos → 1000×1000 square JPEG ≤ 1 MB.
// ImagePreparer (parallel, bounded) against a naive loop (prepareImage one at a time).
// Run: npx tsx bench/images.ts [count]
import { mkdir, readdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createImagePreparer, prepareImage } from '../src/images/index.js';
import type { ImageSpecInput } from '../src/model/image-spec.js';

const COUNT = Number(process.argv[2] ?? 40);
const DIR = join(tmpdir(), 'ocop-connect-bench-images');
const SPEC: ImageSpecInput = {
  minWidth: 500,
  minHeight: 500,
  maxWidth: 1000,
  maxHeight: 1000,
  aspect: 'square',
  formats: ['jpeg'],
  maxBytes: 1_000_000,
  minCount: 1,
  maxCount: 9,
};

/** Photo-like inputs: blurred noise over a colour, so JPEG has real detail to encode. */
async function generateInputs(): Promise<string[]> {
  await mkdir(DIR, { recursive: true });
  const existing = (await readdir(DIR)).filter((name) => name.endsWith('.jpg'));
  if (existing.length >= COUNT) return existing.slice(0, COUNT).map((name) => join(DIR, name));
  const paths: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const path = join(DIR, `photo-${String(i).padStart(3, '0')}.jpg`);
    const texture = await sharp({
      create: {
        width: 2000,
        height: 2000,
        channels: 3,
        background: '#000000',
        noise: { type: 'gaussian', mean: 120 + i, sigma: 40 },
      },
    })
      .blur(1.5)
      .png()
      .toBuffer();
    await sharp({
      create: { width: 2000, height: 2000, channels: 3, background: { r: 40 + i * 4, g: 120, b: 80 } },
    })
      .composite([{ input: texture, blend: 'overlay' }])
      .jpeg({ quality: 90 })
      .toFile(path);
    paths.push(path);
  }
  return paths;
}

/** CPU ms per image of each run (user + system, all threads): independent of other load. */
const cpuPerImage: Record<string, number[]> = {};
let currentVariant = '';

async function timed(run: () => Promise<void>): Promise<number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const samples = cpuPerImage[currentVariant] ?? [];
  samples.push((used.user + used.system) / 1000 / COUNT);
  cpuPerImage[currentVariant] = samples;
  return seconds;
}

async function sequential(paths: string[]): Promise<number> {
  return timed(async () => {
    for (const path of paths) await prepareImage({ path }, SPEC);
  });
}

async function parallel(paths: string[], concurrency?: number): Promise<number> {
  // A fresh preparer: its cache must not answer from an earlier run.
  const preparer = createImagePreparer(concurrency === undefined ? {} : { concurrency });
  return timed(async () => {
    const results = await preparer.prepareMany(paths.map((path) => ({ source: { path }, spec: SPEC })));
    const failed = results.filter((result) => !result.ok);
    if (failed.length > 0) throw new Error(`${failed.length} images failed`);
  });
}

const paths = await generateInputs();
const defaultThreads = sharp.concurrency();
const ROUNDS = Number(process.env.OCOP_BENCH_ROUNDS ?? 3);
console.log(
  `inputs ${paths.length} × 2000×2000 JPEG · cpus ${availableParallelism()} · libvips threads ${defaultThreads} · rounds ${ROUNDS} (median)`,
);
currentVariant = 'warm-up';
await sequential(paths.slice(0, 4)); // warm up libvips and the file cache

/**
 * Interleaved rounds, median per variant: on a shared machine load drifts, and running variant A
 * entirely before variant B would measure the drift, not the variants.
 */
const variants: Record<string, () => Promise<number>> = {
  sequential: () => sequential(paths),
  parallel: () => parallel(paths),
  'parallel, libvips threads 2': async () => {
    sharp.concurrency(2);
    try {
      return await parallel(paths);
    } finally {
      sharp.concurrency(defaultThreads);
    }
  },
  'parallel, concurrency 4': () => parallel(paths, 4),
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants)) {
    currentVariant = name;
    samples[name]?.push(paths.length / (await run()));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
for (const [name, values] of Object.entries(samples)) {
  const cpu = median(cpuPerImage[name] ?? []);
  console.log(
    `  ${name}: ${median(values).toFixed(1)} images/s (${values.map((v) => v.toFixed(1)).join(', ')}) · ${cpu.toFixed(0)} CPU-ms/image`,
  );
}
const parallelRate = median(samples.parallel ?? []);
const sequentialRate = median(samples.sequential ?? []);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (above the CPU count means other processes shared the cores)`,
);
console.log(
  `images/s parallel ${parallelRate.toFixed(1)} sequential ${sequentialRate.toFixed(1)} ratio ${(parallelRate / sequentialRate).toFixed(2)}`,
);
if (process.env.OCOP_BENCH_KEEP !== '1') await rm(DIR, { recursive: true, force: true });
