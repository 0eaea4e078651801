import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ValidationError } from '../core/errors.js';
import type { Product } from '../model/product.js';
import { type ValidationIssue, validateCatalog } from '../model/validation.js';
import { searchKey } from '../vn/text.js';
import {
  catalogFileError,
  catalogIssue,
  closestName,
  decodeUtf8,
  didYouMean,
  fileReadError,
  invisibleCharacterIssue,
} from './catalog-issues.js';
import {
  CellError,
  type CellValue,
  cellText,
  foldKey,
  readBundle,
  readDate,
  readMoney,
  readNetContent,
  readProducerType,
  readStars,
  readStatus,
  readWholeNumber,
} from './cells.js';
import { CATALOG_COLUMNS, type CatalogColumn, type ColumnKey, FIELD_TO_COLUMN } from './columns.js';
import { jsonCatalogItems, jsonShapeIssues, parseJsonCatalog } from './json-catalog.js';
import {
  type CatalogFormat,
  columnLetter,
  delimiterIssue,
  detectFormat,
  readSheet,
  type SheetData,
  type SheetRow,
} from './read-rows.js';

export interface ReadCatalogOptions {
  /** @default from the file extension */
  format?: CatalogFormat;
  /** XLSX sheet name. @default the first sheet */
  sheet?: string;
  /** CSV separator: one character. @default detected from the header line (`,`, `;` or tab) */
  delimiter?: string;
  /**
   * Headers of your own columns to skip (notes, internal codes). Any other column the reader does not
   * know is an error, so that a misspelled "Trạng thái" is never silently ignored. @default []
   */
  ignoreColumns?: string[];
}

const OPTION_NAMES = ['format', 'sheet', 'delimiter', 'ignoreColumns'] as const;
const FORMATS: readonly CatalogFormat[] = ['csv', 'xlsx', 'json'];

/** Options are checked like data: unknown names (with a "did you mean") and wrong values, all at once. */
function checkOptions(options: ReadCatalogOptions): void {
  const issues: ValidationIssue[] = [];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    issues.push(
      catalogIssue({
        path: 'options',
        value: options,
        code: 'catalog.options',
        vi: 'Tuỳ chọn đọc danh mục phải là một đối tượng',
        en: 'Catalog read options must be an object',
      }),
    );
    throw catalogFileError(issues[0] as ValidationIssue);
  }
  for (const name of Object.keys(options)) {
    if ((OPTION_NAMES as readonly string[]).includes(name)) continue;
    const hint = didYouMean(closestName(name, OPTION_NAMES));
    issues.push(
      catalogIssue({
        path: name,
        code: 'catalog.option_unknown',
        vi: `Không có tuỳ chọn "${name}".${hint.vi}`,
        en: `There is no option "${name}".${hint.en}`,
      }),
    );
  }
  const { format, sheet, delimiter, ignoreColumns } = options;
  if (format !== undefined && !FORMATS.includes(format)) {
    issues.push(
      catalogIssue({
        path: 'format',
        value: format,
        code: 'catalog.format',
        vi: `Định dạng "${String(format)}" không hỗ trợ: dùng csv, xlsx hoặc json`,
        en: `Format "${String(format)}" is not supported: use csv, xlsx or json`,
      }),
    );
  }
  if (sheet !== undefined && (typeof sheet !== 'string' || sheet.trim() === '')) {
    issues.push(
      catalogIssue({
        path: 'sheet',
        value: sheet,
        code: 'catalog.sheet',
        vi: 'Tên trang tính phải là chữ, không để trống',
        en: 'The sheet name must be non-empty text',
      }),
    );
  }
  if (delimiter !== undefined) {
    const problem =
      typeof delimiter === 'string'
        ? delimiterIssue(delimiter)
        : catalogIssue({
            path: 'delimiter',
            value: delimiter,
            code: 'catalog.delimiter',
            vi: 'Dấu phân cách phải là một ký tự',
            en: 'The separator must be one character',
          });
    if (problem) issues.push(problem);
  }
  if (
    ignoreColumns !== undefined &&
    (!Array.isArray(ignoreColumns) || ignoreColumns.some((c) => typeof c !== 'string'))
  ) {
    issues.push(
      catalogIssue({
        path: 'ignoreColumns',
        value: ignoreColumns,
        code: 'catalog.ignore_columns',
        vi: 'ignoreColumns phải là danh sách tên cột',
        en: 'ignoreColumns must be a list of column headers',
      }),
    );
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `Invalid catalog read options: ${issues.map((i) => i.messageEn).join('; ')} / ${issues.map((i) => i.messageVi).join('; ')}`,
      issues,
    );
  }
}

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

