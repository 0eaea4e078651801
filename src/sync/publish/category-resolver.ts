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

/** Marketplace names a category map may be keyed by, besides the run's own. */
const KNOWN_MARKETPLACES = ['voso', 'postmart', 'shopee'];

/**
 * What is wrong with a `categories` map's shape (empty: nothing): it is keyed platform → your category
 * → `{ categoryId }`. A map keyed the other way round (your category → platform, the CLI config file's
 * shape) or any other shape would map nothing, silently: every product would end "no category".
 */
export function categoryMapProblems(categories: unknown, platforms: readonly string[]): string[] {
  if (categories === undefined || typeof categories === 'function') return [];
  const shape =
    'keyed platform → your category → { categoryId } / theo sàn → danh mục của bạn → { categoryId }';
  if (categories === null || typeof categories !== 'object' || Array.isArray(categories))
    return [`categories: an object ${shape}, or a function`];
  const known = new Set([...KNOWN_MARKETPLACES, ...platforms]);
  const problems: string[] = [];
  for (const [key, table] of Object.entries(categories)) {
    if (!known.has(key)) {
      const inner = table && typeof table === 'object' ? Object.keys(table) : [];
      const turned = inner.some((k) => known.has(k));
      problems.push(
        turned
          ? `categories: "${key}" is not a marketplace — this map is keyed your category → platform (the CLI config file's shape); the library's is ${shape}: turn it round, e.g. { ${inner.find((k) => known.has(k))}: { "${key}": { categoryId } } } / "${key}" không phải tên sàn — bảng đang theo danh mục → sàn (kiểu tệp cấu hình CLI); thư viện cần theo sàn → danh mục`
          : `categories: "${key}" is not a marketplace (${[...known].join(', ')}); the map is ${shape}`,
      );
      continue;
    }
    if (!table || typeof table !== 'object' || Array.isArray(table)) {
      problems.push(
        `categories.${key}: an object of your category → { categoryId } / một bảng danh mục → { categoryId }`,
      );
      continue;
    }
    for (const [hint, mapping] of Object.entries(table)) {
      const id = (mapping as { categoryId?: unknown } | null)?.categoryId;
      if (typeof id !== 'string' || id.trim() === '')
        problems.push(
          `categories.${key}["${hint}"]: needs a categoryId (a non-empty string) / cần categoryId (chuỗi khác rỗng)`,
        );
    }
  }
  return problems;
}
