/** Spreadsheet rows to product objects: rows grouped by product SKU, each cell parsed, a bad cell an issue naming its row and column. */
import { isAbsolute, resolve } from 'node:path';
import type { ValidationIssue } from '../model/validation.js';
import { catalogIssue } from './catalog-issues.js';
import {
  CellError,
  type CellValue,
  cellText,
  readBundle,
  readDate,
  readMoney,
  readNetContent,
  readProducerType,
  readStars,
  readStatus,
  readWholeNumber,
} from './cells.js';
import { CATALOG_COLUMNS, type ColumnKey } from './columns.js';
import type { SheetData, SheetRow } from './read-rows.js';

export interface ProductGroup {
  sku: string;
  rows: SheetRow[];
}

const issue = catalogIssue;

export class RowReader {
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

export function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

export function resolveImage(ref: string, baseDir: string): { path: string } | { url: string } {
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

export function productFromGroup(group: ProductGroup, byKey: Map<ColumnKey, string>, baseDir: string) {
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

export const PRODUCT_LEVEL_KEYS: readonly ColumnKey[] = CATALOG_COLUMNS.filter(
  (c) => c.level === 'product' && c.key !== 'product_sku',
).map((c) => c.key);

/**
 * Rows grouped into products by "Mã sản phẩm". The rows of one product must be adjacent: the same
 * code again after another product is a second product reusing the code (reported, never merged),
 * and a later row of a group may repeat the product's cells but not contradict them.
 */
export function groupRows(
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
