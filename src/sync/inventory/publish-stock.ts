import type { Product } from '../../model/product.js';
import type { ItemResult, ListingDraft, MarketplaceAdapter, StockUpdate } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { readLedgerState, recordShown, scopeOf } from '../orders/order-state.js';

/**
 * A marketplace adapter for `publish` whose stock writes go through the ledger: a quantity publish sends
 * (a new listing's stock, a catalog stock change) is capped at what is available (on hand − reserved),
 * so units promised to open orders are never offered again; every acknowledged value is recorded as what
 * the platform shows, so the next stock sync does not send it again. Everything else is the adapter's.
 */
export function withLedgerStock(
  adapter: MarketplaceAdapter,
  store: StateStore,
  now: () => number = Date.now,
): MarketplaceAdapter {
  const scope = scopeOf(adapter.platform, adapter.account);
  const cap = async (sku: string, quantity: number): Promise<number> => {
    const entry = await store.getStock(sku);
    if (!entry) return quantity;
    const available = Math.max(0, entry.onHand - entry.reserved);
    // A gift box has no figure of its own: what its components make (src/sync/bundles).
    if ((await readLedgerState(store, sku)).bundle) return available;
    return Math.min(quantity, available);
  };
  const remember = async (sku: string, quantity: number) => {
    if ((await store.getStock(sku)) === undefined) return;
    const setAt = new Date(now()).toISOString();
    await store.transaction((tx) => recordShown(tx, sku, scope, quantity, setAt));
  };
  const capDraft = async (draft: ListingDraft): Promise<ListingDraft> => {
    const product: Product = { ...draft.product };
    if (product.variants.length > 0) {
      product.variants = await Promise.all(
        product.variants.map(async (v) => ({ ...v, stock: await cap(v.sku, v.stock) })),
      );
    } else if (product.stock !== undefined || product.bundle) {
      product.stock = await cap(product.sku, product.stock ?? 0);
    }
    return { ...draft, product };
  };
  const offersOf = (product: Product) =>
    product.variants.length > 0
      ? product.variants.map((v) => ({ sku: v.sku, stock: v.stock }))
      : [{ sku: product.sku, stock: product.stock ?? 0 }];

  const setStock: MarketplaceAdapter['setStock'] = async (updates, options) => {
    const capped: StockUpdate[] = await Promise.all(
      updates.map(async (u) => ({ sku: u.sku, quantity: await cap(u.sku, u.quantity) })),
    );
    const results: ItemResult[] = await adapter.setStock(capped, options);
    const sent = new Map(capped.map((u) => [u.sku, u.quantity]));
    for (const r of results) if (r.ok && sent.has(r.sku)) await remember(r.sku, sent.get(r.sku)!);
    return results;
  };
  const createListing: MarketplaceAdapter['createListing'] = async (draft, options) => {
    const capped = await capDraft(draft);
    const created = await adapter.createListing(capped, options);
    for (const offer of offersOf(capped.product)) await remember(offer.sku, offer.stock);
    return created;
  };
  const updateListing: MarketplaceAdapter['updateListing'] = async (remoteId, draft, options) =>
    adapter.updateListing(remoteId, await capDraft(draft), options);

  const overrides: Partial<Record<keyof MarketplaceAdapter, unknown>> = {
    setStock,
    createListing,
    updateListing,
  };
  return new Proxy(adapter, {
    get(target, property) {
      if (typeof property === 'string' && property in overrides)
        return overrides[property as keyof MarketplaceAdapter];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
