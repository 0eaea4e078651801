/**
 * Runs every bench in its own process (so peak RSS and timings do not mix) and prints their figures.
 * Run: npm run bench   (or npx tsx bench/run.ts [name ...] to pick some)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `name` or `name VAR=value …` (extra environment for that run). */
const BENCHES = [
  'publish-utilisation',
  'publish-noop',
  'publish-dry-run-100k',
  'publish-dry-run-100k BENCH_STREAM=1',
  'images',
];
const picked = process.argv.slice(2);
let failed = 0;
for (const spec of picked.length > 0 ? picked : BENCHES) {
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
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', env });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
