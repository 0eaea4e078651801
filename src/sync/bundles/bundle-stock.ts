import { A_FUNCTION, A_LIST, checkArgument } from '../../core/argument-guards.js';
import type { BundleComponent, Product } from '../../model/product.js';
import type { StateStore, StoreOperations } from '../../store/state-store.js';
import { readLedgerState, writeLedgerState } from '../orders/order-state.js';

/**
 * Gift boxes ("hộp quà OCOP") in the stock ledger. A box has no units of its own: its ledger entry is
 * derived — `onHand` = how many whole boxes the components' available units make, `reserved` = 0 — and
 * an order line of a box reserves (then consumes or releases) its components. The composition is kept
 * in the box's ledger state, so every process that reads orders expands them the same way.
 */

/** Boxes that `available` (SKU → on hand − reserved) makes: the scarcest component decides. */
export function bundleAvailable(
  components: readonly BundleComponent[],
  available: (sku: string) => number,
): number {
  checkArgument(components, 'components', A_LIST);
  checkArgument(available, 'available', A_FUNCTION);
  if (components.length === 0) return 0;
  return Math.max(
    0,
    Math.min(...components.map((c) => Math.floor(Math.max(0, available(c.sku)) / c.quantity))),
  );
}

/**
 * Order lines with every box replaced by its components (box quantity × component quantity). All or
 * nothing per box (#19 re-trial MEDIUM 4): a box with a component the ledger does not hold (`tracked`
 * false) gives none of its components — reserving some of a box's parts and not others is never right —
 * and that component is reported in `untracked`.
 */
export async function expandBundleLines(
  tx: StoreOperations,
  lines: Readonly<Record<string, number>>,
  tracked: (sku: string) => Promise<boolean> = async () => true,
  untracked?: Set<string>,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [sku, quantity] of Object.entries(lines)) {
    const components = (await readLedgerState(tx, sku)).bundle;
    if (!components) {
      out[sku] = (out[sku] ?? 0) + quantity;
      continue;
    }
    const missing: string[] = [];
    for (const c of components) if (!(await tracked(c.sku))) missing.push(c.sku);
    if (missing.length > 0) {
      for (const m of missing) untracked?.add(m);
      continue;
    }
    for (const c of components) out[c.sku] = (out[c.sku] ?? 0) + quantity * c.quantity;
  }
  return out;
}

/** Records the catalog's gift boxes (composition) and derives their entries. */
export async function recordBundles(store: StateStore, products: readonly Product[]): Promise<void> {
  for (const product of products) {
    if (!product.bundle) continue;
    const components = product.bundle.components.map((c) => ({ sku: c.sku, quantity: c.quantity }));
    // The box ships as one parcel item: `fulfil` weighs order lines by the box's own unit.
    const unit = {
      weightGrams: product.weightGrams!,
      ...(product.dimensionsCm ? { dimensionsCm: product.dimensionsCm } : {}),
    };
    await store.transaction(async (tx) => {
      const state = await readLedgerState(tx, product.sku);
      const next = { ...state, bundle: components, unit };
      if (JSON.stringify(next) !== JSON.stringify(state)) await writeLedgerState(tx, product.sku, next);
    });
  }
  await refreshBundleStock(store);
}

/** Re-derives every gift box's ledger entry from its components' current entries. */
export async function refreshBundleStock(store: StateStore): Promise<void> {
  const states = await store.listLedgerStates();
  await store.transaction(async (tx) => {
    for (const record of states) {
      const components = (await readLedgerState(tx, record.sku)).bundle;
      if (!components) continue;
      const entries = new Map<string, number>();
      for (const c of components) {
        const entry = await tx.getStock(c.sku);
        entries.set(c.sku, entry ? entry.onHand - entry.reserved : 0);
      }
      const onHand = bundleAvailable(components, (sku) => entries.get(sku) ?? 0);
      const current = await tx.getStock(record.sku);
      if (!current || current.onHand !== onHand || current.reserved !== 0)
        await tx.putStock({ sku: record.sku, onHand, reserved: 0 });
    }
  });
}
