/**
 * The contracts every adapter satisfies. The sync engine depends on these interfaces only, never on a
 * concrete platform. Optional abilities are declared in `capabilities` instead of methods that throw
 * "not supported".
 */
import type { OcopConnectError } from '../core/errors.js';
import type { CallOptions } from '../core/types.js';
import type { Address } from '../model/address.js';
import type { ImageSpec } from '../model/image-spec.js';
import type { CancelReason, Order } from '../model/order.js';
import type { Product } from '../model/product.js';
import type { Contact, Parcel, Quote, Shipment, ShipmentEvent } from '../model/shipment.js';
import type { ListingReviewStatus, OrderStatus, ShipmentStatus } from '../model/status.js';
import type { ValidationIssue } from '../model/validation.js';

export type HeaderBag = Record<string, string | string[] | undefined>;

// ---------------------------------------------------------------------------------------------------
// Marketplaces
// ---------------------------------------------------------------------------------------------------

export interface MarketplaceCapabilities {
  /** Maximum variant tiers a listing may have (0 = no variants). */
  maxVariantTiers: 0 | 1 | 2;
  /** The platform honours an idempotency key on create, so a create may be retried safely. */
  idempotentCreate: boolean;
  /** Stock for many SKUs in one call. */
  bulkStock: boolean;
  /** Largest batch for `setStock`. */
  maxStockBatch: number;
  /** A price-only update endpoint exists (cheaper than a full listing update). */
  priceUpdate: boolean;
  /** Listings go through a review (pending → approved / rejected). */
  listingReview: boolean;
  webhooks: boolean;
  /** Longest window `listOrders` accepts, in ms. */
  maxOrderWindowMs: number;
  /** `downloadListings` reads the shop's existing listings in full (onboarding). @default false */
  listingDownload?: boolean;
  /** `setListingSkus` can write the seller SKUs of an existing listing. @default false */
  sellerSkuUpdate?: boolean;
}

export interface ListingRules {
  titleMaxChars: number;
  descriptionMaxChars: number;
  image: ImageSpec;
  /** Attribute codes every listing needs regardless of category. */
  requiredAttributes: readonly string[];
}

export interface Category {
  id: string;
  name: string;
  parentId?: string;
  leaf: boolean;
}

export interface CategoryAttribute {
  code: string;
  name: string;
  required: boolean;
  /** Allowed values when the platform restricts them. */
  values?: readonly string[];
  /** The platform's own type name (`NUMBER`, `ENUM`, `TEXT` ...), when it states one. */
  type?: string;
  /** Bounds for numeric attributes. */
  min?: number;
  max?: number;
}

/** Where a user's own category (or OCOP product group) lands on a platform. */
export interface CategoryMapping {
  categoryId: string;
  /** Fixed attribute values for every product of this category, e.g. `{ brand_origin: "Việt Nam" }`. */
  attributes?: Record<string, string>;
}

export interface UploadedImage {
  imageId: string;
  url?: string;
}

export interface ImageUpload {
  bytes: Buffer;
  contentType: string;
  /** sha256 hex of `bytes`; lets the platform or adapter dedupe. */
  contentHash: string;
}

/** Everything a create / update needs, already resolved: category, attributes, uploaded image ids. */
export interface ListingDraft {
  product: Product;
  categoryId: string;
  attributes: Record<string, string>;
  /** Platform image ids in display order. */
  imageIds: readonly string[];
}

export interface RemoteVariant {
  sku: string;
  remoteId: string;
  priceVnd: number;
  stock: number;
}

export interface RemoteListing {
  platform: string;
  /** The platform's listing (product) id. */
  remoteId: string;
  sku: string;
  title: string;
  review: ListingReviewStatus;
  rawReviewStatus?: string;
  rejectionReasons?: readonly string[];
  variants: readonly RemoteVariant[];
  url?: string;
}

/** One variant of a downloaded listing. */
export interface ShopListingVariant {
  remoteId: string;
  /** Absent when the seller left it empty (listings typed by hand). */
  sku?: string;
  /** Tier name → option, e.g. `{ "Quy cách": "Hũ 100 g" }`; empty without tiers. */
  options: Record<string, string>;
  priceVnd: number;
  stock: number;
}

