import { AN_OBJECT, AN_OBJECT_OR_NOTHING, checkArgument } from '../../core/argument-guards.js';
import { ValidationError } from '../../core/errors.js';
import { type Product, productOffers } from '../../model/product.js';
import { type ValidationIssue, validateProduct } from '../../model/validation.js';
import type { CategoryMapping } from '../types.js';
import { resolveListingAttributes } from './listing-attributes.js';
import { listingIssue } from './listing-rule-messages.js';
import { charCount, productText } from './product-text.js';
import { profileArgument } from './profile.js';
import type { MarketplaceProfile, MarketplaceProfileInput } from './profile-schema.js';

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

/**
 * checkListing / resolveAttributes: a product object that fits the product model and, when given, a
 * mapping object. A product the model refuses (a partial object, a wrong-typed field) is a
 * ValidationError whose issues name the fields — the listing rules read a whole Product.
 */
export function checkProduct(product: unknown, mapping: unknown): Product {
  checkArgument(product, 'product', AN_OBJECT);
  checkArgument(mapping, 'mapping', AN_OBJECT_OR_NOTHING);
  const result = validateProduct(product);
  if (result.ok) return result.value;
  throw new ValidationError(
    { vi: 'product: không khớp mô hình sản phẩm', en: 'product: does not match the product model' },
    result.issues,
  );
}

/**
 * Checks a product against one platform's listing rules. Pure: nothing is sent. Every broken rule is
 * reported (a clerk fixes a row once, not once per error). `profile` is a profile as exported
 * (`VOSO_PROFILE`, your own) or a resolved one (`adapter.profile`); it is checked once per object — a
 * partial or wrong one is a ConfigurationError naming `profile` and each field at fault.
 */
export function checkListingRules(
  profile: MarketplaceProfileInput | MarketplaceProfile,
  product: Product,
  mapping?: CategoryMapping,
): ValidationIssue[] {
  const resolved = profileArgument(profile);
  // A partial or wrong-typed product is a ValidationError naming the fields, not a TypeError below.
  return listingRuleIssues(resolved, checkProduct(product, mapping), mapping);
}

function listingRuleIssues(
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
    /** Where an offer's field sits (`variants.2.stock`, or `stock` without variants), and its SKU. */
    const offerAt = (field: string, value: unknown) => ({ ...at(`${base}${field}`, value), sku: offer.sku });
    if (product.variants.length > 0 && !skuPattern.test(offer.sku)) {
      issues.push(listingIssue('sku.pattern', { sku: offer.sku, platform }, offerAt('sku', offer.sku)));
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
          offerAt('priceVnd', offer.priceVnd),
        ),
      );
    }
    // Per-offer maxima: what is measured, where it sits on the offer, and the value reported.
    const dims = offer.dimensionsCm;
    const maxima = [
      ['stock.max', rules.maxStock, offer.stock, 'stock', offer.stock],
      ['weight.max', rules.maxWeightGrams, offer.weightGrams, 'weightGrams', offer.weightGrams],
      ...(dims
        ? [
            [
              'dimensions.max',
              rules.maxDimensionCm,
              Math.max(dims.length, dims.width, dims.height),
              'dimensionsCm',
              dims,
            ] as const,
          ]
        : []),
    ] as const;
    for (const [rule, max, measured, field, value] of maxima) {
      if (measured > max) {
        issues.push(listingIssue(rule, { max, platform }, offerAt(field, value)));
      }
    }
  });
  return issues;
}
