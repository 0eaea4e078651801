import { describe, expect, it } from 'vitest';
import {
  canTransitionOrder,
  canTransitionShipment,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  SHIPMENT_STATUSES,
  SHIPMENT_TRANSITIONS,
  TERMINAL_ORDER_STATUSES,
  TERMINAL_SHIPMENT_STATUSES,
} from '../../src/model/index.js';

describe('status transitions as data', () => {
  it('every status has an entry and every target is a known status; no status moves to itself', () => {
    for (const [table, statuses] of [
      [ORDER_TRANSITIONS, ORDER_STATUSES],
      [SHIPMENT_TRANSITIONS, SHIPMENT_STATUSES],
    ] as const) {
      expect(Object.keys(table).sort()).toEqual([...statuses].sort());
      for (const [from, targets] of Object.entries(table)) {
        for (const to of targets as readonly string[]) {
          expect(statuses as readonly string[]).toContain(to);
          expect(to).not.toBe(from);
        }
      }
    }
  });

  it('final statuses have no way out', () => {
    expect([...TERMINAL_ORDER_STATUSES].sort()).toEqual(['CANCELLED', 'COMPLETED', 'RETURNED']);
    expect([...TERMINAL_SHIPMENT_STATUSES].sort()).toEqual([
      'CANCELLED',
      'DELIVERED',
      'REJECTED',
      'RETURNED',
    ]);
    expect(canTransitionShipment('DELIVERED', 'IN_TRANSIT')).toBe(false);
    expect(canTransitionOrder('CANCELLED', 'CONFIRMED')).toBe(false);
  });

  it('accepts the forward moves real platforms make and refuses going back', () => {
    expect(canTransitionOrder('PENDING_CONFIRM', 'SHIPPED')).toBe(true);
    expect(canTransitionOrder('SHIPPED', 'PENDING_CONFIRM')).toBe(false);
    expect(canTransitionShipment('WAYBILL_PENDING', 'PENDING_PICKUP')).toBe(true);
    expect(canTransitionShipment('OUT_FOR_DELIVERY', 'PICKED_UP')).toBe(false);
    expect(canTransitionShipment('DELIVERY_FAILED', 'RETURNING')).toBe(true);
  });

  it('every non-final status can still reach a final one', () => {
    const reachesEnd = (table: Readonly<Record<string, readonly string[]>>, start: string) => {
      const seen = new Set<string>();
      const stack = [start];
      while (stack.length) {
        const s = stack.pop()!;
        if ((table[s] ?? []).length === 0) return true;
        if (seen.has(s)) continue;
        seen.add(s);
        stack.push(...(table[s] ?? []));
      }
      return false;
    };
    for (const s of ORDER_STATUSES) expect(reachesEnd(ORDER_TRANSITIONS, s), s).toBe(true);
    for (const s of SHIPMENT_STATUSES) expect(reachesEnd(SHIPMENT_TRANSITIONS, s), s).toBe(true);
  });
});
