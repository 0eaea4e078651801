import { ContractViolationError } from '../../core/errors.js';
import type { BilingualText } from '../../model/messages.js';
import type { ListingSkuAssignment, ShopListing, ShopListingVariant } from '../types.js';
import { typedId } from './listing-codec.js';
import { getPath, isRecord, setPath } from './object-path.js';
import type { MarketplaceProfile } from './profile-schema.js';

function violation(profile: MarketplaceProfile, message: BilingualText): ContractViolationError {
  return new ContractViolationError(
    { vi: `${profile.platform}: ${message.vi}`, en: `${profile.platform}: ${message.en}` },
    {
      platform: profile.platform,
      operation: 'listListings',
    },
  );
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** null / '' = the seller left the SKU empty; anything else that is not text breaks the contract. */
function optionalSku(profile: MarketplaceProfile, value: unknown, where: BilingualText): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string')
    throw violation(profile, {
      vi: `${where.vi} có SKU không phải chuỗi`,
      en: `${where.en} has a SKU that is not text`,
    });
  return value;
}

function attributeMap(profile: MarketplaceProfile, raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const style = profile.fields.attributes;
  const value = getPath(raw, profile.fields.listing.attributes);
  if (style.style === 'array') {
    for (const entry of Array.isArray(value) ? value : []) {
      const code = getPath(entry, style.code);
      const v = getPath(entry, style.value);
      // Codes may be numbers (Shopee attribute_id), as numericCode profiles send them.
      const key = idText(code);
      if (key !== undefined && (typeof v === 'string' || typeof v === 'number')) out[key] = String(v);
    }
  } else if (isRecord(value)) {
    for (const [code, v] of Object.entries(value))
      if (typeof v === 'string' || typeof v === 'number') out[code] = String(v);
  }
  return out;
}

const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/**
 * A listing page item in full (docs/contracts §6 product object). Listings typed by hand may have no
 * seller SKU (null); a missing id, title, price, stock or a tier index out of range breaks the contract.
 */
