import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { CsvError } from 'csv-parse/sync';
import type { ValidationIssue } from '../model/validation.js';
import { searchKey } from '../vn/text.js';
import { catalogFileError, catalogIssue, decodeUtf8, fileReadError } from './catalog-issues.js';
import type { CellValue } from './cells.js';
import { CATALOG_COLUMNS } from './columns.js';

/** One spreadsheet row: cells by header as written, and the row number Excel shows (header = 1). */
export interface SheetRow {
  rowNumber: number;
  cells: Record<string, CellValue>;
}

export interface SheetData {
  headers: string[];
  /** The row the headers are on (1, or lower when title rows sit above it: see `headerRowOf`). */
  headerRow?: number;
  rows: SheetRow[];
  /**
   * Data the layout cannot place: a cell under a column without a header, or beyond the last header.
   * Never dropped silently.
   */
  layoutIssues?: ValidationIssue[];
}

const TEMPLATE_HEADERS = new Set(CATALOG_COLUMNS.flatMap((c) => [searchKey(c.vi), searchKey(c.en)]));
const templateHeaders = (cells: readonly string[]) =>
  cells.filter((cell) => TEMPLATE_HEADERS.has(searchKey(cell))).length;

/**
 * Which of the first rows holds the headers (0-based): the first, unless it names fewer than two
 * template columns while a later one of the first five names at least three and every row above that
 * one has at most one filled cell (a title such as "DANH MỤC SẢN PHẨM HTX …", a date). Only then is it
 * unambiguous that title rows pushed the header down; anything else keeps row 1 and its errors.
 */
export function headerRowOf(firstRows: readonly (readonly string[])[]): number {
  if (templateHeaders(firstRows[0] ?? []) >= 2) return 0;
  for (let i = 1; i < Math.min(firstRows.length, HEADER_SEARCH_ROWS); i++) {
    const above = firstRows.slice(0, i);
    if (above.some((row) => row.filter((cell) => cell.trim() !== '').length > 1)) return 0;
    if (templateHeaders(firstRows[i] ?? []) >= 3) return i;
  }
  return 0;
}

/** Rows above the header a clerk may add (a title, a date): the header is looked for this far down. */
const HEADER_SEARCH_ROWS = 5;

export type CatalogFormat = 'csv' | 'xlsx' | 'json';

export function detectFormat(path: string): CatalogFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.json') return 'json';
  return undefined;
}

/**
 * Excel in a Vietnamese locale saves "CSV" with `;` because `,` is the decimal separator; pick the
 * separator that splits the header line into the most columns.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  // The header line: the first, or (title rows above it, see `headerRowOf`) the widest of the first few.
  const lines = text.split(/\r?\n/, HEADER_SEARCH_ROWS);
  const width = (line: string) =>
    Math.max(line.split(',').length, line.split(';').length, line.split('\t').length);
  const firstLine = lines.reduce(
    (widest, line) => (width(line) > width(widest) ? line : widest),
    lines[0] ?? '',
  );
  const counts = ([',', ';', '\t'] as const).map((d) => [d, firstLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A separator must be one visible character that cannot also be part of a value's syntax. */
