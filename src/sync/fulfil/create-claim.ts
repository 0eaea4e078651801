import type { Order } from '../../model/order.js';
import type { StateStore } from '../../store/state-store.js';
import { readOrderState, type ShipmentState } from '../orders/order-state.js';
import { FulfilInProgressError } from './errors.js';
import type { FulfilOptions, FulfilResult } from './fulfil-types.js';
import { changeShipment, writeShipment } from './shipment-record.js';

/** How long a fulfil that lost the race for an order's create waits for the winner's parcel. */
export const FULFIL_RACE_WAIT_MS = 30_000;
const FULFIL_RACE_POLL_MS = 100;

/**
 * The atomic claim of an order's create: written only while the order's shipment is still the one this
 * call read (`seen`: none, or the same claim) and holds no waybill. False when another call claimed or
 * completed it meanwhile.
 */
export async function claimCreate(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  pending: ShipmentState,
  seen: ShipmentState | undefined,
): Promise<boolean> {
  return store.transaction(
    async (tx) => {
      const current = (await readOrderState(tx, key))?.shipment;
      const same =
        current?.waybill === undefined &&
        (current === undefined) === (seen === undefined) &&
        current?.claim?.id === seen?.claim?.id;
      if (!same) return false;
      await writeShipment(tx, key, pending, 'creating', pending.claim);
      return true;
    },
    { durable: true },
  );
}

/** The claimed attempt ended without a waybill: racing calls waiting for it stop waiting. */
export async function endClaim(
  store: StateStore,
  key: { platform: string; account: string; externalId: string },
  claimId: string,
  end: { ended: 'waybill_pending' | 'failed'; reason?: string },
): Promise<void> {
  await changeShipment(store, key, (shipment) =>
    shipment.claim?.id === claimId ? { ...shipment, claim: { ...shipment.claim, ...end } } : undefined,
  );
}

/**
 * This call lost the claim of the order's create to another fulfil (another process sharing the store):
 * it sends nothing and waits (up to FULFIL_RACE_WAIT_MS) for that call's parcel — then answers as a rerun
 * would (`reused`, completing what is left), or `waybill_pending` reused, or FulfilInProgressError (still
 * running, or failed: its reason). `rerun` is that rerun (`fulfilOrder` itself).
 */
export async function awaitOtherCreate(
  order: Order,
  options: FulfilOptions,
  base: Omit<FulfilResult, 'outcome' | 'approved' | 'markedShipped' | 'reused'>,
  rerun: (order: Order, options: FulfilOptions) => Promise<FulfilResult>,
): Promise<FulfilResult> {
  const key = { platform: base.platform, account: base.account, externalId: base.externalId };
  const deadline = Date.now() + FULFIL_RACE_WAIT_MS;
  for (;;) {
    options.signal?.throwIfAborted();
    const shipment = (await readOrderState(options.store, key))?.shipment;
    const claim = shipment?.claim;
    // The parcel exists and its claimer is done with it (or gave up): the rerun path reports it reused
    // (completing what is left). The claim was dropped (the order can no longer ship): a rerun says why.
    if (!shipment || (shipment.waybill && (shipment.markedShipped || claim?.ended))) {
      return rerun(order, options);
    }
    if (!shipment.waybill && claim?.ended === 'waybill_pending') {
      return { ...base, outcome: 'waybill_pending', approved: false, markedShipped: false, reused: true };
    }
    if (!shipment.waybill && claim?.ended === 'failed') {
      throw new FulfilInProgressError(base.orderKey, claim.at, claim.reason ?? 'unknown error');
    }
    if (Date.now() >= deadline) throw new FulfilInProgressError(base.orderKey, claim?.at ?? 'unknown time');
    await new Promise((resolve) => setTimeout(resolve, FULFIL_RACE_POLL_MS));
  }
}
