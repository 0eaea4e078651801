/**
 * Synchronous listing rules (docs/contracts §6 "Listing rules"): everything a platform rejects with
 * per-field errors before a listing exists. Content rules decided later live in review-rules.ts.
 */
import type { AttributeSpec, CategoryNode } from './catalog.js';
import { type FieldIssue, type FieldPath, issue } from './errors.js';
import type { SandboxListing } from './shop-data.js';

export interface ListingRules {
  titleMinChars: number;
  titleMaxChars: number;
  descriptionMaxChars: number;
  imagesMin: number;
  imagesMax: number;
  maxTiers: number;
  maxTierOptions: number;
  maxVariants: number;
  priceMinVnd: number;
  priceMaxVnd: number;
  stockMax: number;
  weightMaxGrams: number;
  dimensionMaxCm: number;
}

/** A listing as sent by a client, with platform field names already mapped but values unchecked. */
export interface ListingDraft {
  sellerSku: unknown;
  title: unknown;
  description: unknown;
  categoryId: unknown;
  attributes: unknown;
  imageIds: unknown;
  weightGrams: unknown;
  lengthCm: unknown;
  widthCm: unknown;
  heightCm: unknown;
  tiers: unknown;
  variants: unknown;
}

export interface ValidVariant {
  sku: string;
  tierIndex: number[];
  priceVnd: number;
  /** undefined when the client did not send a stock value. */
  stock: number | undefined;
}

/** The fields a stored listing takes from the body that created or updated it. */
type ContentField = 'sellerSku' | 'title' | 'description' | 'categoryId' | 'attributes' | 'imageIds';
type ParcelField = 'weightGrams' | 'lengthCm' | 'widthCm' | 'heightCm';

/** A listing body that passed the rules: the stored listing's content, with variants before their ids. */
export interface ValidListing extends Pick<SandboxListing, ContentField | ParcelField | 'tiers'> {
  variants: ValidVariant[];
}

export interface ValidationContext {
  rules: ListingRules;
  categories: ReadonlyMap<number, CategoryNode>;
  imageExists(id: string): boolean;
}

export type ValidationResult = { ok: true; value: ValidListing } | { ok: false; issues: FieldIssue[] };

const SKU_PATTERN = /^[A-Za-z0-9._-]{1,50}$/;
const TIER_TEXT_MAX = 20;

export function charCount(text: string): number {
  return [...text.normalize('NFC')].length;
}

export function isValidSku(value: unknown): value is string {
  return typeof value === 'string' && SKU_PATTERN.test(value);
}

export function isValidPrice(value: unknown, rules: ListingRules): value is number {
  return (
    Number.isInteger(value) &&
    (value as number) >= rules.priceMinVnd &&
    (value as number) <= rules.priceMaxVnd
  );
}

export function isValidStock(value: unknown, rules: ListingRules): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= rules.stockMax;
}

function formatVnd(value: number): string {
  return value.toLocaleString('de-DE');
}

export function priceMessage(rules: ListingRules): string {
  return `Giá phải là số nguyên VND từ ${formatVnd(rules.priceMinVnd)} đến ${formatVnd(rules.priceMaxVnd)}`;
}

export function stockMessage(rules: ListingRules): string {
  return `Tồn kho phải là số nguyên 0–${formatVnd(rules.stockMax)}`;
}

class Collector {
  readonly issues: FieldIssue[] = [];
  add(path: FieldPath, rule: string, message: string): void {
    this.issues.push(issue(path, rule, message));
  }
}

function text(
  c: Collector,
  path: FieldPath,
  value: unknown,
  min: number,
  max: number,
  label: string,
): string | undefined {
  if (value === undefined || value === null || value === '') {
    c.add(path, 'REQUIRED', `${label} là bắt buộc`);
    return undefined;
  }
  if (typeof value !== 'string') {
    c.add(path, 'TYPE', `${label} phải là chuỗi`);
    return undefined;
  }
  const normalized = value.normalize('NFC');
  const length = charCount(normalized);
  if (length < min) c.add(path, 'MIN_LENGTH', `${label} tối thiểu ${min} ký tự`);
  else if (length > max) c.add(path, 'MAX_LENGTH', `${label} tối đa ${max} ký tự`);
  return normalized;
}

function optionalDimension(c: Collector, path: FieldPath, value: unknown, max: number): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    c.add(path, 'RANGE', `Kích thước phải là số nguyên 1–${max} cm`);
    return null;
  }
  return value as number;
}

function checkAttributeValue(c: Collector, spec: AttributeSpec, value: unknown): string | number | undefined {
  const path = ['attributes', spec.code];
  if (spec.type === 'NUMBER') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      c.add(path, 'TYPE', `${spec.name} phải là số`);
      return undefined;
    }
    if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
      c.add(path, 'RANGE', `${spec.name} phải từ ${spec.min} đến ${spec.max}`);
      return undefined;
    }
    return value;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    c.add(path, 'TYPE', `${spec.name} phải là chuỗi không rỗng`);
    return undefined;
  }
  if (spec.type === 'ENUM' && !spec.options?.includes(value)) {
    c.add(path, 'RANGE', `${spec.name} phải là một trong: ${spec.options?.join(', ')}`);
    return undefined;
  }
  return value.normalize('NFC');
}

