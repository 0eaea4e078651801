import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectImports, importCycles } from './import-rules.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

describe('no import cycles in src/', () => {
  it('no two files import each other, directly or round a loop (type-only imports count)', () => {
    const edges = collectImports(SRC);
    expect(edges.length).toBeGreaterThan(500);
    expect(importCycles(edges)).toEqual([]);
  });

  it('the check finds direct, long and type-only loops, and nothing in a tree without one', () => {
    const edges = [
      { from: 'core/a.ts', specifier: './b.js' },
      { from: 'core/b.ts', specifier: './a.js' },
      { from: 'vn/x.ts', specifier: './y.js' },
      { from: 'vn/y.ts', specifier: '../vn/z.js' },
      { from: 'vn/z.ts', specifier: './x.js' },
      { from: 'model/m.ts', specifier: 'zod' },
      { from: 'model/m.ts', specifier: './n.js' },
    ];
    expect(importCycles(edges)).toEqual([
      ['core/a.ts', 'core/b.ts'],
      ['vn/x.ts', 'vn/y.ts', 'vn/z.ts'],
    ]);
    expect(importCycles(edges.slice(5))).toEqual([]);
  });
});
