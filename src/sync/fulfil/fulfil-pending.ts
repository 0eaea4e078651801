import { A_STORE, AN_OBJECT, checkOption } from '../../core/argument-guards.js';
import { OcopConnectError, ValidationError } from '../../core/errors.js';
import type { Order } from '../../model/order.js';
import { TERMINAL_SHIPMENT_STATUSES } from '../../model/status.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { currentOrderStatus } from '../orders/journey.js';
import { listOrderStates } from '../orders/order-state.js';
import { asOcopError } from '../publish/errors.js';
import { OrderNotShippableError, ParcelCancelPendingError, ParcelCancelRefusedError } from './errors.js';
import { fulfilOrder, SHIPPABLE_STATUSES } from './fulfil-order.js';
import type { FulfilOptions, FulfilResult } from './fulfil-types.js';

export type PendingOutcome = 'shipped' | 'waybill_pending' | 'reused' | 'skipped' | 'failed';

/**
 * Why an order was skipped. `cancel_pending`: the order was cancelled and the cancel of its (late) parcel
 * waits for the carrier's approval; `cancel_refused`: the carrier refused to cancel it — the parcel is
 * live, a person must act (terminal: reported on every run, never retried).
 */
export type SkipReason =
  | 'oversold'
  | 'not_shippable'
  | 'invalid'
  | 'no_carrier'
  | 'cancel_pending'
  | 'cancel_refused';

export interface PendingOrderResult {
  platform: string;
  account: string;
  externalId: string;
  outcome: PendingOutcome;
  /** For `skipped`. */
  reason?: SkipReason;
  /** For `shipped`, `waybill_pending`, `reused`. */
  fulfilment?: FulfilResult;
  /** For `skipped` (not_shippable, invalid) and `failed`. */
  error?: OcopConnectError;
}

export interface FulfilPendingResult {
  /** Nothing failed (skipped orders do not make it false). */
  ok: boolean;
  orders: PendingOrderResult[];
  counts: Record<PendingOutcome, number>;
}

export interface FulfilPendingOptions
  extends Omit<FulfilOptions, 'marketplace' | 'carrier' | 'parcel' | 'store'> {
  marketplaces: readonly MarketplaceAdapter[];
  /** The carrier for an order (carrier choice is pluggable; it may quote, hence async). */
  carrierFor: (
    order: {
      platform: string;
      account: string;
      externalId: string;
    },
    full: Order & { account: string },
  ) => CarrierAdapter | undefined | Promise<CarrierAdapter | undefined>;
  /** Orders (platform/account:externalId) stock cannot cover: skipped with reason `oversold`. */
  oversold: ReadonlySet<string>;
  /** At most this many orders at once. @default 4 */
  concurrency?: number;
}

/**
 * Ships every order the store knows as ready (PENDING_CONFIRM, CONFIRMED, READY_TO_SHIP without a tracking
 * number) and completes every shipment left half-done (waybill pending, not approved, not marked shipped).
 * One result per order; never throws for one order's failure.
 */
export async function fulfilPending(
  store: StateStore,
  options: FulfilPendingOptions,
): Promise<FulfilPendingResult> {
  checkOption(store, 'store', A_STORE);
  checkOption(options, 'options', AN_OBJECT);
  const candidates = (await listOrderStates(store)).filter((state) => {
    const s = state.shipment;
    // A cancelled order's parcel that was cancelled at the carrier is done with.
    if (s?.status === 'CANCELLED' && currentOrderStatus(state) === 'CANCELLED') return false;
    // One the carrier would not cancel travels on: reported (cancel_refused) on every run until it is back.
    if (s?.cancelRefused && s.waybill && !TERMINAL_SHIPMENT_STATUSES.has(s.status)) return true;
    if (s) return !(s.waybill && s.markedShipped && (s.approved || options.approve === false));
    const status = currentOrderStatus(state);
    return SHIPPABLE_STATUSES.has(status) && !state.order.tracking;
  });
  candidates.sort((a, b) => a.order.createdAt.localeCompare(b.order.createdAt));
  const results: PendingOrderResult[] = [];
  const queue = [...candidates];
  const worker = async () => {
    for (let state = queue.shift(); state; state = queue.shift()) {
      const { key } = state;
      const id = `${key.platform}/${key.account}:${key.externalId}`;
      const base = { ...key };
      const refused = state.shipment?.cancelRefused;
      if (refused && state.shipment?.waybill) {
        const error = new ParcelCancelRefusedError(
          `${key.platform}:${key.externalId}`,
          state.shipment.carrier,
          state.shipment.waybill,
          refused.reason,
        );
        results.push({ ...base, outcome: 'skipped', reason: 'cancel_refused', error });
        continue;
      }
      if (!state.shipment && options.oversold.has(id)) {
        results.push({ ...base, outcome: 'skipped', reason: 'oversold' });
        continue;
      }
      const marketplace = options.marketplaces.find(
        (m) => m.platform === key.platform && m.account === key.account,
      );
      try {
        const carrier = marketplace
          ? await options.carrierFor(key, { ...state.order, account: key.account })
          : undefined;
        if (!marketplace || !carrier) {
          results.push({ ...base, outcome: 'skipped', reason: 'no_carrier' });
          continue;
        }
        const { marketplaces: _m, carrierFor: _c, oversold: _o, concurrency: _n, ...rest } = options;
        const fulfilment = await fulfilOrder(state.order, { ...rest, marketplace, carrier, store });
        results.push({ ...base, outcome: fulfilment.outcome, fulfilment });
      } catch (error) {
        if (error instanceof ParcelCancelRefusedError) {
          results.push({ ...base, outcome: 'skipped', reason: 'cancel_refused', error });
        } else if (error instanceof ParcelCancelPendingError) {
          results.push({ ...base, outcome: 'skipped', reason: 'cancel_pending', error });
        } else if (error instanceof OrderNotShippableError) {
          results.push({ ...base, outcome: 'skipped', reason: 'not_shippable', error });
        } else if (error instanceof ValidationError) {
          results.push({ ...base, outcome: 'skipped', reason: 'invalid', error });
        } else if (error instanceof OcopConnectError && error.kind === 'configuration') {
          throw error;
        } else {
          results.push({ ...base, outcome: 'failed', error: asOcopError(error, key.platform, 'fulfil') });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  results.sort((a, b) =>
    `${a.platform}/${a.account}:${a.externalId}`.localeCompare(`${b.platform}/${b.account}:${b.externalId}`),
  );
  const counts: Record<PendingOutcome, number> = {
    shipped: 0,
    waybill_pending: 0,
    reused: 0,
    skipped: 0,
    failed: 0,
  };
  for (const r of results) counts[r.outcome] += 1;
  return { ok: counts.failed === 0, orders: results, counts };
}
