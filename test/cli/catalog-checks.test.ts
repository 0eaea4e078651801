/**
 * What `validate` and `list --dry-run` must catch before `list` would refuse it (issue #10 items 7, 8,
 * 13, 14): missing image files, attributes the platform's category requires, expired OCOP certificates,
 * spreadsheets saved in another encoding or with the catalog on another sheet, and report formats.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../../src/catalog/index.js';
import { excelCsv, runCli } from './helpers.js';

let dir: string;

/** The template's example row with some cells changed, by Vietnamese header. */
function row(change: Record<string, string> = {}): string[] {
  return CATALOG_COLUMNS.map((c) => change[c.vi] ?? c.example);
}
const HEADERS = CATALOG_COLUMNS.map((c) => c.vi);

/** Text as Windows-1258 bytes (what Excel's plain "CSV" writes on a Vietnamese Windows). */
function windows1258(text: string): Uint8Array {
  const MODIFIED: Record<string, number> = {
    'a\u0302': 0xe2,
    'A\u0302': 0xc2,
    'e\u0302': 0xea,
    'E\u0302': 0xca,
    'o\u0302': 0xf4,
    'O\u0302': 0xd4,
    'a\u0306': 0xe3,
    'A\u0306': 0xc3,
    'o\u031b': 0xf5,
    'O\u031b': 0xd5,
    'u\u031b': 0xfd,
    'U\u031b': 0xdd,
  };
  const TONES: Record<string, number> = {
    '\u0300': 0xcc,
    '\u0301': 0xec,
    '\u0303': 0xde,
    '\u0309': 0xd2,
    '\u0323': 0xf2,
  };
  const bytes: number[] = [];
  const chars = [...text.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === 'đ') bytes.push(0xf0);
    else if (ch === 'Đ') bytes.push(0xd0);
    else if (ch.charCodeAt(0) < 0x80) {
      const marks: string[] = [];
      while (i + 1 < chars.length && /[\u0300-\u036f]/.test(chars[i + 1]!)) marks.push(chars[++i]!);
      const modifier = marks.find((m) => MODIFIED[ch + m] !== undefined);
      bytes.push(modifier ? MODIFIED[ch + modifier]! : ch.charCodeAt(0));
      for (const m of marks) if (m !== modifier) bytes.push(TONES[m] ?? 0x3f);
    } else bytes.push(0x3f);
  }
  return Uint8Array.from(bytes);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-checks-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
});

