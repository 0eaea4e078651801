import type { z } from 'zod';
import { checkModelArgument, describeValueIn, isPlainObject, valueAt } from './argument-check.js';
import { echoed } from './echo.js';
import { type BilingualText, FIELD_LABELS, isMessageKey, MESSAGES, type MessageKey } from './messages.js';
import { didYouMean } from './nearest-name.js';
import { type Product, ProductSchema, parseValidProduct } from './product.js';
import { type UnknownField, unknownFields } from './unknown-fields.js';

/**
 * One problem found in the caller's data, readable by a person who is not a programmer.
 * `path` is a dotted field path ("variants.1.priceVnd"); `row`/`column` are filled in by spreadsheet
 * readers; `platform`/`rule` by a platform's listing rules.
 */
export interface ValidationIssue {
  path: string;
  value?: unknown;
  code: MessageKey | (string & {});
  messageVi: string;
  messageEn: string;
  sku?: string;
  row?: number;
  column?: string;
  platform?: string;
  rule?: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

function genericKey(issue: z.core.$ZodIssue, value: unknown): MessageKey {
  // An empty cell is "missing", whatever rule the schema would have applied to a value.
  if (value === undefined && issue.code !== 'unrecognized_keys') return 'generic.required';
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? 'generic.required' : 'generic.invalid_type';
    case 'too_small':
      return 'generic.too_small';
    case 'too_big':
      return 'generic.too_big';
    case 'invalid_value':
      return 'generic.invalid_value';
    case 'unrecognized_keys':
      return 'generic.unknown_field';
    default:
      return 'generic.invalid';
  }
}

/** What zod expected, in words ("must be text"), by the type it names. */
export const EXPECTED_TYPE: Readonly<Record<string, BilingualText>> = {
  string: { vi: 'văn bản (chuỗi)', en: 'text' },
  number: { vi: 'một số', en: 'a number' },
  int: { vi: 'một số nguyên', en: 'a whole number' },
  bigint: { vi: 'một số nguyên (bigint)', en: 'a bigint' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'một đối tượng', en: 'an object' },
  array: { vi: 'một mảng', en: 'an array' },
  date: { vi: 'một Date hợp lệ', en: 'a valid Date' },
};

/** What was given, with its value when short: `number 42`, `string "Quảng Trị"`, `null`, `array`. */
export function givenValueIn(value: unknown): BilingualText {
  const shown =
    typeof value === 'string' && value.trim() !== ''
      ? JSON.stringify(echoed(value, 40))
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : undefined;
  if (shown === undefined) return describeValueIn(value);
  return { vi: `${typeof value} ${shown}`, en: `${typeof value} ${shown}` };
}

/**
 * A value of the wrong type, not a missing one (`to.province: 42`): what it must be and what it was
 * ("Must be text (got number 42)"), or the schema's own words for the field followed by what it was.
 */
function wrongTypeText(
  issue: z.core.$ZodIssue,
  value: unknown,
  own: BilingualText | undefined,
): BilingualText {
  const got = givenValueIn(value);
  if (own) return { vi: `${own.vi} (nhận được ${got.vi})`, en: `${own.en} (got ${got.en})` };
  const expected = 'expected' in issue ? EXPECTED_TYPE[String(issue.expected)] : undefined;
  if (!expected) return MESSAGES['generic.invalid_type'];
  return { vi: `Phải là ${expected.vi} (nhận được ${got.vi})`, en: `Must be ${expected.en} (got ${got.en})` };
}

/** A year-month-day date that is not on the calendar: which part does not exist (`2024-02-31`). */
function notRealDateText(value: string): BilingualText {
  const [year, month] = value.split('-').map(Number) as [number, number];
  if (month < 1 || month > 12)
    return {
      vi: `Ngày "${value}" không có thật: không có tháng ${month} (năm-tháng-ngày, ví dụ 2024-05-31)`,
      en: `Date "${value}" does not exist: there is no month ${month} (year-month-day, e.g. 2024-05-31)`,
    };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    vi: `Ngày "${value}" không có thật: tháng ${month} năm ${year} có ${days} ngày`,
    en: `Date "${value}" does not exist: month ${month} of ${year} has ${days} days`,
  };
}

