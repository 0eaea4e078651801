import type { Shipment, ShipmentEvent } from '../../model/shipment.js';
import { canTransitionShipment } from '../../model/status.js';

/**
 * Folds a journey event into a shipment. This is how a WAYBILL_PENDING shipment (create response
 * lost, retry refused as duplicate) gets its waybill number: the webhook carries ORDER_REFERENCE =
 * our reference and ORDER_NUMBER = VTP's waybill. Stale or out-of-order events (a transition the
 * model does not allow) leave the status unchanged; the raw code is only updated with the status.
 * Returns the same object when the event is for another shipment.
 */
export function applyShipmentEvent(shipment: Shipment, event: ShipmentEvent): Shipment {
  const sameWaybill =
    shipment.trackingNumber !== undefined && shipment.trackingNumber === event.trackingNumber;
  const sameReference = event.reference !== undefined && event.reference === shipment.reference;
  if (!sameWaybill && !sameReference) return shipment;
  const next: Shipment = { ...shipment, trackingNumber: shipment.trackingNumber ?? event.trackingNumber };
  const from = shipment.status;
  const advances =
    from === event.status ? false : from === 'WAYBILL_PENDING' || canTransitionShipment(from, event.status);
  if (advances) {
    next.status = event.status;
    next.rawStatus = event.rawStatus;
    if (event.rawStatusLabel !== undefined) next.rawStatusLabel = event.rawStatusLabel;
  }
  if (advances || next.trackingNumber !== shipment.trackingNumber) {
    next.updatedAt = event.occurredAt > shipment.updatedAt ? event.occurredAt : shipment.updatedAt;
  }
  return next;
}
