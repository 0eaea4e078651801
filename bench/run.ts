/**
 * Runs every bench in its own process (so peak RSS and timings do not mix) and prints their figures.
 * Run: npm run bench   (or npx tsx bench/run.ts [name ...] to pick some)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = ['publish-utilisation', 'publish-noop', 'publish-dry-run-100k', 'images'];
const picked = process.argv.slice(2);
let failed = 0;
for (const name of picked.length > 0 ? picked : BENCHES) {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    console.log(`# ${name}: missing, skipped`);
    continue;
  }
  console.log(`# ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