describe('cli catalog checks (no credentials: the embedded sandboxes)', { timeout: 120_000 }, () => {
  it('a missing image file is a problem with its row and path, in validate, dry run and list alike', async () => {
    const file = join(dir, 'no-image.csv');
    await writeFile(file, excelCsv([HEADERS, row({ Ảnh: 'images/khong-co.jpg' })]));
    const validate = await runCli(['validate', file]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('Dòng 2 · Ảnh: Không tìm thấy tệp ảnh');
    expect(validate.stdout).toContain('khong-co.jpg');
    const dry = await runCli(['--json', 'list', file, '--dry-run']);
    expect(dry.code).toBe(1);
    const planned = JSON.parse(dry.stdout) as { items: { platform: string; outcome: string }[] };
    expect(planned.items.map((i) => `${i.platform}:${i.outcome}`).sort()).toEqual([
      'postmart:invalid',
      'voso:invalid',
    ]);
    const list = await runCli(['list', file]);
    expect(list.code).toBe(1);
    expect(list.stdout + list.stderr).not.toContain('ENOENT');
    expect(list.stdout).toContain('Không tìm thấy tệp ảnh');
  });

  it("attributes required by the platform's category (OCOP stars) are checked without --dry-run's writes", async () => {
    const file = join(dir, 'no-stars.csv');
    // Not an OCOP product (no stars, no certificate) in a food category whose attributes require stars.
    const noOcop = {
      'Hạng sao OCOP': '',
      'Số chứng nhận OCOP': '',
      'Số quyết định OCOP': '',
      'Cơ quan cấp': '',
      'Ngày cấp': '',
      'Ngày hết hạn': '',
      'Nhóm sản phẩm OCOP': '',
    };
    await writeFile(file, excelCsv([HEADERS, row(noOcop)]));
    const offline = await runCli(['validate', file, '--offline']);
    expect(offline.code, offline.stdout).toBe(0);
    expect(offline.stdout).toContain('--offline: chưa kiểm tra danh mục');
    const validate = await runCli(['--json', 'validate', file]);
    expect(validate.code).toBe(1);
    const result = JSON.parse(validate.stdout) as {
      issues: { platform?: string; code: string; row?: number }[];
    };
    const required = result.issues.filter(
      (i) => i.code === 'listing.attributes.required' || /attributes/.test(i.code),
    );
    expect(new Set(required.map((i) => i.platform))).toEqual(new Set(['voso', 'postmart']));
    expect(required.every((i) => i.row === 2)).toBe(true);
    const dry = await runCli(['list', file, '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/voso\s+0\s+0\s+0\s+1/);
  });

  it('an expired OCOP certificate warns by default and blocks with --expired-certificate block', async () => {
    const file = join(dir, 'expired.csv');
    await writeFile(
      file,
      excelCsv([HEADERS, row({ 'Ngày cấp': '01/02/2021', 'Ngày hết hạn': '01/02/2024' })]),
    );
    const warn = await runCli(['validate', file]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('⚠ Dòng 2 · Ngày hết hạn: Giấy chứng nhận OCOP đã hết hạn ngày 01/02/2024');
    const block = await runCli(['--lang', 'en', 'validate', file, '--expired-certificate', 'block']);
    expect(block.code).toBe(1);
    expect(block.stdout).toContain('✗ Row 2 · Ngày hết hạn: The OCOP certificate expired on 01/02/2024');
    const dry = await runCli(['--json', 'list', file, '--dry-run', '--expired-certificate', 'block']);
    expect(dry.code).toBe(1);
    expect(
      (JSON.parse(dry.stdout) as { items: { outcome: string }[] }).items.every(
        (i) => i.outcome === 'invalid',
      ),
    ).toBe(true);
  });

  it('names the encoding of a CSV saved as UTF-16 or Windows-1258 instead of listing missing columns', async () => {
    const utf8 = excelCsv([HEADERS, row()]).replace(/^\ufeff/, '');
    const utf16 = join(dir, 'utf16.csv');
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]));
    const a = await runCli(['validate', utf16, '--offline']);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('được lưu bằng bảng mã UTF-16 LE, không phải UTF-8');
    expect(a.stderr).toContain('CSV UTF-8');
    expect(a.stdout + a.stderr).not.toContain('Thiếu cột');
    const cp1258 = join(dir, 'cp1258.csv');
    await writeFile(cp1258, windows1258(utf8));
    const b = await runCli(['--lang', 'en', 'validate', cp1258, '--offline']);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('is saved in the Windows-1258 encoding, not UTF-8');
  });

  it('a workbook whose first sheet is instructions: lists the sheets and suggests --sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Hướng dẫn').addRow(['Điền sản phẩm ở trang sau. Mỗi dòng một phân loại.']);
    const sheet = workbook.addWorksheet('Sản phẩm');
    sheet.addRow(HEADERS);
    sheet.addRow(row());
    const file = join(dir, 'two-sheets.xlsx');
    await workbook.xlsx.writeFile(file);
    const run = await runCli(['validate', file, '--offline']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Trang tính đầu tiên "Hướng dẫn" không có các cột của danh mục');
    expect(run.stdout).toContain('Các trang trong tệp: "Hướng dẫn", "Sản phẩm"');
    expect(run.stdout).toContain('--sheet "Sản phẩm"');
    expect(run.stdout).not.toContain('Thiếu cột');
    const fixed = await runCli(['validate', file, '--offline', '--sheet', 'Sản phẩm']);
    expect(fixed.code, fixed.stdout).toBe(0);
  });

  it('--report .xlsx writes a real workbook; another extension is refused before anything is sent', async () => {
    const file = join(dir, 'danh-muc-san-pham.csv');
    const report = join(dir, 'bao-cao.xlsx');
    const run = await runCli(['list', file, '--dry-run', '--report', report]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(report);
    const sheet = workbook.getWorksheet('Báo cáo');
    expect(sheet?.getRow(1).getCell(2).text).toBe('Mã sản phẩm');
    expect(sheet?.getRow(2).getCell(2).text).toBe('TBN-VL');
    expect(sheet?.rowCount).toBe(3);
    const refused = await runCli(['list', file, '--report', join(dir, 'bao-cao.txt')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('chỉ ghi được báo cáo .csv, .xlsx hoặc .json');
    expect(refused.stderr).not.toContain('SANDBOX');
  });

  it('JSON reports carry whole milliseconds', async () => {
    const run = await runCli(['--json', 'list', join(dir, 'danh-muc-san-pham.csv'), '--dry-run']);
    const result = JSON.parse(run.stdout) as { durationMs: number };
    expect(Number.isInteger(result.durationMs)).toBe(true);
  });
});
