import type { OrderStatus } from '../../model/status.js';
import type { OrderStockEffect } from './types.js';

/**
 * The effect an order in a canonical status has on the ledger. UNPAID and CANCEL_REQUESTED hold stock
 * too: the marketplace already took the unit off its own count, and a cancel request may be refused.
 * After shipping the units are gone for good — a return does not restock by itself (the goods may be
 * damaged); count them back with `store.putStock` after inspection.
 */
export const ORDER_STOCK_EFFECT: Readonly<Record<OrderStatus, OrderStockEffect>> = {
  UNPAID: 'reserved',
  PENDING_CONFIRM: 'reserved',
  CONFIRMED: 'reserved',
  READY_TO_SHIP: 'reserved',
  CANCEL_REQUESTED: 'reserved',
  SHIPPED: 'consumed',
  DELIVERED: 'consumed',
  COMPLETED: 'consumed',
  DELIVERY_FAILED: 'consumed',
  RETURNING: 'consumed',
  RETURNED: 'consumed',
  CANCELLED: 'released',
};

export interface StockDelta {
  onHand: number;
  reserved: number;
}

/**
 * What moving an order from one effect (undefined: not seen before) to another does to each SKU. Consumed
 * and released are final: once applied, nothing the order does later changes the ledger again, so
 * replaying any sequence of snapshots applies each step once.
 */
export function effectDelta(
  previous: { effect: OrderStockEffect; lines: Record<string, number> } | undefined,
  next: { effect: OrderStockEffect; lines: Record<string, number> },
): Map<string, StockDelta> {
  const deltas = new Map<string, StockDelta>();
  const add = (sku: string, onHand: number, reserved: number) => {
    const d = deltas.get(sku) ?? { onHand: 0, reserved: 0 };
    d.onHand += onHand;
    d.reserved += reserved;
    deltas.set(sku, d);
  };
  if (previous && previous.effect !== 'reserved') return deltas;
  if (previous) for (const [sku, q] of Object.entries(previous.lines)) add(sku, 0, -q);
  if (next.effect === 'reserved') for (const [sku, q] of Object.entries(next.lines)) add(sku, 0, q);
  if (next.effect === 'consumed') for (const [sku, q] of Object.entries(next.lines)) add(sku, -q, 0);
  for (const [sku, d] of deltas) if (d.onHand === 0 && d.reserved === 0) deltas.delete(sku);
  return deltas;
}
