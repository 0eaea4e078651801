/** The contract every marketplace adapter (Voso, Postmart, Shopee, a profile of your own) satisfies. */
import type { OcopConnectError } from '../core/errors.js';
import type { CallOptions } from '../core/types.js';
import type { ImageSpec } from '../model/image-spec.js';
import type { CancelReason, Order } from '../model/order.js';
import type { Product } from '../model/product.js';
import type { ListingReviewStatus, OrderStatus } from '../model/status.js';
import type { ValidationIssue } from '../model/validation.js';
import type { HeaderBag } from './header-bag.js';

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
  /**
   * `setPrice` takes a `listPriceVnd` (the platform has a list price field); without it a list price is
   * refused per SKU and `publish` sends the price only. Voso, Postmart, Shopee: false. @default false
   */
  listPrice?: boolean;
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

  /**
   * Check a product against this platform's listing rules; nothing is sent. Empty array = fine. A value
   * that is not a Product (a partial object, a wrong-typed field) is refused with a ValidationError whose
   * `issues` name the fields (the same issues as `validateProduct`).
   */
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
