import type { CallOptions } from '../../core/types.js';
import type { ShipmentStatus } from '../../model/status.js';
import type { CarrierAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import type { CancelledOrderParcel } from '../orders/cancelled-parcel.js';
import { type ApplyCarrierEventOptions, applyCarrierEvent } from '../orders/journey.js';
import { listOrderStates, readOrderState, type ShipmentState } from '../orders/order-state.js';
import { asOcopError } from '../publish/errors.js';
import { awaitOtherCancel, type CancelEnd, claimCancel, endCancelClaim } from './cancel-claim.js';
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
 * The carrier cancel is claimed in the order record first (`cancelClaim`): of two runs sharing the store
 * (CLI `orders` and `sync` at once) one sends it, the other reports its outcome `reused`. A `live` parcel's
 * status is read again from its carrier on every sync (where the adapter can poll: VNPost) and applied
 * to the order; once the parcel is final (delivered, returned, cancelled) it is reported `ended`, once.
 */
export async function settleCancelledOrderParcels(
  store: StateStore,
  carriers: readonly CarrierAdapter[],
  call: CallOptions = {},
  events: Pick<ApplyCarrierEventOptions, 'restockReturns'> = {},
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
    const carrier = carriers.find((c) => c.carrier === shipment.carrier);
    const live = (reason: string, status: ShipmentStatus = shipment.status): CancelledOrderParcel => ({
      ...base,
      shipmentStatus: status,
      outcome: 'live',
      ...liveMessage(orderKey, shipment.carrier, shipment.waybill!, status, reason),
    });
    /** A live parcel, its status read again from the carrier: still moving, or ended (reported once). */
    const liveNow = async (reason: string): Promise<CancelledOrderParcel> => {
      const status = carrier ? await followParcel(store, carrier, key, shipment, call, events) : undefined;
      if (!status || MOVING.has(status)) return live(reason, status);
      return {
        ...base,
        shipmentStatus: status,
        outcome: 'ended',
        messageVi: `Đơn ${orderKey} đã hủy trên sàn; kiện hàng vận đơn ${shipment.waybill} tại ${shipment.carrier} nay đã kết thúc: ${status} — không còn cảnh báo`,
        messageEn: `Order ${orderKey} was cancelled on the marketplace; the parcel of waybill ${shipment.waybill} at ${shipment.carrier} has now ended: ${status} — no longer flagged`,
      };
    };
    if (shipment.cancelRefused) {
      results.push(await liveNow(shipment.cancelRefused.reason));
      continue;
    }
    if (!carrier || !BEFORE_PICKUP.has(shipment.status)) {
      const reason = carrier
        ? `past pickup: ${carrier.carrier} cancels only before pickup`
        : `${shipment.carrier} is not configured in this connector`;
      if (carrier) await markCancelRefused(store, key, reason);
      results.push(await liveNow(reason));
      continue;
    }
    // One run sends the cancel: claimed in the order record first; a run that lost the claim reports
    // the claimer's outcome and never calls the carrier itself.
    const claimId = await claimCancel(store, key, shipment.cancelClaim, needsCarrierCancel);
    if (claimId === undefined) {
      results.push(otherRunOutcome(base, orderKey, await awaitOtherCancel(store, key, call.signal)));
      continue;
    }
    const end = (ended: CancelEnd, reason?: string) => endCancelClaim(store, key, claimId, ended, reason);
    let asked: Awaited<ReturnType<typeof askCarrierToCancel>>;
    try {
      asked = await askCarrierToCancel(carrier, shipment.waybill, call);
    } catch (error) {
      const failure = asOcopError(error, carrier.carrier, 'cancelShipment');
      await end('failed', failure.message);
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
      await end('live', asked.refused);
      // Refused: the parcel moved on without our knowing (a webhook not yet here). Its status now,
      // read from the carrier and applied to the order, goes in the flag — never the stale one of our
      // record (#16 re-trial 4).
      results.push(await liveNow(asked.refused));
      continue;
    }
    const settled = await settleCancel(store, key, shipment.reference, asked.outcome);
    await end(settled.pending ? 'cancel_pending' : 'cancelled');
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

/** The parcel still needs its carrier cancel: moving, before pickup, not refused. */
function needsCarrierCancel(shipment: ShipmentState): boolean {
  return (
    shipment.waybill !== undefined &&
    MOVING.has(shipment.status) &&
    BEFORE_PICKUP.has(shipment.status) &&
    !shipment.cancelRefused
  );
}

/**
 * What another run sharing the store made of the parcel's cancel (it held the claim): `reused`, with
 * its outcome — or, still running after CANCEL_RACE_WAIT_MS (`shipment` undefined), `failed` for now.
 */
function otherRunOutcome(
  base: Omit<CancelledOrderParcel, 'outcome' | 'messageVi' | 'messageEn'>,
  orderKey: string,
  shipment: ShipmentState | undefined,
): CancelledOrderParcel {
  const waybill = base.trackingNumber;
  const carrier = base.carrier;
  const other = { messageVi: 'lần chạy khác', messageEn: 'another run' };
  if (!shipment) {
    return {
      ...base,
      outcome: 'failed',
      reused: true,
      messageVi: `Đơn ${orderKey} đã hủy trên sàn; ${other.messageVi} đang hủy vận đơn ${waybill} tại ${carrier} và chưa xong, sẽ kiểm tra lại lần đồng bộ sau`,
      messageEn: `Order ${orderKey} was cancelled on the marketplace; ${other.messageEn} is cancelling waybill ${waybill} at ${carrier} and is not done yet, checked again on the next sync`,
    };
  }
  const reason = shipment.cancelRefused?.reason ?? shipment.cancelClaim?.reason ?? 'unknown';
  if (shipment.status === 'CANCELLED') {
    return {
      ...base,
      outcome: 'cancelled',
      reused: true,
      shipmentStatus: 'CANCELLED',
      messageVi: `Đơn ${orderKey} đã hủy trên sàn: vận đơn ${waybill} tại ${carrier} đã được ${other.messageVi} hủy`,
      messageEn: `Order ${orderKey} was cancelled on the marketplace: waybill ${waybill} was cancelled at ${carrier} by ${other.messageEn}`,
    };
  }
  if (shipment.cancelRefused) {
    const live = liveMessage(orderKey, carrier, waybill, shipment.status, reason);
    return {
      ...base,
      outcome: 'live',
      reused: true,
      shipmentStatus: shipment.status,
      messageVi: `${live.messageVi} (${other.messageVi} đã yêu cầu hủy)`,
      messageEn: `${live.messageEn} (${other.messageEn} asked for the cancel)`,
    };
  }
  if (shipment.cancelClaim?.ended === 'cancel_pending') {
    return {
      ...base,
      outcome: 'cancel_pending',
      reused: true,
      messageVi: `Đơn ${orderKey} đã hủy trên sàn; yêu cầu hủy vận đơn ${waybill} do ${other.messageVi} gửi đang chờ ${carrier} duyệt, sẽ kiểm tra lại lần đồng bộ sau`,
      messageEn: `Order ${orderKey} was cancelled on the marketplace; the cancel of waybill ${waybill} sent by ${other.messageEn} waits for ${carrier}'s approval, checked again on the next sync`,
    };
  }
  return {
    ...base,
    outcome: 'failed',
    reused: true,
    messageVi: `Đơn ${orderKey} đã hủy trên sàn; ${other.messageVi} hủy vận đơn ${waybill} tại ${carrier} bị lỗi, sẽ thử lại lần đồng bộ sau: ${reason}`,
    messageEn: `Order ${orderKey} was cancelled on the marketplace; ${other.messageEn} failed to cancel waybill ${waybill} at ${carrier}, tried again on the next sync: ${reason}`,
  };
}

/**
 * A live parcel's status now: polled from its carrier where the adapter can (`refreshShipments`:
 * VNPost) and applied to the order as a webhook would be (journey, returned stock); otherwise, and when
 * the poll fails, the order record's (kept up by webhooks and `catchUpWebhooks`; ViettelPost).
 */
async function followParcel(
  store: StateStore,
  carrier: CarrierAdapter,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState,
  call: CallOptions,
  events: Pick<ApplyCarrierEventOptions, 'restockReturns'>,
): Promise<ShipmentStatus | undefined> {
  if (!carrier.refreshShipments) return undefined;
  try {
    const refreshed = await carrier.refreshShipments({ ...call, references: [shipment.reference] });
    const options: ApplyCarrierEventOptions = {
      ...events,
      ...(carrier.journeyStage ? { journeyStage: (raw) => carrier.journeyStage?.(raw) } : {}),
    };
    for (const event of refreshed.events) {
      if (event.reference === undefined || event.reference === shipment.reference)
        await applyCarrierEvent(store, event, options);
    }
  } catch {
    return undefined;
  }
  return (await readOrderState(store, key))?.shipment?.status;
}
