import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import {
  A_LIST,
  A_TEXT,
  AN_OBJECT_OR_NOTHING,
  checkArgument,
  checkArgumentFields,
  checkOption,
  type Expected,
  orNothing,
} from '../core/argument-guards.js';
import { ValidationError } from '../core/errors.js';
import type { Product } from '../model/product.js';
import { type ValidationIssue, validateCatalog } from '../model/validation.js';
import { columnIndex } from './catalog-headers.js';
import { catalogIssue, decodeUtf8, fileReadError, invisibleCharacterIssue } from './catalog-issues.js';
import { checkOptions, type ReadCatalogOptions } from './catalog-options.js';
import { cellText } from './cells.js';
import { CATALOG_COLUMNS, type ColumnKey, FIELD_TO_COLUMN } from './columns.js';
import { jsonCatalogItems, jsonShapeIssues, parseJsonCatalog } from './json-catalog.js';
import { detectFormat, readSheet, type SheetData } from './read-rows.js';
import { groupRows, type ProductGroup, productFromGroup } from './rows-to-products.js';

export interface CatalogReadResult {
  /** Products that passed the model's validation. */
  products: Product[];
  /** For each of `products`, the row it starts on (spreadsheet row as Excel shows it; JSON: 1-based index). */
  productRows: number[];
  /** Every problem found, each naming its row (as Excel numbers it), column and reason. */
  issues: ValidationIssue[];
  /** Number of data rows (CSV/XLSX) or items (JSON) read. */
  rowCount: number;
  /** Number of products the rows described (valid or not). */
  productCount: number;
}

/** Invisible and direction-changing characters in any cell that is read. */
function invisibleCellIssues(sheet: SheetData, byKey: Map<ColumnKey, string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const row of sheet.rows) {
    for (const [key, header] of byKey) {
      const value = row.cells[header];
      if (typeof value !== 'string') continue;
      const found = invisibleCharacterIssue(value, { path: key, row: row.rowNumber, column: header });
      if (found) issues.push(found);
    }
  }
  return issues;
}

const DATE_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>(['ocop_issued_at', 'ocop_expires_at']);

/** Point a model issue at the spreadsheet cell it came from. */
function locate(
  modelIssue: ValidationIssue,
  group: ProductGroup,
  byKey: Map<ColumnKey, string>,
): ValidationIssue {
  const parts = modelIssue.path.split('.');
  let row = group.rows[0]?.rowNumber;
  let field = modelIssue.path;
  if (parts[0] === 'variants' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    row = group.rows[Number(parts[1])]?.rowNumber ?? row;
    field = parts.length > 2 ? `variant.${parts.slice(2).join('.')}` : 'variant.sku';
  }
  let key: ColumnKey | undefined = FIELD_TO_COLUMN[field];
  for (let cut = field.split('.').length - 1; key === undefined && cut > 0; cut--) {
    key = FIELD_TO_COLUMN[field.split('.').slice(0, cut).join('.')];
  }
  const column = key ? (byKey.get(key) ?? CATALOG_COLUMNS.find((c) => c.key === key)?.vi) : undefined;
  // A date is quoted as the clerk typed it ("01/01/2020"), not as the model holds it ("2020-01-01").
  const header = key && DATE_COLUMNS.has(key) ? byKey.get(key) : undefined;
  const sheetRow = header ? group.rows.find((r) => r.rowNumber === row) : undefined;
  const typed = header && sheetRow ? sheetRow.cells[header] : undefined;
  const value =
    typed !== undefined && !(typed instanceof Date) && cellText(typed) !== '' ? cellText(typed) : undefined;
  return {
    ...modelIssue,
    ...(row !== undefined ? { row } : {}),
    ...(column ? { column } : {}),
    ...(value !== undefined && modelIssue.value !== undefined ? { value } : {}),
  };
}