export function decodeShopListing(profile: MarketplaceProfile, account: string, raw: unknown): ShopListing {
  const f = profile.fields;
  if (!isRecord(raw))
    throw violation(profile, { vi: 'một tin đăng không phải là object', en: 'a listing is not an object' });
  const remoteId = idText(getPath(raw, f.listing.id));
  const title = getPath(raw, f.listing.title);
  if (!remoteId || typeof title !== 'string')
    throw violation(profile, {
      vi: `một tin đăng thiếu ${f.listing.id} hoặc ${f.listing.title}`,
      en: `a listing lacks ${f.listing.id} or ${f.listing.title}`,
    });
  const sku = optionalSku(profile, getPath(raw, f.listing.sku), {
    vi: `tin đăng ${remoteId}`,
    en: `listing ${remoteId}`,
  });
  const rawTiers = getPath(raw, f.listing.tiers);
  const tiers = (Array.isArray(rawTiers) ? rawTiers : []).map((tier) => {
    const name = getPath(tier, f.tier.name);
    const options = getPath(tier, f.tier.options);
    if (typeof name !== 'string' || !Array.isArray(options))
      throw violation(profile, {
        vi: `tin đăng ${remoteId} có một nhóm phân loại thiếu tên hoặc lựa chọn`,
        en: `listing ${remoteId} has a tier without name or options`,
      });
    return { name, options: options.map(String) };
  });
  const rawVariants = getPath(raw, f.listing.variants);
  const variants: ShopListingVariant[] = (Array.isArray(rawVariants) ? rawVariants : []).map((v, index) => {
    const price = getPath(v, f.variant.priceVnd);
    const stock = getPath(v, f.variant.stock);
    if (typeof price !== 'number' || typeof stock !== 'number')
      throw violation(profile, {
        vi: `biến thể ${index} của tin đăng ${remoteId} thiếu giá hoặc tồn kho`,
        en: `variant ${index} of listing ${remoteId} lacks price or stock`,
      });
    const tierIndex = getPath(v, f.variant.tierIndex);
    const options: Record<string, string> = {};
    (Array.isArray(tierIndex) ? tierIndex : []).forEach((position, t) => {
      const option = typeof position === 'number' ? tiers[t]?.options[position] : undefined;
      if (option === undefined)
        throw violation(profile, {
          vi: `biến thể ${index} của tin đăng ${remoteId} không trỏ tới lựa chọn phân loại nào`,
          en: `variant ${index} of listing ${remoteId} points at no tier option`,
        });
      options[tiers[t]!.name] = option;
    });
    const variantSku = optionalSku(profile, getPath(v, f.variant.sku), {
      vi: `biến thể ${index} của tin đăng ${remoteId}`,
      en: `variant ${index} of listing ${remoteId}`,
    });
    return {
      remoteId: idText(getPath(v, f.variant.id)) ?? `${remoteId}#${index}`,
      ...(variantSku ? { sku: variantSku } : {}),
      options,
      priceVnd: price,
      stock,
    };
  });
  const rawReview = getPath(raw, f.listing.reviewStatus);
  const review =
    typeof rawReview === 'string' && profile.statuses.review[rawReview]
      ? profile.statuses.review[rawReview]!
      : rawReview === undefined && !profile.capabilities.listingReview
        ? 'APPROVED'
        : undefined;
  if (!review)
    throw violation(profile, {
      vi: `tin đăng ${remoteId} có trạng thái duyệt không biết ${JSON.stringify(rawReview)}`,
      en: `listing ${remoteId} has unknown review status ${JSON.stringify(rawReview)}`,
    });
  const description = getPath(raw, f.listing.description);
  const attributes = attributeMap(profile, raw);
  const categoryId = idText(getPath(raw, f.listing.categoryId));
  const imageIds = getPath(raw, f.listing.imageIds);
  const imageUrls = f.listing.imageUrls ? getPath(raw, f.listing.imageUrls) : undefined;
  // The profile's weight unit (Shopee: kilograms, a float) back to whole grams.
  const rawWeight = positive(getPath(raw, f.listing.weightGrams));
  const weight =
    rawWeight !== undefined && profile.units.weight === 'kg' ? Math.round(rawWeight * 1000) : rawWeight;
  const length = positive(getPath(raw, f.listing.lengthCm));
  const width = positive(getPath(raw, f.listing.widthCm));
  const height = positive(getPath(raw, f.listing.heightCm));
  return {
    platform: profile.platform,
    account,
    remoteId,
    ...(sku ? { sku } : {}),
    title,
    description: typeof description === 'string' ? description : '',
    ...(categoryId ? { categoryId } : {}),
    attributes,
    facts: Object.fromEntries(
      Object.entries(profile.attributeSources)
        .filter(([code]) => attributes[code] !== undefined)
        .map(([code, source]) => [source, attributes[code]!]),
    ),
    imageIds: (Array.isArray(imageIds) ? imageIds : []).map(String),
    imageUrls: (Array.isArray(imageUrls) ? imageUrls : []).filter((u): u is string => typeof u === 'string'),
    ...(weight ? { weightGrams: weight } : {}),
    ...(length && width && height ? { dimensionsCm: { length, width, height } } : {}),
    tiers: tiers.map((t) => t.name),
    variants,
    review,
  };
}

/** Body of `setListingSkus`: product SKU and `[{ variant id, variant SKU }]` under the profile's names. */
export function encodeSkuAssignment(
  profile: MarketplaceProfile,
  skus: ListingSkuAssignment,
): Record<string, unknown> {
  const f = profile.fields;
  const body: Record<string, unknown> = {};
  setPath(body, f.listing.sku, skus.sku);
  setPath(
    body,
    f.listing.variants,
    skus.variants.map((v) => {
      const item: Record<string, unknown> = {};
      setPath(item, f.variant.id, typedId(v.remoteId, profile.ids.listing));
      setPath(item, f.variant.sku, v.sku);
      return item;
    }),
  );
  return body;
}
