/**
 * The published package, as a consumer sees it: built by tsup, resolved by its NAME through the
 * `exports` map, imported as ESM and required as CJS in separate Node processes, with type files for
 * both, and with `data/vn-admin` found from the built code.
 *
 * Two consumers are used:
 * - "linked": node_modules/ocop-connect is a symlink to the repository (what the brief asks for);
 * - "packed": node_modules/ocop-connect holds only the files `npm pack` would publish, so a file
 *   missing from package.json "files" (the admin data!) fails here, not in a user's project. It
 *   sits inside the repository so the package's own dependencies still resolve from the root
 *   node_modules.
 *
 * Set OCOP_SKIP_BUILD_TEST=1 to skip (the build takes a while); nothing else skips it.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_WAIT_MS, lockBuild } from './build-lock.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = process.env.OCOP_SKIP_BUILD_TEST === '1';
const BUILD_TIMEOUT_MS = 300_000;
const NODE_TIMEOUT_MS = 60_000;

if (SKIP) {
  console.warn('test/package/build.test.ts: skipped because OCOP_SKIP_BUILD_TEST=1');
}

interface ConditionTarget {
  types: string;
  default: string;
}
type ExportsMap = Record<string, string | { import: ConditionTarget; require?: ConditionTarget }>;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  exports: ExportsMap;
};
const SUBPATHS = [
  '.',
  './viettelpost',
  './vnpost',
  './marketplace',
  './voso',
  './postmart',
  './shopee',
  './sandbox',
  './images',
  './postgres',
  './hub',
] as const;
/**
 * ES-module-only entries: `ocop-connect/testing` registers vitest tests, and vitest cannot be
 * require()d. It is loaded only by its own subpath (vitest is an optional peer dependency).
 */
const ESM_ONLY_SUBPATHS = ['./testing'] as const;
const specifier = (subpath: string) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);

