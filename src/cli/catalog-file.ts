import { extname } from 'node:path';
import { type CatalogReadResult, readCatalog, type ValidationIssue } from 'ocop-connect';

export interface CatalogFileOptions {
  sheet?: string;
  delimiter?: string;
  /** `--ignore-columns "Ghi chú,Mã nội bộ"` (added to the config's `catalog.ignoreColumns`). */
  ignoreColumns?: string | readonly string[];
}

/** `--ignore-columns` (comma-separated) and the config's `catalog.ignoreColumns`, together. */
export function ignoredColumns(options: CatalogFileOptions, fromConfig: readonly string[] = []): string[] {
  const given =
    typeof options.ignoreColumns === 'string'
      ? options.ignoreColumns.split(',')
      : (options.ignoreColumns ?? []);
  return [...new Set([...fromConfig, ...given].map((c) => c.trim()).filter(Boolean))];
}

/** The sheets of a workbook, in order, with the headers of their first row. */
async function workbookSheets(path: string): Promise<{ name: string; headers: string[] }[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((sheet) => {
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell) => {
      headers.push(String(cell.text ?? '').trim());
    });
    return { name: sheet.name, headers };
  });
}

/** Only the reader's own options: commander's object also carries every other flag of the command. */
export function catalogReadOptions(options: CatalogFileOptions): {
  sheet?: string;
  delimiter?: string;
  ignoreColumns?: string[];
} {
  const ignoreColumns = ignoredColumns(options);
  return {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(ignoreColumns.length > 0 ? { ignoreColumns } : {}),
  };
}

/**
 * The library tells a column of one's own to go in its `ignoreColumns` option; on the command line that
 * is `--ignore-columns` or the config's `catalog.ignoreColumns`.
 */
function cliColumnHint(issue: ValidationIssue): ValidationIssue {
  if (issue.code !== 'column.unknown') return issue;
  const header = String(issue.value ?? issue.column ?? '');
  return {
    ...issue,
    messageVi: issue.messageVi.replace(
      /hãy khai báo nó trong ignoreColumns$/,
      `thêm --ignore-columns "${header}" hoặc ghi nó vào khóa "catalog.ignoreColumns" của tệp cấu hình`,
    ),
    messageEn: issue.messageEn.replace(
      /list it in ignoreColumns$/,
      `add --ignore-columns "${header}" or list it in the config key "catalog.ignoreColumns"`,
    ),
  };
}

const isMissingColumn = (issue: ValidationIssue) => issue.code === 'column.missing';

/**
 * `readCatalog` (which refuses a CSV saved in another encoding than UTF-8, named, with the fix) plus
 * what a clerk's spreadsheet gets wrong before any cell is read: a workbook whose first sheet is not the
 * catalog (the sheets are listed and the one holding the columns is suggested for `--sheet`).
 */
export async function readCatalogFile(file: string, options: CatalogFileOptions): Promise<CatalogReadResult> {
  const ext = extname(file).toLowerCase();
  const read = await readCatalog(file, catalogReadOptions(options));
  const result = { ...read, issues: read.issues.map(cliColumnHint) };
  if (result.products.length === 0 && result.issues.length === 0) {
    // A header and nothing under it (or a JSON []): nothing to publish is a mistake, not a success.
    const emptyIssue: ValidationIssue = {
      path: 'file',
      code: 'catalog.empty',
      value: file,
      messageVi: `Danh mục ${file} không có sản phẩm nào (chỉ có dòng tiêu đề hoặc tệp rỗng): hãy thêm sản phẩm từ dòng 2`,
      messageEn: `The catalog ${file} holds no product (only a header row, or nothing): add products from row 2`,
    };
    return { ...result, issues: [emptyIssue] };
  }
  if (ext !== '.xlsx' || options.sheet !== undefined || !result.issues.some(isMissingColumn)) return result;

  const sheets = await workbookSheets(file);
  // One sheet: nothing to choose; the missing columns are the message.
  if (sheets.length < 2) return result;
  const [first] = sheets;
  const required = result.issues.filter(isMissingColumn).map((issue) => issue.column ?? '');
  const fits = sheets.find(
    (sheet) => sheet !== first && required.every((column) => sheet.headers.includes(column)),
  );
  const names = sheets.map((sheet) => `"${sheet.name}"`).join(', ');
  const hintVi = fits
    ? ` Có thể danh mục nằm ở trang "${fits.name}": thêm --sheet "${fits.name}".`
    : ' Chọn trang bằng --sheet "<tên trang>".';
  const hintEn = fits
    ? ` The catalog looks to be on sheet "${fits.name}": add --sheet "${fits.name}".`
    : ' Choose the sheet with --sheet "<name>".';
  const sheetIssue: ValidationIssue = {
    path: 'sheet',
    code: 'catalog.sheet',
    row: 1,
    value: first?.name,
    messageVi: `Trang tính đầu tiên "${first?.name ?? ''}" không có các cột của danh mục (thiếu ${required.length} cột). Các trang trong tệp: ${names}.${hintVi}`,
    messageEn: `The first sheet "${first?.name ?? ''}" does not hold the catalog columns (${required.length} missing). Sheets in the file: ${names}.${hintEn}`,
  };
  return { ...result, issues: [sheetIssue, ...result.issues.filter((issue) => !isMissingColumn(issue))] };
}
