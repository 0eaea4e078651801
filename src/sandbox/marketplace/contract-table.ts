/**
 * The plain-value settings of the marketplace sandboxes, side by side (one row per setting, one column
 * per platform): Voso's and Postmart's from their contracts (docs/contracts/voso.md and postmart.md; Voso
 * takes Shopee's listing limits), Shopee's from its public documentation. Names on the wire, statuses and
 * id formats stay in each dialect.
 */
import { LEGACY_BUYERS, TWO_LEVEL_BUYERS } from './buyer-profiles.js';
import type { EngineConfig } from './engine-config.js';
import type { ImageSpec } from './image-store.js';
import type { ListingRules } from './listing-rules.js';

type ContractPlatform = 'voso' | 'postmart' | 'shopee';
type Column = 0 | 1 | 2;
type Columns<T> = { readonly [K in keyof T]: readonly [voso: T[K], postmart: T[K], shopee: T[K]] };

function columnOf<T>(table: Columns<T>, column: Column): T {
  const values = {} as T;
  for (const key of Object.keys(table) as Array<keyof T>) values[key] = table[key][column];
  return values;
}

function byPlatform<T>(valuesOf: (column: Column) => T): Readonly<Record<ContractPlatform, T>> {
  return { voso: valuesOf(0), postmart: valuesOf(1), shopee: valuesOf(2) };
}

/** What one listing may hold, and each of its variants and its parcel. */
const LISTING_RULES: Columns<ListingRules> = {
  titleMinChars: [10, 10, 10],
  titleMaxChars: [120, 150, 120],
  descriptionMaxChars: [3000, 5000, 3000],
  imagesMin: [1, 1, 1],
  imagesMax: [9, 8, 9],
  maxTiers: [2, 2, 2],
  maxTierOptions: [20, 20, 50],
  maxVariants: [50, 50, 50],
  priceMinVnd: [1000, 1000, 1000],
  priceMaxVnd: [500_000_000, 500_000_000, 120_000_000],
  stockMax: [999_999, 999_999, 999_999],
  weightMaxGrams: [50_000, 50_000, 300_000],
  dimensionMaxCm: [200, 200, 300],
};

export const CONTRACT_LISTING_RULES = byPlatform((column) => columnOf(LISTING_RULES, column));

const MIB = 1024 * 1024;

export const CONTRACT_IMAGE_SPECS: Readonly<Record<ContractPlatform, ImageSpec>> = {
  voso: { formats: ['JPEG', 'PNG'], minWidth: 500, minHeight: 500, square: true, maxBytes: 2 * MIB },
  postmart: { formats: ['JPEG'], minWidth: 600, minHeight: 600, square: false, maxBytes: MIB },
  shopee: { formats: ['JPEG', 'PNG'], minWidth: 500, minHeight: 500, square: true, maxBytes: 2 * MIB },
};

type ShopSettings = Pick<
  EngineConfig,
  | 'dedupeImages'
  | 'listingIdStart'
  | 'variantIdStart'
  | 'orderIdPrefix'
  | 'shipTarget'
  | 'shipAllowedFrom'
  | 'shippingFeeVnd'
  | 'buyers'
>;

/** How each shop numbers and ships; `shippingFeeVnd` is the default a sandbox option overrides. */
const SHOP_SETTINGS: Columns<ShopSettings> = {
  dedupeImages: [true, false, false],
  listingIdStart: [100_001, 43_001, 2_200_000_001],
  variantIdStart: [500_001, 900_001, 9_100_000_001],
  orderIdPrefix: ['VS', 'PM', ''],
  shipTarget: ['SHIPPED', 'READY_TO_SHIP', 'READY_TO_SHIP'],
  shipAllowedFrom: [
    ['CONFIRMED', 'READY_TO_SHIP'],
    ['CONFIRMED', 'CANCEL_REQUESTED'],
    ['PENDING_CONFIRM', 'CONFIRMED'],
  ],
  shippingFeeVnd: [30_000, 25_000, 22_000],
  buyers: [LEGACY_BUYERS, TWO_LEVEL_BUYERS, LEGACY_BUYERS],
};

export const CONTRACT_SHOP_SETTINGS = byPlatform((column) => columnOf(SHOP_SETTINGS, column));
