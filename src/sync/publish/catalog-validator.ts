import type { Product } from '../../model/product.js';
import { duplicateSkuIssue, type ValidationIssue, validateProduct } from '../../model/validation.js';

export type RowValidation =
  | { ok: true; product: Product }
  | { ok: false; sku: string; issues: ValidationIssue[] };

/**
 * `validateCatalog` one row at a time, with the same rules (the model's schema, then SKUs unique
 * across the catalog: the first row to use a SKU keeps it), so a large catalog streams through the
 * engine instead of being held as a second validated copy.
 */
export class CatalogValidator {
  readonly #owners = new Set<string>();

  validate(input: unknown, row: number): RowValidation {
    const result = validateProduct(input, { row });
    if (!result.ok) {
      const sku = (input as { sku?: unknown } | null)?.sku;
      return { ok: false, sku: typeof sku === 'string' ? sku : '', issues: result.issues };
    }
    const product = result.value;
    const skus = [product.sku, ...product.variants.map((v) => v.sku)];
    const clash = skus.find((sku) => this.#owners.has(sku));
    if (clash !== undefined) {
      return {
        ok: false,
        sku: product.sku,
        issues: [duplicateSkuIssue(clash, row)],
      };
    }
    for (const sku of skus) this.#owners.add(sku);
    return { ok: true, product };
  }
}
