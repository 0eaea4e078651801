import { REVIEW_OPTIONS } from '../marketplace/handle-table.js';
import type { SandboxHandMadeListing } from '../marketplace/shop-data.js';
import type { MarketplaceSandboxControls, MarketplaceShopView } from '../marketplace/types.js';
import { everyName } from '../operation-counts.js';
import type { OptionTable } from '../sandbox-options.js';
import * as rule from '../sandbox-options.js';

/** Names used by `stats.requests`, `faults.failNext` and `faults.dropAfterCommit`. */
export type ShopeeOperation =
  | 'login'
  | 'getCategories'
  | 'getCategoryAttributes'
  | 'uploadImage'
  | 'createListing'
  | 'initTierVariation'
  | 'updateTierVariation'
  | 'addModel'
  | 'updateModel'
  | 'updateListing'
  | 'getListingBySku'
  | 'listListings'
  | 'getListing'
  | 'getModelList'
  | 'updateStock'
  | 'updatePrice'
  | 'listOrders'
  | 'getOrder'
  | 'cancelOrder'
  | 'shipOrder'
  | 'getTrackingNumber';

/** Every operation, as `faults.failNext` and `faults.dropAfterCommit` name it (none can be left out). */
export const SHOPEE_OPERATIONS = everyName<ShopeeOperation>()(
  'login getCategories getCategoryAttributes uploadImage createListing initTierVariation updateTierVariation addModel updateModel updateListing getListingBySku listListings getListing getModelList updateStock updatePrice listOrders getOrder cancelOrder shipOrder getTrackingNumber',
);

/** The partner app and one authorised shop. */
export interface ShopeeSandboxCredentials {
  partnerId: string;
  partnerKey: string;
  shopId: string;
  /** The shop's first access token (4 hours from start). */
  accessToken: string;
  /** The shop's first refresh token (single use). */
  refreshToken: string;
}

export interface ShopeeSandboxFaults {
  /** The next N calls of an operation fail with HTTP 503 `error_server` before anything is committed. */
  failNext?: Partial<Record<ShopeeOperation, number>>;
  /** The next N calls of an operation are committed, then the connection is destroyed without an answer. */
  dropAfterCommit?: Partial<Record<ShopeeOperation, number>>;
}

export interface ShopeeSandboxOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Given keys replace the demo partner and shop. */
  credentials?: Partial<ShopeeSandboxCredentials>;
  /** Requests per rolling second per shop (and per partner for app-level calls). @default 20 */
  rateLimitRps?: number | false;
  /** Listing review. @default { mode: 'auto', delayMs: 0 } */
  review?: { mode?: 'auto' | 'manual'; delayMs?: number };
  /** Push notification callback URL (as registered in the partner console). */
  webhookUrl?: string;
  /** @default [1000, 2000, 4000] */
  webhookRetryDelaysMs?: number[];
  faults?: ShopeeSandboxFaults;
  /** @default 1 */
  seed?: number;
  /** Clock in epoch ms (token expiry, signature timestamps, order times). @default Date.now */
  now?: () => number;
  /** @default 22 000 */
  shippingFeeVnd?: number;
  /** Shipping channel of simulated orders (`shipping_carrier`). @default 'SPX Express' */
  shippingChannel?: string;
  /**
   * Items already in the shop when the sandbox starts, typed by hand in Seller Centre (SKUs may be
   * empty or different, already live). `'ocop-seeds'`: the messy OCOP seed set (the one written for
   * Voso; the category tree is the same). @default none
   */
  handMadeListings?: 'ocop-seeds' | readonly SandboxHandMadeListing[];
}

/** Every option of `startShopeeSandbox`, as `checkSandboxOptions` checks it. */
const SHOPEE_COUNTS = rule.countsOf(SHOPEE_OPERATIONS);

/** Shopee's faults (`setFaults` and `options.faults`): no other key, counts by operation name. */
export const SHOPEE_FAULTS = rule.objectWith({ failNext: SHOPEE_COUNTS, dropAfterCommit: SHOPEE_COUNTS });

export const SHOPEE_OPTIONS: OptionTable<ShopeeSandboxOptions> = {
  port: rule.PORT,
  host: rule.A_TEXT,
  credentials: rule.AN_OBJECT,
  rateLimitRps: rule.RATE_OR_FALSE,
  review: REVIEW_OPTIONS,
  webhookUrl: rule.A_URL,
  webhookRetryDelaysMs: rule.NUMBER_LIST,
  faults: SHOPEE_FAULTS,
  seed: rule.A_NUMBER,
  now: rule.A_FUNCTION,
  shippingFeeVnd: rule.NON_NEGATIVE,
  shippingChannel: rule.A_TEXT,
  handMadeListings: rule.HAND_MADE,
};

export interface ShopeeSandboxStats {
  requests: Partial<Record<ShopeeOperation | 'unknown', number>>;
  totalRequests: number;
  rateLimited: number;
  /** Requests refused with `error_sign`. */
  signatureRejected: number;
  writes: number;
  injectedErrors: number;
  droppedConnections: number;
  webhookAttempts: number;
  webhookDelivered: number;
}

export interface ShopeeSandboxState extends MarketplaceShopView {}

export interface ShopeeSandbox extends MarketplaceSandboxControls<ShopeeSandboxFaults> {
  readonly platform: 'shopee';
  /** Origin, e.g. `http://127.0.0.1:40123` (paths start with `/api/v2/`). */
  readonly url: string;
  /** The adapter's `baseUrl`. */
  readonly baseUrl: string;
  /** The partner and shop credentials as first issued. */
  readonly credentials: Readonly<ShopeeSandboxCredentials>;
  readonly tokens: {
    /** The tokens the sandbox accepts now (they rotate on every refresh). */
    current(): { accessToken: string; refreshToken: string };
    /** Ends the current access token's life now (as 4 hours passing would). */
    expireAccessToken(): void;
  };
  readonly state: ShopeeSandboxState;
  readonly stats: ShopeeSandboxStats;
}
