import type { Order } from '../../model/order.js';
import type { OrderStatus } from '../../model/status.js';
import type { StateStore, StoreOperations } from '../../store/state-store.js';
import { expandBundleLines } from '../bundles/bundle-stock.js';
import { effectDelta, ORDER_STOCK_EFFECT } from '../inventory/order-effect.js';
import type { OrderStockEffect } from '../inventory/types.js';
import {
  adjustShown,
  keyOf,
  type OrderState,
  readLedgerState,
  readOrderState,
  scopeOf,
  writeLedgerState,
  writeOrderState,
} from './order-state.js';

/** An order read from a marketplace, with the account it was read from. */
export type AccountOrder = Order & { account: string };

/** What applying one snapshot did. */
export interface AppliedSnapshot {
  /** `new`: first time seen; `changed`: status or content moved; `unchanged`; `stale`: older than what is known. */
  change: 'new' | 'changed' | 'unchanged' | 'stale';
  state: OrderState;
  previousStatus?: OrderStatus;
  /** Set when the order's effect on the ledger changed. */
  stock?: { from?: OrderStockEffect; to: OrderStockEffect; lines: Record<string, number> };
  /** Units counted back in because the parcel came back (once per order). */
  restocked?: Record<string, number>;
}

export interface ApplyOptions {
  /** Count a returned parcel's units back into stock (once). @default true */
  restockReturns?: boolean;
  /** SKUs on order lines the ledger does not track are added here. */
  untracked?: Set<string>;
}

export function lineQuantities(order: Pick<Order, 'lines'>): Record<string, number> {
  const lines: Record<string, number> = {};
  for (const line of order.lines) lines[line.sku] = (lines[line.sku] ?? 0) + line.quantity;
  return lines;
}

/** Platform times within this distance of our last write cannot be ordered against it. */
export const SAME_INSTANT_MS = 2_000;

/** Moves what the order's own marketplace shows for events after our last write there (see docs/inventory.md). */
async function movePlatformCount(
  tx: StoreOperations,
  order: AccountOrder,
  sign: 1 | -1,
  eventAt: string,
): Promise<void> {
  const scope = scopeOf(order.platform, order.account);
  for (const [sku, quantity] of Object.entries(lineQuantities(order))) {
    // Only events after our last absolute write moved the platform's count; older ones were overwritten.
    // Too close to call (platform clocks tick in seconds): forget the figure, so the next push sets it.
    const ledger = await readLedgerState(tx, sku);
    const shown = ledger.shown[scope];
    if (!shown) continue;
    const after = Date.parse(eventAt) - Date.parse(shown.setAt);
    if (after > SAME_INSTANT_MS) await adjustShown(tx, sku, scope, sign * quantity);
    else if (!(after < -SAME_INSTANT_MS)) {
      delete ledger.shown[scope];
      await writeLedgerState(tx, sku, ledger);
    }
  }
}

/** Adds a returned parcel's units back to `onHand` (the caller checked it was not done before). */
async function restock(tx: StoreOperations, lines: Record<string, number>): Promise<void> {
  for (const [sku, quantity] of Object.entries(lines)) {
    await tx.updateStock(sku, (current) =>
      current ? { sku, onHand: current.onHand + quantity, reserved: current.reserved } : undefined,
    );
  }
}

/**
 * Applies one marketplace snapshot of an order in one transaction: the order record, its effect on the
 * stock ledger (reserve, release, consume — each once), what its marketplace now shows, and a returned
 * parcel's restock. Replaying any sequence of snapshots applies each step once.
 */
export async function applyOrderSnapshot(
  store: StateStore,
  order: AccountOrder,
  options: ApplyOptions = {},
): Promise<AppliedSnapshot> {
  return store.transaction((tx) => applyInTransaction(tx, order, options));
}

export async function applyInTransaction(
  tx: StoreOperations,
  order: AccountOrder,
  options: ApplyOptions,
): Promise<AppliedSnapshot> {
  const key = keyOf(order, order.account);
  const previous = await readOrderState(tx, key);
  if (previous && previous.snapshotAt > order.updatedAt) return { change: 'stale', state: previous };
  const effect = ORDER_STOCK_EFFECT[order.status];
  const lines: Record<string, number> = {};
  // A gift box line holds its components' units, not units of its own.
  const tracked = async (sku: string) =>
    (await tx.getStock(sku)) !== undefined || previous?.lines[sku] !== undefined;
  const expanded = await expandBundleLines(tx, lineQuantities(order), tracked, options.untracked);
  for (const [sku, quantity] of Object.entries(expanded)) {
    // A SKU the ledger does not hold is not ours to count (or not initialised): leave it out.
    if ((await tx.getStock(sku)) === undefined && previous?.lines[sku] === undefined) {
      options.untracked?.add(sku);
      continue;
    }
    lines[sku] = quantity;
  }
  const final = previous !== undefined && previous.effect !== 'reserved';
  const nextEffect: OrderStockEffect = final ? previous.effect : effect;
  const nextLines = final ? previous.lines : lines;
  for (const [sku, delta] of effectDelta(previous, { effect: nextEffect, lines: nextLines })) {
    // Clamped at 0: a ledger started after some orders shipped must not go negative.
    await tx.updateStock(sku, (current) => ({
      sku,
      onHand: Math.max(0, (current?.onHand ?? 0) + delta.onHand),
      reserved: Math.max(0, (current?.reserved ?? 0) + delta.reserved),
    }));
  }
  const state: OrderState = {
    ...(previous ?? {
      platformTook: false,
      platformRestored: false,
      restocked: false,
    }),
    order: { ...order, account: order.account },
    snapshotAt: order.updatedAt,
    effect: nextEffect,
    lines: nextLines,
  } as OrderState;
  // The marketplace took the units off its own count when the order was placed, and gives them back
  // when it is cancelled: follow both so the next push compares with what the buyer really sees.
  if (!state.platformTook) {
    await movePlatformCount(tx, order, -1, order.createdAt);
    state.platformTook = true;
  }
  if (order.status === 'CANCELLED' && !state.platformRestored) {
    await movePlatformCount(tx, order, 1, order.updatedAt);
    state.platformRestored = true;
  }
  let restocked: Record<string, number> | undefined;
  if (order.status === 'RETURNED' && options.restockReturns !== false && !state.restocked) {
    restocked = state.effect === 'consumed' ? state.lines : {};
    await restock(tx, restocked);
    state.restocked = true;
  }
  await writeOrderState(tx, key, state);
  const stockChanged =
    previous === undefined ||
    previous.effect !== state.effect ||
    JSON.stringify(previous.lines) !== JSON.stringify(state.lines);
  const statusChanged = previous === undefined || previous.order.status !== order.status;
  return {
    change: previous === undefined ? 'new' : statusChanged || stockChanged ? 'changed' : 'unchanged',
    state,
    ...(previous ? { previousStatus: previous.order.status } : {}),
    ...(stockChanged
      ? { stock: { ...(previous ? { from: previous.effect } : {}), to: state.effect, lines: state.lines } }
      : {}),
    ...(restocked ? { restocked } : {}),
  };
}
