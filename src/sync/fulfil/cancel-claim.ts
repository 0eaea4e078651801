import { randomUUID } from 'node:crypto';
import type { StateStore } from '../../store/state-store.js';
import { readOrderState, type ShipmentState, writeOrderState } from '../orders/order-state.js';
import { changeShipment } from './shipment-record.js';

type OrderKey = { platform: string; account: string; externalId: string };
export type CancelClaim = NonNullable<ShipmentState['cancelClaim']>;
export type CancelEnd = NonNullable<CancelClaim['ended']>;

/** How long a run that found another run's cancel claim open waits for its outcome. */
export const CANCEL_RACE_WAIT_MS = 30_000;
const CANCEL_RACE_POLL_MS = 100;
/** An open claim older than this was left by a run that died mid-cancel: the next run takes it over. */
export const CANCEL_CLAIM_STALE_MS = 5 * 60_000;

/** The claim is open: its run is still talking to the carrier (and did not die long ago). */
export function cancelClaimOpen(claim: CancelClaim | undefined, now = Date.now()): boolean {
  return !!claim && claim.ended === undefined && now - Date.parse(claim.at) < CANCEL_CLAIM_STALE_MS;
}

/**
 * The atomic claim of the carrier cancel of an order's parcel: taken only while the shipment still
 * needs it (`needsCancel`) and holds the very claim this run read (`seen`: none, ended or stale). The
 * claim's id when taken; undefined when another run claimed or settled it meanwhile.
 */
export async function claimCancel(
  store: StateStore,
  key: OrderKey,
  seen: CancelClaim | undefined,
  needsCancel: (shipment: ShipmentState) => boolean,
): Promise<string | undefined> {
  if (cancelClaimOpen(seen)) return undefined;
  return store.transaction(
    async (tx) => {
      const state = await readOrderState(tx, key);
      const shipment = state?.shipment;
      if (!state || !shipment || !needsCancel(shipment) || shipment.cancelClaim?.id !== seen?.id)
        return undefined;
      const claim = { id: randomUUID(), at: new Date().toISOString() };
      await writeOrderState(tx, key, { ...state, shipment: { ...shipment, cancelClaim: claim } });
      return claim.id;
    },
    { durable: true },
  );
}

/** The claimed cancel ended (`ended`; why, for a failure or refusal): a run waiting on it reports it. */
export async function endCancelClaim(
  store: StateStore,
  key: OrderKey,
  id: string,
  ended: CancelEnd,
  reason?: string,
): Promise<void> {
  await changeShipment(store, key, (shipment) =>
    shipment.cancelClaim?.id === id
      ? { ...shipment, cancelClaim: { ...shipment.cancelClaim, ended, ...(reason ? { reason } : {}) } }
      : undefined,
  );
}

/**
 * This run lost the claim of a parcel's cancel to another run sharing the store: it sends nothing and
 * waits (up to CANCEL_RACE_WAIT_MS) until that run ended its claim. The shipment as it then is, or
 * undefined when the other run is still at it.
 */
export async function awaitOtherCancel(
  store: StateStore,
  key: OrderKey,
  signal?: AbortSignal,
): Promise<ShipmentState | undefined> {
  const deadline = Date.now() + CANCEL_RACE_WAIT_MS;
  for (;;) {
    signal?.throwIfAborted();
    const shipment = (await readOrderState(store, key))?.shipment;
    if (!shipment || !cancelClaimOpen(shipment.cancelClaim)) return shipment;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, CANCEL_RACE_POLL_MS));
  }
}
