import type { OcopConnectError } from '../../core/errors.js';
import type { ShipmentStatus } from '../../model/status.js';

/**
 * An order cancelled on the marketplace whose parcel was still moving, and what the sync did about it
 * (the connector's `pullOrders` / `fulfilPending`, which know the carriers):
 * - `cancelled`: cancelled at the carrier (it was not picked up yet);
 * - `cancel_pending`: the cancel waits for the carrier's approval (VNPost "02"), asked again next sync;
 * - `live`: past pickup, or the carrier refused — the parcel travels on: "hủy đơn trên sàn nhưng kiện
 *   hàng vẫn đi / cancelled on marketplace but parcel is moving"; a person must act. Recorded on the
 *   order's shipment (`cancelRefused`) and reported on every sync until the parcel is back or delivered;
 * - `failed`: the cancel call failed (`error`); tried again next sync.
 */
export interface CancelledOrderParcel {
  platform: string;
  account: string;
  externalId: string;
  carrier: string;
  trackingNumber: string;
  /** The parcel's status after the sync. */
  shipmentStatus: ShipmentStatus;
  outcome: 'cancelled' | 'cancel_pending' | 'live' | 'failed';
  messageVi: string;
  messageEn: string;
  error?: OcopConnectError;
}
