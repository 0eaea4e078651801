import { z } from 'zod';
import {
  A_STORE,
  A_TEXT,
  AN_OBJECT_OR_NOTHING,
  AN_ORDER,
  checkArgument,
  checkOption,
} from '../../core/argument-guards.js';
import { zodIssueText } from '../../model/option-problem.js';
import { type Order, OrderSchema } from '../../model/order.js';
import { OrderStatusSchema, ShipmentStatusSchema } from '../../model/status.js';
import { StoreCorruptError } from '../../store/errors.js';
import type { OrderStateKey, StoreOperations } from '../../store/state-store.js';

/*
 * The order engine's own store records (namespace `orders`, one per platform + account + order id) and
 * the inventory engine's per-SKU records (namespace `ledger`). Both are read through a strict schema: a
 * record that does not fit is a StoreCorruptError naming it — never "not seen", which would reserve an
 * order's stock twice.
 */

/** What an order currently does to the stock ledger (see docs/inventory.md). */
export const OrderStockEffectSchema = z.enum(['reserved', 'consumed', 'released']);

/** The carrier side of an order, once `fulfil` started it. */
export const ShipmentStateSchema = z.strictObject({
  /** Our deterministic reference sent to the carrier. */
  reference: z.string().min(1),
  carrier: z.string().min(1),
  waybill: z.string().min(1).optional(),
  status: ShipmentStatusSchema,
  /** Carrier time of the status (ISO-8601), for ordering late events. */
  statusAt: z.string().optional(),
  /** `statusAt` stands in for a carrier date in the future (clamped): it orders nothing (#16). */
  statusAtClamped: z.boolean().optional(),
  rawStatus: z.union([z.string(), z.number()]).optional(),
  /**
   * Dedupe keys of the carrier events already applied. Kept for the life of the shipment (this record),
   * not for a TTL: ViettelPost events carry no send time, so a replayed event is only recognised here.
   */
  events: z.array(z.string()),
  /** The tracking number was accepted by the marketplace. */
  markedShipped: z.boolean(),
  /** The carrier was told to come (ViettelPost: approved). */
  approved: z.boolean(),
  /**
   * The order was cancelled and the carrier refused to cancel this parcel (ISO time, and why): a
   * terminal state needing a person — never retried.
   */
  cancelRefused: z.object({ at: z.string(), reason: z.string() }).optional(),
  /**
   * The fulfil call that claimed this order's create (random id, ISO time), and how its attempt ended
   * when it ended without a waybill. A racing fulfil that finds another claim than the one it read did
   * not create the parcel: it waits for that claim's parcel and reports it reused (#16).
   */
  claim: z
    .strictObject({
      id: z.string().min(1),
      at: z.string(),
      ended: z.enum(['waybill_pending', 'failed']).optional(),
      /** Why the claimed attempt failed (the error's message). */
      reason: z.string().optional(),
    })
    .optional(),
  /**
   * The run that claimed the carrier cancel of this parcel (its order cancelled on the marketplace):
   * random id, ISO time, and how its attempt ended. Another run sharing the store sends no second
   * cancel while the claim is open: it reports the claimer's outcome (#16).
   */
  cancelClaim: z
    .strictObject({
      id: z.string().min(1),
      at: z.string(),
      ended: z.enum(['cancelled', 'cancel_pending', 'live', 'failed']).optional(),
      /** Why the claimed cancel failed or was refused (the error's message). */
      reason: z.string().optional(),
    })
    .optional(),
});
export type ShipmentState = z.infer<typeof ShipmentStateSchema>;

export const OrderStateSchema = z.strictObject({
  /** The latest snapshot read from the marketplace (or implied by the carrier: see `journeyStatus`). */
  order: OrderSchema,
  /** `order.updatedAt` of the snapshot: an older snapshot read later is ignored. */
  snapshotAt: z.string(),
  effect: OrderStockEffectSchema,
  /** Tracked SKU → units this order holds or took. */
  lines: z.record(z.string(), z.number().int().positive()),
  /** The platform's own count moved for this order's placement / cancellation (applied once each). */
  platformTook: z.boolean(),
  platformRestored: z.boolean(),
  /** A returned parcel's units were counted back in (once). */
  restocked: z.boolean(),
  /** The order status the carrier's journey implies (SHIPPED, DELIVERED, DELIVERY_FAILED, RETURNED, …). */
  journeyStatus: OrderStatusSchema.optional(),
  shipment: ShipmentStateSchema.optional(),
});
export type OrderState = z.infer<typeof OrderStateSchema>;

/** Each field of a stored record that does not fit, "field: reason" in each language. */
function describe(error: z.ZodError, record: unknown): { vi: string; en: string } {
  const parts = error.issues.map((issue) => {
    const text = zodIssueText(issue, record);
    const at = issue.path.join('.');
    return { vi: `${at || '(bản ghi)'}: ${text.vi}`, en: `${at || '(record)'}: ${text.en}` };
  });
  return { vi: parts.map((p) => p.vi).join('; '), en: parts.map((p) => p.en).join('; ') };
}

