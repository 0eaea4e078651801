import type { CallOptions } from '../../core/types.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../../platforms/types.js';
import type { OrderStateKey, StateStore } from '../../store/state-store.js';
import { currentOrderStatus } from '../orders/journey.js';
import { listOrderStates, readOrderState, type ShipmentState } from '../orders/order-state.js';
import { completeShipment } from './complete-shipment.js';
import { OrderNotShippableError, ParcelCancelPendingError, ParcelCancelRefusedError } from './errors.js';
import { shipmentReference } from './fulfil-order.js';
import { lookUpPendingShipment } from './pending-shipment.js';
import { clearPendingShipment } from './shipment-record.js';

/** Journey ends: nothing left to cancel. */
const FINAL: ReadonlySet<string> = new Set(['DELIVERED', 'RETURNED', 'CANCELLED', 'REJECTED']);

/** A shipment whose create may have reached the carrier without an answer, looked up by our reference. */
export interface PendingShipmentLookup {
  order: OrderStateKey;
  reference: string;
  carrier: string;
  /**
   * - `found`: the carrier holds it: its waybill is saved, approved and given to the marketplace
   *   (`completed` false: that part failed, the next `fulfilPending` finishes it);
   * - `cancelled`: the carrier holds it but the order was cancelled meanwhile: the parcel was cancelled
   *   at the carrier and the order is not marked shipped;
   * - `held`: the carrier holds it but the buyer asked to cancel: neither approved nor marked shipped
   *   until the seller decides (see `error`);
   * - `not_found`: the carrier holds no parcel under the reference (yet): looked up again on every run
   *   while the create may still commit; the next `fulfilPending` creates it if the order still ships;
   *   `forgotten`: the order no longer ships and the carrier says the create can no longer commit;
   * - `no_lookup`: the carrier offers no lookup by our reference (ViettelPost): its waybill arrives with
   *   its journey webhook (a cancelled order's parcel is then cancelled), or ask the carrier for it;
   * - `cancel_pending`: the carrier holds it, the order was cancelled, and the parcel's cancel waits for
   *   the carrier's approval (VNPost Type "02"): the next run checks the decision (no second cancel);
   * - `cancel_refused`: the carrier holds it, the order was cancelled, and the carrier refused to cancel
   *   the parcel (picked up, or the case was not approved): it is live — a person must act (see `error`);
   * - `failed`: the lookup failed (see `error`); nothing changed.
   */
  outcome:
    | 'found'
    | 'cancelled'
    | 'held'
    | 'cancel_pending'
    | 'cancel_refused'
    | 'not_found'
    | 'forgotten'
    | 'no_lookup'
    | 'failed';
  trackingNumber?: string;
  completed?: boolean;
  error?: Error;
}

export interface CatchUpPendingContext {
  store: StateStore;
  carriers: readonly CarrierAdapter[];
  marketplaceFor(key: OrderStateKey): MarketplaceAdapter;
  call: CallOptions;
}

/**
 * Every create whose answer never came — the order's shipment without a waybill, and any reference the
 * carrier's record still holds pending (`pendingSince`) even when the order no longer names it — looked
 * up at its carrier by our reference. State lives in the store, so any process can run this.
 */
export async function catchUpPendingCreates(ctx: CatchUpPendingContext): Promise<PendingShipmentLookup[]> {
  const { store, carriers, call } = ctx;
  const results: PendingShipmentLookup[] = [];
  const states = await listOrderStates(store);
  const byReference = new Map(states.map((state) => [shipmentReference(state.key), state]));
  const pending = new Map<string, { key: OrderStateKey; shipment: ShipmentState }>();
  for (const state of states) {
    const s = state.shipment;
    if (s && !s.waybill) pending.set(s.reference, { key: state.key, shipment: s });
    // A cancelled order whose parcel is known but neither cancelled nor given to the marketplace (its
    // waybill arrived by webhook and that follow-up did not finish): completed here like a found one,
    // so a deployment running only the receiver and this catch-up never keeps an orphan parcel (one
    // already picked up ends `cancel_refused`: a person must act).
    else if (
      s?.waybill &&
      !s.markedShipped &&
      !s.cancelRefused &&
      !FINAL.has(s.status) &&
      currentOrderStatus(state) === 'CANCELLED'
    )
      pending.set(s.reference, { key: state.key, shipment: s });
  }
  for (const record of await store.listShipments()) {
    if (record.pendingSince === undefined || record.waybill || pending.has(record.reference)) continue;
    const state = byReference.get(record.reference);
    if (!state || state.shipment?.waybill || !record.carrier) continue;
    pending.set(record.reference, {
      key: state.key,
      shipment: {
        reference: record.reference,
        carrier: record.carrier,
        status: 'WAYBILL_PENDING',
        events: [],
        markedShipped: false,
        approved: false,
      },
    });
  }
  for (const { key, shipment } of pending.values()) {
    const carrier = carriers.find((c) => c.carrier === shipment.carrier);
    if (!carrier) continue;
    const entry = { order: key, reference: shipment.reference, carrier: carrier.carrier };
    if (!carrier.findShipment) {
      results.push({ ...entry, outcome: 'no_lookup' });
      continue;
    }
    let found: { trackingNumber: string } | undefined;
    try {
      found = await lookUpPendingShipment(store, key, shipment, carrier, call);
    } catch (error) {
      results.push({ ...entry, outcome: 'failed', error: error as Error });
      continue;
    }
    if (!found) {
      results.push({ ...entry, outcome: await notFound(store, key, shipment.reference, carrier) });
      continue;
    }
    const done = { ...entry, trackingNumber: found.trackingNumber };
    try {
      const now = (await readOrderState(store, key))?.shipment;
      const waybill = now?.waybill ?? found.trackingNumber;
      await completeShipment(
        store,
        key,
        { ...(now ?? shipment), waybill },
        { carrier, marketplace: ctx.marketplaceFor(key) },
        call,
      );
      results.push({ ...done, outcome: 'found', completed: true });
    } catch (error) {
      if (error instanceof ParcelCancelRefusedError) {
        results.push({ ...done, outcome: 'cancel_refused', error });
      } else if (error instanceof ParcelCancelPendingError) {
        results.push({ ...done, outcome: 'cancel_pending', error });
      } else if (error instanceof OrderNotShippableError && error.status === 'CANCELLED') {
        results.push({ ...done, outcome: 'cancelled', error });
      } else if (error instanceof OrderNotShippableError && error.status === 'CANCEL_REQUESTED') {
        results.push({ ...done, outcome: 'held', error });
      } else {
        results.push({ ...done, outcome: 'found', completed: false, error: error as Error });
      }
    }
  }
  return results;
}

/** Not found: given up only for an order that no longer ships, once the carrier says it cannot commit. */
async function notFound(
  store: StateStore,
  key: OrderStateKey,
  reference: string,
  carrier: CarrierAdapter,
): Promise<'not_found' | 'forgotten'> {
  const state = await readOrderState(store, key);
  const status = state ? currentOrderStatus(state) : undefined;
  if (status !== 'CANCELLED') return 'not_found';
  if (!carrier.pendingCreateSettled || !(await carrier.pendingCreateSettled(reference))) return 'not_found';
  await clearPendingShipment(store, key);
  await store.updateShipment(reference, (current) => {
    if (!current || current.waybill) return current;
    const { pendingSince: _settled, ...rest } = current;
    return rest;
  });
  return 'forgotten';
}
