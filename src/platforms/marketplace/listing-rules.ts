import type { BilingualText } from '../../model/messages.js';
import { type Product, productOffers } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping } from '../types.js';
import { resolveListingAttributes } from './listing-attributes.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** Platforms count characters as Unicode code points after NFC (Vietnamese may arrive decomposed). */
export function charCount(text: string): number {
  return codePoints(text.normalize('NFC'));
}

/** Code points, as `[...text].length` counts them (a lone surrogate is one), without the array. */
function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** What every platform's rules read of a product's text: normalised once, whatever the platform count. */
interface ProductText {
  name: string;
  description: string;
  title: string;
  titleChars: number;
  descriptionChars: number;
  /** NFC title + description, lower-cased the Vietnamese way (prohibited phrases are searched here). */
  haystack: string;
}

/**
 * The last few products read, checked against their strings so an edited product is read again.
 * Publish checks one product against every platform back to back, so a handful of entries serves every
 * platform after the first. Not a WeakMap keyed by the product: V8's scavenger keeps a WeakMap's values
 * (and so its keys' products) alive until the next full GC, which in a 100k-row dry run promoted every
 * validated product to the old generation and grew the heap by ~1 KB per row (#14).
 */
const RECENT_PRODUCT_TEXTS = 4;
const recentProducts: Array<Product | undefined> = new Array(RECENT_PRODUCT_TEXTS).fill(undefined);
const recentTexts: Array<ProductText | undefined> = new Array(RECENT_PRODUCT_TEXTS).fill(undefined);
let nextRecent = 0;
function productText(product: Product): ProductText {
  for (let i = 0; i < RECENT_PRODUCT_TEXTS; i++) {
    const cached = recentTexts[i];
    if (
      recentProducts[i] === product &&
      cached &&
      cached.name === product.name &&
      cached.description === product.description
    )
      return cached;
  }
  const title = product.name.normalize('NFC');
  const description = product.description.normalize('NFC');
  const text: ProductText = {
    name: product.name,
    description: product.description,
    title,
    titleChars: codePoints(title),
    descriptionChars: codePoints(description),
    haystack: `${title}\n${description}`.toLocaleLowerCase('vi'),
  };
  recentProducts[nextRecent] = product;
  recentTexts[nextRecent] = text;
  nextRecent = (nextRecent + 1) % RECENT_PRODUCT_TEXTS;
  return text;
}

/** A profile's phrases, normalised and lower-cased once per list. */
const phraseLists = new WeakMap<readonly string[], string[]>();
function prohibitedPhrases(phrases: readonly string[]): string[] {
  let lowered = phraseLists.get(phrases);
  if (!lowered) {
    lowered = phrases.map((phrase) => phrase.normalize('NFC').toLocaleLowerCase('vi'));
    phraseLists.set(phrases, lowered);
  }
  return lowered;
}

/** One compiled pattern per profile SKU rule (no `g` flag: `test` keeps no state). */
const skuPatterns = new Map<string, RegExp>();
function skuPatternOf(source: string): RegExp {
  let pattern = skuPatterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'u');
    skuPatterns.set(source, pattern);
  }
  return pattern;
}

const fmt = (n: number) => n.toLocaleString('vi-VN');

