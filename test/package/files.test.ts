/**
 * What `npm pack` ships besides the build: the README's sample catalog (`seeds/`) with its images, so
 * `npx ocop-connect validate node_modules/ocop-connect/seeds/catalog.csv` works in a user's project
 * (#19 trial: the README pointed at seeds/, the package had none). No build needed: the file list only.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the packed file list', () => {
  it('holds the sample catalog the README refers to, its images, and not the scripts that regenerate them', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    });
    const files = new Set(
      (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path),
    );
    const images = readdirSync(join(ROOT, 'seeds', 'images')).map((f) => `seeds/images/${f}`);
    expect(images.length).toBe(14);
    for (const path of ['seeds/README.md', 'seeds/catalog.csv', 'seeds/catalog.json', ...images])
      expect([path, files.has(path)]).toEqual([path, true]);
    // Every seeds/ file the README names is in the package.
    const named = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/seeds\/[\w./-]+\.\w+/g)].map(
      (m) => m[0],
    );
    expect(named.length).toBeGreaterThan(0);
    for (const path of new Set(named)) expect([path, files.has(path)]).toEqual([path, true]);
    // The regeneration scripts import the repository's sources: useless (and broken) in a package.
    expect([...files].filter((f) => f.startsWith('seeds/') && f.endsWith('.ts'))).toEqual([]);
  }, 90_000);
});
