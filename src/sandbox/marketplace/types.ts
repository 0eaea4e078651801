import { everyName } from '../operation-counts.js';
/**
 * Public types of the marketplace sandboxes (Voso, Postmart). Self-contained on purpose: the sandbox is
 * an independent implementation of docs/contracts/{voso,postmart}.md and must not share code with the
 * adapters it checks.
 */

import type {
  SandboxAddress,
  SandboxBuyer,
  SandboxHandMadeListing,
  SandboxImage,
  SandboxListing,
  SandboxOrder,
  SandboxOrderStatus,
} from './shop-data.js';

export type {
  SandboxAddress,
  SandboxBuyer,
  SandboxCancelReason,
  SandboxHandMadeListing,
  SandboxImage,
  SandboxListing,
  SandboxOrder,
  SandboxOrderLine,
  SandboxOrderStatus,
  SandboxReviewStatus,
  SandboxVariant,
} from './shop-data.js';

export type MarketplacePlatform = 'voso' | 'postmart';

/** Names used as keys of `stats.requests`, `faults.failNext` and `faults.dropAfterCommit`. */
export type SandboxOperation =
  | 'login'
  | 'getCategories'
  | 'getCategoryAttributes'
  | 'uploadImage'
  | 'createListing'
  | 'updateListing'
  | 'getListing'
  | 'getListingBySku'
  | 'setListingSkus'
  | 'listListings'
  | 'updateStock'
  | 'updatePrice'
  | 'listOrders'
  | 'getOrder'
  | 'confirmOrder'
  | 'cancelOrder'
  | 'shipOrder'
  | 'registerWebhook'
  | 'getMedia';

/** Every operation, as `faults.failNext` & co. name it (a key of the table: none can be left out). */
export const SANDBOX_OPERATIONS = everyName<SandboxOperation>()(
  'login getCategories getCategoryAttributes uploadImage createListing updateListing getListing getListingBySku setListingSkus listListings updateStock updatePrice listOrders getOrder confirmOrder cancelOrder shipOrder registerWebhook getMedia',
);

export interface SandboxCredentials {
  username: string;
  password: string;
  /** Postmart only (VNPost customer code, e.g. `C000368268`). */
  customerCode?: string;
  /** Secret used to sign webhooks (HMAC-SHA256). */
  webhookSecret: string;
}

/** A delay drawn uniformly per request from `[minMs, maxMs]` (network jitter). */
export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

export interface SandboxFaults {
  /**
   * Transit before the sandbox sees a request, in ms: a fixed delay, or a range drawn per request
   * (jitter). The rate limit counts the request when it ARRIVES, after this delay, so with a range
   * requests sent more than a second apart can be counted within one second. @default 0
   */
  latencyMs?: number | LatencyRange;
  /** Delay between handling a request and sending its answer (already counted), in ms. @default 0 */
  answerLatencyMs?: number | LatencyRange;
  /** Probability (0..1) that a request fails with `failStatus` before it is handled (nothing committed). @default 0 */
  serverErrorRate?: number;
  /** The next N calls of an operation fail with `failStatus` before anything is committed. */
  failNext?: Partial<Record<SandboxOperation, number>>;
  /** HTTP status used by `serverErrorRate` and `failNext`. @default 503 */
  failStatus?: 500 | 503;
  /**
   * The next N calls of an operation are committed (state changed, idempotency key stored), then the
   * socket is destroyed without a response: the client sees a connection reset.
   */
  dropAfterCommit?: Partial<Record<SandboxOperation, number>>;
  /**
   * The next N calls of an operation are held `commitLateMs` before they are handled: a client with a
   * shorter timeout gives up, looks the write up (finds nothing yet), and the write commits afterwards.
   */
  commitLate?: Partial<Record<SandboxOperation, number>>;
  /** How long `commitLate` holds a call, ms. @default 1500 */
  commitLateMs?: number;
}

export interface SandboxReviewOptions {
  /** `auto`: decide by the rules after `delayMs`; `manual`: wait for `sandbox.review.decide`. @default 'auto' */
  mode?: 'auto' | 'manual';
  /** Delay before an automatic decision, ms. 0 = decided before the create/update response. @default 0 */
  delayMs?: number;
}