/** Rule name → bilingual message builder. The rule name travels in `ValidationIssue.rule`. */
const RULES = {
  'title.min_chars': (p: { n: number; min: number; platform: string }): BilingualText => ({
    vi: `Tên sản phẩm có ${p.n} ký tự; ${p.platform} yêu cầu ít nhất ${p.min} ký tự`,
    en: `Title has ${p.n} characters; ${p.platform} requires at least ${p.min}`,
  }),
  'title.max_chars': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Tên sản phẩm có ${p.n} ký tự; ${p.platform} cho phép tối đa ${p.max} ký tự`,
    en: `Title has ${p.n} characters; ${p.platform} allows at most ${p.max}`,
  }),
  'description.min_chars': (p: { n: number; min: number; platform: string }): BilingualText => ({
    vi: `Mô tả có ${p.n} ký tự; ${p.platform} yêu cầu ít nhất ${p.min} ký tự`,
    en: `Description has ${p.n} characters; ${p.platform} requires at least ${p.min}`,
  }),
  'description.max_chars': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Mô tả có ${p.n} ký tự; ${p.platform} cho phép tối đa ${p.max} ký tự`,
    en: `Description has ${p.n} characters; ${p.platform} allows at most ${p.max}`,
  }),
  'images.min_count': (p: { n: number; min: number; platform: string }): BilingualText => ({
    vi: `Sản phẩm có ${p.n} ảnh; ${p.platform} yêu cầu ít nhất ${p.min} ảnh`,
    en: `Product has ${p.n} images; ${p.platform} requires at least ${p.min}`,
  }),
  'images.max_count': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Sản phẩm có ${p.n} ảnh; ${p.platform} cho phép tối đa ${p.max} ảnh`,
    en: `Product has ${p.n} images; ${p.platform} allows at most ${p.max}`,
  }),
  'variants.max_tiers': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Phân loại dùng ${p.n} thuộc tính; ${p.platform} cho phép tối đa ${p.max}`,
    en: `Variants use ${p.n} option tiers; ${p.platform} allows at most ${p.max}`,
  }),
  'variants.max_count': (p: { n: number; max: number; platform: string }): BilingualText => ({
    vi: `Sản phẩm có ${p.n} phân loại; ${p.platform} cho phép tối đa ${p.max}`,
    en: `Product has ${p.n} variants; ${p.platform} allows at most ${p.max}`,
  }),
  'variants.tier_name_chars': (p: { name: string; max: number; platform: string }): BilingualText => ({
    vi: `Tên thuộc tính phân loại "${p.name}" dài quá ${p.max} ký tự (${p.platform})`,
    en: `Variant option name "${p.name}" is longer than ${p.max} characters (${p.platform})`,
  }),
  'variants.tier_option_chars': (p: { name: string; max: number; platform: string }): BilingualText => ({
    vi: `Giá trị phân loại "${p.name}" dài quá ${p.max} ký tự (${p.platform})`,
    en: `Variant option value "${p.name}" is longer than ${p.max} characters (${p.platform})`,
  }),
  'sku.pattern': (p: { sku: string; platform: string }): BilingualText => ({
    vi: `Mã SKU "${p.sku}" không đúng định dạng ${p.platform} chấp nhận`,
    en: `SKU "${p.sku}" does not match the format ${p.platform} accepts`,
  }),
  'price.range': (p: { min: number; max: number; platform: string }): BilingualText => ({
    vi: `Giá phải từ ${fmt(p.min)} ₫ đến ${fmt(p.max)} ₫ trên ${p.platform}`,
    en: `Price must be between ${p.min} and ${p.max} VND on ${p.platform}`,
  }),
  'stock.max': (p: { max: number; platform: string }): BilingualText => ({
    vi: `Tồn kho tối đa trên ${p.platform} là ${fmt(p.max)}`,
    en: `Stock on ${p.platform} can be at most ${p.max}`,
  }),
  'weight.max': (p: { max: number; platform: string }): BilingualText => ({
    vi: `Khối lượng tối đa trên ${p.platform} là ${fmt(p.max)} g`,
    en: `Weight on ${p.platform} can be at most ${p.max} g`,
  }),
  'dimensions.max': (p: { max: number; platform: string }): BilingualText => ({
    vi: `Mỗi chiều kích thước tối đa ${p.max} cm trên ${p.platform}`,
    en: `Each dimension can be at most ${p.max} cm on ${p.platform}`,
  }),
  'content.prohibited_claim': (p: { phrase: string; platform: string }): BilingualText => ({
    vi: `Nội dung chứa cụm từ bị cấm "${p.phrase}" (quảng cáo công dụng chữa bệnh); ${p.platform} sẽ từ chối tin đăng`,
    en: `Text contains the prohibited phrase "${p.phrase}" (medical claim); ${p.platform} would reject the listing`,
  }),
  'attributes.required': (p: { code: string; platform: string }): BilingualText => ({
    vi: `Thiếu thuộc tính bắt buộc "${p.code}" của ${p.platform}`,
    en: `Missing attribute "${p.code}" required by ${p.platform}`,
  }),
  'attributes.not_allowed': (p: {
    code: string;
    value: string;
    allowed: string;
    platform: string;
  }): BilingualText => ({
    vi: `Giá trị "${p.value}" của thuộc tính "${p.code}" không hợp lệ trên ${p.platform} (cho phép: ${p.allowed})`,
    en: `Value "${p.value}" of attribute "${p.code}" is not accepted by ${p.platform} (allowed: ${p.allowed})`,
  }),
  'category.unmapped': (p: { platform: string }): BilingualText => ({
    vi: `Chưa ánh xạ danh mục của sản phẩm sang danh mục ${p.platform}`,
    en: `The product's category is not mapped to a ${p.platform} category`,
  }),
  'category.not_leaf': (p: { id: string; platform: string }): BilingualText => ({
    vi: `Danh mục ${p.id} của ${p.platform} không phải danh mục cuối (không đăng sản phẩm được)`,
    en: `${p.platform} category ${p.id} is not a leaf category (products cannot be listed there)`,
  }),
  'category.unknown': (p: { id: string; platform: string }): BilingualText => ({
    vi: `Không có danh mục ${p.id} trên ${p.platform}`,
    en: `${p.platform} has no category ${p.id}`,
  }),
} as const;