function runNode(cwd: string, args: string[]): string {
  try {
    return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: NODE_TIMEOUT_MS });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.slice(0, -1).join(' ')} failed:\n${stderr ?? ''}\n${stdout ?? ''}`);
  }
}

const exportNamesCache = new Map<string, Record<string, string[]>>();

/** Export names of every subpath, loaded in one child process per module system (memoised). */
function exportNames(cwd: string, system: 'esm' | 'cjs'): Record<string, string[]> {
  const cached = exportNamesCache.get(`${cwd}:${system}`);
  if (cached !== undefined) return cached;
  const specs = JSON.stringify(
    (system === 'esm' ? [...SUBPATHS, ...ESM_ONLY_SUBPATHS] : SUBPATHS).map(specifier),
  );
  const script =
    system === 'esm'
      ? `const out = {}; for (const s of ${specs}) out[s] = Object.keys(await import(s)).filter((k) => k !== 'default').sort(); console.log(JSON.stringify(out));`
      : `const out = {}; for (const s of ${specs}) out[s] = Object.keys(require(s)).sort(); console.log(JSON.stringify(out));`;
  const args = system === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
  const names = JSON.parse(runNode(cwd, args)) as Record<string, string[]>;
  exportNamesCache.set(`${cwd}:${system}`, names);
  return names;
}

/** An admin lookup through the built main entry: proves data/vn-admin is found from dist/. */
function adminLookup(cwd: string, system: 'esm' | 'cjs'): unknown {
  const body = `
    const p = m.findProvince('Tỉnh Quảng Trị', { era: 'legacy' });
    const w = m.findWard(p.code, 'TT. Hồ Xá', { era: 'legacy', districtCode: '464' });
    const mapped = m.mapWardTo2025(w.code).map((r) => r.ward.fullName);
    console.log(JSON.stringify({ province: p.code, ward: w.code, mapped, dataDir: m.findVnAdminDataDir(),
      provinces2025: m.listProvinces('2025').length, vnd: m.parseVnd('45.000 ₫') }));`;
  const args =
    system === 'esm'
      ? ['--input-type=module', '-e', `const m = await import('${pkg.name}');${body}`]
      : ['-e', `const m = require('${pkg.name}');${body}`];
  return JSON.parse(runNode(cwd, args));
}

let packedFileList: string[] | undefined;

/** The files `npm pack` would publish (memoised). */
function packedFiles(): string[] {
  if (packedFileList !== undefined) return packedFileList;
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: NODE_TIMEOUT_MS,
  });
  const [report] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  packedFileList = (report?.files ?? []).map((f) => f.path);
  return packedFileList;
}

const SUITE_TITLE = SKIP
  ? 'built package (SKIPPED: OCOP_SKIP_BUILD_TEST=1 is set)'
  : 'built package (npm run build)';

describe.skipIf(SKIP)(SUITE_TITLE, () => {
  let linked = '';
  let packed = '';
  let unlockBuild: (() => void) | undefined;

  beforeAll(
    async () => {
      unlockBuild = await lockBuild();
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: BUILD_TIMEOUT_MS });

      linked = mkdtempSync(join(tmpdir(), 'ocop-consumer-linked-'));
      mkdirSync(join(linked, 'node_modules'));
      symlinkSync(ROOT, join(linked, 'node_modules', pkg.name), 'dir');
      writeFileSync(join(linked, 'package.json'), '{"name":"consumer","private":true}\n');

      mkdirSync(join(ROOT, 'tmp'), { recursive: true });
      packed = mkdtempSync(join(ROOT, 'tmp', 'ocop-consumer-packed-'));
      const target = join(packed, 'node_modules', pkg.name);
      for (const file of packedFiles()) {
        mkdirSync(dirname(join(target, file)), { recursive: true });
        cpSync(join(ROOT, file), join(target, file));
      }
      writeFileSync(join(packed, 'package.json'), '{"name":"consumer","private":true}\n');
    },
    LOCK_WAIT_MS + BUILD_TIMEOUT_MS + 60_000,
  );

  afterAll(() => {
    if (linked !== '') rmSync(linked, { recursive: true, force: true });
    if (packed !== '') rmSync(packed, { recursive: true, force: true });
    unlockBuild?.();
  });

  it('declares every subpath in package.json exports with types first', () => {
    for (const subpath of SUBPATHS) {
      const entry = pkg.exports[subpath];
      expect(entry, subpath).toBeTypeOf('object');
      if (typeof entry !== 'object') continue;
      expect(Object.keys(entry.import)[0], `${subpath} import`).toBe('types');
      expect(Object.keys(entry.require ?? {})[0], `${subpath} require`).toBe('types');
    }
    for (const subpath of ESM_ONLY_SUBPATHS) {
      const entry = pkg.exports[subpath];
      expect(entry, subpath).toBeTypeOf('object');
      if (typeof entry !== 'object') continue;
      expect(Object.keys(entry), subpath).toEqual(['import']);
      expect(Object.keys(entry.import)[0], `${subpath} import`).toBe('types');
    }
  });

  it('emits JS and type files (.d.ts for ESM, .d.cts for CJS) for every subpath', () => {
    for (const subpath of SUBPATHS) {
      const entry = pkg.exports[subpath];
      if (typeof entry !== 'object') throw new Error(`no exports entry for ${subpath}`);
      expect(entry.import.types, subpath).toMatch(/\.d\.ts$/);
      expect(entry.require?.types, subpath).toMatch(/\.d\.cts$/);
      for (const file of [
        entry.import.default,
        entry.import.types,
        entry.require?.default ?? '',
        entry.require?.types ?? '',
      ]) {
        expect(existsSync(join(ROOT, file)), `${subpath}: ${file}`).toBe(true);
      }
    }
    for (const subpath of ESM_ONLY_SUBPATHS) {
      const entry = pkg.exports[subpath];
      if (typeof entry !== 'object') throw new Error(`no exports entry for ${subpath}`);
      for (const file of [entry.import.default, entry.import.types])
        expect(existsSync(join(ROOT, file)), `${subpath}: ${file}`).toBe(true);
    }
  });

  it('loads vitest from ocop-connect/testing only: no other entry reaches it through its chunks', () => {
    // Every built file an entry loads, following relative imports and requires through the chunks.
    const reached = (entryFile: string): Map<string, string> => {
      const seen = new Map<string, string>();
      const queue = [join(ROOT, entryFile)];
      while (queue.length > 0) {
        const file = queue.pop()!;
        if (seen.has(file)) continue;
        const code = readFileSync(file, 'utf8');
        seen.set(file, code);
        for (const m of code.matchAll(/(?:from\s*|import\(\s*|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g))
          queue.push(join(dirname(file), m[1]!));
      }
      return seen;
    };
    const loadsVitest = (code: string) => /(?:from\s*|import\(\s*|require\(\s*)["']vitest["']/.test(code);
    for (const subpath of SUBPATHS) {
      const entry = pkg.exports[subpath];
      if (typeof entry !== 'object') throw new Error(`no exports entry for ${subpath}`);
      for (const file of [entry.import.default, entry.require?.default ?? '']) {
        const files = reached(file);
        expect(files.size, file).toBeGreaterThan(0);
        const offenders = [...files].filter(([, code]) => loadsVitest(code)).map(([path]) => path);
        expect(offenders, `${subpath}: ${file}`).toEqual([]);
      }
    }
    // The check sees an import of vitest where there is one.
    const testing = pkg.exports['./testing'];
    if (typeof testing !== 'object') throw new Error('no exports entry for ./testing');
    expect([...reached(testing.import.default).values()].some(loadsVitest)).toBe(true);
  });

  it.each([
    'esm',
    'cjs',
  ] as const)('resolves every subpath by package name and each exports something (%s)', (system) => {
    const names = exportNames(linked, system);
    for (const subpath of SUBPATHS) {
      expect(names[specifier(subpath)], `${specifier(subpath)} (${system})`).toEqual(
        expect.arrayContaining([expect.any(String)]),
      );
    }
    expect(names[pkg.name]).toEqual(expect.arrayContaining(['findProvince', 'parseVnd', 'normalizeVnPhone']));
  });

  it('ESM and CJS builds export the same names (the ESM-only testing entry aside)', () => {
    const esm = { ...exportNames(linked, 'esm') };
    expect(esm[specifier('./testing')]).toEqual(
      expect.arrayContaining(['defineMarketplaceContract', 'honeyProduct', 'jpegUpload']),
    );
    for (const subpath of ESM_ONLY_SUBPATHS) delete esm[specifier(subpath)];
    expect(exportNames(linked, 'cjs')).toEqual(esm);
  });

  it.each(['esm', 'cjs'] as const)('loads data/vn-admin from the built main entry (%s, linked)', (system) => {
    expect(adminLookup(linked, system)).toEqual({
      province: '45',
      ward: '19363',
      mapped: ['Xã Vĩnh Linh'],
      dataDir: join(ROOT, 'data', 'vn-admin'),
      provinces2025: 34,
      vnd: 45000,
    });
  });

  it.each([
    'esm',
    'cjs',
  ] as const)('loads data/vn-admin from the files npm would publish (%s, packed)', (system) => {
    const result = adminLookup(packed, system) as { dataDir: string };
    expect(result).toMatchObject({
      province: '45',
      ward: '19363',
      mapped: ['Xã Vĩnh Linh'],
      provinces2025: 34,
    });
    expect(result.dataDir).toBe(join(packed, 'node_modules', pkg.name, 'data', 'vn-admin'));
  });

  it('type-checks a consumer importing every subpath by name (ESM .mts and CJS .cts)', () => {
    const imports = SUBPATHS.map((subpath, i) => `import * as entry${i} from '${specifier(subpath)}';`).join(
      '\n',
    );
    const uses = `${SUBPATHS.map((_, i) => `entry${i}`).join(', ')}`;
    // The ESM-only testing entry, typed against the other entries' declarations.
    const testingUse = `
