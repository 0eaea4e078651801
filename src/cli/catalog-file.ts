import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { type CatalogReadResult, readCatalog, type ValidationIssue } from 'ocop-connect';
import { CliError } from './errors.js';

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

/** How much of a CSV is looked at to recognise its encoding. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Bytes of Windows-1258 that are letters or tone marks of Vietnamese (đ, ơ, ư, ă, â, ê, ô and the
 * combining tones 0xCC 0xDE 0xD2 0xEC 0xF2) — what Excel's plain "CSV" writes on a Vietnamese Windows.
 */
const CP1258_VIETNAMESE = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc8, 0xc9, 0xca, 0xcc, 0xcd, 0xd0, 0xd2, 0xd3, 0xd4, 0xd5, 0xd9, 0xda, 0xdd, 0xde,
  0xe0, 0xe1, 0xe2, 0xe3, 0xe8, 0xe9, 0xea, 0xec, 0xed, 0xf0, 0xf2, 0xf3, 0xf4, 0xf5, 0xf9, 0xfa, 0xfd,
]);

/** The encoding of a CSV that is not UTF-8, by name, or undefined when it is UTF-8 (with or without BOM). */
export function detectNonUtf8(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE';
  // UTF-16 without a BOM: ASCII text with a zero byte in every other position.
  const sample = bytes.subarray(0, 512);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (sample.length >= 8 && zeroOdd > sample.length / 4) return 'UTF-16 LE';
  if (sample.length >= 8 && zeroEven > sample.length / 4) return 'UTF-16 BE';
  try {
    // A cut in the middle of a character at the sniff limit is not an error of the file: decoded as a
    // stream, an unfinished last character (up to 3 bytes of a 4-byte emoji) waits instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return undefined;
  } catch {
    let high = 0;
    let vietnamese = 0;
    for (const byte of bytes) {
      if (byte < 0x80) continue;
      high++;
      if (CP1258_VIETNAMESE.has(byte)) vietnamese++;
    }
    return vietnamese >= high * 0.6 ? 'Windows-1258' : 'Windows-1252';
  }
}

async function headOf(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
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
 * `readCatalog` plus what a clerk's spreadsheet gets wrong before any cell is read: a CSV saved in
 * another encoding than UTF-8 (named, with the fix), and a workbook whose first sheet is not the
 * catalog (the sheets are listed and the one holding the columns is suggested for `--sheet`).
 */
export async function readCatalogFile(file: string, options: CatalogFileOptions): Promise<CatalogReadResult> {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') {
    const encoding = detectNonUtf8(await headOf(file));
    if (encoding) {
      throw new CliError('data', {
        vi: `Tệp ${file} được lưu bằng bảng mã ${encoding}, không phải UTF-8, nên không đọc đúng được tiếng Việt. Trong Excel chọn "Lưu thành" → "CSV UTF-8 (phân cách bằng dấu phẩy)", hoặc dùng tệp .xlsx.`,
        en: `${file} is saved in the ${encoding} encoding, not UTF-8, so its Vietnamese text cannot be read correctly. In Excel use "Save As" → "CSV UTF-8 (Comma delimited)", or use the .xlsx file.`,
      });
    }
  }
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
