import type { CancelReason, Order } from '../model/order.js';
import type { OrderStatus } from '../model/status.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../platforms/types.js';
import type { OrderStateKey, StateStore } from '../store/state-store.js';
import { FULFIL_RACE_WAIT_MS } from '../sync/fulfil/create-claim.js';
import { OrderNotCancellableError } from '../sync/fulfil/errors.js';
import { settleCancel } from '../sync/fulfil/parcel-cancel.js';
import { lookUpPendingShipment } from '../sync/fulfil/pending-shipment.js';
import { applyOrderSnapshot } from '../sync/orders/apply-order.js';
import { currentOrderStatus } from '../sync/orders/journey.js';
import { readOrderState } from '../sync/orders/order-state.js';

/** Shipment statuses from which a parcel can still be cancelled at the carrier (not picked up yet). */
const BEFORE_PICKUP: ReadonlySet<string> = new Set(['CREATED', 'WAYBILL_PENDING', 'PENDING_PICKUP']);

/** Marketplace statuses of an order handed to a carrier: cancelling it there would strand the parcel. */
const SHIPPED: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'DELIVERY_FAILED',
  'RETURNING',
  'RETURNED',
]);

/**
 * The order as its marketplace reports it now (never the object the caller passed): one the marketplace
 * holds a tracking number for, or reports shipped, is refused — nothing is cancelled.
 */
function refuseShipped(orderText: string, current: Order): void {
  const tracking = current.tracking?.trackingNumber;
  if (tracking)
    throw new OrderNotCancellableError(
      orderText,
      current.status,
      `the marketplace already holds tracking number ${tracking} (${current.tracking?.carrier}, order ${current.status}); cancel the shipment first`,
      `sàn đã giữ mã vận đơn ${tracking} (${current.tracking?.carrier}, đơn ${current.status}); hãy hủy vận đơn trước`,
      tracking,
    );
  if (SHIPPED.has(current.status))
    throw new OrderNotCancellableError(
      orderText,
      current.status,
      `the marketplace reports it ${current.status} (handed to a carrier); cancel the shipment first`,
      `sàn báo đơn đã ở trạng thái ${current.status} (đã giao cho hãng vận chuyển); hãy hủy vận đơn trước`,
    );
}

/**
 * `Connector.cancelOrder`: the order's parcel first — a create in flight refuses, a parcel not yet
 * picked up is cancelled at the carrier (a cancel waiting for approval refuses), a parcel past that
 * refuses — then the order on the marketplace, its snapshot applied to the store. The order is re-read
 * first: one the marketplace already holds a tracking number for (or reports shipped) is refused, whoever
 * shipped it (#18).
 */
export async function cancelOrder(
  s: StateStore,
  marketplace: MarketplaceAdapter,
  carriers: readonly CarrierAdapter[],
  key: OrderStateKey,
  reason: CancelReason,
  restock: { restockReturns?: boolean },
): Promise<Order> {
  const orderKey = { ...key, account: marketplace.account };
  const state = await readOrderState(s, orderKey);
  let shipment = state?.shipment;
  const carrier = carriers.find((c) => c.carrier === shipment?.carrier);
  const orderText = `${key.platform}:${key.externalId}`;
  if (state && shipment && !shipment.waybill) {
    // A create in flight (a fulfil claimed it moments ago): the parcel is dealt with first, never
    // after the order is cancelled — nothing is cancelled now (#16).
    const claim = shipment.claim;
    if (claim && !claim.ended && Date.now() - Date.parse(claim.at) < FULFIL_RACE_WAIT_MS)
      throw new OrderNotCancellableError(
        orderText,
        currentOrderStatus(state),
        `a fulfil is creating its parcel right now (since ${claim.at}): nothing was cancelled — cancel again once it has finished, so the parcel is cancelled first`,
        `một lệnh fulfil đang tạo vận đơn cho đơn này (từ ${claim.at}): chưa hủy gì — hãy hủy lại khi lệnh đó xong, để vận đơn được hủy trước`,
      );
  }
  refuseShipped(orderText, await marketplace.getOrder(key.externalId));
  if (state && shipment && !shipment.waybill) {
    // A create whose answer was lost: where the carrier can be asked, its parcel is found first.
    if (carrier) {
      const found = await lookUpPendingShipment(s, orderKey, shipment, carrier, {});
      if (found) shipment = { ...shipment, waybill: found.trackingNumber, status: 'CREATED' };
    }
  }
  if (shipment?.waybill && carrier && !shipment.markedShipped && BEFORE_PICKUP.has(shipment.status)) {
    // A parcel the marketplace was never told about (held for a cancel request, or one that
    // appeared late): cancelled at the carrier first, so accepting the cancel leaves no parcel.
    const outcome =
      (await carrier.cancelShipment(shipment.waybill, `order cancelled: ${reason}`)) || undefined;
    if ((await settleCancel(s, orderKey, shipment.reference, outcome)).pending)
      throw new OrderNotCancellableError(
        orderText,
        currentOrderStatus(state!),
        `the cancel of its parcel ${shipment.waybill} waits for ${carrier.carrier}'s approval: the order is not cancelled on the marketplace until the parcel is — cancel again once ${carrier.carrier} approved`,
        `yêu cầu hủy vận đơn ${shipment.waybill} đang chờ ${carrier.carrier} duyệt: đơn chưa được hủy trên sàn cho đến khi vận đơn được hủy — hãy hủy lại sau khi ${carrier.carrier} duyệt`,
      );
  } else if (state && shipment?.waybill && shipment.status !== 'CANCELLED') {
    throw new OrderNotCancellableError(
      orderText,
      currentOrderStatus(state),
      `its parcel ${shipment.waybill} at ${shipment.carrier} is ${shipment.status}; cancel the shipment at the carrier first`,
      `vận đơn ${shipment.waybill} tại ${shipment.carrier} đang ở trạng thái ${shipment.status}; hãy hủy vận đơn tại hãng vận chuyển trước`,
      shipment.waybill,
    );
  }
  const cancelled = await marketplace.cancelOrder(key.externalId, reason);
  await applyOrderSnapshot(s, { ...cancelled, account: marketplace.account }, restock);
  return cancelled;
}

// The reason's check is the marketplace layer's, shared with every adapter's cancelOrder.
export { checkCancelReason } from '../platforms/marketplace/cancel-reason.js';
