import { AN_OBJECT, checkArgument, type Expected } from '../../core/argument-guards.js';
import type { ShipmentEvent } from '../../model/shipment.js';
import {
  clampedShipmentEventEffect,
  ORDER_TRANSITIONS,
  type OrderStatus,
  type ShipmentStatus,
  shipmentEventEffect,
} from '../../model/status.js';
import type { OrderStateKey, StateStore } from '../../store/state-store.js';
import { effectDelta, ORDER_STOCK_EFFECT } from '../inventory/order-effect.js';
import { listOrderStates, type OrderState, readOrderState, writeOrderState } from './order-state.js';

/**
 * The marketplace order status a carrier status implies. Statuses before pickup imply nothing (the
 * order stays where `markShipped` left it: SHIPPED on Voso, READY_TO_SHIP on Postmart); a cancelled or
 * rejected shipment leaves the order for the seller to decide.
 */
export const ORDER_STATUS_FOR_SHIPMENT: Readonly<Partial<Record<ShipmentStatus, OrderStatus>>> = {
  PICKED_UP: 'SHIPPED',
  IN_TRANSIT: 'SHIPPED',
  OUT_FOR_DELIVERY: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  DELIVERY_FAILED: 'DELIVERY_FAILED',
  RETURNING: 'RETURNING',
  RETURNED: 'RETURNED',
};

/**
 * The steps from one order status to another along the moves the model allows (shortest path), e.g.
 * READY_TO_SHIP → DELIVERED is [SHIPPED, DELIVERED]. Empty when already there or when no path exists.
 */
export function orderStatusPath(from: OrderStatus, to: OrderStatus): OrderStatus[] {
  if (from === to) return [];
  const previous = new Map<OrderStatus, OrderStatus>();
  const queue: OrderStatus[] = [from];
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const next of ORDER_TRANSITIONS[status]) {
      if (next === from || previous.has(next)) continue;
      previous.set(next, status);
      if (next === to) {
        const path: OrderStatus[] = [to];
        let step = status;
        while (step !== from) {
          path.unshift(step);
          step = previous.get(step)!;
        }
        return path;
      }
      queue.push(next);
    }
  }
  return [];
}

/** The order status as far as we know: the marketplace's snapshot, or further along the carrier's journey. */
const AN_ORDER_STATE: Expected = {
  schema: AN_OBJECT.schema.refine(
    (v) => AN_OBJECT.schema.safeParse((v as { order?: unknown }).order).success,
  ),
  vi: 'một OrderState (có order)',
  en: 'an OrderState (with order)',
};

export function currentOrderStatus(state: OrderState): OrderStatus {
  checkArgument(state, 'state', AN_ORDER_STATE);
  const snapshot = state.order.status;
  const journey = state.journeyStatus;
  if (!journey || journey === snapshot) return snapshot;
  // The carrier is ahead of the last snapshot when the snapshot can still reach the journey's status.
  return orderStatusPath(snapshot, journey).length > 0 ? journey : snapshot;
}

export interface CarrierEventResult {
  outcome: 'applied' | 'duplicate' | 'stale' | 'unknown_shipment';
  order?: OrderStateKey;
  reference?: string;
  trackingNumber: string;
  status: ShipmentStatus;
  /** The shipment's status after the event. */
  shipmentStatus?: ShipmentStatus;
  /** The waybill number was learnt from this event (a create whose answer was lost). */
  waybillLearnt?: boolean;
  /** Order statuses the event moved the order through, in the order the platform allows. */
  orderPath?: OrderStatus[];
  /** Units counted back in because the parcel came back. */
  restocked?: Record<string, number>;
}

/** Finds the order whose shipment has this reference or waybill. */
async function findShipmentOrder(
  store: StateStore,
  event: Pick<ShipmentEvent, 'reference' | 'trackingNumber'>,
): Promise<OrderStateKey | undefined> {
  for (const state of await listOrderStates(store)) {
    const s = state.shipment;
    if (!s) continue;
    if (
      (event.reference !== undefined && s.reference === event.reference) ||
      s.waybill === event.trackingNumber
    )
      return state.key;
  }
  return undefined;
}

export interface ApplyCarrierEventOptions {
  /** Count a returned parcel's units back in (once). @default true */
  restockReturns?: boolean;
  /**
   * The carrier's journey stage of a raw status code (`CarrierAdapter.journeyStage`): of two events with
   * the same canonical status and the same instant, the later stage's raw code is kept (VNPost 6 then 7).
   */
  journeyStage?: (rawStatus: string | number) => number | undefined;
}

/** Same canonical status, not earlier, and further along the carrier's own journey: its raw code is newer. */
function laterStageOfSameStatus(
  shipment: { status: ShipmentStatus; statusAt?: string; rawStatus?: string | number },
  event: ShipmentEvent,
  journeyStage: ApplyCarrierEventOptions['journeyStage'],
): boolean {
  if (!journeyStage || shipment.status !== event.status || shipment.rawStatus === undefined) return false;
  if (shipment.statusAt !== undefined && Date.parse(event.occurredAt) < Date.parse(shipment.statusAt))
    return false;
  const now = journeyStage(shipment.rawStatus);
  const next = journeyStage(event.rawStatus);
  return now !== undefined && next !== undefined && next > now;
}