function checkCategory(c: Collector, ctx: ValidationContext, value: unknown): CategoryNode | undefined {
  if (value === undefined || value === null) {
    c.add(['categoryId'], 'REQUIRED', 'Danh mục là bắt buộc');
    return undefined;
  }
  if (!Number.isInteger(value)) {
    c.add(['categoryId'], 'TYPE', 'Mã danh mục phải là số nguyên');
    return undefined;
  }
  const category = ctx.categories.get(value as number);
  if (!category) {
    c.add(['categoryId'], 'NOT_FOUND', 'Danh mục không tồn tại');
    return undefined;
  }
  if (!category.isLeaf) {
    c.add(['categoryId'], 'NOT_LEAF', 'Chỉ được đăng sản phẩm vào danh mục cấp cuối');
    return undefined;
  }
  return category;
}

function checkAttributes(
  c: Collector,
  category: CategoryNode | undefined,
  value: unknown,
): Record<string, string | number> {
  const result: Record<string, string | number> = {};
  if (value === undefined || value === null) return result;
  if (typeof value !== 'object' || Array.isArray(value)) {
    c.add(['attributes'], 'TYPE', 'Thuộc tính không đúng định dạng');
    return result;
  }
  if (!category) return result;
  for (const [code, raw] of Object.entries(value as Record<string, unknown>)) {
    const spec = category.attributes.find((attribute) => attribute.code === code);
    if (!spec) {
      c.add(['attributes', code], 'UNKNOWN_ATTRIBUTE', `Thuộc tính ${code} không thuộc danh mục này`);
      continue;
    }
    const checked = checkAttributeValue(c, spec, raw);
    if (checked !== undefined) result[code] = checked;
  }
  return result;
}

function checkImages(c: Collector, ctx: ValidationContext, value: unknown): string[] {
  const { imagesMin, imagesMax } = ctx.rules;
  if (!Array.isArray(value)) {
    c.add(['imageIds'], value === undefined ? 'REQUIRED' : 'TYPE', 'Cần danh sách mã hình ảnh');
    return [];
  }
  if (value.length < imagesMin) c.add(['imageIds'], 'MIN_ITEMS', `Cần ít nhất ${imagesMin} hình ảnh`);
  if (value.length > imagesMax) c.add(['imageIds'], 'MAX_ITEMS', `Tối đa ${imagesMax} hình ảnh`);
  const ids: string[] = [];
  value.forEach((id, index) => {
    if (typeof id !== 'string') c.add(['imageIds', index], 'TYPE', 'Mã hình ảnh phải là chuỗi');
    else if (!ctx.imageExists(id)) c.add(['imageIds', index], 'NOT_FOUND', 'Hình ảnh không tồn tại');
    else ids.push(id);
  });
  return ids;
}

function checkTiers(
  c: Collector,
  ctx: ValidationContext,
  value: unknown,
): Array<{ name: string; options: string[] }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    c.add(['tiers'], 'TYPE', 'Phân loại phải là danh sách');
    return [];
  }
  if (value.length > ctx.rules.maxTiers)
    c.add(['tiers'], 'MAX_ITEMS', `Tối đa ${ctx.rules.maxTiers} tầng phân loại`);
  return value.map((tier: unknown, index) => {
    const record = (typeof tier === 'object' && tier !== null ? tier : {}) as Record<string, unknown>;
    const name = text(c, ['tiers', index, 'name'], record.name, 1, TIER_TEXT_MAX, 'Tên phân loại') ?? '';
    const options: string[] = [];
    if (!Array.isArray(record.options) || record.options.length === 0) {
      c.add(['tiers', index, 'options'], 'MIN_ITEMS', 'Cần ít nhất 1 giá trị phân loại');
    } else {
      if (record.options.length > ctx.rules.maxTierOptions) {
        c.add(['tiers', index, 'options'], 'MAX_ITEMS', `Tối đa ${ctx.rules.maxTierOptions} giá trị`);
      }
      record.options.forEach((option: unknown, optionIndex) => {
        const checked = text(
          c,
          ['tiers', index, 'options', optionIndex],
          option,
          1,
          TIER_TEXT_MAX,
          'Giá trị phân loại',
        );
        if (checked === undefined) return;
        if (options.includes(checked))
          c.add(['tiers', index, 'options', optionIndex], 'DUPLICATE', 'Giá trị bị trùng');
        options.push(checked);
      });
    }
    return { name, options };
  });
}