async function readJsonCatalog(path: string): Promise<CatalogReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileReadError(path, error);
  }
  const items = jsonCatalogItems(parseJsonCatalog(decodeUtf8(bytes, path, 'json'), path), path);
  const baseDir = dirname(path);
  // Relative image paths in a JSON catalog are relative to the file, like in a spreadsheet.
  const withPaths = items.map((item) => {
    if (!item || typeof item !== 'object' || !Array.isArray((item as { images?: unknown }).images))
      return item;
    const images = (item as { images: unknown[] }).images.map((img) =>
      img && typeof img === 'object' && typeof (img as { path?: unknown }).path === 'string'
        ? { ...img, path: resolve(baseDir, (img as { path: string }).path) }
        : img,
    );
    return { ...item, images };
  });
  const result = validateCatalog(withPaths, (i) => i + 1);
  const invalid = new Set(result.invalidIndexes);
  // Unknown fields and invisible characters fail the item too (the model would ignore or keep them).
  const shapeIssues = items.flatMap((item, index) => {
    const found = jsonShapeIssues(item, index + 1);
    if (found.length > 0) invalid.add(index);
    return found;
  });
  const validIndexes = items.map((_, i) => i).filter((i) => !invalid.has(i));
  const validSkus = new Set(validIndexes.map((i) => (items[i] as { sku?: unknown }).sku));
  return {
    products: result.products.filter((p) => validSkus.has(p.sku)),
    productRows: validIndexes.map((i) => i + 1),
    issues: [...result.issues, ...shapeIssues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    rowCount: items.length,
    productCount: items.length,
  };
}

/**
 * Read a catalog from CSV (UTF-8 with or without BOM, `,` or `;`), XLSX or JSON. Never throws for bad
 * data: every problem comes back as an issue with its row, column and a reason in Vietnamese and English,
 * and only the valid products are returned.
 */
export async function readCatalog(
  path: string,
  options: ReadCatalogOptions = {},
): Promise<CatalogReadResult> {
  checkArgument(path, 'path', A_TEXT);
  checkOption(options, 'options', AN_OBJECT_OR_NOTHING);
  checkOptions(options);
  const format = options.format ?? detectFormat(path);
  if (!format) {
    throw new ValidationError(
      `Không đọc được loại tệp "${path}": hãy dùng .csv, .xlsx hoặc .json / Unknown catalog format for "${path}": use .csv, .xlsx or .json`,
      [
        {
          path: 'file',
          value: path,
          code: 'catalog.format',
          messageVi: `Không đọc được loại tệp "${path}": hãy dùng .csv, .xlsx hoặc .json`,
          messageEn: `Unknown catalog format for "${path}": use .csv, .xlsx or .json`,
        },
      ],
    );
  }
  if (format === 'json') return readJsonCatalog(path);
  const sheet = await readSheet(path, format, options);
  return catalogFromSheet(sheet, dirname(path), options.ignoreColumns);
}

const COLUMN_NAMES: Expected = {
  schema: z.array(z.string()),
  vi: 'một mảng các chuỗi (tên cột)',
  en: 'an array of strings (column names)',
};
const CELL = z.union([z.string(), z.number(), z.boolean(), z.instanceof(Date), z.null(), z.undefined()]);

/** A SheetData's fields (what readSheet returns; a caller may build one). */
const SHEET_FIELDS: Readonly<Record<keyof SheetData, Expected>> = {
  headers: COLUMN_NAMES,
  rows: {
    schema: z.array(z.object({ rowNumber: z.number().int().min(1), cells: z.record(z.string(), CELL) })),
    vi: 'một mảng các dòng { rowNumber: số ≥ 1, cells: { tên cột: giá trị ô } }',
    en: 'an array of rows { rowNumber: a number ≥ 1, cells: { column name: cell value } }',
  },
  headerRow: {
    schema: z.number().int().min(1).optional(),
    vi: 'một số nguyên ≥ 1 (hoặc bỏ trống)',
    en: 'an integer ≥ 1 (or left out)',
  },
  layoutIssues: orNothing(A_LIST),
};

/**
 * Products from sheet rows. A problem with the layout itself (unknown, duplicated or unnamed columns)
 * fails every product: which value belongs where is then unsure.
 */