/** Turn zod's issues into bilingual, human-readable ones. */
export function toValidationIssues(
  error: z.core.$ZodError,
  input: unknown,
  context: Partial<Pick<ValidationIssue, 'row' | 'sku' | 'platform'>> = {},
): ValidationIssue[] {
  return error.issues.map((issue) => {
    const value = valueAt(input, issue.path);
    // A missing value reads better as "required" than as the field's format rule.
    const missing = value === undefined && issue.code === 'invalid_type';
    const specific = isMessageKey(issue.message) && !(missing && !issue.message.endsWith('required'));
    let key: MessageKey = specific ? (issue.message as MessageKey) : genericKey(issue, value);
    let text: BilingualText = MESSAGES[key];
    if (issue.code === 'invalid_type' && value !== undefined && (!specific || key.endsWith('_required'))) {
      // A "required" rule does not fit a value that is there but of the wrong type: say which type.
      key = 'generic.invalid_type';
      text = wrongTypeText(issue, value, undefined);
    } else if (key === 'address.invalid_type') text = wrongTypeText(issue, value, MESSAGES[key]);
    else if (key === 'date.not_real' && typeof value === 'string') text = notRealDateText(value);
    return {
      path: issue.path.map(String).join('.'),
      value,
      code: key,
      messageVi: text.vi,
      messageEn: text.en,
      ...context,
    };
  });
}

/**
 * A field of a product the model does not know (it would be dropped without a word: `priceVND` leaves
 * the price unset), named with its path and the nearest known field.
 */
function unknownFieldIssue(field: UnknownField, sku: string | undefined): ValidationIssue {
  const hint = didYouMean(field.nearest);
  return {
    path: field.path,
    value: field.value,
    code: 'generic.unknown_field',
    messageVi: `Trường "${field.path}" không có trong mô hình sản phẩm.${hint.vi}`,
    messageEn: `Field "${field.path}" is not part of the product model.${hint.en}`,
    ...(sku !== undefined ? { sku } : {}),
  };
}

/**
 * Parse anything into a `Product`, or say what is wrong with every field at once — a field the model
 * does not know included (refused, with the nearest known name), never silently dropped.
 */
export function validateProduct(
  input: unknown,
  context: Partial<Pick<ValidationIssue, 'row'>> = {},
): ValidationResult<Product> {
  const skuValue = valueAt(input, ['sku']);
  const sku = typeof skuValue === 'string' ? skuValue : undefined;
  const unknown = unknownFields(input, ProductSchema).map((field) => ({
    ...unknownFieldIssue(field, sku),
    ...context,
  }));
  // Most rows are valid: decided without a zod check on the product (see parseValidProduct); a refused
  // row is parsed again with ProductSchema, so its issues are the same complete list as before.
  const valid = unknown.length === 0 ? parseValidProduct(input) : undefined;
  if (valid) return { ok: true, value: valid };
  const parsed = ProductSchema.safeParse(input);
  if (parsed.success && unknown.length === 0) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: [
      ...(parsed.success
        ? []
        : toValidationIssues(parsed.error, input, { ...context, ...(sku !== undefined ? { sku } : {}) })),
      ...unknown,
    ],
  };
}

/** How SKUs are compared: 'VL-BSD' and ' vl-bsd' are one SKU on a marketplace (#18). */
export function foldSku(sku: string): string {
  return sku.normalize('NFC').trim().toLowerCase();
}

/**
 * A SKU already used by an earlier product of the same catalog — `first`, that product's spelling and
 * row, when it is spelt in another letter case (the two are named).
 */
