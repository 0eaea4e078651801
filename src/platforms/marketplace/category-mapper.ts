import { z } from 'zod';
import { A_TEXT, AN_OBJECT_OR_NOTHING, checkArgument, checkOption } from '../../core/argument-guards.js';
import { ConfigurationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { pathProblem, zodProblems } from '../../model/option-problem.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { Category, CategoryAttribute, CategoryMapping, MarketplaceAdapter } from '../types.js';
import { listingIssue } from './listing-rule-messages.js';
import { checkProduct } from './listing-rules.js';
import { isRecord } from './object-path.js';

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

/** What the mapper calls on an adapter. */
const MAPPER_ADAPTER_MEMBERS = ['getCategories', 'getCategoryAttributes', 'resolveAttributes'] as const;
const MappingSchema = z.strictObject({
  categoryId: z.string().min(1),
  attributes: z.record(z.string(), z.string()).optional(),
});
const CategoryMapperConfigSchema = z.strictObject({
  adapters: z.array(
    z.custom<MarketplaceAdapter>(
      (value) =>
        isRecord(value) &&
        typeof value.platform === 'string' &&
        value.platform !== '' &&
        MAPPER_ADAPTER_MEMBERS.every((member) => typeof value[member] === 'function'),
      `phải là một adapter sàn (có platform, ${MAPPER_ADAPTER_MEMBERS.join(', ')}) / must be a marketplace adapter (with platform, ${MAPPER_ADAPTER_MEMBERS.join(', ')})`,
    ),
  ),
  mappings: z.record(z.string(), z.record(z.string(), MappingSchema)),
  defaults: z.record(z.string(), MappingSchema).optional(),
});

/** Every problem of a mapper's config at once, with its path: its shape, then platforms without an adapter. */
function configProblems(config: unknown): string[] {
  const parsed = CategoryMapperConfigSchema.safeParse(config);
  if (!parsed.success) return zodProblems(parsed.error, config, 'config', CategoryMapperConfigSchema);
  const platforms = new Set(parsed.data.adapters.map((adapter) => adapter.platform));
  const unserved = [
    ...Object.keys(parsed.data.mappings).map((platform) => ['mappings', platform]),
    ...Object.keys(parsed.data.defaults ?? {}).map((platform) => ['defaults', platform]),
  ].filter(([, platform]) => !platforms.has(platform!));
  return unserved.map(([field, platform]) =>
    pathProblem(
      `${field}.${platform}`,
      'không có adapter nào cho sàn này trong adapters',
      'no adapter for this platform was given in adapters',
    ),
  );
}

export function createCategoryMapper(config: CategoryMapperConfig): CategoryMapper {
  const problems = configProblems(config);
  if (problems.length > 0)
    throw new ConfigurationError(
      {
        vi: 'createCategoryMapper: cấu hình ánh xạ danh mục không hợp lệ',
        en: 'createCategoryMapper: invalid category mapping config',
      },
      problems,
    );
  const adapters = new Map(config.adapters.map((a) => [a.platform, a]));

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
    async resolve(given, platform, options) {
      // A partial product is a ValidationError naming its fields, a platform the mapper was not given an
      // adapter for a ConfigurationError naming the ones it has: never a TypeError below.
      const product = checkProduct(given, undefined);
      checkArgument(platform, 'platform', A_TEXT);
      checkOption(options, 'options', AN_OBJECT_OR_NOTHING);
      const adapter = adapters.get(platform);
      if (!adapter)
        throw new ConfigurationError(
          {
            vi: `Bộ ánh xạ danh mục này không có adapter cho sàn "${platform}"`,
            en: `No adapter for platform "${platform}" in this category mapper`,
          },
          [
            pathProblem(
              'platform',
              `phải là một trong: ${[...adapters.keys()].join(', ')}`,
              `must be one of: ${[...adapters.keys()].join(', ')}`,
            ),
          ],
        );
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
      checkOption(options, 'options', AN_OBJECT_OR_NOTHING);
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
