/**
 * `list --report` speaks the run's language (#10 trial item 4): with OCOP_LANG=vi (the default) the CSV
 * headers and the CSV/XLSX values are Vietnamese; with en, English. The JSON report keeps the codes.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

let dir: string;

async function csvRows(path: string): Promise<string[][]> {
  const text = (await readFile(path, 'utf8')).replace(/^\ufeff/, '').trim();
  return text.split('\r\n').map((line) => line.split(','));
}

async function sheetRows(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return rows;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-report-lang-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
});

describe('the report in the run’s language', { timeout: 120_000 }, () => {
  it('Vietnamese by default: CSV headers and values, XLSX headers and values', async () => {
    const run = await runCli(['list', 'danh-muc-san-pham.csv', '--dry-run', '--report', 'bao-cao.csv'], {
      cwd: dir,
      env: { OCOP_LANG: '' },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const csv = await csvRows(join(dir, 'bao-cao.csv'));
    expect(csv[0]).toEqual([
      'Dòng',
      'Mã sản phẩm',
      'Sàn',
      'Việc',
      'Thay đổi',
      'Kết quả',
      'Mã trên sàn',
      'Khôi phục',
      'Loại lỗi',
      'Lý do',
    ]);
    expect(
      csv
        .slice(1)
        .map((r) => [r[2], r[3], r[5]])
        .sort(),
    ).toEqual([
      ['postmart', 'tạo mới', 'dự kiến (chạy thử)'],
      ['voso', 'tạo mới', 'dự kiến (chạy thử)'],
    ]);
    const xlsxRun = await runCli(['list', 'danh-muc-san-pham.csv', '--dry-run', '--report', 'bao-cao.xlsx'], {
      cwd: dir,
      env: { OCOP_LANG: 'vi' },
    });
    expect(xlsxRun.code).toBe(0);
    const sheet = await sheetRows(join(dir, 'bao-cao.xlsx'));
    expect(sheet[0]?.slice(0, 6)).toEqual(['Dòng', 'Mã sản phẩm', 'Sàn', 'Việc', 'Thay đổi', 'Kết quả']);
    expect(sheet.slice(1).map((r) => [r[3], r[5]])).toEqual([
      ['tạo mới', 'dự kiến (chạy thử)'],
      ['tạo mới', 'dự kiến (chạy thử)'],
    ]);
  });

  it('English with OCOP_LANG=en; the JSON report keeps the codes', async () => {
    const env = { OCOP_LANG: 'en' };
    const run = await runCli(['list', 'danh-muc-san-pham.csv', '--dry-run', '--report', 'report.csv'], {
      cwd: dir,
      env,
    });
    expect(run.code).toBe(0);
    const csv = await csvRows(join(dir, 'report.csv'));
    expect(csv[0]).toEqual([
      'Row',
      'SKU',
      'Platform',
      'Action',
      'Changes',
      'Outcome',
      'Listing id',
      'Recovered',
      'Error kind',
      'Reason',
    ]);
    expect(csv.slice(1).map((r) => [r[3], r[5]])).toEqual([
      ['create', 'planned (dry run)'],
      ['create', 'planned (dry run)'],
    ]);
    await runCli(['list', 'danh-muc-san-pham.csv', '--dry-run', '--report', 'report.xlsx'], {
      cwd: dir,
      env,
    });
    const sheet = await sheetRows(join(dir, 'report.xlsx'));
    expect(sheet[0]?.slice(0, 6)).toEqual(['Row', 'SKU', 'Platform', 'Action', 'Changes', 'Outcome']);
    expect(sheet.slice(1).every((r) => r[5] === 'planned (dry run)')).toBe(true);
    expect(sheet.flat().join(' ')).not.toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i);
    await runCli(['list', 'danh-muc-san-pham.csv', '--dry-run', '--report', 'report.json'], {
      cwd: dir,
      env: { OCOP_LANG: 'vi' },
    });
    const json = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
      items: { action: string; outcome: string }[];
    };
    expect(json.items.map((i) => [i.action, i.outcome])).toEqual([
      ['create', 'planned'],
      ['create', 'planned'],
    ]);
  });
});
