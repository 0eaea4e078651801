import type { CallOptions } from '../../core/types.js';
import type { StateStore } from '../../store/state-store.js';
import { applyOrderSnapshot } from '../orders/apply-order.js';
import type { ShipmentState } from '../orders/order-state.js';
import { OrderNotShippableError, ParcelCancelPendingError, ParcelCancelRefusedError } from './errors.js';
import type { FulfilOptions } from './fulfil-types.js';
import { askCarrierToCancel, settleCancel } from './parcel-cancel.js';
import { markCancelRefused, saveShipment } from './shipment-record.js';

/** Approve at the carrier and give the marketplace the tracking number, each once, recorded as done. */
export async function completeShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState & { waybill: string },
  options: Pick<FulfilOptions, 'carrier' | 'marketplace' | 'approve'>,
  call: CallOptions,
): Promise<ShipmentState> {
  let current = shipment;
  if (!current.markedShipped) current = await refuseIfCancelled(store, key, current, options, call);
  if (!current.approved && options.approve !== false && options.carrier.approveShipment) {
    await options.carrier.approveShipment(current.waybill, call);
    current = { ...current, approved: true };
    await saveShipment(store, key, current, current.status);
  }
  if (!current.markedShipped) {
    const shipped = await options.marketplace.markShipped(
      key.externalId,
      { carrier: current.carrier, trackingNumber: current.waybill },
      call,
    );
    current = { ...current, markedShipped: true };
    await saveShipment(store, key, current, 'marked_shipped');
    // The marketplace's answer is the order's newest snapshot (SHIPPED on Voso, READY_TO_SHIP on Postmart).
    await applyOrderSnapshot(store, { ...shipped, account: key.account });
  }
  return current;
}

/**
 * Before a parcel is approved or its tracking number given to the marketplace, the order is read again:
 * a parcel whose create's answer was lost may appear after the buyer cancelled. A cancelled order's
 * parcel is cancelled at the carrier; an order with a pending cancel request is held (neither approved
 * nor marked shipped) until the seller accepts (the next run cancels the parcel) or refuses it (the next
 * run ships it). Both end in OrderNotShippableError naming the parcel.
 */
async function refuseIfCancelled(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState & { waybill: string },
  options: Pick<FulfilOptions, 'carrier' | 'marketplace'>,
  call: CallOptions,
): Promise<ShipmentState & { waybill: string }> {
  const fresh = await options.marketplace.getOrder(key.externalId, call);
  await applyOrderSnapshot(store, { ...fresh, account: key.account });
  const orderKey = `${key.platform}:${key.externalId}`;
  const { carrier } = options;
  if (fresh.status === 'CANCEL_REQUESTED') {
    throw new OrderNotShippableError(
      orderKey,
      fresh.status,
      `the buyer asked to cancel: its parcel ${shipment.waybill} at ${carrier.carrier} is held (not approved, not marked shipped) — refuse the request and the next run ships it, accept it and the next run cancels the parcel`,
      `người mua đã yêu cầu hủy: vận đơn ${shipment.waybill} tại ${carrier.carrier} được giữ lại (chưa duyệt, chưa báo đã giao cho sàn) — từ chối yêu cầu thì lần chạy sau sẽ giao, chấp nhận thì lần chạy sau sẽ hủy vận đơn`,
    );
  }
  if (fresh.status !== 'CANCELLED') return shipment;
  if (shipment.cancelRefused) {
    throw new ParcelCancelRefusedError(
      orderKey,
      carrier.carrier,
      shipment.waybill,
      shipment.cancelRefused.reason,
    );
  }
  if (shipment.status !== 'CANCELLED') {
    const { outcome, refused } = await askCarrierToCancel(carrier, shipment.waybill, call);
    if (refused !== undefined) {
      // The carrier said no (picked up, case not approved): the parcel is live — recorded, never retried.
      await markCancelRefused(store, key, refused);
      throw new ParcelCancelRefusedError(orderKey, carrier.carrier, shipment.waybill, refused);
    }
    const settled = await settleCancel(store, key, shipment.reference, outcome);
    if (settled.pending) {
      // VNPost answered "waiting for approval": the order stays open here, the next run checks the case.
      throw new ParcelCancelPendingError(
        orderKey,
        carrier.carrier,
        shipment.waybill,
        settled.caseId,
        settled.since,
      );
    }
  }
  throw new OrderNotShippableError(
    orderKey,
    fresh.status,
    `the order was cancelled: its parcel ${shipment.waybill} (created before the cancellation was seen) was cancelled at ${carrier.carrier}, not marked shipped`,
    `đơn đã bị hủy: vận đơn ${shipment.waybill} (được tạo trước khi thấy lệnh hủy) đã được hủy tại ${carrier.carrier}, không báo đã giao cho sàn`,
  );
}
