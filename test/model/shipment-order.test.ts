import { describe, expect, it } from 'vitest';
import {
  clampedShipmentEventEffect,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  shipmentEventEffect,
  TERMINAL_SHIPMENT_STATUSES,
  type TimedShipmentStatus,
} from '../../src/model/status.js';

const at = (hour: number) => `2026-12-02T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** Folds events in arrival order, as the connector does. */
function fold(start: TimedShipmentStatus, events: readonly TimedShipmentStatus[]): TimedShipmentStatus {
  let state = start;
  for (const event of events) {
    const effect = shipmentEventEffect(state, event);
    if (effect === 'advance') state = event;
    else if (effect === 'touch') state = { ...state, at: event.at! };
  }
  return state;
}

describe('shipment events are ordered by event time and status order, not by arrival', () => {
  it('the reported case: OUT_FOR_DELIVERY at 12:00 then IN_TRANSIT at 09:00 stays OUT_FOR_DELIVERY', () => {
    const end = fold({ status: 'PICKED_UP', at: at(8) }, [
      { status: 'OUT_FOR_DELIVERY', at: at(12) },
      { status: 'IN_TRANSIT', at: at(9) },
    ]);
    expect(end).toEqual({ status: 'OUT_FOR_DELIVERY', at: at(12) });
  });

  it('a late "in transit" never overrides "delivered", and a lost step does not stop a later status', () => {
    expect(
      shipmentEventEffect({ status: 'DELIVERED', at: at(9) }, { status: 'IN_TRANSIT', at: at(15) }),
    ).toBe('stale');
    expect(shipmentEventEffect({ status: 'PICKED_UP', at: at(9) }, { status: 'DELIVERED', at: at(15) })).toBe(
      'advance',
    );
    // A re-delivery after a failed attempt is a real step back in rank, allowed because it is later.
    expect(
      shipmentEventEffect(
        { status: 'DELIVERY_FAILED', at: at(9) },
        { status: 'OUT_FOR_DELIVERY', at: at(10) },
      ),
    ).toBe('advance');
  });

  it('every pair of statuses, both arrival orders, earlier / same / later times', () => {
    const failures: string[] = [];
    // Carriers never report WAYBILL_PENDING: it is our placeholder before the waybill number is known.
    const reported = SHIPMENT_STATUSES.filter((s) => s !== 'WAYBILL_PENDING');
    for (const a of reported) {
      for (const b of reported) {
        const start: TimedShipmentStatus = { status: 'WAYBILL_PENDING', at: at(1) };
        for (const [ta, tb] of [
          [5, 7],
          [7, 5],
          [6, 6],
        ] as const) {
          const ea = { status: a, at: at(ta) };
          const eb = { status: b, at: at(tb) };
          // Two different final statuses cannot both be true: the first to arrive stays (tested below).
          if (a !== b && TERMINAL_SHIPMENT_STATUSES.has(a) && TERMINAL_SHIPMENT_STATUSES.has(b)) continue;
          const one = fold(start, [ea, eb]);
          const two = fold(start, [eb, ea]);
          // 1. Arrival order never matters.
          if (one.status !== two.status)
            failures.push(`${a}@${ta} ${b}@${tb}: ${one.status} vs ${two.status}`);
          // 2. The later event wins (same time: the one further along); a final status is kept.
          const [first, last] = ta <= tb ? [ea, eb] : [eb, ea];
          const expected = expectedEnd(first, last, ta === tb);
          if (one.status !== expected)
            failures.push(`${a}@${ta} ${b}@${tb}: got ${one.status}, want ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('of two different final statuses the first to arrive stays', () => {
    const end = fold({ status: 'IN_TRANSIT', at: at(1) }, [
      { status: 'RETURNED', at: at(9) },
      { status: 'DELIVERED', at: at(12) },
    ]);
    expect(end.status).toBe('RETURNED');
  });

  it('a final status is never left, whatever arrives later', () => {
    for (const final of TERMINAL_SHIPMENT_STATUSES) {
      for (const next of SHIPMENT_STATUSES) {
        expect(shipmentEventEffect({ status: final, at: at(1) }, { status: next, at: at(23) })).toBe('stale');
      }
    }
  });
});

const RANK: Record<ShipmentStatus, number> = {
  WAYBILL_PENDING: 0,
  CREATED: 1,
  PENDING_PICKUP: 2,
  PICKED_UP: 3,
  IN_TRANSIT: 4,
  OUT_FOR_DELIVERY: 5,
  DELIVERY_FAILED: 6,
  RETURNING: 7,
  DELIVERED: 8,
  RETURNED: 8,
  CANCELLED: 8,
  REJECTED: 8,
};

/** Written independently of the implementation: the first event always lands (start is WAYBILL_PENDING). */
function expectedEnd(
  first: TimedShipmentStatus,
  last: TimedShipmentStatus,
  sameTime: boolean,
): ShipmentStatus {
  const a = first.status;
  const b = last.status;
  if (a === b) return a;
  // A final status ends the journey, whichever time it carries.
  if (TERMINAL_SHIPMENT_STATUSES.has(a)) return a;
  if (TERMINAL_SHIPMENT_STATUSES.has(b)) return b;
  if (sameTime) return RANK[b] > RANK[a] ? b : a;
  return b;
}

describe('clampedShipmentEventEffect (#16: events dated in the future)', () => {
  const on = (status: ShipmentStatus, clamped = false, stage?: number) => ({
    status,
    clamped,
    ...(stage !== undefined ? { stage } : {}),
  });
  it('leaves genuine events to their times', () => {
    expect(clampedShipmentEventEffect(on('CREATED'), on('DELIVERED'))).toBeUndefined();
  });
  it('moves a clamped event at most one stage forward, never onto or out of a final status', () => {
    expect(clampedShipmentEventEffect(on('CREATED'), on('PENDING_PICKUP', true))).toBe('advance');
    expect(clampedShipmentEventEffect(on('CREATED'), on('PICKED_UP', true))).toBe('stale');
    expect(clampedShipmentEventEffect(on('CREATED'), on('OUT_FOR_DELIVERY', true))).toBe('stale');
    expect(clampedShipmentEventEffect(on('OUT_FOR_DELIVERY'), on('DELIVERED', true))).toBe('stale');
    expect(clampedShipmentEventEffect(on('OUT_FOR_DELIVERY'), on('IN_TRANSIT', true))).toBe('stale');
    expect(clampedShipmentEventEffect(on('DELIVERED'), on('RETURNING', true))).toBe('stale');
    expect(clampedShipmentEventEffect(on('PENDING_PICKUP', true), on('PICKED_UP', true))).toBe('advance');
  });
  it('of the same status, a clamped event lands only a later raw stage (a redelivery moves nothing)', () => {
    expect(clampedShipmentEventEffect(on('PICKED_UP', false, 60), on('PICKED_UP', true, 70))).toBe('touch');
    expect(clampedShipmentEventEffect(on('PICKED_UP', true, 70), on('PICKED_UP', true, 70))).toBe('stale');
    expect(clampedShipmentEventEffect(on('PICKED_UP'), on('PICKED_UP', true))).toBe('stale');
  });
  it('replaces a held clamped status with any genuine event, back along the journey too', () => {
    expect(clampedShipmentEventEffect(on('PENDING_PICKUP', true), on('CREATED'))).toBe('advance');
    expect(clampedShipmentEventEffect(on('DELIVERED', true), on('IN_TRANSIT'))).toBe('advance');
    expect(clampedShipmentEventEffect(on('PICKED_UP', true, 70), on('PICKED_UP', false, 60))).toBe('touch');
  });
});
