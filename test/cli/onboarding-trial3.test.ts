import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

// #19 trial 3, through the CLI as a user runs it (sandbox mode: the hand-made listings of the seeds).
const CATALOG = fileURLToPath(new URL('../../seeds/catalog.csv', import.meta.url));

type Row = Record<string, string>;
const readRows = async (path: string) =>
  parse(await readFile(path, 'utf8'), { columns: true, bom: true }) as Row[];

interface ListItem {
  platform: string;
  sku: string;
  outcome: string;
  issues?: { code: string; messageVi: string }[];
}

describe('CLI onboarding (#19 trial 3)', () => {
  it('match --min-confidence: a listing below it is shown for review and list does not create its product', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-below-'));
    const sheet = join(dir, 'doi-chieu.csv');
    const match = await runCli(
      ['match', CATALOG, '--out', sheet, '--min-confidence', '0.99', '--to', 'voso'],
      {
        cwd: dir,
      },
    );
    expect(match.code).toBe(0);
    // The turmeric typed by hand scores 90%: below 99%, still its product, to decide on.
    const rows = await readRows(sheet);
    const turmeric = rows.find((r) => r['Tên trên sàn'] === 'Tinh bot nghe Vinh Linh nguyen chat')!;
    expect([turmeric['Mã sản phẩm'], turmeric['Quyết định']]).toEqual(['VL-TBN', '']);
    expect(turmeric['Lý do']).toMatch(/^dưới ngưỡng, cần xem: gần nhất: VL-TBN \(\d+%, dưới ngưỡng 99%\)/);
    expect(match.stdout).not.toMatch(/VL-TBN .*chưa có trên sàn/);
    expect(match.stdout).toMatch(/• voso: VL-TBN .*\(dưới ngưỡng\): chưa tạo mới/);

    const list = await runCli(['list', CATALOG, '--to', 'voso', '--dry-run', '--json'], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    const items = (JSON.parse(list.stdout) as { items: ListItem[] }).items;
    const item = items.find((i) => i.platform === 'voso' && i.sku === 'VL-TBN')!;
    expect([item.outcome, item.issues?.[0]?.code]).toEqual(['held', 'link.pending']);
    expect(item.issues![0]!.messageVi).toContain('dưới ngưỡng đề xuất');
    expect(items.filter((i) => i.outcome === 'planned' && i.sku === 'VL-TBN')).toEqual([]);
  }, 180_000);
});
