import type { Shipment, ShipmentEvent } from '../../model/shipment.js';
import { shipmentEventEffect } from '../../model/status.js';

/**
 * Folds a journey event into a shipment. This is how a WAYBILL_PENDING shipment (create response
 * lost, retry refused as duplicate) gets its waybill number: the webhook carries ORDER_REFERENCE =
 * our reference and ORDER_NUMBER = VTP's waybill. Events are ordered by their time, then by the
 * status order (`shipmentEventEffect`): a stale or out-of-order event leaves the status unchanged; the raw
 * code is only updated with the status.
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
    shipmentEventEffect(
      { status: from, at: shipment.updatedAt },
      { status: event.status, at: event.occurredAt },
    ) === 'advance';
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