/** A listing as it stands in the shop, in full: what onboarding matches and exports. */
export interface ShopListing {
  platform: string;
  account: string;
  remoteId: string;
  /** Absent when the seller left it empty. */
  sku?: string;
  title: string;
  description: string;
  categoryId?: string;
  /** Platform attribute code → value as text. */
  attributes: Record<string, string>;
  /**
   * The attributes this library knows, under canonical names (`origin`, `brand`, `ocopStars`,
   * `shelfLifeDays`, `netContent`, `ingredients`, `storage`, `producerName` …), as text.
   */
  facts: Readonly<Record<string, string>>;
  imageIds: readonly string[];
  /** Where the platform serves the images, when it says. */
  imageUrls: readonly string[];
  weightGrams?: number;
  dimensionsCm?: { length: number; width: number; height: number };
  /** Tier names in order (0–2). */
  tiers: readonly string[];
  variants: readonly ShopListingVariant[];
  review: ListingReviewStatus;
}

/** New seller SKUs for an existing listing (variants by their platform id). */
export interface ListingSkuAssignment {
  sku: string;
  variants: ReadonlyArray<{ remoteId: string; sku: string }>;
}

export interface StockUpdate {
  sku: string;
  quantity: number;
}
export interface PriceUpdate {
  sku: string;
  priceVnd: number;
  listPriceVnd?: number;
}

/** Per-SKU outcome of a bulk call: one failing SKU never hides the others. */
export type ItemResult =
  | { sku: string; ok: true }
  | {
      sku: string;
      ok: false;
      code: string;
      message: string;
      retriable: boolean;
      /**
       * The whole call's own error when the batch failed as a whole (timeout, network, 429, 5xx), so
       * that its kind survives: a timed-out batch is `timeout` (retriable), not a platform refusal.
       */
      error?: OcopConnectError;
    };

export interface OrderWindow {
  /** Inclusive start (UTC). */
  from: Date;
  /** Exclusive end (UTC). */
  to: Date;
  /** Filter by updated time (default) or created time. */
  by?: 'updated' | 'created';
}

export interface ListOrdersOptions extends CallOptions {
  /** Resume from a cursor saved by `onCheckpoint`. */
  cursor?: string;
  /** Called after each page is fully yielded; persist the value to resume later. */
  onCheckpoint?: (cursor: string | undefined) => Promise<void> | void;
}

export interface ShippedInfo {
  carrier: string;
  trackingNumber: string;
}

export type MarketplaceEvent =
  | {
      type: 'order.created' | 'order.updated';
      platform: string;
      orderId: string;
      status?: OrderStatus;
      rawStatus?: string;
      occurredAt: string;
      deliveryId: string;
    }
  | {
      type: 'listing.reviewed';
      platform: string;
      sku: string;
      remoteId: string;
      review: ListingReviewStatus;
      reasons?: readonly string[];
      occurredAt: string;
      deliveryId: string;
    }
  | {
      type: 'unknown';
      platform: string;
      rawType: string;
      occurredAt: string;
      deliveryId: string;
      payload: unknown;
    };

export interface MarketplaceAdapter {
  readonly platform: string;
  readonly account: string;
  readonly capabilities: MarketplaceCapabilities;
  readonly listingRules: ListingRules;

  /** Check a product against this platform's listing rules; nothing is sent. Empty array = fine. */
  checkListing(product: Product, mapping?: CategoryMapping): ValidationIssue[];

  /**
   * The listing's attribute values under this platform's codes: derived from the product (origin, brand,
   * shelf life, OCOP stars), then the mapping's fixed values, then the product's own `attributes`.
   * `publish` checks them against the category's required attributes (`getCategoryAttributes`) while
   * planning, before anything is sent — also in a dry run. An adapter without derived attributes returns
   * `{ ...mapping?.attributes, ...product.attributes }`.
   */
  resolveAttributes(product: Product, mapping?: CategoryMapping): Record<string, string>;

  getCategories(options?: CallOptions): Promise<Category[]>;
  getCategoryAttributes(categoryId: string, options?: CallOptions): Promise<CategoryAttribute[]>;
  uploadImage(image: ImageUpload, options?: CallOptions): Promise<UploadedImage>;