export function duplicateSkuIssue(
  sku: string,
  row?: number,
  first?: { sku: string; row?: number | undefined },
): ValidationIssue {
  const otherCase = first !== undefined && first.sku !== sku;
  const at = (word: string) => (first?.row !== undefined ? ` (${word} ${first.row})` : '');
  return {
    path: 'sku',
    value: sku,
    code: 'sku.duplicate',
    messageVi: otherCase
      ? `Mã SKU ${sku} trùng với ${first.sku}${at('dòng')} trong danh mục (chỉ khác chữ hoa/chữ thường: trên sàn là một SKU)`
      : MESSAGES['sku.duplicate'].vi,
    messageEn: otherCase
      ? `SKU ${sku} equals ${first.sku}${at('row')} of the catalog ignoring letter case (one SKU on a marketplace)`
      : MESSAGES['sku.duplicate'].en,
    sku,
    ...(row !== undefined ? { row } : {}),
  };
}

export interface CatalogValidation {
  products: Product[];
  /** Issues per input index; an index absent here validated cleanly. */
  issues: ValidationIssue[];
  /** Input indexes that failed. */
  invalidIndexes: number[];
}

/**
 * Validate a whole catalog: every product on its own, then SKUs across products (a SKU used twice would
 * make two listings fight over one stock figure).
 */
export function validateCatalog(
  inputs: readonly unknown[],
  rowOf: (index: number) => number = (i) => i + 1,
): CatalogValidation {
  const products: Product[] = [];
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(inputs)) {
    // A list is expected; anything else is one issue at the root, not a TypeError.
    const got = inputs === null ? 'null' : typeof inputs;
    issues.push({
      path: '',
      value: inputs,
      code: 'invalid_argument',
      messageVi: `Danh mục phải là một mảng sản phẩm (nhận được ${got})`,
      messageEn: `The catalog must be an array of products (got ${got})`,
    });
    return { products, issues, invalidIndexes: [] };
  }
  const invalid = new Set<number>();
  const owners = new Map<string, number>();
  /** Folded SKU → its first spelling and product index (SKUs compared without regard to case). */
  const folded = new Map<string, { sku: string; index: number }>();
  inputs.forEach((input, index) => {
    const result = validateProduct(input, { row: rowOf(index) });
    if (!result.ok) {
      issues.push(...result.issues);
      invalid.add(index);
      return;
    }
    const skus = [result.value.sku, ...result.value.variants.map((v) => v.sku)];
    const clash = skus.find((sku) => folded.has(foldSku(sku)));
    if (clash !== undefined) {
      const first = folded.get(foldSku(clash))!;
      issues.push(duplicateSkuIssue(clash, rowOf(index), { sku: first.sku, row: rowOf(first.index) }));
      invalid.add(index);
      return;
    }
    for (const sku of skus) {
      owners.set(sku, index);
      folded.set(foldSku(sku), { sku, index });
    }
    products.push(result.value);
  });
  const kept = bundleComponentIssues(products, owners, rowOf, issues, invalid);
  return { products: kept, issues, invalidIndexes: [...invalid].sort((a, b) => a - b) };
}

/**
 * Gift boxes whose components are not catalog SKUs, are gift boxes themselves, or are a product with
 * variants (no stock of its own: the box would show 0 forever) are invalid.
 */
function bundleComponentIssues(
  products: Product[],
  owners: ReadonlyMap<string, number>,
  rowOf: (index: number) => number,
  issues: ValidationIssue[],
  invalid: Set<number>,
): Product[] {
  const spelling = componentSpelling(owners.keys());
  for (const product of products) spellComponents(product, spelling);
  const bundles = new Set(products.filter((p) => p.bundle).map((p) => p.sku));
  const variantsOf = new Map(
    products.filter((p) => p.variants.length > 0).map((p) => [p.sku, p.variants.map((v) => v.sku)]),
  );
  return products.filter((product) => {
    if (!product.bundle) return true;
    const index = owners.get(product.sku)!;
    const problems = bundleIssues(
      product,
      { known: (sku) => owners.has(sku), bundles, variantsOf },
      rowOf(index),
    );
    if (problems.length === 0) return true;
    issues.push(...problems);
    invalid.add(index);
    return false;
  });
}

/** The catalog's SKUs by their case-folded, trimmed form (see `spellComponents`). */
export function componentSpelling(skus: Iterable<string>): Map<string, string> {
  const spelling = new Map<string, string>();
  for (const sku of skus) spelling.set(sku.normalize('NFC').trim().toLowerCase(), sku);
  return spelling;
}

