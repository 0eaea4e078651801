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
 * - `failed`: the cancel call failed (`error`); tried again next sync;
 * - `ended`: a `live` parcel reached a final status (`shipmentStatus`: delivered, returned, cancelled),
 *   read from its carrier on this sync — reported once, no longer flagged.
 * `reused`: another run sharing the store (CLI `orders` and `sync` at once) held the cancel: this one
 * sent nothing and reports that run's outcome (`failed` while it is still at it).
 */
export interface CancelledOrderParcel {
  platform: string;
  account: string;
  externalId: string;
  carrier: string;
  trackingNumber: string;
  /** The parcel's status after the sync. */
  shipmentStatus: ShipmentStatus;
  outcome: 'cancelled' | 'cancel_pending' | 'live' | 'failed' | 'ended';
  /** Another run sharing the store sent the cancel: this run did not call the carrier. */
  reused?: boolean;
  messageVi: string;
  messageEn: string;
  error?: OcopConnectError;
}