export function catalogFromSheet(
  sheet: SheetData,
  baseDir: string,
  ignoreColumns: readonly string[] = [],
): CatalogReadResult {
  checkArgumentFields(sheet, 'sheet', SHEET_FIELDS);
  checkArgument(baseDir, 'baseDir', A_TEXT);
  checkArgument(ignoreColumns, 'ignoreColumns', COLUMN_NAMES);
  const { byKey, issues: headerIssues } = columnIndex(sheet.headers, ignoreColumns, sheet.headerRow);
  const layoutIssues = [...headerIssues, ...(sheet.layoutIssues ?? [])];
  const issues: ValidationIssue[] = [...layoutIssues];
  for (const column of CATALOG_COLUMNS) {
    if (column.required && !byKey.has(column.key)) {
      issues.push(
        catalogIssue({
          path: column.key,
          code: 'column.missing',
          vi: `Thiếu cột "${column.vi}"`,
          en: `Column "${column.vi}" (${column.en}) is missing`,
          row: sheet.headerRow ?? 1,
          column: column.vi,
        }),
      );
    }
  }
  const { groups, issues: groupIssues, failed } = groupRows(sheet, byKey);
  issues.push(...groupIssues);
  const invisible = invisibleCellIssues(sheet, byKey);
  issues.push(...invisible);
  const built = groups.map((group) => productFromGroup(group, byKey, baseDir));
  const validation = validateCatalog(
    built.map((b) => b.input),
    (i) => groups[i]?.rows[0]?.rowNumber ?? 0,
  );
  // A cell that could not be read names its product by the row's SKU cell, as typed (a report row of
  // a refused product keeps its "Mã sản phẩm").
  const cellIssues = built.flatMap((b, i) => {
    const sku = groups[i]?.sku;
    return b.cellIssues.map((c) => (c.sku === undefined && sku ? { ...c, sku } : c));
  });
  const failedGroups = new Set(validation.invalidIndexes);
  const invisibleRows = new Set(invisible.map((i) => i.row));
  built.forEach((b, i) => {
    const group = groups[i];
    if (b.cellIssues.length > 0 || failed.has(group?.sku ?? '')) failedGroups.add(i);
    if (group?.rows.some((row) => invisibleRows.has(row.rowNumber))) failedGroups.add(i);
  });
  const rowToGroup = new Map<number, number>();
  groups.forEach((g, i) => {
    rowToGroup.set(g.rows[0]?.rowNumber ?? -1, i);
  });
  const located = validation.issues.map((iss) => {
    const groupIndex = iss.row === undefined ? undefined : rowToGroup.get(iss.row);
    const group = groupIndex === undefined ? undefined : groups[groupIndex];
    return group ? locate(iss, group, byKey) : iss;
  });
  // A cell that could not be read also fails model validation (the field is missing); report the
  // cell's own reason once, not a second, vaguer "required" on the same cell.
  const cellKeys = new Set(cellIssues.map((c) => `${c.row}|${c.column}`));
  // A gift box whose components could not be read is still a box: it needs no stock figure.
  const bundleHeader = byKey.get('bundle');
  const unreadBoxes = new Set(cellIssues.filter((c) => c.column === bundleHeader).map((c) => c.row));
  const modelIssues = located.filter(
    (m) =>
      !cellKeys.has(`${m.row}|${m.column}`) &&
      !(m.code === 'variants.offer_required' && m.path === 'stock' && unreadBoxes.has(m.row)),
  );
  const validGroups = new Map(
    groups
      .filter((_, i) => layoutIssues.length === 0 && !failedGroups.has(i))
      .map((g) => [g.sku, g] as const),
  );
  const products = validation.products.filter((p) => validGroups.has(p.sku));
  return {
    products,
    productRows: products.map((p) => validGroups.get(p.sku)?.rows[0]?.rowNumber ?? 0),
    issues: [...issues, ...cellIssues, ...modelIssues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    rowCount: sheet.rows.length,
    productCount: groups.length,
  };
}
