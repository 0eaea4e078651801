import type { CallOptions } from '../../core/types.js';
import type { ShipmentStatus } from '../../model/status.js';
import type { CarrierAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import type { CancelledOrderParcel } from '../orders/cancelled-parcel.js';
import { listOrderStates } from '../orders/order-state.js';
import { asOcopError } from '../publish/errors.js';
import { askCarrierToCancel, settleCancel } from './parcel-cancel.js';
import { markCancelRefused } from './shipment-record.js';

/** The parcel still travels towards the buyer (or waits for its courier). */
const MOVING: ReadonlySet<ShipmentStatus> = new Set([
  'CREATED',
  'PENDING_PICKUP',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_FAILED',
]);
/** Carriers cancel a parcel only before its courier took it. */
const BEFORE_PICKUP: ReadonlySet<ShipmentStatus> = new Set(['CREATED', 'PENDING_PICKUP']);

function liveMessage(
  orderKey: string,
  carrier: string,
  waybill: string,
  status: ShipmentStatus,
  reason: string,
): { messageVi: string; messageEn: string } {
  return {
    messageVi: `Đơn ${orderKey} đã hủy trên sàn nhưng kiện hàng vẫn đi: vận đơn ${waybill} tại ${carrier} đang ${status} (${reason}) — cần người xử lý: liên hệ ${carrier} để chặn hoặc hoàn hàng`,
    messageEn: `Order ${orderKey} was cancelled on the marketplace but its parcel is moving: waybill ${waybill} at ${carrier} is ${status} (${reason}) — a person must act: ask ${carrier} to stop or return it`,
  };
}

/**
 * An order cancelled on the marketplace (by the buyer, the seller centre or the platform) after its
 * parcel was created leaves a live parcel (#16). Every order record whose marketplace status is CANCELLED
 * and whose parcel still moves is settled here, on each order sync:
 * - before pickup, the parcel is cancelled at its carrier (`cancelled`), or its cancel waits for the
 *   carrier's approval (`cancel_pending`: VNPost "02"; asked again on the next sync);
 * - past pickup, or when the carrier refuses, it is flagged `live` — recorded on the order's shipment
 *   (`cancelRefused`, never retried) and reported on every sync until the parcel is back or delivered;
 * - a cancel call that failed (network, carrier down) is `failed` and tried again on the next sync.
 */
export async function settleCancelledOrderParcels(
  store: StateStore,
  carriers: readonly CarrierAdapter[],
  call: CallOptions = {},
): Promise<CancelledOrderParcel[]> {
  const results: CancelledOrderParcel[] = [];
  for (const state of await listOrderStates(store)) {
    const shipment = state.shipment;
    if (state.order.status !== 'CANCELLED' || !shipment?.waybill || !MOVING.has(shipment.status)) continue;
    const { key } = state;
    const orderKey = `${key.platform}:${key.externalId}`;
    const base = {
      ...key,
      carrier: shipment.carrier,
      trackingNumber: shipment.waybill,
      shipmentStatus: shipment.status,
    };
    const live = (reason: string, status: ShipmentStatus = shipment.status): CancelledOrderParcel => ({
      ...base,
      shipmentStatus: status,
      outcome: 'live',
      ...liveMessage(orderKey, shipment.carrier, shipment.waybill!, status, reason),
    });
    if (shipment.cancelRefused) {
      results.push(live(shipment.cancelRefused.reason));
      continue;
    }
    const carrier = carriers.find((c) => c.carrier === shipment.carrier);
    if (!carrier || !BEFORE_PICKUP.has(shipment.status)) {
      const reason = carrier
        ? `past pickup: ${carrier.carrier} cancels only before pickup`
        : `${shipment.carrier} is not configured in this connector`;
      if (carrier) await markCancelRefused(store, key, reason);
      results.push(live(reason));
      continue;
    }
    let asked: Awaited<ReturnType<typeof askCarrierToCancel>>;
    try {
      asked = await askCarrierToCancel(carrier, shipment.waybill, call);
    } catch (error) {
      const failure = asOcopError(error, carrier.carrier, 'cancelShipment');
      results.push({
        ...base,
        outcome: 'failed',
        error: failure,
        messageVi: `Đơn ${orderKey} đã hủy trên sàn; hủy vận đơn ${shipment.waybill} tại ${carrier.carrier} bị lỗi, sẽ thử lại lần đồng bộ sau: ${failure.message}`,
        messageEn: `Order ${orderKey} was cancelled on the marketplace; cancelling waybill ${shipment.waybill} at ${carrier.carrier} failed and is tried again on the next sync: ${failure.message}`,
      });
      continue;
    }
    if (asked.refused !== undefined) {
      await markCancelRefused(store, key, asked.refused);
      // Refused: the parcel moved on without our knowing (a webhook not yet here). Its status now,
      // read from the carrier, goes in the flag — never the stale one of our record (#16 re-trial 4).
      results.push(live(asked.refused, await currentStatus(carrier, shipment.reference, call)));
      continue;
    }
    const settled = await settleCancel(store, key, shipment.reference, asked.outcome);
    if (settled.pending) {
      const { since } = settled;
      results.push({
        ...base,
        outcome: 'cancel_pending',
        messageVi: `Đơn ${orderKey} đã hủy trên sàn; yêu cầu hủy vận đơn ${shipment.waybill} đang chờ ${carrier.carrier} duyệt (từ ${since}), sẽ kiểm tra lại lần đồng bộ sau`,
        messageEn: `Order ${orderKey} was cancelled on the marketplace; the cancel of waybill ${shipment.waybill} waits for ${carrier.carrier}'s approval (since ${since}), checked again on the next sync`,
      });
      continue;
    }
    results.push({
      ...base,
      outcome: 'cancelled',
      shipmentStatus: 'CANCELLED',
      messageVi: `Đơn ${orderKey} đã hủy trên sàn: đã hủy vận đơn ${shipment.waybill} tại ${carrier.carrier}`,
      messageEn: `Order ${orderKey} was cancelled on the marketplace: waybill ${shipment.waybill} was cancelled at ${carrier.carrier}`,
    });
  }
  return results;
}

/** The carrier's latest status of the parcel of `reference` (undefined when it cannot say). */
async function currentStatus(
  carrier: CarrierAdapter,
  reference: string,
  call: CallOptions,
): Promise<ShipmentStatus | undefined> {
  if (!carrier.refreshShipments) return undefined;
  try {
    const refreshed = await carrier.refreshShipments({ ...call, references: [reference] });
    const own = refreshed.events.filter((e) => e.reference === undefined || e.reference === reference);
    return own.at(-1)?.status;
  } catch {
    return undefined;
  }
}
