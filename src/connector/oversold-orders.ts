import type { StateStore } from '../store/state-store.js';
import { listOrderStates } from '../sync/orders/order-state.js';

/**
 * Orders holding units the ledger does not have (reserved above on hand): the later orders, as
 * syncInventory reports them — `fulfilPending` leaves them for a person.
 */
export async function oversoldOrders(s: StateStore): Promise<Set<string>> {
  const ledger = await s.listStock();
  const short = new Set(ledger.filter((e) => e.reserved > e.onHand).map((e) => e.sku));
  if (short.size === 0) return new Set();
  // The same rule as syncInventory's report: earlier orders keep the units.
  const holders = (await listOrderStates(s))
    .filter((o) => o.effect === 'reserved')
    .sort(
      (a, b) =>
        a.order.createdAt.localeCompare(b.order.createdAt) ||
        `${a.key.platform}/${a.key.account}:${a.key.externalId}`.localeCompare(
          `${b.key.platform}/${b.key.account}:${b.key.externalId}`,
        ),
    );
  const left = new Map(ledger.map((e) => [e.sku, e.onHand]));
  const out = new Set<string>();
  for (const h of holders) {
    for (const [sku, q] of Object.entries(h.lines)) {
      if (!short.has(sku)) continue;
      const remaining = left.get(sku) ?? 0;
      left.set(sku, Math.max(0, remaining - q));
      if (remaining < q) out.add(`${h.key.platform}/${h.key.account}:${h.key.externalId}`);
    }
  }
  return out;
}