export interface SandboxWebhookOptions {
  /** Pre-registered delivery URL (the API's register call overrides it). */
  url?: string;
  /** Delays between attempts after a non-2xx / network failure, ms. @default [1000, 2000, 4000, 8000, 16000] */
  retryDelaysMs?: number[];
  /** Probability (0..1) that a successfully delivered event is delivered a second time. @default 0 */
  duplicateRate?: number;
  /** Per-attempt timeout, ms. @default 10000 */
  timeoutMs?: number;
}

export interface MarketplaceSandboxOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Accepted login and webhook secret; given keys replace the platform's demo account.
   * @default username 'htx-demo', password '<platform>-sandbox-password', webhookSecret
   *   '<platform>-sandbox-webhook-secret' (Postmart also customerCode 'C000368268')
   */
  credentials?: Partial<SandboxCredentials>;
  /** Token lifetime, ms. @default Voso 86_400_000 (24 h), Postmart 3_600_000 (1 h) */
  tokenTtlMs?: number;
  /** Requests per rolling second per account; `false` disables limiting. @default Voso 20, Postmart 10 */
  rateLimitRps?: number | false;
  /** How listings are reviewed. @default { mode: 'auto', delayMs: 0 } (decided before the response) */
  review?: SandboxReviewOptions;
  /** Webhook delivery (URL, retries, duplicates). @default no URL: events are not sent until one is registered */
  webhook?: SandboxWebhookOptions;
  /** Fault injection; change later with `setFaults`. @default {} (no faults) */
  faults?: SandboxFaults;
  /** Seed for the sandbox's pseudo-random choices (fault rates, duplicates, buyers). @default 1 */
  seed?: number;
  /**
   * Clock in epoch ms (tokens, timestamps, windows, idempotency expiry). Rate limiting always uses real time.
   * @default Date.now
   */
  now?: () => number;
  /** Shipping fee charged on simulated orders, VND. @default Voso 30000, Postmart 25000 */
  shippingFeeVnd?: number;
  /**
   * Listings already in the shop when the sandbox starts, as if typed by hand in the seller centre (SKUs
   * may be missing or different, already approved). `'ocop-seeds'`: the messy set written for
   * `seeds/catalog.json` (22 listings per platform, see `ocopSeedsHandMadeListings`).
   * @default none (an empty shop)
   */
  handMadeListings?: 'ocop-seeds' | readonly SandboxHandMadeListing[];
  /**
   * A shop saved from an earlier run (`state.listings()`, e.g. as JSON): put back as it was — ids, SKUs,
   * content, stock and review state; images as placeholders — before `handMadeListings` (whose listings
   * then follow). For a tool that restarts the emulator every run but wants the shop to last.
   * @default none
   */
  restoredListings?: readonly SandboxListing[];
  /**
   * Behave like a platform that does NOT refuse a SKU already listed: a create with a used SKU makes
   * a second listing (lookups by SKU find the first). For proving that a client's lost-create recovery
   * never relies on the platform refusing duplicates. @default false
   */
  acceptDuplicateSkus?: boolean;
}

export interface SandboxStats {
  /** Requests received per operation (including ones answered 401/429/5xx). */
  requests: Partial<Record<SandboxOperation | 'unknown', number>>;
  totalRequests: number;
  /** 429 responses sent. */
  rateLimited: number;
  /** Committed mutating requests (create/update listing, stock, price, image, order actions, webhook registration). */
  writes: number;
  /** Items applied successfully by bulk stock/price calls. */
  bulkItemsApplied: number;
  /** Images stored (a Voso dedup hit is not counted). */
  imageUploads: number;
  /** Responses replayed from an idempotency key. */
  idempotentReplays: number;
  /** Injected 5xx responses. */
  injectedErrors: number;
  /** Connections destroyed after commit. */
  droppedConnections: number;
  /** Calls held by `faults.commitLate` (committed after the client likely gave up). */
  lateCommits: number;
  webhookAttempts: number;
  webhookDelivered: number;
  webhookFailedAttempts: number;
  ordersPlaced: number;
  ordersRejected: number;
}

/** What every marketplace sandbox (Voso, Postmart, Shopee) shows of its shop. */
export interface MarketplaceShopView {
  listings(): SandboxListing[];
  listingBySku(sku: string): SandboxListing | undefined;
  images(): SandboxImage[];
  imageBytes(id: string): Buffer | undefined;
  orders(): SandboxOrder[];
  order(id: string): SandboxOrder | undefined;
  /** Platform-side stock of a variant SKU, or undefined. */
  stockOf(sku: string): number | undefined;
  /** Set a variant's stock behind the client's back (simulates edits in the seller centre). */
  setStock(sku: string, stock: number): void;
}

