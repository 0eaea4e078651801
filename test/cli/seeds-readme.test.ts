/**
 * seeds/README.md's column marks against what the catalog reader does (the reader `validate` and
 * `list` use): `*` = the column must be there and its cell filled; `†` = required in some cases; no mark =
 * can be left out. Each column of the seed CSV is removed, then emptied, and the outcome compared.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

const csvLine = (cells: readonly string[]) =>
  cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

let rows: string[][];
let marks: Map<string, '*' | '†' | ''>;
let dir: string;

beforeAll(async () => {
  const csv = (await readFile(join(SEEDS, 'catalog.csv'), 'utf8')).replace(/^\ufeff/, '');
  rows = csv.split('\r\n').filter(Boolean).map(splitCsvLine);
  const readme = await readFile(join(SEEDS, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| CSV header |'));
  marks = new Map();
  for (const line of table.split('\n').slice(2)) {
    if (!line.startsWith('| ')) break;
    const header = line.split('|')[1]!.trim();
    const mark = header.endsWith(' *') ? '*' : header.endsWith(' †') ? '†' : '';
    marks.set(header.replace(/ [*†]$/, ''), mark);
  }
  dir = await mkdtemp(join(tmpdir(), 'ocop-seeds-readme-'));
});

async function read(name: string, sheet: readonly (readonly string[])[]) {
  const path = join(dir, `${name}.csv`);
  await writeFile(path, `${sheet.map(csvLine).join('\r\n')}\r\n`);
  return readCatalog(path);
}

describe('seeds/README.md column marks', () => {
  it('document every column of the seed CSV', () => {
    expect([...marks.keys()]).toEqual(rows[0]);
  });

  it('match what the reader requires', async () => {
    const all = (await read('all', rows)).products.length;
    expect(all).toBe(14);
    const wrong: string[] = [];
    for (const [column, header] of rows[0]!.entries()) {
      const removed = await read(
        `removed-${column}`,
        rows.map((r) => r.filter((_, i) => i !== column)),
      );
      const columnRequired = removed.issues.some((i) => i.code === 'column.missing');
      const emptied = await read(
        `emptied-${column}`,
        rows.map((r, ri) => (ri === 0 ? r : r.map((c, i) => (i === column ? '' : c)))),
      );
      const refused = all - emptied.products.length;
      const actual = columnRequired ? '*' : refused > 0 ? '†' : '';
      // A `*` column is refused on every product when its cells are empty too.
      if (columnRequired && refused !== all)
        wrong.push(`${header}: required column, but empty cells accepted`);
      if (marks.get(header) !== actual)
        wrong.push(`${header}: README "${marks.get(header)}", reader "${actual}"`);
    }
    expect(wrong).toEqual([]);
  });
});
