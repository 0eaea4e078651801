import { describeValue } from '../../model/argument-check.js';
import { pathProblem } from '../../model/option-problem.js';
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
  const shape = {
    vi: 'theo sàn → danh mục của bạn → { categoryId }',
    en: 'platform → your category → { categoryId }',
  };
  if (categories === null || typeof categories !== 'object' || Array.isArray(categories)) {
    const got = describeValue(categories);
    return [
      pathProblem(
        'categories',
        `phải là một bảng ${shape.vi}, hoặc một hàm (nhận được ${got})`,
        `must be an object keyed ${shape.en}, or a function (got ${got})`,
      ),
    ];
  }
  const known = new Set([...KNOWN_MARKETPLACES, ...platforms]);
  const problems: string[] = [];
  for (const [key, table] of Object.entries(categories)) {
    if (!known.has(key)) {
      const inner = table && typeof table === 'object' ? Object.keys(table) : [];
      const turned = inner.some((k) => known.has(k));
      const example = `{ ${inner.find((k) => known.has(k))}: { "${key}": { categoryId } } }`;
      problems.push(
        turned
          ? pathProblem(
              'categories',
              `"${key}" không phải tên sàn: bảng đang theo danh mục → sàn (kiểu tệp cấu hình CLI), thư viện cần ${shape.vi}: đảo lại, ví dụ ${example}`,
              `"${key}" is not a marketplace: this map is keyed your category → platform (the CLI config file's shape), the library's is keyed ${shape.en}: turn it round, e.g. ${example}`,
            )
          : pathProblem(
              'categories',
              `"${key}" không phải tên sàn (${[...known].join(', ')}); bảng cần ${shape.vi}`,
              `"${key}" is not a marketplace (${[...known].join(', ')}); the map is keyed ${shape.en}`,
            ),
      );
      continue;
    }
    if (!table || typeof table !== 'object' || Array.isArray(table)) {
      const got = describeValue(table);
      problems.push(
        pathProblem(
          `categories.${key}`,
          `phải là một bảng danh mục của bạn → { categoryId } (nhận được ${got})`,
          `must be an object of your category → { categoryId } (got ${got})`,
        ),
      );
      continue;
    }
    for (const [hint, mapping] of Object.entries(table)) {
      const id = (mapping as { categoryId?: unknown } | null)?.categoryId;
      if (typeof id !== 'string' || id.trim() === '')
        problems.push(
          pathProblem(
            `categories.${key}["${hint}"]`,
            'cần categoryId (một chuỗi không rỗng)',
            'needs a categoryId (a non-empty string)',
          ),
        );
    }
  }
  return problems;
}