export interface SandboxStateView extends MarketplaceShopView {
  /** Currently valid tokens (useful to assert re-login behaviour). */
  tokenCount(): number;
}

export interface PlaceOrderInput {
  sku: string;
  /** @default 1 */
  quantity?: number;
  buyer?: Partial<Omit<SandboxBuyer, 'address'>> & { address?: Partial<SandboxAddress> };
  /** @default 'COD' */
  paymentMethod?: 'COD' | 'PREPAID';
  /** Prepaid orders are paid at once unless `paid: false` (then they stay UNPAID until `buyers.pay`). */
  paid?: boolean;
  note?: string;
}

export type PlaceOrderResult =
  | { ok: true; order: SandboxOrder }
  | {
      ok: false;
      reason: 'SKU_NOT_FOUND' | 'NOT_APPROVED' | 'OUT_OF_STOCK' | 'INVALID_QUANTITY';
      available: number;
    };

export type BuyerActionResult = { ok: true; order: SandboxOrder } | { ok: false; reason: string };

export interface BuyerClockOptions {
  /** Interval between simulated purchases, ms. */
  everyMs: number;
  /** Probability (0..1) that a tick cancels an open order instead of buying. @default 0.1 */
  cancelRate?: number;
  /** Max units per simulated order. @default 2 */
  maxQuantity?: number;
  /** Restrict buying to these SKUs. @default all approved in-stock variants */
  skus?: string[];
}

export interface BuyerSimulator {
  /** Places an order against platform stock (synchronous; decrements stock; refuses when short). */
  placeOrder(input: PlaceOrderInput): PlaceOrderResult;
  /** Buyer cancels: before confirmation → CANCELLED (stock restored); after → CANCEL_REQUESTED. */
  cancel(orderId: string): BuyerActionResult;
  /** Pays an UNPAID prepaid order → PENDING_CONFIRM. */
  pay(orderId: string): BuyerActionResult;
  start(options: BuyerClockOptions): void;
  stop(): void;
}

export interface ReviewControl {
  /** Listings waiting for a decision. */
  pending(): SandboxListing[];
  /**
   * Decides a pending listing (by id or any of its SKUs). Without `decision`, applies the automatic rules.
   * Returns the listing after the decision, or undefined when not found / not pending.
   */
  decide(
    listingIdOrSku: number | string,
    decision?: 'APPROVED' | 'REJECTED',
    reasons?: Array<{ code: string; message: string }>,
  ): SandboxListing | undefined;
}

export interface OrderControl {
  /**
   * Moves an order to a status along the allowed transitions (carrier/platform side: delivered,
   * returned, …) and emits the webhook. Throws on a transition the contract does not allow.
   */
  advance(orderId: string, status: SandboxOrderStatus): SandboxOrder;
}

export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  attempt: number;
  /** HTTP status, or 0 for a network error / timeout. */
  status: number;
  ok: boolean;
  duplicate: boolean;
}

export interface WebhookControl {
  url(): string | undefined;
  setUrl(url: string | undefined): void;
  deliveries(): WebhookDelivery[];
  /** Resolves once no delivery or retry is pending. */
  idle(): Promise<void>;
}

/** What every marketplace sandbox (Voso, Postmart, Shopee) lets a test drive, with its own faults. */
export interface MarketplaceSandboxControls<Faults> {
  readonly buyers: BuyerSimulator;
  readonly review: ReviewControl;
  readonly orders: OrderControl;
  readonly webhooks: WebhookControl;
  /** Replaces the fault configuration (counters of the previous one are discarded). */
  setFaults(faults: Faults): void;
  setRateLimit(rps: number | false): void;
  resetStats(): void;
  /** Stops the server, every timer and pending webhook retries. */
  close(): Promise<void>;
}

export interface MarketplaceSandbox extends MarketplaceSandboxControls<SandboxFaults> {
  readonly platform: MarketplacePlatform;
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Origin + the contract's base path (`/api/v1/seller`, `/api/partner`). */
  readonly baseUrl: string;
  readonly credentials: Readonly<SandboxCredentials>;
  readonly state: SandboxStateView;
  /** A snapshot of the counters. */
  readonly stats: SandboxStats;
}
