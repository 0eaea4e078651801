import { productOffers } from '../../model/product.js';
import { type ValidationIssue, validateProduct } from '../../model/validation.js';
import type { StateStore } from '../../store/state-store.js';
import { recordShown, scopeOf } from '../orders/order-state.js';
import type { PublishReport } from '../publish/types.js';
import { applyCatalogCounts } from './catalog-counts.js';

interface OfferInput {
  sku?: unknown;
  stock?: unknown;
}

/**
 * The catalog as the marketplaces should see it: each stock figure applied to the ledger as a count (see
 * `applyCatalogCounts`), then replaced by what is available (on hand − reserved), so a publish never sends
 * units that open orders hold. Products that do not validate pass unchanged (publish reports them).
 */
export async function catalogWithAvailableStock(
  store: StateStore,
  catalog: Iterable<unknown>,
): Promise<{ catalog: unknown[]; issues: ValidationIssue[] }> {
  const items = [...catalog];
  const issues: ValidationIssue[] = [];
  await applyCatalogCounts(store, items, issues);
  const available = new Map<string, number>();
  for (const entry of await store.listStock())
    available.set(entry.sku, Math.max(0, entry.onHand - entry.reserved));
  const aligned = items.map((input) => {
    if (!validateProduct(input).ok || typeof input !== 'object' || input === null) return input;
    const product = input as OfferInput & { variants?: OfferInput[] };
    if (Array.isArray(product.variants) && product.variants.length > 0) {
      return {
        ...product,
        variants: product.variants.map((v) =>
          typeof v.sku === 'string' && available.has(v.sku) ? { ...v, stock: available.get(v.sku) } : v,
        ),
      };
    }
    return typeof product.sku === 'string' && available.has(product.sku)
      ? { ...product, stock: available.get(product.sku) }
      : product;
  });
  return { catalog: aligned, issues };
}

/**
 * After a publish: what each marketplace now shows for the SKUs whose stock it set (created listings, and
 * updates that sent stock), so the next stock sync does not send the same values again.
 */
export async function recordPublishedStock(
  store: StateStore,
  catalog: readonly unknown[],
  report: PublishReport,
  nowIso: string,
): Promise<void> {
  const offersByProduct = new Map<string, { sku: string; stock: number }[]>();
  for (const input of catalog) {
    const result = validateProduct(input);
    if (!result.ok) continue;
    const inactive = result.value.status === 'inactive';
    offersByProduct.set(
      result.value.sku,
      productOffers(result.value).map((o) => ({ sku: o.sku, stock: inactive ? 0 : o.stock })),
    );
  }
  for (const item of report.items) {
    const sentStock =
      (item.outcome === 'created' && !item.recovered) ||
      (item.outcome === 'updated' && item.changes.includes('stock'));
    if (!sentStock) continue;
    for (const offer of offersByProduct.get(item.sku) ?? []) {
      if ((await store.getStock(offer.sku)) === undefined) continue;
      await store.transaction((tx) =>
        recordShown(tx, offer.sku, scopeOf(item.platform, item.account), offer.stock, nowIso),
      );
    }
  }
}
