/**
 * Issue #18 item 8: no source file over 400 lines. A file that grows past it holds more than one
 * concern: split it along a seam (the run loop vs the per-item results, the HTTP call vs the response
 * decoding), never by moving lines at random. src/index.ts, a list of named exports, is exempt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listSources } from './import-rules.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

const MAX_LINES = 400;

/** Files that may be longer: the root entry only lists exports. */
const EXEMPT = new Set(['index.ts']);

/** Lines as `wc -l` counts them: a last line without its newline still counts. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** `src/<path>: <n> lines (limit …)` for every file over `limit` lines, longest first. */
function oversized(files: ReadonlyMap<string, string>, limit = MAX_LINES): string[] {
  return [...files]
    .filter(([path]) => !EXEMPT.has(path))
    .map(([path, text]) => ({ path, lines: lineCount(text) }))
    .filter((file) => file.lines > limit)
    .sort((a, b) => b.lines - a.lines || a.path.localeCompare(b.path))
    .map((file) => `src/${file.path}: ${file.lines} lines (limit ${limit})`);
}

describe(`source files stay within ${MAX_LINES} lines (#18)`, () => {
  const sources = listSources(SRC);
  const files = new Map(sources.map((path) => [path, readFileSync(join(SRC, path), 'utf8')]));

  it('reads the whole tree (a scan that finds nothing would prove nothing)', () => {
    expect(files.size).toBeGreaterThan(300);
    expect(files.has('index.ts')).toBe(true);
    expect(files.has('core/platform-client.ts')).toBe(true);
  });

  it(`no file under src/ but src/index.ts is over ${MAX_LINES} lines`, () => {
    expect(oversized(files)).toEqual([]);
  });

  it('the check names each offender with its length, counts like wc -l, and exempts only src/index.ts', () => {
    const lines = (n: number, end = '\n') =>
      `${Array.from({ length: n }, (_, i) => `line ${i}`).join('\n')}${end}`;
    const tree = new Map([
      ['index.ts', lines(900)],
      ['core/fits.ts', lines(400)],
      ['core/no-final-newline.ts', lines(401, '')],
      ['sync/long.ts', lines(402)],
      ['sync/index.ts', lines(500)],
    ]);
    expect(oversized(tree)).toEqual([
      'src/sync/index.ts: 500 lines (limit 400)',
      'src/sync/long.ts: 402 lines (limit 400)',
      'src/core/no-final-newline.ts: 401 lines (limit 400)',
    ]);
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\nb\n')).toBe(2);
  });
});
