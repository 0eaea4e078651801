import { z } from 'zod';
import { checkModelArgument } from './argument-check.js';

/** Canonical marketplace order statuses. Each adapter maps its raw statuses onto these and keeps the raw one. */
export const ORDER_STATUSES = [
  'UNPAID',
  'PENDING_CONFIRM',
  'CONFIRMED',
  'READY_TO_SHIP',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCEL_REQUESTED',
  'CANCELLED',
  'DELIVERY_FAILED',
  'RETURNING',
  'RETURNED',
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** Canonical shipment statuses (carrier side). */
export const SHIPMENT_STATUSES = [
  /** Created at the carrier, waiting for the shop to approve it (ViettelPost -100). */
  'CREATED',
  /** The create call was sent but its answer was lost; the waybill number arrives later (webhook or lookup). */
  'WAYBILL_PENDING',
  'PENDING_PICKUP',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'DELIVERY_FAILED',
  'RETURNING',
  'RETURNED',
  'CANCELLED',
  /** The carrier refused the shipment (ViettelPost 101, 201). */
  'REJECTED',
] as const;
export const ShipmentStatusSchema = z.enum(SHIPMENT_STATUSES);
export type ShipmentStatus = z.infer<typeof ShipmentStatusSchema>;

export const LISTING_REVIEW_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export const ListingReviewStatusSchema = z.enum(LISTING_REVIEW_STATUSES);
export type ListingReviewStatus = z.infer<typeof ListingReviewStatusSchema>;

/**
 * Allowed order transitions, as data. Marketplaces skip states (an order can go straight from
 * PENDING_CONFIRM to SHIPPED when the seller ships from the platform's own UI), so the table lists every
 * forward move we accept, not only the next step.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  UNPAID: ['PENDING_CONFIRM', 'CONFIRMED', 'CANCELLED'],
  PENDING_CONFIRM: ['CONFIRMED', 'READY_TO_SHIP', 'SHIPPED', 'CANCEL_REQUESTED', 'CANCELLED'],
  CONFIRMED: ['READY_TO_SHIP', 'SHIPPED', 'CANCEL_REQUESTED', 'CANCELLED'],
  READY_TO_SHIP: ['SHIPPED', 'CANCEL_REQUESTED', 'CANCELLED'],
  SHIPPED: ['DELIVERED', 'DELIVERY_FAILED', 'RETURNING'],
  DELIVERED: ['COMPLETED', 'RETURNING'],
  COMPLETED: [],
  CANCEL_REQUESTED: ['CANCELLED', 'CONFIRMED', 'READY_TO_SHIP'],
  CANCELLED: [],
  DELIVERY_FAILED: ['SHIPPED', 'DELIVERED', 'RETURNING', 'RETURNED'],
  RETURNING: ['RETURNED', 'DELIVERED'],
  RETURNED: [],
};

export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  CREATED: ['PENDING_PICKUP', 'PICKED_UP', 'IN_TRANSIT', 'CANCELLED', 'REJECTED'],
  WAYBILL_PENDING: ['CREATED', 'PENDING_PICKUP', 'PICKED_UP', 'IN_TRANSIT', 'CANCELLED', 'REJECTED'],
  PENDING_PICKUP: ['PICKED_UP', 'IN_TRANSIT', 'CANCELLED', 'REJECTED'],
  PICKED_UP: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'REJECTED'],
  IN_TRANSIT: ['OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_FAILED', 'RETURNING'],
  OUT_FOR_DELIVERY: ['IN_TRANSIT', 'DELIVERED', 'DELIVERY_FAILED', 'RETURNING'],
  DELIVERY_FAILED: ['OUT_FOR_DELIVERY', 'IN_TRANSIT', 'DELIVERED', 'RETURNING', 'RETURNED', 'CANCELLED'],
  RETURNING: ['RETURNED', 'OUT_FOR_DELIVERY'],
  DELIVERED: [],
  RETURNED: [],
  CANCELLED: [],
  REJECTED: [],
};

export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(
  ORDER_STATUSES.filter((s) => ORDER_TRANSITIONS[s].length === 0),
);
export const TERMINAL_SHIPMENT_STATUSES: ReadonlySet<ShipmentStatus> = new Set(
  SHIPMENT_STATUSES.filter((s) => SHIPMENT_TRANSITIONS[s].length === 0),
);

/** Whether an order may move from `from` to `to`. Staying in the same status is not a transition. */
/** A status of the list, or a validation error naming the argument and the statuses there are. */
function checkStatus(value: unknown, name: string, statuses: readonly string[]): void {
  const list = statuses.join(', ');
  checkModelArgument(statuses.includes(value as string), name, value, {
    vi: `một trạng thái (${list})`,
    en: `a status (${list})`,
  });
}

export function canTransitionOrder(from: OrderStatus, to: OrderStatus): boolean {
  checkStatus(from, 'from', ORDER_STATUSES);
  checkStatus(to, 'to', ORDER_STATUSES);
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Whether a shipment may move from `from` to `to` (used to ignore stale, out-of-order webhooks). */
export function canTransitionShipment(from: ShipmentStatus, to: ShipmentStatus): boolean {
  checkStatus(from, 'from', SHIPMENT_STATUSES);
  checkStatus(to, 'to', SHIPMENT_STATUSES);
  return SHIPMENT_TRANSITIONS[from].includes(to);
}

/**
 * How far along its journey a shipment is, for ordering events that carry the same time (and for events
 * that skip steps: a lost "in transit" must not stop a later "delivered"). Final states share the top rank.
 */
export const SHIPMENT_STATUS_RANK: Readonly<Record<ShipmentStatus, number>> = {
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

/** A shipment's status and the time the carrier gave for it (ISO-8601; absent when not known). */
export interface TimedShipmentStatus {
  status: ShipmentStatus;
  at?: string;
}

/** What applying a carrier event to a shipment does (see `nextShipmentStatus`). */
export type ShipmentEventEffect =
  /** The event moves the shipment to its status. */
  | 'advance'
  /** Same status, later time: only the time moves (so an older event read later stays ignored). */
  | 'touch'
  /** Older than what is known, after a final status, or not a step forward: ignored. */
  | 'stale';

function instant(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Orders carrier events by event time, then by the status order, never by arrival: an event older than
 * the current status is stale (OUT_FOR_DELIVERY at 12:00 then IN_TRANSIT at 09:00 stays OUT_FOR_DELIVERY);
 * of two events with the same time the one further along wins; a final status always applies and is never
 * left (of two different final statuses, which cannot both be true, the first to arrive stays). Without a
 * time on either side only the status order counts. So any arrival order of the same events ends the same.
 */
export function shipmentEventEffect(
  current: TimedShipmentStatus,
  event: TimedShipmentStatus,
): ShipmentEventEffect {
  if (TERMINAL_SHIPMENT_STATUSES.has(current.status)) return 'stale';
  // A final status is the end of the journey whatever its time says (carrier clocks disagree).
  if (TERMINAL_SHIPMENT_STATUSES.has(event.status))
    return current.status === event.status ? 'stale' : 'advance';
  // A waybill not yet known has no carrier time of its own: the first carrier status always lands.
  if (current.status === 'WAYBILL_PENDING') return 'advance';
  const now = instant(current.at);
  const then = instant(event.at);
  const order = now === undefined || then === undefined ? 0 : Math.sign(then - now);
  if (current.status === event.status) return order > 0 ? 'touch' : 'stale';
  if (order !== 0) return order > 0 ? 'advance' : 'stale';
  return SHIPMENT_STATUS_RANK[event.status] > SHIPMENT_STATUS_RANK[current.status] ? 'advance' : 'stale';
}

/** A shipment status and what orders it when its time cannot be trusted (see `clampedShipmentEventEffect`). */
export interface StagedShipmentStatus {
  status: ShipmentStatus;
  /**
   * Its time is a stand-in for a carrier date in the future beyond clock skew (the adapter clamped it):
   * the time orders nothing.
   */
  clamped?: boolean;
  /** The carrier's journey stage of its raw code, when the carrier has one (VNPost: 6 picked up < 7). */
  stage?: number;
}

/**
 * The one rule for carrier events dated in the future (clamped, #16), shared by the carrier adapters'
 * shipment records and the connector's order records. Undefined when neither side is clamped: then the
 * times decide (`shipmentEventEffect`).
 *
 * - A genuine event replaces a held clamped status, whatever it says (the clamped claim had no time to
 *   be "newer" by): `touch` for the same status, `advance` otherwise — even back along the journey.
 * - A clamped event moves at most one journey stage forward: to the next rank (CREATED → PENDING_PICKUP,
 *   OUT_FOR_DELIVERY → DELIVERY_FAILED), along an allowed transition; never onto a final status, never
 *   out of one. Of the same status it lands only a later raw stage (`touch`): a redelivery moves nothing.
 *
 * A catch-up (the carrier's status history: genuine events) therefore always corrects a clamped record.
 */
export function clampedShipmentEventEffect(
  current: StagedShipmentStatus,
  event: StagedShipmentStatus,
): ShipmentEventEffect | undefined {
  if (!current.clamped && !event.clamped) return undefined;
  if (!event.clamped) return current.status === event.status ? 'touch' : 'advance';
  if (TERMINAL_SHIPMENT_STATUSES.has(current.status) || TERMINAL_SHIPMENT_STATUSES.has(event.status))
    return 'stale';
  if (current.status === event.status) {
    const later = current.stage !== undefined && event.stage !== undefined && event.stage > current.stage;
    return later ? 'touch' : 'stale';
  }
  const oneStage = SHIPMENT_STATUS_RANK[event.status] === SHIPMENT_STATUS_RANK[current.status] + 1;
  return oneStage && canTransitionShipment(current.status, event.status) ? 'advance' : 'stale';
}
