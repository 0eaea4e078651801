import type { AuthStrategy, TokenStore } from '../../core/auth/types.js';
import type { ApiRequest, CallOptions } from '../../core/types.js';
import type { CancelReason, Order } from '../../model/order.js';
import type {
  Category,
  ImageUpload,
  ItemResult,
  ListingDraft,
  ListingSkuAssignment,
  RemoteListing,
  ShippedInfo,
  UploadedImage,
} from '../types.js';
import type { MarketplaceCodecs } from './codecs.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** Credentials by the names the profile's templates use (`{{username}}`, `{{partnerKey}}` …). */
export type MarketplaceCredentials = Readonly<Record<string, string | undefined>>;

/**
 * Escape hatches for the parts of a real API that profile data cannot express. A hook replaces ONE
 * operation's wire exchange; everything around it stays in the engine: validation before anything is
 * sent, the limiter, retries, idempotency and lookup-before-create, error mapping, order windows and
 * checkpoints, per-SKU bulk results. A hook talks to the platform only through `ctx.call`, so its
 * requests are signed, rate-limited, retried and error-mapped like the engine's own.
 */

/** One request to a named endpoint of the profile (`endpoints.*` or `extraEndpoints.*`). */
export interface HookCallRequest {
  /** Template variables (`{listingId}`, `{sku}`, or any name the endpoint's templates use). */
  vars?: Readonly<Record<string, string | number | undefined>>;
  /** Merged over the endpoint's query templates. */
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Merged over the endpoint's body templates (objects) or sent as is (arrays). */
  body?: unknown;
  rawBody?: Buffer;
  contentType?: string;
  /** The write may be repeated safely (absolute values, same reference). GET always is. */
  idempotent?: boolean;
  /** Lookup-before-retry for a non-idempotent write (see `ApiRequest.recover`). */
  recover?: ApiRequest['recover'];
  trafficClass?: ApiRequest['trafficClass'];
}

/** What every hook receives. */
export interface MarketplaceHookContext {
  readonly profile: MarketplaceProfile;
  readonly platform: string;
  readonly account: string;
  /** A signed, rate-limited, retried, error-mapped call of a named endpoint; resolves to its payload. */
  call(endpoint: string, request?: HookCallRequest, options?: CallOptions): Promise<unknown>;
  /** The engine's codecs bound to this profile (decode a listing or order, encode a listing ...). */
  readonly codecs: MarketplaceCodecs;
  /** The adapter's clock, epoch ms. */
  now(): number;
  /**
   * What this account shipped and the platform does not keep (the carrier the caller named), in the
   * adapter's `store` (the connector's StateStore), so another process reads it back.
   */
  readonly shipments: {
    get(orderId: string): Promise<{ carrier: string; trackingNumber: string } | undefined>;
    put(orderId: string, shipped: { carrier: string; trackingNumber: string }): Promise<void>;
  };
}

/** One page of orders: raw platform orders (decoded by the engine) and where the next page starts. */
export interface OrderPage {
  orders: readonly unknown[];
  /** Opaque position of the next page in this window piece; undefined = the piece is done. */
  next?: string;
}

export interface OrderPageRequest {
  /** The window piece (never longer than `orderWindow.maxWindowMs`). */
  from: Date;
  to: Date;
  /** undefined for the first page of the piece, else the `next` of the previous page. */
  position?: string;
}

/** Everything an auth hook may use to build its strategy. */
export interface AuthHookContext {
  readonly profile: MarketplaceProfile;
  readonly account: string;
  readonly credentials: MarketplaceCredentials;
  readonly tokenStore?: TokenStore;
  /** `tokenStoreKey(platform, account)`: where this account's token is persisted. */
  readonly tokenKey: string;
  now(): number;
  /** Sends through the adapter's client (set `authenticated: false` for a token exchange). */
  send(request: ApiRequest, options?: CallOptions): Promise<{ status: number; data: unknown }>;
}

export interface BulkHookItem {
  sku: string;
  value: number;
  /** For prices: the list (strike-through) price, when given. */
  listPriceVnd?: number;
}

/**
 * Per-operation hooks. Each is optional; an operation without a hook uses its profile endpoint, and an
 * operation with neither is reported at construction.
 */
