import type { StateStore, StoreOperations } from '../../store/state-store.js';
import {
  type OrderState,
  readOrderState,
  type ShipmentState,
  writeOrderState,
} from '../orders/order-state.js';

/** Drops an order's shipment that never reached the carrier (the carrier said it holds none). */
export async function clearPendingShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
): Promise<void> {
  await store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      if (!state?.shipment || state.shipment.waybill) return;
      const { shipment: _dropped, ...rest } = state;
      await writeOrderState(tx, key, rest);
    },
    { durable: true },
  );
}

/**
 * Rewrites the shipment of the order's record in one durable transaction: `change` gets the stored
 * shipment and answers the new one, or undefined to leave it. Nothing happens without a shipment.
 */
export async function changeShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  change: (shipment: ShipmentState) => ShipmentState | undefined,
): Promise<void> {
  await store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      if (!state?.shipment) return;
      const shipment = change(state.shipment);
      if (shipment) await writeOrderState(tx, key, { ...state, shipment });
    },
    { durable: true },
  );
}

/** The order was cancelled and its parcel cannot be (carrier refused, past pickup): terminal, a person acts. */
export async function markCancelRefused(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  reason: string,
): Promise<void> {
  await changeShipment(store, key, (shipment) => ({
    ...shipment,
    cancelRefused: { at: new Date().toISOString(), reason },
  }));
}

/** Our own cancel of the order's parcel was accepted by the carrier: the shipment is CANCELLED. */
export async function markShipmentCancelled(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
): Promise<void> {
  await changeShipment(store, key, (shipment) => ({ ...shipment, status: 'CANCELLED' }));
}

/** The shipment part of the order record and the carrier's reference record, together and durably. */
export async function saveShipment(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState,
  carrierStatus: string,
): Promise<OrderState | undefined> {
  return store.transaction((tx) => writeShipment(tx, key, shipment, carrierStatus), { durable: true });
}

export async function writeShipment(
  tx: StoreOperations,
  key: { platform: string; account: string; externalId: string },
  shipment: ShipmentState,
  carrierStatus: string,
  /** A new claim of the order's create (claimCreate); otherwise the stored claim is kept. */
  newClaim?: ShipmentState['claim'],
): Promise<OrderState | undefined> {
  const state = await readOrderState(tx, key);
  if (state) {
    // Keep what webhooks added meanwhile (later status, dedupe keys).
    const merged: ShipmentState = state.shipment
      ? {
          ...shipment,
          status: state.shipment.status === 'WAYBILL_PENDING' ? shipment.status : state.shipment.status,
          ...(state.shipment.statusAt ? { statusAt: state.shipment.statusAt } : {}),
          events: [...new Set([...state.shipment.events, ...shipment.events])],
          waybill: shipment.waybill ?? state.shipment.waybill,
          approved: shipment.approved || state.shipment.approved,
          markedShipped: shipment.markedShipped || state.shipment.markedShipped,
          claim: newClaim ?? state.shipment.claim,
        }
      : { ...shipment, claim: newClaim ?? shipment.claim };
    if (merged.waybill === undefined) delete merged.waybill;
    if (merged.claim === undefined) delete merged.claim;
    await writeOrderState(tx, key, { ...state, shipment: merged });
  }
  // Merged into the carrier's record: the carrier adapter keeps its own fields there (status, pending).
  await tx.updateShipment(shipment.reference, (previous) => {
    const waybill = shipment.waybill ?? previous?.waybill;
    return {
      ...previous,
      reference: shipment.reference,
      carrier: previous?.carrier ?? shipment.carrier,
      ...(waybill ? { waybill } : {}),
      status: previous?.status === 'marked_shipped' ? 'marked_shipped' : carrierStatus,
    };
  });
  return state;
}
