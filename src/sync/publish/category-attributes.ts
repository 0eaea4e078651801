import type { CallOptions } from '../../core/types.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping, MarketplaceAdapter } from '../../platforms/types.js';

/**
 * The attributes the product's category requires on this platform that the listing would lack.
 * A read of the category (cached by the adapter), done while planning — also in a dry run — so a product
 * the platform would refuse is reported before anything, an image upload included, is sent.
 */
export async function missingCategoryAttributes(
  adapter: MarketplaceAdapter,
  product: Product,
  mapping: CategoryMapping,
  attributes: Readonly<Record<string, string>>,
  row: number,
  options: CallOptions,
): Promise<ValidationIssue[]> {
  const declared = await adapter.getCategoryAttributes(mapping.categoryId, options);
  const platform = adapter.platform;
  return declared
    .filter((a) => a.required && !attributes[a.code])
    .map((a) => ({
      path: `attributes.${a.code}`,
      code: 'listing.attributes.required',
      messageVi: `Thiếu thuộc tính bắt buộc "${a.name}" (${a.code}) của ${platform}`,
      messageEn: `Missing attribute "${a.name}" (${a.code}) required by ${platform}`,
      sku: product.sku,
      row,
      platform,
      rule: 'attributes.required',
    }));
}