export function delimiterIssue(delimiter: string): ValidationIssue | undefined {
  const ok = [...delimiter].length === 1 && !/["\r\n\p{L}\p{N}]/u.test(delimiter) && delimiter !== ' ';
  if (ok) return undefined;
  return catalogIssue({
    path: 'delimiter',
    value: delimiter,
    code: 'catalog.delimiter',
    vi: `Dấu phân cách "${delimiter}" không dùng được: hãy dùng một ký tự như "," ";" hoặc tab`,
    en: `Separator "${delimiter}" cannot be used: give one character such as ",", ";" or a tab`,
  });
}

const CSV_REASONS: Record<string, { vi: string; en: string }> = {
  CSV_QUOTE_NOT_CLOSED: {
    vi: 'có dấu ngoặc kép (") mở ở đây nhưng không bao giờ đóng',
    en: 'a double quote (") opens here and is never closed',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    vi: 'sau dấu ngoặc kép đóng (") còn chữ trước dấu phân cách',
    en: 'text follows a closing double quote (") before the separator',
  },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: {
    vi: 'sau dấu ngoặc kép đóng (") còn chữ trước dấu phân cách',
    en: 'text follows a closing double quote (") before the separator',
  },
  CSV_INVALID_OPENING_QUOTE: {
    vi: 'có dấu ngoặc kép (") ở giữa ô; hãy đặt cả ô trong ngoặc kép và nhân đôi dấu ngoặc bên trong',
    en: 'a double quote (") stands inside a cell; quote the whole cell and double the quotes in it',
  },
};

/** csv-parse, loaded when the first CSV is read (synchronously: it ships CommonJS too). */
let csvParse: typeof import('csv-parse/sync') | undefined;
function csv(): typeof import('csv-parse/sync') {
  csvParse ??= createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
  return csvParse;
}

function csvError(error: CsvError, file: string): Error {
  const line = (error as CsvError & { lines?: number }).lines;
  const reason = CSV_REASONS[error.code] ?? {
    vi: `không đọc được (${error.code})`,
    en: `cannot be read (${error.code})`,
  };
  return catalogFileError(
    catalogIssue({
      path: 'file',
      value: file,
      ...(line !== undefined ? { row: line } : {}),
      code: `catalog.csv.${error.code.toLowerCase()}`,
      vi: `Tệp CSV "${file}"${line !== undefined ? `, dòng ${line}` : ''}: ${reason.vi}`,
      en: `CSV file "${file}"${line !== undefined ? `, line ${line}` : ''}: ${reason.en}`,
    }),
  );
}

function isBlank(value: CellValue): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

function strayCellIssue(
  rowNumber: number,
  index: number,
  value: CellValue,
  beyond: boolean,
): ValidationIssue {
  const column = `${columnLetter(index)}`;
  return catalogIssue({
    path: 'columns',
    value: String(value),
    row: rowNumber,
    column,
    code: beyond ? 'column.beyond_header' : 'column.no_header',
    vi: beyond
      ? `Ô ở cột ${column} nằm ngoài các cột có tiêu đề; dữ liệu này sẽ bị bỏ qua — hãy xoá hoặc thêm tiêu đề`
      : `Cột ${column} không có tiêu đề nhưng có dữ liệu; hãy đặt tiêu đề hoặc xoá cột`,
    en: beyond
      ? `A cell in column ${column} lies beyond the last header; it would be ignored — delete it or add a header`
      : `Column ${column} has no header but holds data; name it or delete it`,
  });
}

export function readCsvText(text: string, delimiter?: string, file = 'CSV'): SheetData {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (delimiter !== undefined) {
    const problem = delimiterIssue(delimiter);
    if (problem) throw catalogFileError(problem);
  }
  let records: string[][];
  try {
    records = csv().parse(body, {
      delimiter: delimiter ?? detectDelimiter(body),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch (error) {
    if (error instanceof csv().CsvError) throw csvError(error, file);
    throw error;
  }
  const skip = headerRowOf(records.slice(0, HEADER_SEARCH_ROWS));
  const [header = [], ...rest] = records.slice(skip);
  const headers = header.map((h) => h.normalize('NFC').trim());
  const rows: SheetRow[] = [];
  const layoutIssues: ValidationIssue[] = [];
  rest.forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const rowNumber = index + skip + 2;
    const cells: Record<string, CellValue> = {};
    record.forEach((value, i) => {
      const name = headers[i];
      if ((name === undefined || name === '') && !isBlank(value)) {
        layoutIssues.push(strayCellIssue(rowNumber, i, value, name === undefined));
      }
    });
    headers.forEach((h, i) => {
      if (h !== '' && !(h in cells)) cells[h] = record[i];
    });
    rows.push({ rowNumber, cells });
  });
  return { headers, headerRow: skip + 1, rows, layoutIssues };
}

/**
 * What to do with a file named .xlsx that is not a workbook, by what it holds: JSON text is a JSON
 * catalog (name it .json), other text a CSV (name it .csv); anything else is re-saved in Excel.
 */
function notXlsxHint(bytes: Uint8Array): { vi: string; en: string } {
  const start = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 512))
    .replace(/^\ufeff/, '')
    .trimStart();
  const isText = !bytes.subarray(0, 512).includes(0) && !start.includes('\ufffd');
  if (isText && /^[[{]/.test(start))
    return {
      vi: 'tệp chứa JSON: hãy đổi đuôi tệp thành .json',
      en: 'it holds JSON: rename it to .json',
    };
  if (isText && start !== '')
    return {
      vi: 'tệp chứa văn bản (CSV?): nếu là CSV, hãy đổi đuôi tệp thành .csv; nếu không, mở và lưu lại bằng Excel',
      en: 'it holds text (a CSV?): if it is a CSV, rename it to .csv; otherwise open it and save it again in Excel',
    };
  return {
    vi: 'hãy mở và lưu lại bằng Excel, hoặc dùng tệp CSV UTF-8',
    en: 'open it and save it again in Excel, or use a CSV UTF-8 file',
  };
}

export async function readXlsxFile(path: string, sheetName?: string): Promise<SheetData> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileReadError(path, error);
  }
  // exceljs is large; load it only when a workbook is actually read.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    // The zip reader's own text (English, with a URL) is the cause, not part of either sentence.
    throw catalogFileError(
      catalogIssue({
        path: 'file',
        value: path,
        code: 'catalog.xlsx_unreadable',
        vi: `Tệp "${path}" không phải là tệp Excel .xlsx đọc được (tệp hỏng hoặc sai loại): ${notXlsxHint(bytes).vi}`,
        en: `File "${path}" is not a readable Excel .xlsx workbook (damaged, or another kind of file): ${notXlsxHint(bytes).en}`,
      }),
      error,
    );
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    throw catalogFileError(
      catalogIssue({
        path: 'sheet',
        value: sheetName,
        code: 'catalog.sheet',
        vi: `Không có trang tính "${sheetName ?? '(đầu tiên)'}" trong ${path}; các trang: ${names}`,
        en: `Sheet "${sheetName ?? '(first)'}" not found in ${path}; sheets: ${names}`,
      }),
    );
  }
  const firstRows: string[][] = [];
  for (let r = 1; r <= HEADER_SEARCH_ROWS; r++) {
    const cells: string[] = [];
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = String(cell.text ?? '').trim();
    });
    firstRows.push(Array.from(cells, (cell) => cell ?? ''));
  }
  const headerRow = headerRowOf(firstRows) + 1;
  const headers: string[] = [];
  sheet.getRow(headerRow).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(cell.text ?? '')
      .normalize('NFC')
      .trim();
  });
  for (let i = 0; i < headers.length; i++) headers[i] ??= '';
  const rows: SheetRow[] = [];
  const layoutIssues: ValidationIssue[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells: Record<string, CellValue> = {};
    let empty = true;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const name = headers[col - 1];
      if ((name === undefined || name === '') && String(cell.text ?? '').trim() !== '') {
        layoutIssues.push(strayCellIssue(rowNumber, col - 1, cell.text, name === undefined));
      }
    });
    headers.forEach((h, i) => {
      if (h === '' || h in cells) return;
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
  return { headers, headerRow, rows, layoutIssues };
}

export async function readSheet(
  path: string,
  format: 'csv' | 'xlsx',
  options: { sheet?: string; delimiter?: string } = {},
): Promise<SheetData> {
  if (format === 'xlsx') return readXlsxFile(path, options.sheet);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileReadError(path, error);
  }
  return readCsvText(decodeUtf8(bytes, path), options.delimiter, path);
}
