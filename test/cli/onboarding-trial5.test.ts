import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const CATALOG = fileURLToPath(new URL('../../seeds/catalog.csv', import.meta.url));
type Row = Record<string, string>;

describe('sandbox list after a "tạo mới" decision (#19 trial 5, MEDIUM 3)', () => {
  it('the product created on the first run is reported unchanged on the second, not created again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-new-kept-'));
    const sheet = join(dir, 'doi-chieu.csv');
    expect((await runCli(['match', CATALOG, '--out', sheet, '--to', 'voso'], { cwd: dir })).code).toBe(0);
    const rows = parse(await readFile(sheet, 'utf8'), { columns: true, bom: true }) as Row[];
    // The 200 g jar is not the catalog's 500 g VL-MR: "tạo mới".
    const jar = rows.find((r) => r['Mã sản phẩm'] === 'VL-MR')!;
    jar['Quyết định'] = 'tạo mới';
    const headers = Object.keys(rows[0]!);
    const csv = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
      .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
      .join('\n');
    await writeFile(sheet, csv, 'utf8');
    await runCli(['link', sheet, '--catalog', CATALOG], { cwd: dir });
    const outcomes = async () => {
      const run = await runCli(['list', CATALOG, '--to', 'voso', '--json'], { cwd: dir, timeoutMs: 120_000 });
      const items = (JSON.parse(run.stdout) as { items: { sku: string; outcome: string }[] }).items;
      return Object.fromEntries(items.map((i) => [i.sku, i.outcome]));
    };
    const first = await outcomes();
    expect(first['VL-MR']).toBe('created');
    const second = await outcomes();
    expect(second['VL-MR']).toBe('unchanged');
    // Still held what awaits a decision; nothing else created either.
    expect(Object.values(second).filter((o) => o === 'created')).toEqual([]);
    expect(second['VL-TBN']).toBe('held');
  }, 240_000);
});