/**
 * A component typed in another case or with stray spaces ("vl-mo x1") is the catalog's SKU, as seller
 * SKUs are compared elsewhere: written in the catalog's spelling, so the ledger keys match (#19 trial 3).
 * The same rule for the spreadsheet, `validateCatalog`, `publish`, the stock ledger and `linkListings`
 * (#19 re-trial MEDIUM 4). Rewrites the product's components in place.
 */
export function spellComponents(product: Product, spelling: ReadonlyMap<string, string>): void {
  const components = product.bundle?.components ?? [];
  for (const component of components) {
    const canonical = spelling.get(component.sku.normalize('NFC').trim().toLowerCase());
    // Not when the box names that SKU already: two lines of one component stay an error.
    if (canonical && canonical !== component.sku && !components.some((c) => c.sku === canonical))
      component.sku = canonical;
  }
}

/** What the rest of the catalog says about a gift box's component SKUs. */
export interface BundleContext {
  /** A SKU some valid product or variant of the catalog holds. */
  known(sku: string): boolean;
  /** SKUs of the catalog's gift boxes. */
  bundles: ReadonlySet<string>;
  /** Products with variants: parent SKU → its variant SKUs. */
  variantsOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * One gift box's component issues (`validateCatalog` and `publish` share them): a component that is
 * no catalog SKU, a gift box itself, or a product with variants.
 */
export function bundleIssues(product: Product, context: BundleContext, row: number): ValidationIssue[] {
  if (!product.bundle) return [];
  const { known, bundles, variantsOf } = context;
  return product.bundle.components.flatMap((component, i) => {
    const code = !known(component.sku)
      ? 'bundle.unknown_component'
      : bundles.has(component.sku)
        ? 'bundle.nested'
        : variantsOf.has(component.sku)
          ? 'bundle.variant_parent'
          : undefined;
    if (!code) return [];
    const variants = variantsOf.get(component.sku);
    const which = code === 'bundle.variant_parent' && variants ? ` (${variants.join(', ')})` : '';
    return [
      {
        path: `bundle.components.${i}.sku`,
        value: component.sku,
        code,
        messageVi: `${MESSAGES[code].vi}${which}`,
        messageEn: `${MESSAGES[code].en}${which}`,
        sku: product.sku,
        row,
      },
    ];
  });
}

export type Language = 'vi' | 'en';

function fieldLabel(path: string, lang: Language): string {
  const parts = path.split('.');
  const labelled = parts.map((part) =>
    /^\d+$/.test(part) ? `#${Number(part) + 1}` : (FIELD_LABELS[part]?.[lang] ?? part),
  );
  return labelled.join(' › ');
}

/** "Dòng 3 · Giá: Giá phải là số nguyên dương (VND) (giá trị: -5)". */
export function formatIssue(issue: ValidationIssue, lang: Language = 'vi'): string {
  checkModelArgument(
    isPlainObject(issue) && (typeof issue.path === 'string' || typeof issue.column === 'string'),
    'issue',
    issue,
    { vi: 'một ValidationIssue (có path hoặc column)', en: 'a ValidationIssue (with path or column)' },
  );
  checkModelArgument(lang === 'vi' || lang === 'en', 'lang', lang, {
    vi: '"vi" hoặc "en" (hoặc bỏ trống)',
    en: '"vi" or "en" (or left out)',
  });
  const where: string[] = [];
  if (issue.platform) where.push(issue.platform);
  if (issue.row !== undefined) where.push(lang === 'vi' ? `Dòng ${issue.row}` : `Row ${issue.row}`);
  if (issue.sku && issue.row === undefined) where.push(`SKU ${issue.sku}`);
  where.push(issue.column ?? fieldLabel(issue.path, lang));
  const message = lang === 'vi' ? issue.messageVi : issue.messageEn;
  const shown =
    issue.value === undefined
      ? ''
      : ` (${lang === 'vi' ? 'giá trị' : 'value'}: ${JSON.stringify(issue.value)})`;
  return `${where.join(' · ')}: ${message}${shown}`;
}
