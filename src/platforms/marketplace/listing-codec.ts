import { ContractViolationError } from '../../core/errors.js';
import type { BilingualText } from '../../model/messages.js';
import { productOffers } from '../../model/product.js';
import type { ListingReviewStatus } from '../../model/status.js';
import type { CategoryAttribute, ListingDraft, RemoteListing, RemoteVariant } from '../types.js';
import { getPath, isRecord, setPath } from './object-path.js';
import type { MarketplaceProfile } from './profile-schema.js';

export function typedId(value: string, type: 'number' | 'string'): string | number {
  if (type === 'number' && /^-?\d+$/.test(value)) return Number(value);
  return value;
}

function encodeAttributeValue(
  profile: MarketplaceProfile,
  value: string,
  detail: CategoryAttribute | undefined,
): string | number {
  const isNumber = detail?.type !== undefined && profile.fields.attributeTypes.number.includes(detail.type);
  if (isNumber && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/**
 * The body of a create/update: the draft written with the profile's field names. Only attributes the
 * category declares are sent (a platform rejects unknown codes); their values are typed from the category.
 */
export function encodeListing(
  profile: MarketplaceProfile,
  draft: ListingDraft,
  categoryAttributes: readonly CategoryAttribute[],
): Record<string, unknown> {
  const f = profile.fields;
  const { product } = draft;
  const offers = productOffers(product);
  const body: Record<string, unknown> = {};
  setPath(body, f.listing.sku, product.sku);
  setPath(body, f.listing.title, product.name.normalize('NFC'));
  setPath(body, f.listing.description, product.description.normalize('NFC'));
  setPath(body, f.listing.categoryId, typedId(draft.categoryId, profile.ids.category));

  const known = new Map(categoryAttributes.map((a) => [a.code, a]));
  const entries = Object.entries(draft.attributes)
    .filter(([code]) => known.size === 0 || known.has(code))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([code, value]) =>
        [code, encodeAttributeValue(profile, value.normalize('NFC'), known.get(code))] as const,
    );
  if (f.attributes.style === 'array') {
    const style = f.attributes;
    setPath(
      body,
      f.listing.attributes,
      entries.map(([code, value]) => {
        const item: Record<string, unknown> = {};
        setPath(item, style.code, style.numericCode ? typedId(code, 'number') : code);
        setPath(item, style.value, value);
        return item;
      }),
    );
  } else {
    setPath(body, f.listing.attributes, Object.fromEntries(entries));
  }
  setPath(body, f.listing.imageIds, [...draft.imageIds]);

  const weight = product.weightGrams ?? Math.max(...offers.map((o) => o.weightGrams));
  // Units the platform writes: Shopee takes kilograms as a float.
  setPath(body, f.listing.weightGrams, profile.units.weight === 'kg' ? weight / 1000 : weight);
  const dims = product.dimensionsCm ?? offers.find((o) => o.dimensionsCm)?.dimensionsCm;
  if (dims) {
    setPath(body, f.listing.lengthCm, dims.length);
    setPath(body, f.listing.widthCm, dims.width);
    setPath(body, f.listing.heightCm, dims.height);
  }

  const tierNames = product.variants.length > 0 ? Object.keys(product.variants[0]!.options) : [];
  const tierOptions = tierNames.map(() => [] as string[]);
  for (const offer of offers) {
    tierNames.forEach((name, t) => {
      const value = offer.options[name]!;
      if (!tierOptions[t]!.includes(value)) tierOptions[t]!.push(value);
    });
  }
  setPath(
    body,
    f.listing.tiers,
    tierNames.map((name, t) => {
      const tier: Record<string, unknown> = {};
      setPath(tier, f.tier.name, name);
      setPath(tier, f.tier.options, tierOptions[t]);
      return tier;
    }),
  );
  setPath(
    body,
    f.listing.variants,
    offers.map((offer) => {
      const variant: Record<string, unknown> = {};
      setPath(variant, f.variant.sku, offer.sku);
      setPath(
        variant,
        f.variant.tierIndex,
        tierNames.map((name, t) => tierOptions[t]!.indexOf(offer.options[name]!)),
      );
      setPath(variant, f.variant.priceVnd, offer.priceVnd);
      setPath(variant, f.variant.stock, offer.stock);
      if (f.variant.listPriceVnd && offer.listPriceVnd !== undefined) {
        setPath(variant, f.variant.listPriceVnd, offer.listPriceVnd);
      }
      return variant;
    }),
  );
  return body;
}

function contract(profile: MarketplaceProfile, message: BilingualText): ContractViolationError {
  return new ContractViolationError(
    { vi: `${profile.platform}: ${message.vi}`, en: `${profile.platform}: ${message.en}` },
    { platform: profile.platform },
  );
}

function idString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A platform listing (product object) as a RemoteListing; raw review status kept. */
export function decodeListing(profile: MarketplaceProfile, raw: unknown): RemoteListing {
  const f = profile.fields;
  if (!isRecord(raw))
    throw contract(profile, { vi: 'một tin đăng không phải là object', en: 'a listing is not an object' });
  const remoteId = idString(getPath(raw, f.listing.id));
  const rawSku = getPath(raw, f.listing.sku);
  // A listing typed by hand in the seller centre may have no SKU (null): '' here, never matched by SKU.
  const sku = rawSku === null ? '' : rawSku;
  if (!remoteId || typeof sku !== 'string')
    throw contract(profile, {
      vi: `một tin đăng thiếu ${f.listing.id} hoặc ${f.listing.sku}`,
      en: `a listing lacks ${f.listing.id} or ${f.listing.sku}`,
    });
  const rawReview = getPath(raw, f.listing.reviewStatus);
  let review: ListingReviewStatus;
  if (typeof rawReview === 'string' && profile.statuses.review[rawReview]) {
    review = profile.statuses.review[rawReview]!;
  } else if (rawReview === undefined && !profile.capabilities.listingReview) {
    review = 'APPROVED';
  } else {
    throw contract(profile, {
      vi: `trạng thái duyệt tin đăng không biết ${JSON.stringify(rawReview)}`,
      en: `unknown listing review status ${JSON.stringify(rawReview)}`,
    });
  }
  const reasons = getPath(raw, f.listing.rejectReasons);
  const rejectionReasons = Array.isArray(reasons)
    ? reasons.map((r) => {
        if (typeof r === 'string') return r;
        const code = getPath(r, f.rejectReason.code);
        const message = getPath(r, f.rejectReason.message);
        return [code, message].filter((x) => typeof x === 'string' && x !== '').join(': ');
      })
    : [];
  const rawVariants = getPath(raw, f.listing.variants);
  const addressable = (Array.isArray(rawVariants) ? rawVariants : []).filter(
    (v) => getPath(v, f.variant.sku) !== null,
  );
  const variants: RemoteVariant[] = addressable.map((v) => {
    const variantSku = getPath(v, f.variant.sku);
    const price = getPath(v, f.variant.priceVnd);
    const stock = getPath(v, f.variant.stock);
    if (typeof variantSku !== 'string' || typeof price !== 'number' || typeof stock !== 'number') {
      throw contract(profile, {
        vi: `một biến thể của tin đăng ${remoteId} thiếu sku, giá hoặc tồn kho`,
        en: `a variant of listing ${remoteId} lacks sku, price or stock`,
      });
    }
    return {
      sku: variantSku,
      remoteId: idString(getPath(v, f.variant.id)) ?? variantSku,
      priceVnd: price,
      stock,
    };
  });
  const title = getPath(raw, f.listing.title);
  const url = f.listing.url ? getPath(raw, f.listing.url) : undefined;
  return {
    platform: profile.platform,
    remoteId,
    sku,
    title: typeof title === 'string' ? title : '',
    review,
    ...(typeof rawReview === 'string' ? { rawReviewStatus: rawReview } : {}),
    ...(rejectionReasons.length > 0 ? { rejectionReasons } : {}),
    variants,
    ...(typeof url === 'string' ? { url } : {}),
  };
}

export function decodeCategoryAttribute(profile: MarketplaceProfile, raw: unknown): CategoryAttribute {
  const f = profile.fields.categoryAttribute;
  const rawCode = getPath(raw, f.code);
  const code = idString(rawCode);
  if (code === undefined)
    throw contract(profile, {
      vi: 'một thuộc tính danh mục không có mã',
      en: 'a category attribute has no code',
    });
  const name = getPath(raw, f.name);
  const type = getPath(raw, f.type);
  const rawOptions = f.options ? getPath(raw, f.options) : undefined;
  const options = Array.isArray(rawOptions)
    ? rawOptions.map((option) => (f.optionValue ? getPath(option, f.optionValue) : option))
    : undefined;
  const min = f.min ? getPath(raw, f.min) : undefined;
  const max = f.max ? getPath(raw, f.max) : undefined;
  return {
    code,
    name: typeof name === 'string' ? name : code,
    required: getPath(raw, f.required) === true,
    // An empty value list (a free-text attribute) restricts nothing.
    ...(Array.isArray(options) && options.length > 0 ? { values: options.map(String) } : {}),
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof min === 'number' ? { min } : {}),
    ...(typeof max === 'number' ? { max } : {}),
  };
}