export function orderStateName(key: OrderStateKey): string {
  return `orders[${key.platform}/${key.account}/${key.externalId}]`;
}

export async function readOrderState(
  store: StoreOperations,
  key: OrderStateKey,
): Promise<OrderState | undefined> {
  checkOption(store, 'store', A_STORE);
  checkArgument(key, 'key', AN_ORDER);
  const record = await store.getOrderState(key);
  if (!record) return undefined;
  return parseOrderState(key, record.state);
}

export function parseOrderState(key: OrderStateKey, state: unknown): OrderState {
  const parsed = OrderStateSchema.safeParse(state);
  if (!parsed.success) throw new StoreCorruptError(orderStateName(key), describe(parsed.error, state));
  return parsed.data;
}

export async function writeOrderState(
  store: StoreOperations,
  key: OrderStateKey,
  state: OrderState,
): Promise<void> {
  await store.putOrderState({ ...key, state: state as unknown as Record<string, unknown> });
}

/** Every order record (optionally of one marketplace account), validated. */
export async function listOrderStates(
  store: StoreOperations,
  filter: { platform?: string; account?: string } = {},
): Promise<(OrderState & { key: OrderStateKey })[]> {
  checkOption(store, 'store', A_STORE);
  checkOption(filter, 'filter', AN_OBJECT_OR_NOTHING);
  const records = await store.listOrderStates(filter);
  return records.map((r) => {
    const key = { platform: r.platform, account: r.account, externalId: r.externalId };
    return { ...parseOrderState(key, r.state), key };
  });
}

export function keyOf(order: Order, account: string): OrderStateKey {
  return { platform: order.platform, account, externalId: order.externalId };
}

// ---- ledger (per SKU) ------------------------------------------------------------------------------

/** What one marketplace account shows for a SKU, as far as we know, and when we last set it. */
export const ShownSchema = z.strictObject({
  quantity: z.number().int().min(0),
  /** ISO time our last absolute write was acknowledged: platform moves after it change `quantity`. */
  setAt: z.string(),
});
export type Shown = z.infer<typeof ShownSchema>;

export const UnitFactsSchema = z.strictObject({
  weightGrams: z.number().int().positive(),
  dimensionsCm: z
    .strictObject({
      length: z.number().positive(),
      width: z.number().positive(),
      height: z.number().positive(),
    })
    .optional(),
});

export const LedgerStateSchema = z.strictObject({
  /** The catalog's stock figure last applied as a count (a changed figure is a new count). */
  catalogCount: z.number().int().min(0).optional(),
  /** The catalog product is inactive: the marketplaces are sent 0, whatever is on hand. */
  inactive: z.boolean().optional(),
  /** Weight and size of one unit, from the catalog: `fulfil` weighs parcels with it in any process. */
  unit: UnitFactsSchema.optional(),
  /** "<platform>/<account>" → what that marketplace shows. */
  shown: z.record(z.string(), ShownSchema),
  /** Set for a gift box: its components; its stock entry is derived from theirs (src/sync/bundles). */
  bundle: z
    .array(z.strictObject({ sku: z.string().min(1), quantity: z.number().int().positive() }))
    .optional(),
});
export type LedgerState = z.infer<typeof LedgerStateSchema>;

export function scopeOf(platform: string, account: string): string {
  return `${platform}/${account}`;
}

export async function readLedgerState(store: StoreOperations, sku: string): Promise<LedgerState> {
  checkOption(store, 'store', A_STORE);
  checkArgument(sku, 'sku', A_TEXT);
  const record = await store.getLedgerState(sku);
  if (!record) return { shown: {} };
  const parsed = LedgerStateSchema.safeParse(record.state);
  if (!parsed.success) throw new StoreCorruptError(`ledger[${sku}]`, describe(parsed.error, record.state));
  return parsed.data;
}

export async function writeLedgerState(
  store: StoreOperations,
  sku: string,
  state: LedgerState,
): Promise<void> {
  await store.putLedgerState({ sku, state: state as unknown as Record<string, unknown> });
}

/** Moves what a platform shows by `delta` (never below 0); unknown stays unknown (the next push sets it). */
export async function adjustShown(
  store: StoreOperations,
  sku: string,
  scope: string,
  delta: number,
): Promise<void> {
  if (delta === 0) return;
  const ledger = await readLedgerState(store, sku);
  const shown = ledger.shown[scope];
  if (!shown) return;
  ledger.shown[scope] = { ...shown, quantity: Math.max(0, shown.quantity + delta) };
  await writeLedgerState(store, sku, ledger);
}

export async function recordShown(
  store: StoreOperations,
  sku: string,
  scope: string,
  quantity: number,
  setAt: string,
): Promise<void> {
  const ledger = await readLedgerState(store, sku);
  ledger.shown[scope] = { quantity, setAt };
  await writeLedgerState(store, sku, ledger);
}
