import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping, MarketplaceAdapter } from '../../platforms/types.js';
import type { CategoryMap } from './types.js';

/** The product's category on this platform, or undefined when the map says nothing about it. */
export function resolveCategory(
  categories: CategoryMap | undefined,
  product: Product,
  adapter: MarketplaceAdapter,
): CategoryMapping | undefined {
  if (!categories) return undefined;
  if (typeof categories === 'function') return categories(product, adapter);
  const table = categories[adapter.platform];
  if (!table) return undefined;
  for (const hint of product.categoryHints) {
    const mapping = table[hint];
    if (mapping) return mapping;
  }
  return undefined;
}

export function unmappedCategoryIssue(product: Product, platform: string): ValidationIssue {
  const hints = product.categoryHints.join(', ');
  return {
    path: 'categoryHints',
    value: product.categoryHints,
    code: 'category.unmapped',
    messageVi: hints
      ? `Chưa có danh mục ${platform} tương ứng với "${hints}"`
      : `Sản phẩm chưa có danh mục, không thể đăng lên ${platform}`,
    messageEn: hints
      ? `No ${platform} category is mapped for "${hints}"`
      : `The product has no category, so it cannot be listed on ${platform}`,
    sku: product.sku,
    platform,
    rule: 'category',
  };
}
