/**
 * Runs every bench in its own process (so peak RSS and timings do not mix) and prints their figures.
 * Benches that measure one run are repeated BENCH_RUNS times (default 3) here and summarised as
 * min / median / max; the others repeat inside (their own `runs` line).
 * Run: npm run bench   (or npx tsx bench/run.ts [name ...] to pick some)
 *   shorter: BENCH_RUNS=1 BENCH_PRODUCTS=40 npm run bench
 * The figures depend on the machine's load: on a shared machine, compare runs made together.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RUNS, spread } from './stats.js';

interface Bench {
  /** `name` or `name VAR=value …` (extra environment for that run). */
  spec: string;
  /** Repeat the process RUNS times and summarise these figures (regex with one number group). */
  figures?: Record<string, RegExp>;
}

const DRY_RUN_FIGURES = { 'peak rss MB': /peak rss (\d+) MB/, 'dry-run time s': /dry-run time ([\d.]+) s/ };
const BENCHES: Bench[] = [
  { spec: 'publish-utilisation' },
  { spec: 'publish-utilisation BENCH_LATENCY=500' },
  { spec: 'publish-utilisation BENCH_JITTER=20-500' },
  { spec: 'naive-vs-ocop' },
  { spec: 'import-cost' },
  { spec: 'publish-noop', figures: { 'no-op time ms': /no-op time (\d+) ms/ } },
  { spec: 'publish-dry-run-100k', figures: DRY_RUN_FIGURES },
  { spec: 'publish-dry-run-100k BENCH_STREAM=1', figures: DRY_RUN_FIGURES },
  { spec: 'images' },
  {
    spec: 'inventory-resync',
    figures: {
      'first-pages': /first-pages (\d+) first-cpu/,
      'first-cpu ms': /first-cpu (\d+) ms/,
      'second-pages': /second-pages (\d+) second-cpu/,
      'second-cpu ms': /second-cpu (\d+) ms/,
      'settle-pages': /settle-pages (\d+)/,
    },
  },
];

const picked = process.argv.slice(2);
const selected =
  picked.length > 0 ? BENCHES.filter((b) => picked.some((p) => b.spec.startsWith(p))) : BENCHES;
let failed = 0;
for (const { spec, figures } of selected) {
  const [name = '', ...assignments] = spec.split(' ');
  const env = {
    ...process.env,
    ...Object.fromEntries(assignments.map((a) => a.split('=') as [string, string])),
  };
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    console.log(`# ${name}: missing, skipped`);
    continue;
  }
  console.log(`# ${spec}`);
  if (!figures) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', env });
    if (result.status !== 0) failed++;
    continue;
  }
  const values: Record<string, number[]> = {};
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', env });
    process.stdout.write(result.stdout.replace(/^/gm, `  run ${run + 1}: `).replace(/ {2}run \d+: $/, ''));
    process.stderr.write(result.stderr);
    if (result.status !== 0) failed++;
    for (const [label, pattern] of Object.entries(figures)) {
      const match = pattern.exec(result.stdout);
      if (match) values[label] = [...(values[label] ?? []), Number(match[1])];
    }
  }
  for (const [label, list] of Object.entries(values))
    console.log(`${label} ${spread(list, 1)} (${list.length} runs)`);
}
process.exitCode = failed > 0 ? 1 : 0;
