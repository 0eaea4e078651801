import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ValidationError } from '../core/errors.js';
import type { Product } from '../model/product.js';
import { type ValidationIssue, validateCatalog } from '../model/validation.js';
import {
  CellError,
  type CellValue,
  cellText,
  foldKey,
  readDate,
  readMoney,
  readNetContent,
  readProducerType,
  readStars,
  readStatus,
  readWholeNumber,
} from './cells.js';
import { CATALOG_COLUMNS, type CatalogColumn, type ColumnKey, FIELD_TO_COLUMN } from './columns.js';
import { type CatalogFormat, detectFormat, readSheet, type SheetData, type SheetRow } from './read-rows.js';

export interface ReadCatalogOptions {
  /** @default from the file extension */
  format?: CatalogFormat;
  /** XLSX sheet name. @default the first sheet */
  sheet?: string;
  /** CSV separator. @default detected from the header line (`,`, `;` or tab) */
  delimiter?: string;
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

function columnIndex(headers: readonly string[]): { byKey: Map<ColumnKey, string>; unknown: string[] } {
  const wanted = new Map<string, CatalogColumn>();
  for (const column of CATALOG_COLUMNS) {
    wanted.set(foldKey(column.vi), column);
    wanted.set(foldKey(column.en), column);
  }
  const byKey = new Map<ColumnKey, string>();
  const unknown: string[] = [];
  for (const header of headers) {
    const column = wanted.get(foldKey(header));
    if (column && !byKey.has(column.key)) byKey.set(column.key, header);
    else if (header !== '') unknown.push(header);
  }
  return { byKey, unknown };
}

function issue(
  fields: Omit<ValidationIssue, 'messageVi' | 'messageEn'> & { vi: string; en: string },
): ValidationIssue {
  const { vi, en, ...rest } = fields;
  return { ...rest, messageVi: vi, messageEn: en };
}

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

function groupRows(
  sheet: SheetData,
  skuHeader: string | undefined,
): { groups: ProductGroup[]; issues: ValidationIssue[] } {
  const groups = new Map<string, ProductGroup>();
  const issues: ValidationIssue[] = [];
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
      continue;
    }
    const group = groups.get(sku) ?? { sku, rows: [] };
    group.rows.push(row);
    groups.set(sku, group);
  }
  return { groups: [...groups.values()], issues };
}

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
  return { ...modelIssue, ...(row !== undefined ? { row } : {}), ...(column ? { column } : {}) };
}

async function readJsonCatalog(path: string): Promise<CatalogReadResult> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  const items: unknown[] = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { products?: unknown }).products)
      ? (parsed as { products: unknown[] }).products
      : [];
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
  return {
    products: result.products,
    productRows: items.map((_, i) => i + 1).filter((_, i) => !invalid.has(i)),
    issues: result.issues,
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
  return catalogFromSheet(sheet, dirname(path));
}

export function catalogFromSheet(sheet: SheetData, baseDir: string): CatalogReadResult {
  const { byKey } = columnIndex(sheet.headers);
  const issues: ValidationIssue[] = [];
  for (const column of CATALOG_COLUMNS) {
    if (column.required && !byKey.has(column.key)) {
      issues.push(
        issue({
          path: column.key,
          code: 'column.missing',
          vi: `Thiếu cột "${column.vi}"`,
          en: `Column "${column.vi}" (${column.en}) is missing`,
          row: 1,
          column: column.vi,
        }),
      );
    }
  }
  const { groups, issues: groupIssues } = groupRows(sheet, byKey.get('product_sku'));
  issues.push(...groupIssues);
  const built = groups.map((group) => productFromGroup(group, byKey, baseDir));
  const validation = validateCatalog(
    built.map((b) => b.input),
    (i) => groups[i]?.rows[0]?.rowNumber ?? 0,
  );
  const cellIssues = built.flatMap((b) => b.cellIssues);
  const failedGroups = new Set(validation.invalidIndexes);
  built.forEach((b, i) => {
    if (b.cellIssues.length > 0) failedGroups.add(i);
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
  const modelIssues = located.filter((m) => !cellKeys.has(`${m.row}|${m.column}`));
  const validGroups = new Map(groups.filter((_, i) => !failedGroups.has(i)).map((g) => [g.sku, g] as const));
  const products = validation.products.filter((p) => validGroups.has(p.sku));
  return {
    products,
    productRows: products.map((p) => validGroups.get(p.sku)?.rows[0]?.rowNumber ?? 0),
    issues: [...issues, ...cellIssues, ...modelIssues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    rowCount: sheet.rows.length,
    productCount: groups.length,
  };
}
