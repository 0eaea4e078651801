import type { OcopConnectError } from '../../core/errors.js';
import type { OrderStatus } from '../../model/status.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import type { CancelledOrderParcel } from '../orders/cancelled-parcel.js';
import type { PullPlatformResult } from '../orders/pull-platform-result.js';

/**
 * What an order currently does to the ledger.
 * - `reserved`: its units are promised (counted in `reserved`).
 * - `consumed`: its units left the warehouse (taken off `onHand`, no longer reserved).
 * - `released`: cancelled; it holds nothing.
 */
export type OrderStockEffect = 'reserved' | 'consumed' | 'released';

export interface SyncInventoryOptions {
  /** Every marketplace whose orders hold stock and whose listings get the available quantity. */
  marketplaces: readonly MarketplaceAdapter[];
  store: StateStore;
  /**
   * Products (validated or not). An offer's `stock` initialises `onHand` for a SKU the ledger does not
   * hold yet; for a SKU it holds, a figure different from the one last applied is a new stock count
   * (`onHand` = the figure; reserved units stay reserved). An unchanged figure changes nothing (orders
   * already took units off it). See `setStockCount` for a count without a catalog.
   * @default none (the ledger is used as it is)
   */
  catalog?: Iterable<unknown>;
  /** Units kept back from every marketplace (breakage, shop-floor sales). @default 0 */
  safetyBuffer?: number;
  /** Per-platform buffer (platform name → units), overriding `safetyBuffer` for that platform. @default none */
  safetyBufferByPlatform?: Readonly<Record<string, number>>;
  /**
   * How late an order may become visible after its update time (clock skew, slow platform indexing),
   * in ms. Each order is read at the fresh edge (the last run's end minus a small overlap learned from
   * orders seen late) and once more after this much time, so one that appears late by up to
   * `overlapMs` is never missed, and a run without new orders does not re-read the whole overlap
   * (docs/inventory.md, "Overlap rule").
   * @default DEFAULT_ORDER_OVERLAP_MS (10 minutes)
   */
  overlapMs?: number;
  /** How far back the first run of a marketplace reads orders, in ms. @default DEFAULT_INITIAL_LOOKBACK_MS (30 days) */
  initialLookbackMs?: number;
  /** Count a returned parcel's units back into stock, once per order. @default true */
  restockReturns?: boolean;
  /**
   * Read every listing's stock back from each marketplace (`listListings`) and compare with that instead
   * of the last acknowledged push: repairs drift from edits in the seller centre, a `publish` of the
   * catalog's stock, or a platform that answered OK without applying. Costs a listing read per page.
   * @default false
   */
  reconcile?: boolean;
  /** Clock in epoch ms (window ends). @default Date.now */
  now?: () => number;
  /** Passed to every marketplace call; an aborted run keeps every checkpoint it had reached. @default none */
  signal?: AbortSignal;
  onProgress?: (event: InventoryProgressEvent) => void;
}

export type InventoryProgressEvent =
  | { type: 'phase'; phase: 'catalog' | 'orders' | 'push' | 'done' }
  | { type: 'orders'; platform: string; account: string; read: number; applied: number }
  | { type: 'push'; platform: string; account: string; total: number; done: number; failed: number };

/** One order that changed the ledger in this run. */
export interface InventoryOrderChange {
  platform: string;
  account: string;
  externalId: string;
  status: OrderStatus;
  /** The effect before this run (undefined: first time seen). */
  from?: OrderStockEffect;
  to: OrderStockEffect;
  /** Tracked SKU → quantity now held by the order. */
  lines: Record<string, number>;
}

/** A ledger entry after the run. */
export interface InventoryStockLine {
  sku: string;
  onHand: number;
  reserved: number;
  /** max(0, onHand − reserved − safetyBuffer); 0 for an inactive catalog product (kept off sale). */
  available: number;
}

/** An order that stock cannot cover: more units were sold than the cooperative holds. */
export interface UnfulfillableOrder {
  platform: string;
  account: string;
  externalId: string;
  quantity: number;
  /** Units of this line the stock still covers (0 ≤ covered < quantity). */
  covered: number;
  createdAt: string;
}

export interface InventoryOversell {
  sku: string;
  onHand: number;
  reserved: number;
  /** reserved − onHand. */
  shortBy: number;
  /** The latest orders (by creation time) that cannot be filled; earlier orders keep the stock. */
  orders: UnfulfillableOrder[];
}

export interface InventoryPushItem {
  platform: string;
  account: string;
  sku: string;
  /** The available quantity sent (0 is sent like any other number). */
  quantity: number;
  /** The last quantity this platform acknowledged (or, with `reconcile`, held) for the SKU (undefined: unknown). */
  previous?: number;
  ok: boolean;
  error?: OcopConnectError;
}

/** The order read of one account (its orders applied to the ledger), then the stock pushed to it. */
export interface InventoryPlatformResult extends PullPlatformResult {
  pushed: number;
  pushFailed: number;
  /** With `reconcile`: reading the listings back failed (then the last acknowledged pushes were used). */
  reconcileError?: OcopConnectError;
}

export interface InventorySyncResult {
  /** Every platform read completely and every push succeeded. Oversells do not make it false. */
  ok: boolean;
  platforms: InventoryPlatformResult[];
  orders: InventoryOrderChange[];
  stock: InventoryStockLine[];
  pushes: InventoryPushItem[];
  oversold: InventoryOversell[];
  /** Order-line SKUs the ledger does not track (not in the catalog or the store); left out of it. */
  untrackedSkus: string[];
  /** Invalid catalog products (their stock was not taken). */
  catalogIssues: ValidationIssue[];
  /**
   * Orders cancelled on the marketplace whose parcel was still moving, as `pullOrders` reports them (set
   * by the connector, which knows the carriers; `live` ones need a person). Empty when there are none.
   */
  cancelledOrderParcels?: CancelledOrderParcel[];
  durationMs: number;
}
