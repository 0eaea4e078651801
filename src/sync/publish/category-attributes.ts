import { type OcopConnectError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping, MarketplaceAdapter } from '../../platforms/types.js';
import { asOcopError, isUnreachable } from './errors.js';
import { invalidItem, skippedItem, unreachableItem } from './planned-items.js';
import type { PublishItemResult } from './types.js';

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

/** `invalid` when the category requires attributes the listing lacks; `failed` when it cannot be read. */
export async function checkCategoryAttributes(
  adapter: MarketplaceAdapter,
  product: Product,
  mapping: CategoryMapping,
  attributes: Record<string, string>,
  row: number,
  readOptions: CallOptions,
  /** The platform is down for the rest of the run: its one error (see `PublishRun`). */
  markUnreachable: (cause: unknown) => OcopConnectError,
): Promise<PublishItemResult | undefined> {
  let issues: ValidationIssue[];
  try {
    issues = await missingCategoryAttributes(adapter, product, mapping, attributes, row, readOptions);
  } catch (error) {
    if (isUnreachable(error)) return unreachableItem(product.sku, adapter, row, markUnreachable(error));
    return skippedItem(product.sku, adapter, row, {
      outcome: 'failed',
      error: asOcopError(error, adapter.platform, 'getCategoryAttributes'),
    });
  }
  if (issues.length === 0) return undefined;
  const error = new ValidationError(
    {
      vi: `${product.sku} thiếu thuộc tính ${adapter.platform} mà danh mục của nó bắt buộc`,
      en: `${product.sku} lacks ${adapter.platform} attributes required by its category`,
    },
    issues,
    { platform: adapter.platform },
  );
  return invalidItem(product.sku, adapter, row, issues, error);
}
