import { OcopConnectError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { CancelShipmentOutcome, CarrierAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { markShipmentCancelled } from './shipment-record.js';

/**
 * Asks the carrier to cancel the parcel of an order cancelled on the marketplace: its answer, or
 * `refused` with the carrier's reason when it says no (a conflict: picked up, case not approved) — the
 * parcel is then live, and the caller records it (never retried). Other errors are thrown.
 */
export async function askCarrierToCancel(
  carrier: CarrierAdapter,
  waybill: string,
  call: CallOptions,
): Promise<{ outcome?: CancelShipmentOutcome; refused?: string }> {
  try {
    const outcome =
      (await carrier.cancelShipment(waybill, 'order cancelled on the marketplace', call)) || undefined;
    return outcome ? { outcome } : {};
  } catch (error) {
    if (!(error instanceof OcopConnectError) || error.kind !== 'conflict') throw error;
    return { refused: error.message };
  }
}

/**
 * After the carrier took our cancel of the order's parcel: `pending` when the cancel waits for the
 * carrier's approval (VNPost answered "waiting for approval", or its record holds a cancel case still
 * open), with the case and since when — the order stays open, the next run checks the case. Otherwise
 * the shipment is marked CANCELLED.
 */
export async function settleCancel(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  reference: string,
  outcome: CancelShipmentOutcome | undefined,
): Promise<{ pending: false } | { pending: true; caseId: string | undefined; since: string }> {
  const record = await store.getShipment(reference);
  if (outcome?.state === 'pending' || (record?.cancelPendingSince && record.carrierStatus !== 'CANCELLED')) {
    return {
      pending: true,
      caseId: outcome?.caseId ?? record?.cancelCaseId,
      since: record?.cancelPendingSince ?? new Date().toISOString(),
    };
  }
  await markShipmentCancelled(store, key);
  return { pending: false };
}
