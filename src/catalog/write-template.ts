import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { A_TEXT, checkArgument } from '../core/argument-guards.js';
import { ValidationError } from '../core/errors.js';
import { CATALOG_COLUMNS } from './columns.js';
import { refuseExisting } from './file-target.js';

export interface TemplateFiles {
  csv: string;
  xlsx: string;
}

function csvCell(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function baseNameError(baseName: string, vi: string, en: string): ValidationError {
  return new ValidationError({ vi, en }, [
    { path: 'baseName', value: baseName, code: 'invalid_argument', messageVi: vi, messageEn: en },
  ]);
}

/** `baseName` names a file in `dir`: no folder part (`/`, `\\`, `..`) that would write elsewhere. */
function checkPlainName(baseName: string): void {
  if (
    basename(baseName) === baseName &&
    !/[\\/]/.test(baseName) &&
    !baseName.includes('\u0000') &&
    baseName !== '.' &&
    baseName !== '..'
  )
    return;
  const vi = `baseName: phải là một tên tệp, không có thư mục ("/", "\\" hay "..") — nhận được "${baseName}"; thư mục là đối số dir, ví dụ writeCatalogTemplate(dir, "danh-muc-san-pham")`;
  const en = `baseName: must be a plain file name, with no folder ("/", "\\" or "..") — got "${baseName}"; the folder is the dir argument, e.g. writeCatalogTemplate(dir, "danh-muc-san-pham")`;
  throw baseNameError(baseName, vi, en);
}

/** `baseName` without a `.csv` / `.xlsx` ending (any case): both files get their own extension. */
function templateStem(baseName: string): string {
  const stem = baseName.replace(/\.(csv|xlsx)$/i, '');
  if (stem !== '') return stem;
  const vi = `baseName: "${baseName}" chỉ có phần đuôi tệp; hãy đặt một tên, ví dụ "danh-muc-san-pham" (đuôi .csv và .xlsx được tự thêm)`;
  const en = `baseName: "${baseName}" is only a file extension; give a name, e.g. "danh-muc-san-pham" (.csv and .xlsx are added)`;
  throw baseNameError(baseName, vi, en);
}

/**
 * Write an empty catalog (Vietnamese headers + one filled example row) as CSV and XLSX. The CSV is UTF-8
 * with a BOM and CRLF line ends, which is what makes Excel on Windows open Vietnamese text correctly.
 * `baseName` is a plain file name; the extensions are added, and a `.csv` or `.xlsx` it already ends
 * with is dropped first (`'a.csv'` writes `a.csv` and `a.xlsx`, never `a.csv.csv`). An existing `<baseName>.csv` or `.xlsx`
 * is refused (ValidationError, nothing written) unless `options.overwrite` is true.
 */
export async function writeCatalogTemplate(
  dir: string,
  baseName = 'danh-muc-san-pham',
  options: { overwrite?: boolean } = {},
): Promise<TemplateFiles> {
  checkArgument(dir, 'dir', A_TEXT);
  checkArgument(baseName, 'baseName', A_TEXT);
  checkPlainName(baseName);
  const stem = templateStem(baseName);
  const csvPath = join(dir, `${stem}.csv`);
  const xlsxPath = join(dir, `${stem}.xlsx`);
  // Both files checked before either is written: never one new template beside one refused.
  await refuseExisting([csvPath, xlsxPath], 'baseName', options, 'writeCatalogTemplate');
  await mkdir(dir, { recursive: true });
  const headers = CATALOG_COLUMNS.map((c) => c.vi);
  const example = CATALOG_COLUMNS.map((c) => c.example);
  const csv = `\ufeff${[headers, example].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
  await writeFile(csvPath, csv, 'utf8');

  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sản phẩm');
  sheet.addRow(headers);
  sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = Math.max(12, (headers[i] ?? '').length + 4);
  });
  await workbook.xlsx.writeFile(xlsxPath);
  return { csv: csvPath, xlsx: xlsxPath };
}