interface ProductGroup {
  sku: string;
  rows: SheetRow[];
}

const KNOWN_HEADERS: readonly string[] = CATALOG_COLUMNS.flatMap((c) => [c.vi, c.en]);

/**
 * The template header a written one stands for: a typo of it (edit distance), or the same words
 * without the unit or detail in brackets ("Giá bán" for "Giá bán (VND)"), or the start of only one
 * template header ("Giá" starts two: no suggestion).
 */
function closestHeader(header: string): string | undefined {
  const typo = closestName(header, KNOWN_HEADERS);
  if (typo !== undefined) return typo;
  const key = searchKey(header);
  if (key.length < 3) return undefined;
  const base = (name: string) => searchKey(name.replace(/\s*\([^)]*\)\s*$/, ''));
  const sameBase = KNOWN_HEADERS.filter((name) => base(name) === base(header));
  if (sameBase.length === 1) return sameBase[0];
  const prefixed = KNOWN_HEADERS.filter((name) => searchKey(name).startsWith(key));
  const columns = new Set(
    prefixed.map((name) => CATALOG_COLUMNS.find((c) => c.vi === name || c.en === name)),
  );
  return columns.size === 1 ? prefixed[0] : undefined;
}

/**
 * Headers to columns. Every header must be known (or listed in `ignoreColumns`), and name a column
 * once: an unknown header is a mistake until proven otherwise, and a column given twice would
 * silently lose one of its two values.
 */
function columnIndex(
  headers: readonly string[],
  ignoreColumns: readonly string[] = [],
  headerRow = 1,
): { byKey: Map<ColumnKey, string>; issues: ValidationIssue[] } {
  const wanted = new Map<string, CatalogColumn>();
  for (const column of CATALOG_COLUMNS) {
    wanted.set(foldKey(column.vi), column);
    wanted.set(foldKey(column.en), column);
  }
  const ignored = new Set(ignoreColumns.map((c) => foldKey(c)));
  const byKey = new Map<ColumnKey, string>();
  const firstAt = new Map<ColumnKey, number>();
  const issues: ValidationIssue[] = [];
  headers.forEach((header, index) => {
    if (header === '') return;
    const at = `${columnLetter(index)}`;
    const invisible = invisibleCharacterIssue(header, { path: 'columns', row: headerRow, column: header });
    if (invisible) issues.push(invisible);
    if (ignored.has(foldKey(header))) return;
    const column = wanted.get(foldKey(header));
    if (column === undefined) {
      const hint = didYouMean(closestHeader(header));
      issues.push(
        catalogIssue({
          path: 'columns',
          value: header,
          row: headerRow,
          column: header,
          code: 'column.unknown',
          vi: `Cột "${header}" (cột ${at}) không có trong mẫu.${hint.vi} Nếu là cột riêng của bạn, hãy khai báo nó trong ignoreColumns`,
          en: `Column "${header}" (column ${at}) is not part of the template.${hint.en} If it is a column of your own, list it in ignoreColumns`,
        }),
      );
      return;
    }
    const first = firstAt.get(column.key);
    if (first !== undefined) {
      issues.push(
        catalogIssue({
          path: 'columns',
          value: header,
          row: headerRow,
          column: header,
          code: 'column.duplicate',
          vi: `Cột "${column.vi}" có hai lần (cột ${columnLetter(first)} và cột ${at}); hãy giữ một`,
          en: `Column "${column.vi}" (${column.en}) appears twice (columns ${columnLetter(first)} and ${at}); keep one`,
        }),
      );
      return;
    }
    firstAt.set(column.key, index);
    byKey.set(column.key, header);
  });
  return { byKey, issues };
}

const issue = catalogIssue;

class RowReader {
  readonly issues: ValidationIssue[] = [];
  constructor(
    private readonly byKey: Map<ColumnKey, string>,
    private readonly row: SheetRow,
  ) {}

  raw(key: ColumnKey): CellValue {
    const header = this.byKey.get(key);
    return header === undefined ? undefined : this.row.cells[header];
  }

  text(key: ColumnKey): string | undefined {
    const value = cellText(this.raw(key));
    return value === '' ? undefined : value;
  }

  /** Apply a cell parser; a failure becomes an issue on this row and column, and the field is left out. */
  parse<T>(key: ColumnKey, read: (value: CellValue) => T | undefined): T | undefined {
    try {
      return read(this.raw(key));
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      this.issues.push(
        issue({
          path: key,
          value: cellText(this.raw(key)),
          code: error.code,
          vi: error.messageVi,
          en: error.messageEn,
          row: this.row.rowNumber,
          column: this.byKey.get(key) ?? key,
        }),
      );
      return undefined;
    }
  }
}

