/**
 * What a clerk's spreadsheet gets wrong in its columns, through the bin (issue #10 trial items 3–5): a
 * column of one's own (the CLI's way to ignore it), a header without its unit (did you mean), a title row
 * above the header, dates quoted as typed.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../../src/catalog/index.js';
import { excelCsv, runCli } from './helpers.js';

let dir: string;
const HEADERS = CATALOG_COLUMNS.map((c) => c.vi);
const EXAMPLE = CATALOG_COLUMNS.map((c) => c.example);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-columns-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
});

describe('catalog columns', { timeout: 120_000 }, () => {
  it('a column of your own: the message names --ignore-columns and catalog.ignoreColumns, and both work', async () => {
    const file = join(dir, 'ghi-chu.csv');
    await writeFile(
      file,
      excelCsv([
        [...HEADERS, 'Ghi chú'],
        [...EXAMPLE, 'giao trước Tết'],
      ]),
    );
    const refused = await runCli(['validate', file, '--offline'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Cột "Ghi chú"');
    expect(refused.stdout).toContain(
      'thêm --ignore-columns "Ghi chú" hoặc ghi nó vào khóa "catalog.ignoreColumns"',
    );
    const en = await runCli(['--lang', 'en', 'validate', file, '--offline'], { cwd: dir });
    expect(en.stdout).toContain(
      'add --ignore-columns "Ghi chú" or list it in the config key "catalog.ignoreColumns"',
    );
    const flag = await runCli(['validate', file, '--offline', '--ignore-columns', 'Ghi chú'], { cwd: dir });
    expect(flag.code, flag.stdout).toBe(0);
    expect(flag.stdout).toContain('Danh mục hợp lệ: 1 dòng, 1 sản phẩm.');
    await writeFile(join(dir, 'cols.json'), JSON.stringify({ catalog: { ignoreColumns: ['Ghi chú'] } }));
    const config = await runCli(['validate', file, '--offline', '--config', 'cols.json'], { cwd: dir });
    expect(config.code, config.stdout + config.stderr).toBe(0);
    const dry = await runCli(['list', file, '--dry-run', '--config', 'cols.json'], { cwd: dir });
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
  });

  it('a header without its unit gets a did-you-mean naming the template header', async () => {
    const file = join(dir, 'gia-ban.csv');
    await writeFile(file, excelCsv([HEADERS.map((h) => (h === 'Giá bán (VND)' ? 'Giá bán' : h)), EXAMPLE]));
    const run = await runCli(['validate', file, '--offline'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Cột "Giá bán" (cột');
    expect(run.stdout).toContain('Có phải ý bạn là "Giá bán (VND)"?');
  });

  it('a title row above the header (row 1 a title, header on row 2) is read, rows numbered as Excel shows them', async () => {
    const file = join(dir, 'title-row.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('SP');
    sheet.addRow(['DANH MỤC SẢN PHẨM HTX VĨNH LINH']);
    sheet.addRow(HEADERS);
    sheet.addRow(EXAMPLE);
    sheet.addRow(
      EXAMPLE.map((v, i) =>
        HEADERS[i] === 'Mã sản phẩm'
          ? 'TBN-2'
          : HEADERS[i] === 'Mã SKU phân loại'
            ? 'TBN-2-500'
            : HEADERS[i] === 'Giá bán (VND)'
              ? 'nhiều'
              : v,
      ),
    );
    await workbook.xlsx.writeFile(file);
    const run = await runCli(['validate', file, '--offline'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('--sheet');
    expect(run.stdout).not.toContain('nằm ngoài các cột');
    expect(run.stdout).toContain('Dòng 4 · Giá bán (VND)');
    expect(run.stdout).toContain('1 sản phẩm hợp lệ');
    const csv = join(dir, 'title-row.csv');
    await writeFile(csv, excelCsv([['DANH MỤC SẢN PHẨM HTX VĨNH LINH'], HEADERS, EXAMPLE]));
    const fromCsv = await runCli(['validate', csv, '--offline'], { cwd: dir });
    expect(fromCsv.code, fromCsv.stdout).toBe(0);
  });

  it('a one-sheet workbook missing columns lists them without suggesting --sheet', async () => {
    const file = join(dir, 'missing-col.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('SP');
    const keep = HEADERS.map((h, i) => [h, i] as const).filter(([h]) => h !== 'Tồn kho');
    sheet.addRow(keep.map(([h]) => h));
    sheet.addRow(keep.map(([, i]) => EXAMPLE[i]));
    await workbook.xlsx.writeFile(file);
    const run = await runCli(['validate', file, '--offline'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Thiếu cột "Tồn kho"');
    expect(run.stdout).not.toContain('--sheet');
  });

  it('date errors quote the cell as typed and name the template format dd/mm/yyyy', async () => {
    const at = HEADERS.indexOf('Ngày hết hạn');
    const cases = [
      {
        typed: '31/02/2028',
        says: 'Ngày "31/02/2028" không có thật: tháng 2 năm 2028 có 29 ngày',
        en: 'Date "31/02/2028" does not exist',
      },
      {
        typed: '09/15/2024',
        says: 'Ngày "09/15/2024" có tháng 15: có vẻ đang ghi tháng/ngày (kiểu Mỹ)',
        en: 'it looks written month/day (US style)',
      },
      {
        typed: '01/01/2020',
        says: 'Ngày hết hạn OCOP phải sau ngày cấp (giá trị: "01/01/2020")',
        en: '"01/01/2020"',
      },
    ];
    for (const c of cases) {
      const file = join(dir, `date-${c.typed.replaceAll('/', '-')}.csv`);
      await writeFile(file, excelCsv([HEADERS, EXAMPLE.map((v, i) => (i === at ? c.typed : v))]));
      const run = await runCli(['validate', file, '--offline'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(c.says);
      expect(run.stdout).toContain('Tìm thấy 1 lỗi');
      expect(run.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(run.stdout).not.toContain('năm-tháng-ngày');
      const en = await runCli(['--lang', 'en', 'validate', file, '--offline'], { cwd: dir });
      expect(en.stdout).toContain(c.en);
    }
  });
});