export type ListingRuleName = keyof typeof RULES;

export function listingIssue<R extends ListingRuleName>(
  rule: R,
  params: Parameters<(typeof RULES)[R]>[0],
  extra: { path: string; value?: unknown; sku?: string; platform: string },
): ValidationIssue {
  const text = (RULES[rule] as (p: Parameters<(typeof RULES)[R]>[0]) => BilingualText)(params);
  return {
    path: extra.path,
    ...(extra.value !== undefined ? { value: extra.value } : {}),
    code: `listing.${rule}`,
    messageVi: text.vi,
    messageEn: text.en,
    ...(extra.sku ? { sku: extra.sku } : {}),
    platform: extra.platform,
    rule,
  };
}

/**
 * Checks a product against one platform's listing rules. Pure: nothing is sent. Every broken rule is
 * reported (a clerk fixes a row once, not once per error).
 */
export function checkListingRules(
  profile: MarketplaceProfile,
  product: Product,
  mapping?: CategoryMapping,
): ValidationIssue[] {
  const rules = profile.rules;
  const platform = profile.displayName;
  const at = (path: string, value?: unknown) => ({
    path,
    value,
    sku: product.sku,
    platform: profile.platform,
  });
  const issues: ValidationIssue[] = [];

  const { title, titleChars, descriptionChars, haystack } = productText(product);
  if (titleChars < rules.titleMinChars) {
    issues.push(
      listingIssue(
        'title.min_chars',
        { n: titleChars, min: rules.titleMinChars, platform },
        at('name', title),
      ),
    );
  }
  if (titleChars > rules.titleMaxChars) {
    issues.push(
      listingIssue(
        'title.max_chars',
        { n: titleChars, max: rules.titleMaxChars, platform },
        at('name', title),
      ),
    );
  }
  if (descriptionChars < rules.descriptionMinChars) {
    issues.push(
      listingIssue(
        'description.min_chars',
        { n: descriptionChars, min: rules.descriptionMinChars, platform },
        at('description'),
      ),
    );
  }
  if (descriptionChars > rules.descriptionMaxChars) {
    issues.push(
      listingIssue(
        'description.max_chars',
        { n: descriptionChars, max: rules.descriptionMaxChars, platform },
        at('description'),
      ),
    );
  }
  const imageCount = product.images.length;
  if (imageCount < rules.image.minCount) {
    issues.push(
      listingIssue(
        'images.min_count',
        { n: imageCount, min: rules.image.minCount, platform },
        at('images', imageCount),
      ),
    );
  }
  if (imageCount > rules.image.maxCount) {
    issues.push(
      listingIssue(
        'images.max_count',
        { n: imageCount, max: rules.image.maxCount, platform },
        at('images', imageCount),
      ),
    );
  }

  const lowered = prohibitedPhrases(rules.prohibitedPhrases);
  for (let i = 0; i < lowered.length; i++) {
    if (haystack.includes(lowered[i]!)) {
      const phrase = rules.prohibitedPhrases[i]!;
      issues.push(listingIssue('content.prohibited_claim', { phrase, platform }, at('description', phrase)));
    }
  }

  issues.push(...checkVariants(profile, product, at));

  const attributes = resolveListingAttributes(profile, product, mapping);
  for (const code of rules.requiredAttributes) {
    if (!attributes[code]) {
      issues.push(listingIssue('attributes.required', { code, platform }, at(`attributes.${code}`)));
    }
  }
  return issues;
}

