import { type Product, productOffers } from '../../model/product.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { PublishItemResult, PublishWarning } from './types.js';

/**
 * The list price ("Giá niêm yết") of a product a platform has no field for: the listing goes out with
 * its price only, and the item says so instead of dropping the list price silently. `undefined` when
 * the platform takes a list price or no offer of the product has one.
 */
export function listPriceWarning(product: Product, adapter: MarketplaceAdapter): PublishWarning | undefined {
  if (adapter.capabilities.listPrice) return undefined;
  const skus = productOffers(product)
    .filter((offer) => offer.listPriceVnd !== undefined)
    .map((offer) => offer.sku);
  if (skus.length === 0) return undefined;
  const platform = adapter.platform;
  const named = skus.join(', ');
  return {
    code: 'list_price.not_supported',
    platform,
    sku: product.sku,
    skus,
    messageVi: `Giá niêm yết của ${named} không được gửi: ${platform} không có giá niêm yết (chỉ có giá bán)`,
    messageEn: `The list price of ${named} was not sent: ${platform} has no list price (only the price)`,
  };
}

/** Adds the list-price warning to an item that created, updated or (dry run) plans to write a listing. */
export function withListPriceWarning(
  item: PublishItemResult,
  product: Product,
  adapter: MarketplaceAdapter,
): PublishItemResult {
  const writes =
    item.outcome === 'created' ||
    item.outcome === 'updated' ||
    (item.outcome === 'planned' && (item.action === 'create' || item.action === 'update'));
  if (!writes) return item;
  const warning = listPriceWarning(product, adapter);
  if (warning) item.warnings = [...(item.warnings ?? []), warning];
  return item;
}