export interface MarketplaceHooks {
  /**
   * Problems of the profile (the override merged in) that these hooks cannot honour, e.g. a paging
   * style they do not implement. Reported at construction with every other problem: an override a hook
   * would silently ignore is refused loudly instead.
   */
  profileProblems?(profile: MarketplaceProfile): string[];
  /**
   * The endpoints these hooks call by name through `ctx.call`, each with the template variables the hook
   * passes (`vars`), e.g. `{ getOrderDetail: ['orderIds'], getModelList: ['listingId'] }`. Checked when
   * the adapter is built: each must exist in `endpoints` or `extraEndpoints` (an override that removes
   * one with `null` is refused then, naming it, not at the first call), and its path, query and body
   * templates may use only these variables.
   */
  readonly calls?: Readonly<Record<string, readonly string[]>>;
  /** Builds the auth strategy (profiles with `auth.type: 'custom'`). */
  auth?(ctx: AuthHookContext): AuthStrategy;
  getCategories?(ctx: MarketplaceHookContext, options?: CallOptions): Promise<Category[]>;
  uploadImage?(
    ctx: MarketplaceHookContext,
    image: ImageUpload,
    options?: CallOptions,
  ): Promise<UploadedImage>;
  /** Looks a listing up by product or variant SKU; undefined when the platform has none. */
  findListingBySku?(
    ctx: MarketplaceHookContext,
    sku: string,
    options?: CallOptions,
  ): Promise<RemoteListing | undefined>;
  /**
   * Sends a create. `body` is the validated listing already encoded with the profile's field names.
   * Creates without an idempotency key are never repeated blindly: on a lost answer the engine looks
   * the SKU up (through `findListingBySku`) before anything is sent again.
   */
  createListing?(
    ctx: MarketplaceHookContext,
    input: { draft: ListingDraft; body: Record<string, unknown> },
    options?: CallOptions,
  ): Promise<RemoteListing>;
  updateListing?(
    ctx: MarketplaceHookContext,
    input: { remoteId: string; draft: ListingDraft; body: Record<string, unknown> },
    options?: CallOptions,
  ): Promise<RemoteListing>;
  listListings?(ctx: MarketplaceHookContext, options?: CallOptions): AsyncIterable<RemoteListing>;
  /**
   * Every listing of the shop in full (onboarding, `capabilities.listingDownload`), as raw platform
   * listings in the profile's listing shape (fields.listing / tier / variant): the engine decodes each
   * with the same strict codec as a profile-read page, so a listing that does not fit is a
   * ContractViolationError, never a half-read listing.
   */
  downloadListings?(ctx: MarketplaceHookContext, options?: CallOptions): AsyncIterable<unknown>;
  /**
   * Writes the seller SKUs of an existing listing (`capabilities.sellerSkuUpdate`); resolves to the
   * listing as it now is, raw in the profile's listing shape (decoded by the engine).
   */
  setListingSkus?(
    ctx: MarketplaceHookContext,
    input: { remoteId: string; skus: ListingSkuAssignment },
    options?: CallOptions,
  ): Promise<unknown>;
  /** One batch (≤ maxBatch) of checked, de-duplicated stock values; one result per SKU. */
  sendStock?(
    ctx: MarketplaceHookContext,
    items: readonly BulkHookItem[],
    options?: CallOptions,
  ): Promise<ItemResult[]>;
  sendPrice?(
    ctx: MarketplaceHookContext,
    items: readonly BulkHookItem[],
    options?: CallOptions,
  ): Promise<ItemResult[]>;
  /**
   * One page of orders in one window piece. The engine splits the window, decodes the page whole before
   * yielding any of it, and checkpoints only after a page was fully consumed.
   */
  fetchOrderPage?(
    ctx: MarketplaceHookContext,
    page: OrderPageRequest,
    options?: CallOptions,
  ): Promise<OrderPage>;
  getOrder?(ctx: MarketplaceHookContext, orderId: string, options?: CallOptions): Promise<Order>;
  confirmOrder?(ctx: MarketplaceHookContext, orderId: string, options?: CallOptions): Promise<Order>;
  cancelOrder?(
    ctx: MarketplaceHookContext,
    input: { orderId: string; reason: CancelReason; body: Record<string, unknown> },
    options?: CallOptions,
  ): Promise<Order>;
  markShipped?(
    ctx: MarketplaceHookContext,
    input: { orderId: string; shipped: ShippedInfo; body: Record<string, unknown> },
    options?: CallOptions,
  ): Promise<Order>;
  /** Adjusts a raw platform order before decoding (e.g. fills fields a platform masks). */
  normalizeOrder?(raw: unknown): unknown;
}

/** Which operation each hook stands in for (an operation is covered by its endpoint or its hook). */
export const HOOK_OPERATIONS = {
  categories: 'getCategories',
  uploadImage: 'uploadImage',
  getListingBySku: 'findListingBySku',
  createListing: 'createListing',
  updateListing: 'updateListing',
  listListings: 'listListings',
  setListingSkus: 'setListingSkus',
  bulkStock: 'sendStock',
  updatePrice: 'sendPrice',
  listOrders: 'fetchOrderPage',
  getOrder: 'getOrder',
  confirmOrder: 'confirmOrder',
  cancelOrder: 'cancelOrder',
  markShipped: 'markShipped',
} as const satisfies Partial<Record<string, keyof MarketplaceHooks>>;
