import type { ListingRulesSpec, TrackingNumberRule } from './profile-schema.js';

/**
 * The listing limits the modeled Vietnamese marketplace contracts share (docs/contracts/voso.md and
 * postmart.md, listing rules): each profile adds its own title, description and image limits and its
 * required attributes. The phrases are the medical claims Vietnamese food advertising rules forbid.
 */
export const MODELED_LISTING_LIMITS = {
  descriptionMinChars: 1,
  maxVariants: 50,
  maxVariantTiers: 2,
  tierNameMaxChars: 20,
  tierOptionMaxChars: 20,
  skuPattern: '^[A-Za-z0-9._-]{1,50}$',
  minPriceVnd: 1_000,
  maxPriceVnd: 500_000_000,
  maxStock: 999_999,
  maxWeightGrams: 50_000,
  maxDimensionCm: 200,
  prohibitedPhrases: ['chữa bệnh', 'chữa khỏi', 'trị bệnh', 'thần dược', 'ung thư'],
} as const satisfies Partial<ListingRulesSpec>;

/** Photo bounds both modeled contracts share; each adds its minimum size, aspect, formats, bytes and count. */
export const MODELED_IMAGE_BOUNDS = {
  maxWidth: 2048,
  maxHeight: 2048,
  background: '#ffffff',
  minCount: 1,
} as const satisfies Partial<ListingRulesSpec['image']>;

/**
 * markShipped's tracking number on the modeled contracts: 6–30 letters, digits or "-" (their ship
 * endpoint's rule, which the sandbox enforces too). An assumption of the shipped profiles, not a known
 * fact of the real APIs: a deployment with partner documentation overrides `rules.trackingNumber`.
 */
export const MODELED_TRACKING_NUMBER = {
  minLength: 6,
  maxLength: 30,
  symbols: '-',
} as const satisfies TrackingNumberRule;