function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

function resolveImage(ref: string, baseDir: string): { path: string } | { url: string } {
  if (/^https?:\/\//i.test(ref)) return { url: ref };
  return { path: isAbsolute(ref) ? ref : resolve(baseDir, ref) };
}

function offerFields(reader: RowReader): Record<string, unknown> {
  const dims = {
    length: reader.parse('length_cm', (v) => readWholeNumber(v, 'cm')),
    width: reader.parse('width_cm', (v) => readWholeNumber(v, 'cm')),
    height: reader.parse('height_cm', (v) => readWholeNumber(v, 'cm')),
  };
  const anyDim = Object.values(dims).some((v) => v !== undefined);
  return compact({
    priceVnd: reader.parse('price', readMoney),
    listPriceVnd: reader.parse('list_price', readMoney),
    stock: reader.parse('stock', (v) => readWholeNumber(v)),
    weightGrams: reader.parse('weight_g', (v) => readWholeNumber(v, 'g')),
    dimensionsCm: anyDim ? dims : undefined,
  });
}

function variantOptions(reader: RowReader): Record<string, string> {
  const options: Record<string, string> = {};
  const pairs: [ColumnKey, ColumnKey][] = [
    ['option1_name', 'option1_value'],
    ['option2_name', 'option2_value'],
  ];
  for (const [nameKey, valueKey] of pairs) {
    const value = reader.text(valueKey);
    if (value !== undefined) options[reader.text(nameKey) ?? 'Phân loại'] = value;
  }
  return options;
}

function productFromGroup(group: ProductGroup, byKey: Map<ColumnKey, string>, baseDir: string) {
  const readers = group.rows.map((row) => new RowReader(byKey, row));
  const head = readers[0]!;
  const images = (head.text('images') ?? '')
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((ref) => resolveImage(ref, baseDir));
  const ocopFields = compact({
    stars: head.parse('ocop_stars', readStars),
    certificateNo: head.text('ocop_certificate'),
    decisionNo: head.text('ocop_decision'),
    issuedBy: head.text('ocop_issued_by'),
    issuedAt: head.parse('ocop_issued_at', readDate),
    expiresAt: head.parse('ocop_expires_at', readDate),
    productGroup: head.text('ocop_group'),
  });
  const foodFields = compact({
    netContent: head.parse('net_content', readNetContent),
    shelfLifeDays: head.parse('shelf_life_days', (v) => readWholeNumber(v)),
    storage: head.text('storage'),
    ingredients: head.text('ingredients'),
    foodSafetyCertificate: head.text('food_safety_cert'),
  });
  const isVariantGroup = readers.length > 1 || readers.some((r) => r.text('variant_sku') !== undefined);
  const base = compact({
    sku: group.sku,
    name: head.text('name'),
    description: head.text('description'),
    brand: head.text('brand'),
    categoryHints: head
      .text('category')
      ?.split(';')
      .map((s) => s.trim())
      .filter(Boolean),
    origin: head.text('origin'),
    producer: {
      ...compact({
        type: head.parse('producer_type', readProducerType),
        name: head.text('producer_name'),
        taxCode: head.text('tax_code'),
        phone: head.text('producer_phone'),
      }),
      address: compact({
        street: head.text('producer_street'),
        ward: head.text('producer_ward'),
        district: head.text('producer_district'),
        province: head.text('producer_province'),
      }),
    },
    ocop: Object.keys(ocopFields).length > 0 ? ocopFields : undefined,
    food: Object.keys(foodFields).length > 0 ? foodFields : undefined,
    images,
    status: head.parse('status', readStatus),
    bundle: head.parse('bundle', readBundle),
  });
  const input: Record<string, unknown> = isVariantGroup
    ? {
        ...base,
        variants: readers.map((reader) => ({
          sku: reader.text('variant_sku') ?? '',
          options: variantOptions(reader),
          ...offerFields(reader),
        })),
      }
    : { ...base, ...offerFields(head) };
  return { input, cellIssues: readers.flatMap((r) => r.issues) };
}

const PRODUCT_LEVEL_KEYS: readonly ColumnKey[] = CATALOG_COLUMNS.filter(
  (c) => c.level === 'product' && c.key !== 'product_sku',
).map((c) => c.key);

/**
 * Rows grouped into products by "Mã sản phẩm". The rows of one product must be adjacent: the same
 * code again after another product is a second product reusing the code (reported, never merged),
 * and a later row of a group may repeat the product's cells but not contradict them.
 */
function groupRows(
  sheet: SheetData,
  byKey: Map<ColumnKey, string>,
): { groups: ProductGroup[]; issues: ValidationIssue[]; failed: Set<string> } {
  const skuHeader = byKey.get('product_sku');
  const groups = new Map<string, ProductGroup>();
  const issues: ValidationIssue[] = [];
  const failed = new Set<string>();
  let previousSku: string | undefined;
  for (const row of sheet.rows) {
    const sku = skuHeader === undefined ? '' : cellText(row.cells[skuHeader]);
    if (sku === '') {
      issues.push(
        issue({
          path: 'sku',
          code: 'text.required',
          vi: 'Thiếu mã sản phẩm',
          en: 'Product code (SKU) is missing',
          row: row.rowNumber,
          column: skuHeader ?? 'Mã sản phẩm',
        }),
      );
      previousSku = undefined;
      continue;
    }
    const group = groups.get(sku);
    if (group !== undefined && previousSku !== sku) {
      failed.add(sku);
      issues.push(
        issue({
          path: 'sku',
          value: sku,
          sku,
          code: 'sku.not_adjacent',
          vi: `Mã sản phẩm "${sku}" đã dùng ở dòng ${group.rows[0]?.rowNumber}; các dòng của một sản phẩm phải liền nhau, hai sản phẩm khác nhau phải có mã khác nhau`,
          en: `Product code "${sku}" is already used on row ${group.rows[0]?.rowNumber}; the rows of one product must be adjacent, and two different products need different codes`,
          row: row.rowNumber,
          column: skuHeader ?? 'Mã sản phẩm',
        }),
      );
      previousSku = sku;
      continue;
    }
    if (group !== undefined) {
      const head = group.rows[0] as SheetRow;
      for (const key of PRODUCT_LEVEL_KEYS) {
        const header = byKey.get(key);
        if (header === undefined) continue;
        const here = cellText(row.cells[header]);
        const there = cellText(head.cells[header]);
        if (here === '' || here === there) continue;
        failed.add(sku);
        issues.push(
          issue({
            path: key,
            value: here,
            sku,
            code: 'group.conflict',
            vi: `Dòng này thuộc sản phẩm "${sku}" (từ dòng ${head.rowNumber}) nhưng ghi "${here}" thay vì "${there}"; để trống hoặc ghi giống dòng ${head.rowNumber}, hoặc dùng mã sản phẩm khác`,
            en: `This row belongs to product "${sku}" (from row ${head.rowNumber}) but says "${here}" instead of "${there}"; leave it empty or repeat row ${head.rowNumber}, or use another product code`,
            row: row.rowNumber,
            column: header,
          }),
        );
      }
    }
    const target = group ?? { sku, rows: [] };
    target.rows.push(row);
    groups.set(sku, target);
    previousSku = sku;
  }
  return { groups: [...groups.values()], issues, failed };
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
  const items = jsonCatalogItems(parseJsonCatalog(decodeUtf8(bytes, path), path), path);
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
  checkOptions(options);
  const format = options.format ?? detectFormat(path);
  if (!format) {
    throw new ValidationError(`Unknown catalog format for ${path}: use .csv, .xlsx or .json`, [
      {
        path: 'file',
        value: path,
        code: 'catalog.format',
        messageVi: `Không đọc được loại tệp "${path}": hãy dùng .csv, .xlsx hoặc .json`,
        messageEn: `Unknown catalog format for "${path}": use .csv, .xlsx or .json`,
      },
    ]);
  }
  if (format === 'json') return readJsonCatalog(path);
  const sheet = await readSheet(path, format, options);
  return catalogFromSheet(sheet, dirname(path), options.ignoreColumns);
}

/**
 * Products from sheet rows. A problem with the layout itself (unknown, duplicated or unnamed columns)
 * fails every product: which value belongs where is then unsure.
 */
export function catalogFromSheet(
  sheet: SheetData,
  baseDir: string,
  ignoreColumns: readonly string[] = [],
): CatalogReadResult {
  const { byKey, issues: headerIssues } = columnIndex(sheet.headers, ignoreColumns, sheet.headerRow);
  const layoutIssues = [...headerIssues, ...(sheet.layoutIssues ?? [])];
  const issues: ValidationIssue[] = [...layoutIssues];
  for (const column of CATALOG_COLUMNS) {
    if (column.required && !byKey.has(column.key)) {
      issues.push(
        issue({
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
  const cellIssues = built.flatMap((b) => b.cellIssues);
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
