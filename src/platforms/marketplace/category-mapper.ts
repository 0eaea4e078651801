import { ConfigurationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { Category, CategoryAttribute, CategoryMapping, MarketplaceAdapter } from '../types.js';
import { listingIssue } from './listing-rule-messages.js';

/**
 * The user's own category keys (product `categoryHints`, or OCOP product groups such as
 * "Thực phẩm chế biến") → a platform category id plus fixed attribute values, per platform.
 */
export interface CategoryMapperConfig {
  /** The adapters to resolve for (their category trees and attributes are fetched once, then cached). */
  adapters: readonly MarketplaceAdapter[];
  /** platform → user key → mapping, e.g. `{ voso: { 'mat-ong': { categoryId: '1001' } } }`. */
  mappings: Record<string, Record<string, CategoryMapping>>;
  /** platform → mapping used when none of the product's keys is mapped. */
  defaults?: Record<string, CategoryMapping>;
}

export type CategoryResolution =
  | {
      ok: true;
      /** Category id and the COMPLETE attribute values to send (derived + mapped + the product's own). */
      mapping: CategoryMapping;
      /** Which user key matched (`undefined` = the platform default). */
      key?: string;
    }
  | { ok: false; issues: ValidationIssue[] };

export interface CategoryMapper {
  /** Where `product` goes on `platform`, checked against the category's required attributes. */
  resolve(product: Product, platform: string, options?: CallOptions): Promise<CategoryResolution>;
  /** Checks every configured mapping: the category exists and is a leaf. Empty = fine. */
  validate(options?: CallOptions): Promise<ValidationIssue[]>;
}

/** Keys compare after NFC, trimming and case folding: spreadsheets are typed by hand. */
export function normalizeCategoryKey(key: string): string {
  return key.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');
}

export function createCategoryMapper(config: CategoryMapperConfig): CategoryMapper {
  const adapters = new Map(config.adapters.map((a) => [a.platform, a]));
  const problems = Object.keys(config.mappings)
    .concat(Object.keys(config.defaults ?? {}))
    .filter((platform) => !adapters.has(platform))
    .map((platform) => `mappings.${platform}: no adapter for this platform was given`);
  if (problems.length > 0) throw new ConfigurationError('Invalid category mapping', [...new Set(problems)]);

  const tables = new Map<string, Map<string, CategoryMapping>>();
  for (const [platform, table] of Object.entries(config.mappings)) {
    tables.set(platform, new Map(Object.entries(table).map(([key, m]) => [normalizeCategoryKey(key), m])));
  }
  const trees = new Map<string, Promise<Map<string, Category>>>();
  const attributes = new Map<string, Promise<CategoryAttribute[]>>();

  const tree = (adapter: MarketplaceAdapter, options?: CallOptions) => {
    let value = trees.get(adapter.platform);
    if (!value) {
      value = adapter.getCategories(options).then((list) => new Map(list.map((c) => [c.id, c])));
      trees.set(adapter.platform, value);
      value.catch(() => trees.delete(adapter.platform));
    }
    return value;
  };
  const attributesOf = (adapter: MarketplaceAdapter, categoryId: string, options?: CallOptions) => {
    const cacheKey = `${adapter.platform}:${categoryId}`;
    let value = attributes.get(cacheKey);
    if (!value) {
      value = adapter.getCategoryAttributes(categoryId, options);
      attributes.set(cacheKey, value);
      value.catch(() => attributes.delete(cacheKey));
    }
    return value;
  };

  const find = (product: Product, platform: string): { mapping?: CategoryMapping; key?: string } => {
    const table = tables.get(platform);
    const keys = [
      ...product.categoryHints,
      ...(product.ocop?.productGroup ? [product.ocop.productGroup] : []),
    ];
    for (const key of keys) {
      const mapping = table?.get(normalizeCategoryKey(key));
      if (mapping) return { mapping, key };
    }
    const fallback = config.defaults?.[platform];
    return fallback ? { mapping: fallback } : {};
  };

  const categoryIssues = async (
    adapter: MarketplaceAdapter,
    categoryId: string,
    at: { path: string; sku?: string },
    options?: CallOptions,
  ): Promise<ValidationIssue[]> => {
    const category = (await tree(adapter, options)).get(categoryId);
    const platform = adapter.platform;
    if (!category)
      return [
        listingIssue(
          'category.unknown',
          { id: categoryId, platform },
          { ...at, value: categoryId, platform },
        ),
      ];
    if (!category.leaf)
      return [
        listingIssue(
          'category.not_leaf',
          { id: categoryId, platform },
          { ...at, value: categoryId, platform },
        ),
      ];
    return [];
  };

  return {
    async resolve(product, platform, options) {
      const adapter = adapters.get(platform);
      if (!adapter)
        throw new ConfigurationError(`No adapter for platform "${platform}" in this category mapper`, []);
      const { mapping, key } = find(product, platform);
      const at = { path: 'categoryHints', sku: product.sku, platform };
      if (!mapping)
        return {
          ok: false,
          issues: [listingIssue('category.unmapped', { platform }, { ...at, value: product.categoryHints })],
        };
      const issues = await categoryIssues(adapter, mapping.categoryId, at, options);
      if (issues.length > 0) return { ok: false, issues };
      const values = adapter.resolveAttributes(product, mapping);
      const declared = await attributesOf(adapter, mapping.categoryId, options);
      const sent: Record<string, string> = {};
      for (const attribute of declared) {
        const value = values[attribute.code];
        if (value === undefined || value === '') {
          if (attribute.required) {
            issues.push(
              listingIssue(
                'attributes.required',
                { code: attribute.code, platform },
                { path: `attributes.${attribute.code}`, sku: product.sku, platform },
              ),
            );
          }
          continue;
        }
        if (attribute.values && !attribute.values.includes(value)) {
          issues.push(
            listingIssue(
              'attributes.not_allowed',
              { code: attribute.code, value, allowed: attribute.values.join(', '), platform },
              { path: `attributes.${attribute.code}`, value, sku: product.sku, platform },
            ),
          );
          continue;
        }
        sent[attribute.code] = value;
      }
      if (issues.length > 0) return { ok: false, issues };
      return {
        ok: true,
        mapping: { categoryId: mapping.categoryId, attributes: sent },
        ...(key ? { key } : {}),
      };
    },

    async validate(options) {
      const issues: ValidationIssue[] = [];
      for (const [platform, table] of Object.entries(config.mappings)) {
        const adapter = adapters.get(platform)!;
        for (const [key, mapping] of Object.entries(table)) {
          issues.push(
            ...(await categoryIssues(
              adapter,
              mapping.categoryId,
              { path: `mappings.${platform}.${key}` },
              options,
            )),
          );
        }
      }
      for (const [platform, mapping] of Object.entries(config.defaults ?? {})) {
        const adapter = adapters.get(platform)!;
        issues.push(
          ...(await categoryIssues(adapter, mapping.categoryId, { path: `defaults.${platform}` }, options)),
        );
      }
      return issues;
    },
  };
}
