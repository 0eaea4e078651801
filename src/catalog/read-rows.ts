import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { ValidationError } from '../core/errors.js';
import type { CellValue } from './cells.js';

/** One spreadsheet row: cells by header as written, and the row number Excel shows (header = 1). */
export interface SheetRow {
  rowNumber: number;
  cells: Record<string, CellValue>;
}

export interface SheetData {
  headers: string[];
  rows: SheetRow[];
}

export type CatalogFormat = 'csv' | 'xlsx' | 'json';

export function detectFormat(path: string): CatalogFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.json') return 'json';
  return undefined;
}

/**
 * Excel in a Vietnamese locale saves "CSV" with `;` because `,` is the decimal separator; pick the
 * separator that splits the header line into the most columns.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = ([',', ';', '\t'] as const).map((d) => [d, firstLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

export function readCsvText(text: string, delimiter?: string): SheetData {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = parseCsv(body, {
    delimiter: delimiter ?? detectDelimiter(body),
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
  });
  const [header = [], ...rest] = records;
  const headers = header.map((h) => h.normalize('NFC').trim());
  const rows: SheetRow[] = [];
  rest.forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const cells: Record<string, CellValue> = {};
    headers.forEach((h, i) => {
      cells[h] = record[i];
    });
    rows.push({ rowNumber: index + 2, cells });
  });
  return { headers, rows };
}

export async function readXlsxFile(path: string, sheetName?: string): Promise<SheetData> {
  // exceljs is large; load it only when a workbook is actually read.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    throw new ValidationError(`Sheet "${sheetName ?? '(first)'}" not found in ${path}; sheets: ${names}`, [
      {
        path: 'sheet',
        value: sheetName,
        code: 'catalog.sheet',
        messageVi: `Không có trang tính "${sheetName ?? '(đầu tiên)'}" trong ${path}; các trang: ${names}`,
        messageEn: `Sheet "${sheetName ?? '(first)'}" not found in ${path}; sheets: ${names}`,
      },
    ]);
  }
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(cell.text ?? '')
      .normalize('NFC')
      .trim();
  });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, CellValue> = {};
    let empty = true;
    headers.forEach((h, i) => {
      const cell = row.getCell(i + 1);
      const value = cell.value;
      let cellValue: CellValue;
      if (value === null || value === undefined) cellValue = undefined;
      else if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
        cellValue = value;
      else if (typeof value === 'string') cellValue = value;
      // Rich text, formulas and hyperlinks: use what Excel displays.
      else cellValue = cell.text;
      if (cellValue !== undefined && String(cellValue).trim() !== '') empty = false;
      cells[h] = cellValue;
    });
    if (!empty) rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}

export async function readSheet(
  path: string,
  format: 'csv' | 'xlsx',
  options: { sheet?: string; delimiter?: string } = {},
): Promise<SheetData> {
  if (format === 'xlsx') return readXlsxFile(path, options.sheet);
  return readCsvText(await readFile(path, 'utf8'), options.delimiter);
}
