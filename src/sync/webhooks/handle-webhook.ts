import { z } from 'zod';
import {
  A_STORE,
  A_TEXT,
  checkArgument,
  checkOption,
  checkWebhookInput,
  type Expected,
} from '../../core/argument-guards.js';
import { OcopConnectError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { OrderStatus } from '../../model/status.js';
import type {
  CarrierAdapter,
  CarrierWebhookReceipt,
  HeaderBag,
  MarketplaceAdapter,
  MarketplaceEvent,
} from '../../platforms/types.js';
import type { OrderStateKey, StateStore } from '../../store/state-store.js';
import { type AccountOrder, applyOrderSnapshot } from '../orders/apply-order.js';
import {
  type ApplyCarrierEventOptions,
  applyCarrierEvent,
  type CarrierEventResult,
} from '../orders/journey.js';

/** How long a marketplace delivery id is remembered (their events carry a signed time: 5 min replay window). */
export const MARKETPLACE_WEBHOOK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * What `handleWebhook` did with one delivery.
 * - `applied`: verified, new, applied (or queued: see `followUp`);
 * - `duplicate`: verified, seen before: nothing done (answer 200 so the sender stops);
 * - `stale`: verified, older than what is known (a late "in transit" after "delivered"): ignored;
 * - `ignored`: verified, about nothing we follow (another shop's parcel, a listing review);
 * - `rejected`: signature, secret or time window wrong (answer 401);
 * - `invalid`: verified but unreadable (answer 400);
 * - `refused`: verified, but none of its items could be trusted or read (a VNPost item not covered by the
 *   signature and not confirmed by VNPost, an unknown status code, a confirmation lookup that failed):
 *   nothing applied, `notApplied` says why, answer 422 or 503 so the carrier redelivers.
 */
export type WebhookOutcome =
  | 'applied'
  | 'duplicate'
  | 'stale'
  | 'ignored'
  | 'rejected'
  | 'invalid'
  | 'refused';

export interface WebhookResult {
  /**
   * The HTTP status to answer with. 422: a verified delivery held items that were not applied (see
   * `notApplied`; the trusted ones were); 503: a lookup needed to trust an item failed — both make the
   * carrier deliver again.
   */
  httpStatus: 200 | 400 | 401 | 404 | 422 | 503;
  outcome: WebhookOutcome;
  source: string;
  /** The marketplace account whose secret verified the delivery. */
  account?: string;
  order?: OrderStateKey;
  /** Carrier events: the event and what it did (the first, for a delivery of several). */
  shipment?: CarrierEventResult;
  /** Carrier deliveries of several events (VNPost): each trusted event and what it did, in order. */
  shipments?: CarrierEventResult[];
  /** Items of a verified delivery that were not applied, one line each with the reason. */
  notApplied?: readonly string[];
  /** Order statuses the event moved the order through (the path the marketplace allows). */
  orderPath?: OrderStatus[];
  /** Network work left after answering (re-reading an order, completing a pending waybill). Never rejects. */
  followUp?: Promise<void>;
  error?: OcopConnectError;
}

export interface WebhookContext {
  store: StateStore;
  marketplaces: readonly MarketplaceAdapter[];
  carriers: readonly CarrierAdapter[];
  restockReturns?: boolean;
  logger?: Logger;
  /** Completes a shipment whose waybill a carrier event just revealed (approve, mark shipped). */
  completeWaybill?: (order: OrderStateKey) => Promise<void>;
  /** Told about every order status path a carrier event implies. */
  onOrderPath?: (order: OrderStateKey, path: OrderStatus[]) => void | Promise<void>;
}

/** The error a delivery failed with, as a library error (internal to the webhook modules). */
export function failureOf(error: unknown): OcopConnectError {
  if (error instanceof OcopConnectError) return error;
  return new OcopConnectError('contract_violation', error instanceof Error ? error.message : String(error));
}

/**
 * Verifies, dedupes durably and applies one webhook delivery. `source` is a carrier name
 * ('viettelpost') or a marketplace platform name ('voso', 'postmart'); with several accounts of one
 * marketplace, the account whose secret verifies the signature is the one. Only local work (the store)
 * happens before it returns; network work is in `followUp`.
 */
/** What handleWebhook works with: the store, and the marketplaces and carriers webhooks come from. */
const WEBHOOK_CONTEXT: Expected = {
  schema: z.object({
    store: A_STORE.schema,
    marketplaces: z.array(z.unknown()),
    carriers: z.array(z.unknown()),
  }),
  vi: 'một WebhookContext (có store, marketplaces, carriers)',
  en: 'a WebhookContext (with store, marketplaces, carriers)',
};

export async function handleWebhook(
  context: WebhookContext,
  source: string,
  rawBody: string | Buffer,
  headers: HeaderBag,
): Promise<WebhookResult> {
  checkOption(context, 'context', WEBHOOK_CONTEXT);
  checkArgument(source, 'source', A_TEXT);
  checkWebhookInput(rawBody, headers);
  const carrier = context.carriers.find((c) => c.carrier === source);
  if (carrier) return handleCarrier(context, carrier, rawBody, headers);
  const accounts = context.marketplaces.filter((m) => m.platform === source);
  if (accounts.length > 0) return handleMarketplace(context, accounts, rawBody, headers);
  return { httpStatus: 404, outcome: 'ignored', source };
}

async function handleCarrier(
  context: WebhookContext,
  carrier: CarrierAdapter,
  rawBody: string | Buffer,
  headers: HeaderBag,
): Promise<WebhookResult> {
  const source = carrier.carrier;
  const receive = carrier.receiveWebhookEvents?.bind(carrier);
  if (receive) return handleCarrierBatch(context, carrier, receive, rawBody, headers);
  if (!carrier.verifyWebhook(rawBody, headers)) return { httpStatus: 401, outcome: 'rejected', source };
  let event: ReturnType<CarrierAdapter['parseWebhook']>;
  try {
    event = carrier.parseWebhook(rawBody);
  } catch (error) {
    return { httpStatus: 400, outcome: 'invalid', source, error: failureOf(error) };
  }
  // The carrier's own records first (reference ↔ waybill, spent references): its next create answers
  // from them. Then the order's.
  await carrier.applyEvent?.(event);
  const result = await applyCarrierEvent(context.store, event, eventOptions(context, carrier));
  const outcome: WebhookOutcome =
    result.outcome === 'unknown_shipment'
      ? 'ignored'
      : result.outcome === 'applied'
        ? 'applied'
        : result.outcome;
  const order = result.order;
  const tasks: Promise<void>[] = [];
  if (order && result.waybillLearnt && context.completeWaybill) tasks.push(context.completeWaybill(order));
  if (order && result.orderPath && context.onOrderPath)
    tasks.push(Promise.resolve(context.onOrderPath(order, result.orderPath)));
  const followUp = tasks.length > 0 ? settle(context, source, tasks) : undefined;
  return {
    httpStatus: 200,
    outcome,
    source,
    shipment: result,
    ...(order ? { order } : {}),
    ...(result.orderPath ? { orderPath: result.orderPath } : {}),
    ...(followUp ? { followUp } : {}),
  };
}

function eventOptions(context: WebhookContext, carrier: CarrierAdapter): ApplyCarrierEventOptions {
  return {
    ...(context.restockReturns !== undefined ? { restockReturns: context.restockReturns } : {}),
    ...(carrier.journeyStage ? { journeyStage: (raw) => carrier.journeyStage?.(raw) } : {}),
  };
}

const ANSWERS: ReadonlySet<number> = new Set([200, 422, 503]);

/**
 * A carrier whose delivery may carry several events (VNPost): the adapter verifies it, keeps the trusted
 * items (VNPost: the signed one, others only as VNPost's status history confirms them) and folds them into
 * its records; each is then applied to its order (found by reference or waybill in the store), in the
 * adapter's order. The answer is the adapter's: non-2xx when an item was not applied, so it comes again.
 */
async function handleCarrierBatch(
  context: WebhookContext,
  carrier: CarrierAdapter,
  receive: NonNullable<CarrierAdapter['receiveWebhookEvents']>,
  rawBody: string | Buffer,
  headers: HeaderBag,
): Promise<WebhookResult> {
  const source = carrier.carrier;
  let receipt: CarrierWebhookReceipt;
  try {
    receipt = await receive(rawBody, headers);
  } catch (error) {
    // Unreadable after verification (not the documented shape): 400. Anything else (the store) → 500.
    if (error instanceof OcopConnectError && error.kind === 'contract_violation')
      return { httpStatus: 400, outcome: 'invalid', source, error };
    throw error;
  }
  if (!receipt.verified) return { httpStatus: 401, outcome: 'rejected', source };
  const results: CarrierEventResult[] = [];
  for (const event of receipt.events) {
    results.push(await applyCarrierEvent(context.store, event, eventOptions(context, carrier)));
  }
  const tasks: Promise<void>[] = [];
  for (const result of results) {
    if (!result.order) continue;
    if (result.waybillLearnt && context.completeWaybill) tasks.push(context.completeWaybill(result.order));
    if (result.orderPath && context.onOrderPath)
      tasks.push(Promise.resolve(context.onOrderPath(result.order, result.orderPath)));
  }
  const followUp = tasks.length > 0 ? settle(context, source, tasks) : undefined;
  const has = (o: CarrierEventResult['outcome']) => results.some((r) => r.outcome === o);
  const outcome: WebhookOutcome = has('applied')
    ? 'applied'
    : receipt.notApplied.length > 0
      ? 'refused'
      : has('duplicate')
        ? 'duplicate'
        : has('stale')
          ? 'stale'
          : 'ignored';
  const first = results.find((r) => r.order) ?? results[0];
  const order = first?.order;
  const orderPath = results.find((r) => r.orderPath)?.orderPath;
  const httpStatus = (ANSWERS.has(receipt.httpStatus) ? receipt.httpStatus : 503) as 200 | 422 | 503;
  if (receipt.notApplied.length > 0) {
    context.logger?.warn(
      { source, httpStatus, notApplied: receipt.notApplied },
      'carrier webhook items not applied (the carrier delivers again)',
    );
  }
  return {
    httpStatus,
    outcome,
    source,
    ...(first ? { shipment: first } : {}),
    shipments: results,
    ...(receipt.notApplied.length > 0 ? { notApplied: receipt.notApplied } : {}),
    ...(order ? { order } : {}),
    ...(orderPath ? { orderPath } : {}),
    ...(followUp ? { followUp } : {}),
  };
}

async function settle(context: WebhookContext, source: string, tasks: Promise<void>[]): Promise<void> {
  for (const outcome of await Promise.allSettled(tasks)) {
    if (outcome.status === 'rejected') {
      // The next fulfilPending / pullOrders run completes it: nothing is lost by failing here.
      context.logger?.warn({ source, error: failureOf(outcome.reason).toJSON() }, 'webhook follow-up failed');
    }
  }
}

async function handleMarketplace(
  context: WebhookContext,
  accounts: readonly MarketplaceAdapter[],
  rawBody: string | Buffer,
  headers: HeaderBag,
): Promise<WebhookResult> {
  const source = accounts[0]!.platform;
  const marketplace = accounts.find((m) => m.verifyWebhook(rawBody, headers));
  if (!marketplace) return { httpStatus: 401, outcome: 'rejected', source };
  let event: MarketplaceEvent;
  try {
    event = marketplace.parseWebhook(rawBody);
  } catch (error) {
    return {
      httpStatus: 400,
      outcome: 'invalid',
      source,
      account: marketplace.account,
      error: failureOf(error),
    };
  }
  const account = marketplace.account;
  if (event.type !== 'order.created' && event.type !== 'order.updated') {
    return { httpStatus: 200, outcome: 'ignored', source, account };
  }
  const dedupeKey = `${source}/${account}:${event.deliveryId}`;
  if (!(await context.store.claimWebhook(dedupeKey, { ttlMs: MARKETPLACE_WEBHOOK_TTL_MS }))) {
    return { httpStatus: 200, outcome: 'duplicate', source, account };
  }
  const order: OrderStateKey = { platform: source, account, externalId: event.orderId };
  // The event says "this order changed": re-read it (deliveries come out of order), apply the snapshot
  // (an older one than the store holds is ignored). Failing here loses nothing: pullOrders reads it too.
  const followUp = (async () => {
    try {
      const fresh: AccountOrder = { ...(await marketplace.getOrder(event.orderId)), account };
      await applyOrderSnapshot(context.store, fresh, {
        ...(context.restockReturns !== undefined ? { restockReturns: context.restockReturns } : {}),
      });
    } catch (error) {
      await context.store.releaseWebhook(dedupeKey).catch(() => false);
      context.logger?.warn({ source, account, error: failureOf(error).toJSON() }, 'webhook follow-up failed');
    }
  })();
  return { httpStatus: 200, outcome: 'applied', source, account, order, followUp };
}
