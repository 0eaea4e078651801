import type { CallOptions } from '../../core/types.js';
import type { CarrierAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import type { ShipmentState } from '../orders/order-state.js';
import { OrderNotShippableError } from './errors.js';
import { clearPendingShipment, saveShipment } from './shipment-record.js';

/**
 * A shipment whose waybill is unknown (its create may have reached the carrier without an answer): asks
 * the carrier for the parcel under our reference (`findShipment`; VNPost looks it up, ViettelPost has no
 * such lookup). Found → the waybill is saved on the order and the carrier record, durably. Undefined when
 * the carrier holds none or cannot be asked.
 */
export async function lookUpPendingShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState,
  carrier: CarrierAdapter,
  call: CallOptions,
): Promise<{ trackingNumber: string } | undefined> {
  if (shipment.waybill) return { trackingNumber: shipment.waybill };
  if (!carrier.findShipment) return undefined;
  const found = await carrier.findShipment(shipment.reference, call);
  if (!found) return undefined;
  const status = found.status && found.status !== 'WAYBILL_PENDING' ? found.status : 'CREATED';
  await saveShipment(
    store,
    key,
    {
      ...shipment,
      waybill: found.trackingNumber,
      ...(shipment.status === 'WAYBILL_PENDING' ? { status } : {}),
    },
    status,
  );
  return { trackingNumber: found.trackingNumber };
}

/**
 * The order can no longer ship and its create's parcel was not found. When a create may have been sent
 * (the adapter's record holds `pendingSince`) and the carrier cannot yet say it never committed (VNPost's
 * list may lag; ViettelPost cannot be asked), the reference is kept pending in the store: `fulfilPending`
 * and `catchUpWebhooks` keep looking it up, and a parcel that appears is cancelled at the carrier, never
 * marked shipped. Otherwise (nothing was sent, or the carrier says the create settled without a parcel)
 * the attempt is forgotten. True when kept.
 */
export async function keepOrForgetPending(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  reference: string,
  carrier: CarrierAdapter,
): Promise<boolean> {
  const record = await store.getShipment(reference);
  const maybeSent = record?.pendingSince !== undefined && record.waybill === undefined;
  const settled =
    maybeSent && carrier.pendingCreateSettled ? await carrier.pendingCreateSettled(reference) : false;
  if (maybeSent && !settled) return true;
  await clearPendingShipment(store, key);
  if (maybeSent && settled) {
    await store.updateShipment(reference, (current) => {
      if (!current || current.waybill) return current;
      const { pendingSince: _settled, ...rest } = current;
      return rest;
    });
  }
  return false;
}

export function withPendingNote(
  refusal: OrderNotShippableError,
  reference: string,
  carrier: string,
): OrderNotShippableError {
  return new OrderNotShippableError(
    refusal.orderKey,
    refusal.status,
    `${refusal.reason}; a create under reference ${reference} may still reach ${carrier}: it stays pending, and fulfilPending / catchUpWebhooks cancel its parcel at ${carrier} if one appears`,
    `${refusal.reasonVi}; lệnh tạo vận đơn mã ${reference} có thể vẫn tới ${carrier}: mã được giữ chờ, và fulfilPending / catchUpWebhooks sẽ hủy vận đơn tại ${carrier} nếu nó xuất hiện`,
  );
}