  findListingBySku(sku: string, options?: CallOptions): Promise<RemoteListing | undefined>;
  /** Never creates a duplicate: idempotency key, or lookup by SKU before a retry. */
  createListing(draft: ListingDraft, options?: CallOptions): Promise<RemoteListing>;
  updateListing(remoteId: string, draft: ListingDraft, options?: CallOptions): Promise<RemoteListing>;
  listListings(options?: CallOptions): AsyncIterable<RemoteListing>;
  /** Every listing of the shop in full, page by page (present when `capabilities.listingDownload`). */
  downloadListings?(options?: CallOptions): AsyncIterable<ShopListing>;
  /** Writes a listing's seller SKUs (present when `capabilities.sellerSkuUpdate`). */
  setListingSkus?(remoteId: string, skus: ListingSkuAssignment, options?: CallOptions): Promise<ShopListing>;
  setStock(updates: readonly StockUpdate[], options?: CallOptions): Promise<ItemResult[]>;
  setPrice(updates: readonly PriceUpdate[], options?: CallOptions): Promise<ItemResult[]>;

  listOrders(window: OrderWindow, options?: ListOrdersOptions): AsyncIterable<Order>;
  getOrder(orderId: string, options?: CallOptions): Promise<Order>;
  confirmOrder(orderId: string, options?: CallOptions): Promise<Order>;
  /** Cancels with a typed reason (an unknown reason is refused before anything is sent). */
  cancelOrder(orderId: string, reason: CancelReason, options?: CallOptions): Promise<Order>;
  markShipped(orderId: string, shipped: ShippedInfo, options?: CallOptions): Promise<Order>;

  /** Constant-time signature check over the raw body. */
  verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean;
  parseWebhook(rawBody: string | Buffer): MarketplaceEvent;

  /** Stop limiters and timers. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Carriers
// ---------------------------------------------------------------------------------------------------

export interface CarrierCapabilities {
  /** Addresses in the 2025 two-level structure are accepted. */
  twoLevelAddresses: boolean;
  /** A create can be retried without a duplicate (unique partner reference). */
  idempotentCreate: boolean;
  labels: boolean;
  webhooks: boolean;
  cashOnDelivery: boolean;
}

/** Platform ids an address resolved to, plus what was matched (for error messages and logs). */
export interface ResolvedAddress {
  provinceId: number;
  districtId: number;
  wardId: number;
  era: 'legacy' | '2025';
  matched: { province: string; district?: string; ward: string };
}

export interface QuoteRequest {
  from: Address;
  to: Address;
  parcel: Parcel;
  /** Cash to collect from the receiver for the goods. */
  codAmountVnd?: number;
}

export type ShipmentPayer = 'sender' | 'receiver';

export interface ShipmentRequest {
  sender: Contact;
  receiver: Contact;
  parcel: Parcel;
  serviceCode: string;
  extraServiceCodes?: readonly string[];
  /** Cash to collect for the goods (0 = none). */
  codAmountVnd?: number;
  /** Who pays the freight. @default 'sender' */
  freightPaidBy?: ShipmentPayer;
  note?: string;
}

export interface CreateShipmentOptions extends CallOptions {
  /** Our deterministic reference (e.g. the order key); the carrier rejects a second create with it. */
  reference: string;
}

export type LabelSize = 'A5' | 'A6' | 'A7';

/**
 * One verified webhook delivery that may carry several events (VNPost): which events are trusted and
 * were folded into the carrier's records, and the HTTP status to answer the carrier with.
 */
export type CarrierWebhookReceipt =
  | { verified: false; httpStatus: number }
  | {
      verified: true;
      /**
       * 200: every item applied (or about no parcel of ours); non-2xx: something was not applied
       * (refused, unknown code, a lookup failed), so the carrier redelivers and operators see it.
       */
      httpStatus: number;
      /** The trusted events, in the order they are to be applied (time, then journey stage). */
      events: readonly ShipmentEvent[];
      /** One line per item that was not applied, and why (refused, unknown status code, lookup failed). */
      notApplied: readonly string[];
    };

/** What one status poll found (see `CarrierAdapter.refreshShipments`). */
export interface CarrierRefreshResult {
  /**
   * The polled steps as events, already folded into the carrier's records, per parcel in the order to be
   * applied (time, then journey stage); each carries our `reference`.
   */
  events: readonly ShipmentEvent[];
  /** The shipments whose status was read (a reference the adapter keeps no record of is not here). */
  refreshed: readonly { reference: string; waybill: string }[];
  failed: readonly { reference: string; waybill: string; error: Error }[];
}

