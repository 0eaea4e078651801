import type { Product } from '../../model/product.js';
import type { CategoryMapping } from '../types.js';
import type { AttributeSource, MarketplaceProfile } from './profile-schema.js';

const UNIT_TEXT: Record<string, string> = { g: 'g', kg: 'kg', ml: 'ml', l: 'l', piece: 'cái' };

/** Values the canonical product already carries, by source name. */
export function attributeFromProduct(product: Product, source: AttributeSource): string | undefined {
  switch (source) {
    case 'origin':
      return product.origin;
    case 'brand':
      // OCOP products usually sell under the cooperative's own name.
      return product.brand ?? product.producer.name;
    case 'producerName':
      return product.producer.name;
    case 'shelfLifeDays':
      return product.food ? String(product.food.shelfLifeDays) : undefined;
    case 'ocopStars':
      return product.ocop ? String(product.ocop.stars) : undefined;
    case 'netContent':
      return product.food
        ? `${product.food.netContent.value} ${UNIT_TEXT[product.food.netContent.unit]}`
        : undefined;
    case 'ingredients':
      return product.food?.ingredients;
    case 'storage':
      return product.food?.storage;
    default:
      return undefined;
  }
}

/**
 * The attribute values a listing of `product` carries on this platform: derived from the product by the
 * profile's `attributeSources`, then the category mapping's fixed values, then the product's own
 * `attributes` (most specific wins).
 */
export function resolveListingAttributes(
  profile: MarketplaceProfile,
  product: Product,
  mapping?: CategoryMapping,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, source] of Object.entries(profile.attributeSources)) {
    const value = attributeFromProduct(product, source);
    if (value !== undefined && value.trim() !== '') out[code] = value;
  }
  Object.assign(out, mapping?.attributes ?? {}, product.attributes);
  return out;
}