/**
 * Applies one carrier event to its order, once and in one transaction: the dedupe key is kept in the order
 * record for the life of the shipment; events are ordered by time and status (a late "in transit" never
 * overrides "delivered"); the order follows the carrier along its allowed status path; a returned parcel
 * restocks once (unless `restockReturns` is false).
 */
export async function applyCarrierEvent(
  store: StateStore,
  event: ShipmentEvent,
  options: ApplyCarrierEventOptions = {},
): Promise<CarrierEventResult> {
  const base = { trackingNumber: event.trackingNumber, status: event.status };
  const key = await findShipmentOrder(store, event);
  if (!key)
    return {
      ...base,
      outcome: 'unknown_shipment',
      ...(event.reference ? { reference: event.reference } : {}),
    };
  return store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      const shipment = state?.shipment;
      if (!state || !shipment) return { ...base, outcome: 'unknown_shipment' as const };
      const common = { ...base, order: key, reference: shipment.reference };
      if (shipment.events.includes(event.dedupeKey)) {
        return { ...common, outcome: 'duplicate' as const, shipmentStatus: shipment.status };
      }
      const waybillLearnt = shipment.waybill === undefined;
      const stageOf = (raw: string | number | undefined) =>
        raw === undefined ? undefined : options.journeyStage?.(raw);
      const heldClamped = shipment.statusAtClamped === true;
      const clamped = event.futureDateClamped === true;
      // A future-dated (clamped) time orders nothing (#16): the one rule the carrier adapters' records
      // follow too — a clamped event moves at most one stage forward, any genuine event replaces it.
      const untimedEffect = clampedShipmentEventEffect(
        { status: shipment.status, clamped: heldClamped, stage: stageOf(shipment.rawStatus) },
        { status: event.status, clamped, stage: stageOf(event.rawStatus) },
      );
      const effect =
        untimedEffect ??
        shipmentEventEffect(
          { status: shipment.status, ...(shipment.statusAt ? { at: shipment.statusAt } : {}) },
          { status: event.status, at: event.occurredAt },
        );
      // The same status reported at the same instant one stage further along (VNPost 6 "picked up" then
      // 7 "at the post office"): the newer raw code is kept.
      const laterStage =
        untimedEffect === undefined &&
        effect === 'stale' &&
        laterStageOfSameStatus(shipment, event, options.journeyStage);
      const lands = effect !== 'stale';
      const next: OrderState = {
        ...state,
        shipment: {
          ...shipment,
          waybill: shipment.waybill ?? event.trackingNumber,
          events: [...shipment.events, event.dedupeKey],
          ...(effect === 'advance' ? { status: event.status } : {}),
          ...(lands ? { statusAt: event.occurredAt } : {}),
          ...(lands || laterStage ? { rawStatus: event.rawStatus } : {}),
        },
      };
      if (lands) {
        if (clamped) next.shipment!.statusAtClamped = true;
        else delete next.shipment!.statusAtClamped;
      }
      let orderPath: OrderStatus[] = [];
      let restocked: Record<string, number> | undefined;
      // A clamped claim moves the shipment record only: the order and its stock follow genuine events
      // (the one that replaces a held clamped status included).
      const implied =
        !clamped && (effect === 'advance' || (effect === 'touch' && heldClamped))
          ? ORDER_STATUS_FOR_SHIPMENT[event.status]
          : undefined;
      if (implied) {
        orderPath = orderStatusPath(currentOrderStatus(state), implied);
        if (orderPath.length > 0) {
          next.journeyStatus = implied;
          // Picked up: the units left the warehouse (a Postmart order is still READY_TO_SHIP on its side).
          const stockEffect = ORDER_STOCK_EFFECT[implied];
          if (state.effect === 'reserved' && stockEffect === 'consumed') {
            for (const [sku, delta] of effectDelta(state, { effect: 'consumed', lines: state.lines })) {
              await tx.updateStock(sku, (current) => ({
                sku,
                onHand: Math.max(0, (current?.onHand ?? 0) + delta.onHand),
                reserved: Math.max(0, (current?.reserved ?? 0) + delta.reserved),
              }));
            }
            next.effect = 'consumed';
          }
          if (implied === 'RETURNED' && options.restockReturns !== false && !state.restocked) {
            restocked = next.effect === 'consumed' ? next.lines : {};
            for (const [sku, quantity] of Object.entries(restocked)) {
              await tx.updateStock(sku, (current) =>
                current ? { sku, onHand: current.onHand + quantity, reserved: current.reserved } : undefined,
              );
            }
            next.restocked = true;
          }
        }
      }
      await writeOrderState(tx, key, next);
      await tx.updateShipment(shipment.reference, (previous) => ({
        ...previous,
        reference: shipment.reference,
        carrier: previous?.carrier ?? shipment.carrier,
        waybill: previous?.waybill ?? next.shipment!.waybill!,
        status: previous?.status ?? next.shipment!.status,
      }));
      return {
        ...common,
        // News: the status, its raw code or its time's trust changed (a genuine event replacing a clamped one).
        outcome:
          effect === 'advance' ||
          laterStage ||
          (lands && (heldClamped !== clamped || String(shipment.rawStatus) !== String(event.rawStatus)))
            ? ('applied' as const)
            : ('stale' as const),
        shipmentStatus: next.shipment!.status,
        ...(waybillLearnt ? { waybillLearnt: true } : {}),
        ...(orderPath.length > 0 ? { orderPath } : {}),
        ...(restocked ? { restocked } : {}),
      };
    },
    { durable: true },
  );
}
