/**
 * Cold `import('ocop-connect')` cost: the wall time of a fresh `node` process that imports the BUILT
 * package, minus that of a bare `node` process (median and min of BENCH_IMPORT_RUNS pairs, interleaved),
 * and the npm packages that import loads. Needs `npm run build` first.
 * Run: npx tsx bench/import-cost.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, spread } from './stats.js';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(entry)) {
  console.log('import cost: dist/ missing — run `npm run build` first');
  process.exit(0);
}

/** One fresh process: its wall time, its CPU time, and (when importing) the import's own wall time. */
const CPU = 'const u = process.resourceUsage(); const cpu = (u.userCPUTime + u.systemCPUTime) / 1000;';
const run = (code: string) => {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  const inside = JSON.parse(result.stdout) as { cpu: number; importMs?: number };
  return { wall: performance.now() - started, ...inside };
};
const bare: ReturnType<typeof run>[] = [];
const imported: ReturnType<typeof run>[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(run(`${CPU} console.log(JSON.stringify({ cpu }));`));
  imported.push(
    run(
      `const t = performance.now(); await import(${JSON.stringify(entry)}); const importMs = performance.now() - t; ${CPU} console.log(JSON.stringify({ cpu, importMs }));`,
    ),
  );
}
const wallCost = imported.map((r, i) => r.wall - bare[i]!.wall);
const cpuCost = imported.map((r, i) => r.cpu - bare[i]!.cpu);
const importMs = imported.map((r) => r.importMs ?? 0);

// Which packages the import loads: ES modules through a resolve hook, CommonJS through require.cache.
const hook = `data:text/javascript,${encodeURIComponent(
  'export async function resolve(s, c, next) { const r = await next(s, c); const m = r.url.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/); if (m) process.stderr.write("PKG " + m[1] + "\\n"); return r; }',
)}`;
const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
const listing = spawnSync(
  process.execPath,
  [
    '--import',
    register,
    '--input-type=module',
    '-e',
    `import { createRequire } from 'node:module'; await import(${JSON.stringify(entry)}); for (const k of Object.keys(createRequire(import.meta.url).cache)) { const m = k.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/); if (m) console.error('PKG ' + m[1]); }`,
  ],
  { encoding: 'utf8' },
);
const packages = [...new Set([...listing.stderr.matchAll(/^PKG (.+)$/gm)].map((m) => m[1]))].sort();

console.log(
  `process wall time: bare node ${spread(
    bare.map((r) => r.wall),
    0,
  )} ms · node + import ${spread(
    imported.map((r) => r.wall),
    0,
  )} ms · runs ${RUNS}`,
);
console.log(`whole process minus bare node, wall ${spread(wallCost, 0)} ms · CPU ${spread(cpuCost, 0)} ms`);
console.log(`the import() call itself ${spread(importMs, 0)} ms`);
console.log(`packages loaded by the import: ${packages.join(', ') || '(none)'}`);
console.log(`import cost ${median(wallCost).toFixed(0)} ms (whole process minus bare node, median)`);