function checkVariants(
  profile: MarketplaceProfile,
  product: Product,
  at: (path: string, value?: unknown) => { path: string; value?: unknown; sku: string; platform: string },
): ValidationIssue[] {
  const rules = profile.rules;
  const platform = profile.displayName;
  const issues: ValidationIssue[] = [];
  const skuPattern = skuPatternOf(rules.skuPattern);
  const tierNames = product.variants.length > 0 ? Object.keys(product.variants[0]!.options) : [];
  if (tierNames.length > rules.maxVariantTiers) {
    issues.push(
      listingIssue(
        'variants.max_tiers',
        { n: tierNames.length, max: rules.maxVariantTiers, platform },
        at('variants'),
      ),
    );
  }
  if (product.variants.length > rules.maxVariants) {
    issues.push(
      listingIssue(
        'variants.max_count',
        { n: product.variants.length, max: rules.maxVariants, platform },
        at('variants'),
      ),
    );
  }
  for (const name of tierNames) {
    if (charCount(name) > rules.tierNameMaxChars) {
      issues.push(
        listingIssue(
          'variants.tier_name_chars',
          { name, max: rules.tierNameMaxChars, platform },
          at('variants', name),
        ),
      );
    }
  }
  const seenOptionValues = new Set<string>();
  if (!skuPattern.test(product.sku)) {
    issues.push(listingIssue('sku.pattern', { sku: product.sku, platform }, at('sku', product.sku)));
  }
  productOffers(product).forEach((offer, index) => {
    const base = product.variants.length > 0 ? `variants.${index}.` : '';
    if (product.variants.length > 0 && !skuPattern.test(offer.sku)) {
      issues.push(
        listingIssue(
          'sku.pattern',
          { sku: offer.sku, platform },
          { ...at(`${base}sku`, offer.sku), sku: offer.sku },
        ),
      );
    }
    for (const value of Object.values(offer.options)) {
      if (charCount(value) > rules.tierOptionMaxChars && !seenOptionValues.has(value)) {
        seenOptionValues.add(value);
        issues.push(
          listingIssue(
            'variants.tier_option_chars',
            { name: value, max: rules.tierOptionMaxChars, platform },
            at(`${base}options`, value),
          ),
        );
      }
    }
    const prices = [offer.priceVnd, ...(offer.listPriceVnd !== undefined ? [offer.listPriceVnd] : [])];
    if (prices.some((p) => p < rules.minPriceVnd || p > rules.maxPriceVnd)) {
      issues.push(
        listingIssue(
          'price.range',
          { min: rules.minPriceVnd, max: rules.maxPriceVnd, platform },
          { ...at(`${base}priceVnd`, offer.priceVnd), sku: offer.sku },
        ),
      );
    }
    if (offer.stock > rules.maxStock) {
      issues.push(
        listingIssue(
          'stock.max',
          { max: rules.maxStock, platform },
          { ...at(`${base}stock`, offer.stock), sku: offer.sku },
        ),
      );
    }
    if (offer.weightGrams > rules.maxWeightGrams) {
      issues.push(
        listingIssue(
          'weight.max',
          { max: rules.maxWeightGrams, platform },
          { ...at(`${base}weightGrams`, offer.weightGrams), sku: offer.sku },
        ),
      );
    }
    const dims = offer.dimensionsCm;
    if (dims && Math.max(dims.length, dims.width, dims.height) > rules.maxDimensionCm) {
      issues.push(
        listingIssue(
          'dimensions.max',
          { max: rules.maxDimensionCm, platform },
          { ...at(`${base}dimensionsCm`, dims), sku: offer.sku },
        ),
      );
    }
  });
  return issues;
}
