import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
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

  it('pull-catalog refuses to overwrite an existing catalog without --force, in both languages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-pull-force-'));
    const csv = join(dir, 'danh-muc-voso.csv');
    await writeFile(csv, 'sku,name\nMY-ROW,Sản phẩm tôi đã điền\n', 'utf8');
    const refused = await runCli(['pull-catalog', '--from', 'voso', '--out', dir], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Không ghi đè tệp đã có: ${csv}. Dùng --force để ghi đè`);
    expect(refused.stdout).not.toContain('SANDBOX'); // refused before anything was downloaded
    expect(await readFile(csv, 'utf8')).toContain('MY-ROW');
    const en = await runCli(['--lang', 'en', 'pull-catalog', '--from', 'voso', '--out', dir], { cwd: dir });
    expect([en.code, en.stderr]).toEqual([
      1,
      expect.stringContaining(`Not overwriting existing files: ${csv}`),
    ]);
    const forced = await runCli(['pull-catalog', '--from', 'voso', '--out', dir, '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(await readFile(csv, 'utf8')).not.toContain('MY-ROW');
    expect((await stat(join(dir, 'danh-muc-voso.xlsx'))).size).toBeGreaterThan(0);
  }, 120_000);
});