function checkVariants(
  c: Collector,
  ctx: ValidationContext,
  value: unknown,
  tiers: Array<{ name: string; options: string[] }>,
): ValidVariant[] {
  const { rules } = ctx;
  if (!Array.isArray(value) || value.length === 0) {
    c.add(['variants'], value === undefined ? 'REQUIRED' : 'MIN_ITEMS', 'Cần ít nhất 1 biến thể');
    return [];
  }
  const max = tiers.length === 0 ? 1 : rules.maxVariants;
  if (value.length > max) {
    c.add(
      ['variants'],
      'MAX_ITEMS',
      tiers.length === 0 ? 'Sản phẩm không phân loại chỉ có 1 biến thể' : `Tối đa ${max} biến thể`,
    );
  }
  const seenSkus = new Set<string>();
  const seenCombos = new Set<string>();
  return value.map((variant: unknown, index) => {
    const record = (typeof variant === 'object' && variant !== null ? variant : {}) as Record<
      string,
      unknown
    >;
    const sku = record.sku;
    if (!isValidSku(sku)) {
      c.add(
        ['variants', index, 'sku'],
        sku === undefined ? 'REQUIRED' : 'TYPE',
        'SKU gồm 1–50 ký tự A–Z, a–z, 0–9, - _ .',
      );
    } else if (seenSkus.has(sku)) {
      c.add(['variants', index, 'sku'], 'DUPLICATE', 'SKU bị trùng trong yêu cầu');
    } else {
      seenSkus.add(sku);
    }
    const tierIndex = record.tierIndex === undefined ? [] : record.tierIndex;
    const indexValid =
      Array.isArray(tierIndex) &&
      tierIndex.length === tiers.length &&
      tierIndex.every(
        (position, tier) =>
          Number.isInteger(position) && position >= 0 && position < (tiers[tier]?.options.length ?? 0),
      );
    if (!indexValid) {
      c.add(
        ['variants', index, 'tierIndex'],
        'TIER_INDEX',
        'Chỉ số phân loại không khớp với danh sách phân loại',
      );
    } else {
      const key = (tierIndex as number[]).join(',');
      if (seenCombos.has(key))
        c.add(['variants', index, 'tierIndex'], 'DUPLICATE', 'Tổ hợp phân loại bị trùng');
      seenCombos.add(key);
    }
    if (!isValidPrice(record.priceVnd, rules))
      c.add(['variants', index, 'priceVnd'], 'INTEGER_VND', priceMessage(rules));
    if (record.stock !== undefined && record.stock !== null && !isValidStock(record.stock, rules)) {
      c.add(['variants', index, 'stock'], 'RANGE', stockMessage(rules));
    }
    return {
      sku: typeof sku === 'string' ? sku : '',
      tierIndex: Array.isArray(tierIndex) ? (tierIndex as number[]) : [],
      priceVnd: typeof record.priceVnd === 'number' ? record.priceVnd : 0,
      stock: typeof record.stock === 'number' ? record.stock : undefined,
    };
  });
}

export function validateListingDraft(draft: ListingDraft, ctx: ValidationContext): ValidationResult {
  const c = new Collector();
  const { rules } = ctx;
  if (!isValidSku(draft.sellerSku)) {
    c.add(
      ['sellerSku'],
      draft.sellerSku === undefined ? 'REQUIRED' : 'TYPE',
      'SKU gồm 1–50 ký tự A–Z, a–z, 0–9, - _ .',
    );
  }
  const title = text(c, ['title'], draft.title, rules.titleMinChars, rules.titleMaxChars, 'Tên sản phẩm');
  const description = text(c, ['description'], draft.description, 1, rules.descriptionMaxChars, 'Mô tả');
  const category = checkCategory(c, ctx, draft.categoryId);
  const attributes = checkAttributes(c, category, draft.attributes);
  const imageIds = checkImages(c, ctx, draft.imageIds);
  let weightGrams = 0;
  if (
    !Number.isInteger(draft.weightGrams) ||
    (draft.weightGrams as number) < 1 ||
    (draft.weightGrams as number) > rules.weightMaxGrams
  ) {
    c.add(
      ['weightGrams'],
      draft.weightGrams === undefined ? 'REQUIRED' : 'RANGE',
      `Khối lượng phải là số nguyên 1–${rules.weightMaxGrams} gram`,
    );
  } else {
    weightGrams = draft.weightGrams as number;
  }
  const lengthCm = optionalDimension(c, ['lengthCm'], draft.lengthCm, rules.dimensionMaxCm);
  const widthCm = optionalDimension(c, ['widthCm'], draft.widthCm, rules.dimensionMaxCm);
  const heightCm = optionalDimension(c, ['heightCm'], draft.heightCm, rules.dimensionMaxCm);
  const tiers = checkTiers(c, ctx, draft.tiers);
  const variants = checkVariants(c, ctx, draft.variants, tiers);
  if (c.issues.length > 0) return { ok: false, issues: c.issues };
  return {
    ok: true,
    value: {
      sellerSku: draft.sellerSku as string,
      title: title as string,
      description: description as string,
      categoryId: (category as CategoryNode).id,
      attributes,
      imageIds,
      weightGrams,
      lengthCm,
      widthCm,
      heightCm,
      tiers,
      variants,
    },
  };
}
