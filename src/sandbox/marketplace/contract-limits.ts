/**
 * The listing and image limits of the marketplace sandboxes, side by side (one row per rule, one column
 * per platform): Voso's and Postmart's from their contracts (docs/contracts/voso.md and postmart.md §0,
 * §5, §6; Voso takes Shopee's numbers), Shopee's from its public documentation.
 */
import type { ImageSpec } from './image-store.js';
import type { ListingRules } from './listing-rules.js';

type ContractPlatform = 'voso' | 'postmart' | 'shopee';
type PerPlatform = readonly [voso: number, postmart: number, shopee: number];
type VariantLimit = 'priceMinVnd' | 'priceMaxVnd' | 'stockMax' | 'weightMaxGrams' | 'dimensionMaxCm';

/** What one listing may hold. */
const LISTING_LIMITS: Readonly<Record<Exclude<keyof ListingRules, VariantLimit>, PerPlatform>> = {
  titleMinChars: [10, 10, 10],
  titleMaxChars: [120, 150, 120],
  descriptionMaxChars: [3000, 5000, 3000],
  imagesMin: [1, 1, 1],
  imagesMax: [9, 8, 9],
  maxTiers: [2, 2, 2],
  maxTierOptions: [20, 20, 50],
  maxVariants: [50, 50, 50],
};

/** What each variant's price and stock, and the parcel, may be. */
const VARIANT_LIMITS: Readonly<Record<VariantLimit, PerPlatform>> = {
  priceMinVnd: [1000, 1000, 1000],
  priceMaxVnd: [500_000_000, 500_000_000, 120_000_000],
  stockMax: [999_999, 999_999, 999_999],
  weightMaxGrams: [50_000, 50_000, 300_000],
  dimensionMaxCm: [200, 200, 300],
};

function rulesOf(column: 0 | 1 | 2): ListingRules {
  const rules = {} as Record<keyof ListingRules, number>;
  for (const [rule, values] of Object.entries({ ...LISTING_LIMITS, ...VARIANT_LIMITS }))
    rules[rule as keyof ListingRules] = values[column];
  return rules;
}

export const CONTRACT_LISTING_RULES: Readonly<Record<ContractPlatform, ListingRules>> = {
  voso: rulesOf(0),
  postmart: rulesOf(1),
  shopee: rulesOf(2),
};

const MIB = 1024 * 1024;

export const CONTRACT_IMAGE_SPECS: Readonly<Record<ContractPlatform, ImageSpec>> = {
  voso: { formats: ['JPEG', 'PNG'], minWidth: 500, minHeight: 500, square: true, maxBytes: 2 * MIB },
  postmart: { formats: ['JPEG'], minWidth: 600, minHeight: 600, square: false, maxBytes: MIB },
  shopee: { formats: ['JPEG', 'PNG'], minWidth: 500, minHeight: 500, square: true, maxBytes: 2 * MIB },
};