import { defineMarketplaceContract, type MarketplaceContractOptions } from '${specifier('./testing')}';
import type { MarketplaceAdapter } from '${pkg.name}';
export const suite: typeof defineMarketplaceContract = defineMarketplaceContract;
export type AdapterOf = ReturnType<MarketplaceContractOptions<never>['createAdapter']> extends MarketplaceAdapter ? true : never;
export const isAdapter: AdapterOf = true;
`;
    const body = `
const province: Province | undefined = findProvince('Quảng Trị', { era: 'legacy' });
const amount: number = parseVnd('45.000 ₫');
export const checked = [province, amount, ${uses}];
`;
    writeFileSync(
      join(linked, 'esm.mts'),
      `import { findProvince, parseVnd, type Province } from '${pkg.name}';\n${imports}\n${body}${testingUse}`,
    );
    writeFileSync(
      join(linked, 'cjs.cts'),
      `import { findProvince, parseVnd, type Province } from '${pkg.name}';\n${imports}\n${body}`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
    ];
    const output = (() => {
      try {
        return runNode(linked, [tsc, ...flags, 'esm.mts', 'cjs.cts']);
      } catch (error) {
        return String(error);
      }
    })();
    expect(output.trim()).toBe('');
  });

  it('ships the data licences with the data', () => {
    const files = packedFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'data/vn-admin/SOURCE.md',
        'data/vn-admin/LICENSES.md',
        'data/vn-admin/wards-2025.json',
      ]),
    );
  });
});

describe('the documents a reader of the package is sent to', () => {
  /** Relative links of a Markdown file (no URLs, no in-page anchors), resolved from the repository root. */
  const linksOf = (file: string): string[] => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const out: string[] = [];
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = (match[1] ?? '').split('#')[0]!;
      if (target === '' || /^[a-z]+:/i.test(target)) continue;
      out.push(join(dirname(file), target).replaceAll('\\', '/'));
    }
    return out;
  };

  it('ships docs/ and examples/: every document and example the README and the shipped docs link is in the package', () => {
    const files = new Set(packedFiles());
    const shippedDocs = [...files].filter((f) => f.startsWith('docs/') && f.endsWith('.md'));
    expect(shippedDocs).toEqual(expect.arrayContaining(['docs/profiles.md', 'docs/api/ocop-connect.api.md']));
    expect([...files]).toEqual(expect.arrayContaining(['examples/demo.ts', 'examples/webhook-receiver.ts']));
    const linked = ['README.md', ...shippedDocs].flatMap(linksOf);
    const inDocsOrExamples = linked.filter((l) => /^(docs|examples)\//.test(l));
    expect(inDocsOrExamples.length).toBeGreaterThan(20);
    const missing = [...new Set(inDocsOrExamples)].filter(
      (l) => !files.has(l) && !files.has(`${l}/README.md`),
    );
    expect(missing).toEqual([]);
    // An example a reader opens in node_modules imports the package, never the repository's sources.
    for (const example of [...files].filter((f) => f.startsWith('examples/'))) {
      expect(readFileSync(join(ROOT, example), 'utf8'), example).not.toMatch(/from '\.\.\/src\//);
    }
  });
});
