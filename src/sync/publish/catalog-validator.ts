import type { Product } from '../../model/product.js';
import {
  type BundleContext,
  bundleIssues,
  componentSpelling,
  duplicateSkuIssue,
  foldSku,
  spellComponents,
  type ValidationIssue,
  validateProduct,
} from '../../model/validation.js';

export type RowValidation =
  | { ok: true; product: Product }
  | { ok: false; sku: string; issues: ValidationIssue[] };

/**
 * `validateCatalog` one row at a time, with the same rules (the model's schema, then SKUs unique
 * across the catalog: the first row to use a SKU keeps it), so a large catalog streams through the
 * engine instead of being held as a second validated copy. Gift boxes are checked last (`bundle`), when
 * every row has been read: their components may come after them.
 */
export class CatalogValidator {
  readonly #owners = new Set<string>();
  /** Folded SKU → its first spelling and row: SKUs are compared without regard to case (#18). */
  readonly #folded = new Map<string, { sku: string; row: number }>();
  readonly #bundles = new Set<string>();
  readonly #variantsOf = new Map<string, string[]>();

  validate(input: unknown, row: number): RowValidation {
    const result = validateProduct(input, { row });
    if (!result.ok) {
      const sku = (input as { sku?: unknown } | null)?.sku;
      return { ok: false, sku: typeof sku === 'string' ? sku : '', issues: result.issues };
    }
    const product = result.value;
    const skus = [product.sku, ...product.variants.map((v) => v.sku)];
    const clash = skus.find((sku) => this.#folded.has(foldSku(sku)));
    if (clash !== undefined) {
      return {
        ok: false,
        sku: product.sku,
        issues: [duplicateSkuIssue(clash, row, this.#folded.get(foldSku(clash)))],
      };
    }
    for (const sku of skus) {
      this.#owners.add(sku);
      this.#folded.set(foldSku(sku), { sku, row });
    }
    if (product.bundle) this.#bundles.add(product.sku);
    if (product.variants.length > 0)
      this.#variantsOf.set(
        product.sku,
        product.variants.map((v) => v.sku),
      );
    return { ok: true, product };
  }

  /** A gift box's component issues against the whole catalog (call after every row was validated). */
  bundle(product: Product, row: number): ValidationIssue[] {
    const context: BundleContext = {
      known: (sku) => this.#owners.has(sku),
      bundles: this.#bundles,
      variantsOf: this.#variantsOf,
    };
    // Components compared without regard to case, as `validateCatalog` does (#19 re-trial MEDIUM 4).
    spellComponents(product, componentSpelling(this.#owners));
    return bundleIssues(product, context, row);
  }
}
