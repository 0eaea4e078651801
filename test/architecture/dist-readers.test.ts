/**
 * Only test/package/build.test.ts may touch dist/: it rebuilds it (tsup empties dist/ first), so any
 * other test reading dist/ would fail whenever the two run at the same time in one suite.
 *
 * Tests reach the package by name in two ways, and both must mean the sources:
 * - in-process, through the vitest aliases (vitest.config.ts);
 * - in child processes run with tsx (the CLI tests, kill/recovery fixtures), through the tsconfig
 *   `paths`. Without them Node would resolve `ocop-connect` to the package itself through its
 *   `exports` map, i.e. to dist/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listSources } from './import-rules.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SUBPATHS = [
  '',
  '/viettelpost',
  '/marketplace',
  '/vnpost',
  '/voso',
  '/postmart',
  '/shopee',
  '/sandbox',
  '/images',
  '/postgres',
  '/hub',
];
/**
 * A path into the build output: `dist/x`, `'dist'`, `../dist` — not another package's own build
 * (`node_modules/tsx/dist/loader.mjs`), which no build of ours touches.
 */
const DIST_REFERENCE = /(^|[^\w-])(?<!node_modules\/(@[\w.-]+\/)?[\w.-]+\/)dist(\/|['"`])/;

describe('nothing but the package build test reads dist/', () => {
  it('no test, fixture or example names dist/', () => {
    const readers = ['test', 'examples']
      .flatMap((folder) => listSources(join(ROOT, folder)).map((path) => `${folder}/${path}`))
      .filter((path) => !path.startsWith('test/package/') && !path.startsWith('test/architecture/'))
      .filter((path) => DIST_REFERENCE.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(readers).toEqual([]);
  });

  it('the pattern spots the ways a file names dist/', () => {
    for (const text of ["import('../../dist/index.js')", "join(ROOT, 'dist')", 'require("dist/x.cjs")']) {
      expect(text).toMatch(DIST_REFERENCE);
    }
    for (const text of [
      'distance',
      'district',
      'redistribute',
      'ocop-connect/sandbox',
      "'../../node_modules/tsx/dist/loader.mjs'",
    ]) {
      expect(text).not.toMatch(DIST_REFERENCE);
    }
  });

  it('child processes run with tsx resolve the package name to src/, not dist/', async () => {
    // tsx reads the tsconfig.json of its working directory; tmp/ is git-ignored.
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'tmp', 'dist-probe-'));
    try {
      const probe = join(dir, 'probe.mts');
      writeFileSync(
        probe,
        `console.log(JSON.stringify(${JSON.stringify(SUBPATHS)}.map((s) => import.meta.resolve('ocop-connect' + s))));\n`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe], {
        cwd: ROOT,
        timeout: 30_000,
      });
      const resolved = (JSON.parse(stdout) as string[]).map((url) => fileURLToPath(url));
      expect(resolved).toHaveLength(SUBPATHS.length);
      for (const file of resolved) {
        expect(pathToFileURL(file).href.startsWith(pathToFileURL(join(ROOT, 'src')).href), file).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