/** A shipment the carrier holds under our reference (see `CarrierAdapter.findShipment`). */
export interface CarrierShipmentMatch {
  reference: string;
  trackingNumber: string;
  status?: ShipmentStatus;
  rawStatus?: string;
}

/** How a `cancelShipment` went: done, or waiting for the carrier's approval (its case id when given). */
export interface CancelShipmentOutcome {
  state: 'cancelled' | 'pending';
  caseId?: string;
}

export interface CarrierAdapter {
  readonly carrier: string;
  readonly account: string;
  readonly capabilities: CarrierCapabilities;

  resolveAddress(address: Address, options?: CallOptions): Promise<ResolvedAddress>;
  quote(request: QuoteRequest, options?: CallOptions): Promise<Quote[]>;
  createShipment(request: ShipmentRequest, options: CreateShipmentOptions): Promise<Shipment>;
  /**
   * Cancels a parcel (before pickup). Resolves with how it went where the carrier can say: `pending`
   * when the carrier must approve it first (VNPost answers Type "02") — not done yet; `cancelled` (or
   * nothing, for an adapter that does not say) when done. A refusal is a ConflictError.
   */
  cancelShipment(
    trackingNumber: string,
    reason?: string,
    options?: CallOptions,
    // biome-ignore lint/suspicious/noConfusingVoidType: adapters written before the outcome existed resolve Promise<void>
  ): Promise<CancelShipmentOutcome | undefined | void>;
  /**
   * Tells the carrier to come for a created shipment (ViettelPost: approve a -100 order). Optional: a
   * carrier whose shipments need no approval leaves it out. Repeating it is harmless.
   */
  approveShipment?(trackingNumber: string, options?: CallOptions): Promise<void>;
  /**
   * Asks the carrier to send a waybill's whole journey to the webhook again (catch-up after the receiver
   * was down). Optional.
   */
  resendEvents?(trackingNumber: string, options?: CallOptions): Promise<void>;
  labelUrl(trackingNumbers: readonly string[], size?: LabelSize, options?: CallOptions): Promise<string>;

  verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean;
  /** Pure: the body as a canonical event; changes nothing. */
  parseWebhook(rawBody: string | Buffer): ShipmentEvent;
  /**
   * Verify a delivery that may carry several events, fold the trusted ones into the adapter's records
   * and say which answer to give. Optional: carriers whose deliveries carry one event use
   * `verifyWebhook` + `parseWebhook` (VNPost implements it: only the signed item is trusted as sent).
   */
  receiveWebhookEvents?(rawBody: string | Buffer, headers: HeaderBag): Promise<CarrierWebhookReceipt>;
  /**
   * Poll the status of open parcels (the catch-up for carriers that cannot resend webhooks, VNPost).
   * `references` limits it to those shipments. Optional.
   */
  refreshShipments?(
    options?: CallOptions & { references?: readonly string[] },
  ): Promise<CarrierRefreshResult>;
  /**
   * Look up, at the carrier, the live shipment created under our reference (a create whose answer was
   * lost). Undefined when the carrier holds none. Optional: only carriers with such a lookup (VNPost).
   */
  findShipment?(reference: string, options?: CallOptions): Promise<CarrierShipmentMatch | undefined>;
  /**
   * True when a create of `reference` whose answer was lost can no longer commit at the carrier (VNPost:
   * `lostCreateSettleMs` has passed since it was sent), so "not found" by `findShipment` means "never
   * created". Until then the connector keeps the reference pending (and cancels a parcel that appears
   * for an order cancelled meanwhile). Optional: without it a pending reference is never given up.
   */
  pendingCreateSettled?(reference: string): Promise<boolean>;
  /**
   * Where a raw status code sits in the journey (a larger number is further along), to order two
   * events of the same instant and same canonical status (VNPost 6 "picked up" then 7 "at the post
   * office"). Optional.
   */
  journeyStage?(rawStatus: string | number): number | undefined;
  /**
   * Folds a VERIFIED event into the adapter's store records (reference ↔ waybill, carrier status,
   * spent reference), so its next `createShipment` for that reference answers from the store. Optional:
   * adapters with a `store` option implement it (ViettelPost, VNPost); idempotent.
   */
  applyEvent?(event: ShipmentEvent): Promise<unknown>;

  close(): Promise<void>;
}
