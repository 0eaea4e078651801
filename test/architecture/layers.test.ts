import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectImports,
  importSpecifiers,
  importViolation,
  layerOf,
  listSources,
  nonReExports,
} from './import-rules.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

describe('layering of src/ (imports flow downward only)', () => {
  const edges = collectImports(SRC);

  it('reads the whole tree (a scan that finds nothing would prove nothing)', () => {
    const files = new Set(edges.map((edge) => edge.from));
    expect(files.size).toBeGreaterThan(100);
    // One known edge of each kind the rules look at.
    const some = (fromPrefix: string, specifier: RegExp) =>
      edges.some((edge) => edge.from.startsWith(fromPrefix) && specifier.test(edge.specifier));
    expect(some('platforms/voso/', /^\.\.\/marketplace\//)).toBe(true);
    expect(some('sandbox/', /^node:http$/)).toBe(true);
    expect(some('model/', /^zod$/)).toBe(true);
  });

  it('has no import that breaks a layer rule', () => {
    const violations = edges
      .map((edge) => importViolation(edge.from, edge.specifier))
      .filter((violation) => violation !== undefined);
    expect(violations).toEqual([]);
  });
});

describe('index.ts files only re-export', () => {
  it('every src/**/index.ts holds nothing but `export … from` lines', () => {
    const offenders = listSources(SRC)
      .filter((path) => path === 'index.ts' || path.endsWith('/index.ts'))
      .flatMap((path) =>
        nonReExports(readFileSync(join(SRC, path), 'utf8')).map((line) => `src/${path}: ${line}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the check spots code, local exports and imports in an index', () => {
    const source = [
      "export * from './a.js';",
      "export { b, type C } from './b.js';",
      "import { d } from './d.js';",
      'export const e = d + 1;',
      'export { d };',
    ].join('\n');
    expect(nonReExports(source)).toEqual([
      "import { d } from './d.js';",
      'export const e = d + 1;',
      'export { d };',
    ]);
  });
});

describe('the layer rules themselves', () => {
  it.each([
    ['core/errors.ts', '../model/validation.js'],
    ['images/prepare-image.ts', '../core/errors.js'],
    ['platforms/voso/voso.ts', '../marketplace/index.js'],
    ['platforms/viettelpost/adapter.ts', '../types.js'],
    ['platforms/viettelpost/adapter.ts', '../../vn/index.js'],
    ['sync/publish/publish.ts', '../../platforms/types.js'],
    ['sandbox/voso/voso-dialect.ts', '../marketplace/engine.js'],
    ['sandbox/viettelpost/catalog.ts', '../../vn/index.js'],
    ['sandbox/viettelpost/server.ts', 'node:http'],
    ['model/product.ts', 'zod'],
    ['connector.ts', './sync/index.js'],
    ['index.ts', './catalog/index.js'],
    ['cli/commands/list.ts', '../context.js'],
    ['cli/commands/list.ts', 'ocop-connect/sandbox'],
    ['cli/program.ts', 'commander'],
    ['testing/marketplace-contract.ts', 'vitest'],
    ['testing/marketplace-contract.ts', 'ocop-connect'],
    ['testing/marketplace-contract.ts', './fixtures.js'],
  ])('allows %s → %s', (from, specifier) => {
    expect(importViolation(from, specifier)).toBeUndefined();
  });

  it.each([
    ['model/product.ts', '../vn/text.js', 'layers flow downward'],
    ['vn/text.ts', '../core/errors.js', 'layers flow downward'],
    ['core/errors.ts', '../platforms/types.js', 'layers flow downward'],
    ['platforms/voso/voso.ts', '../../sync/index.js', 'layers flow downward'],
    ['platforms/voso/voso.ts', '../postmart/profile.js', 'platforms/voso must not import platforms/postmart'],
    ['platforms/marketplace/engine.ts', '../voso/profile.js', 'must not import platforms/voso'],
    [
      'sandbox/voso/voso-dialect.ts',
      '../postmart/render.js',
      'sandbox/voso must not import sandbox/postmart',
    ],
    ['sandbox/viettelpost/server.ts', '../../core/errors.js', 'sandbox may import model, vn only'],
    ['sandbox/viettelpost/server.ts', '../../platforms/viettelpost/index.js', 'sandbox may import'],
    ['sandbox/marketplace/engine.ts', 'zod', 'sandbox/ may import no package'],
    ['model/product.ts', 'axios', 'model/ may import zod'],
    ['sync/publish/publish.ts', '../../platforms/voso/index.js', 'not on a concrete platform'],
    ['connector.ts', './sandbox/index.js', 'only the sandboxes import sandbox code'],
    ['core/errors.ts', './redact', 'end in .js'],
    ['core/errors.ts', '../../test/helpers.js', 'outside src/'],
    ['cli/commands/list.ts', '../../catalog/index.js', 'public entry points'],
    ['cli/platforms.ts', '../sandbox/index.js', 'public entry points'],
    ['cli/report.ts', 'axios', 'cli/ may import ocop-connect, commander'],
    ['sync/publish/publish.ts', '../../cli/program.js', 'layers flow downward'],
    ['core/http/client.ts', 'vitest', 'only testing/ may import vitest'],
    ['index.ts', 'vitest', 'only testing/ may import vitest'],
    ['testing/marketplace-contract.ts', '../core/errors.js', 'public entry points'],
    ['testing/fixtures.ts', 'axios', 'testing/ may import ocop-connect, vitest, sharp'],
  ])('refuses %s → %s', (from, specifier, reason) => {
    expect(importViolation(from, specifier)).toContain(reason);
  });

  it('refuses a file in a folder no layer names', () => {
    expect(() => layerOf('utils/misc.ts')).toThrow(/no known layer/);
  });

  it('sees type-only, re-export, side-effect, dynamic and multi-line imports, and no commented one', () => {
    const source = [
      "/* import hidden from 'in-a-comment'; */",
      "import type { A } from './a.js';",
      "export * from './b.js';",
      "import './c.js';",
      "const s = 'src/**/*.ts'; const sharp = await import('sharp');",
      "// import gone from 'line-comment'",
      'import {',
      '  x,',
      '  y,',
      "} from './multi.js';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.js', './b.js', './c.js', 'sharp', './multi.js']);
  });
});
