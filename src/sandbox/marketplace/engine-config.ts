/** The configuration a dialect gives the shared marketplace engine, and what the engine reports back. */
import type { CategoryNode } from './catalog.js';
import type { ImageSpec } from './image-store.js';
import type { ListingRules } from './listing-rules.js';
import type { Random } from './rng.js';
import type {
  SandboxBuyer,
  SandboxListing,
  SandboxOrder,
  SandboxOrderStatus,
  SandboxReviewStatus,
} from './shop-data.js';
import type { SandboxReviewOptions } from './types.js';

export interface EngineConfig {
  rules: ListingRules;
  imageSpec: ImageSpec;
  categories: CategoryNode[];
  /** Voso returns the existing image for identical bytes; Postmart stores every upload. */
  dedupeImages: boolean;
  newImageId(sequence: number): string;
  listingIdStart: number;
  variantIdStart: number;
  orderIdPrefix: string;
  rawOrderStatus: Readonly<Record<SandboxOrderStatus, string>>;
  rawReviewStatus: Readonly<Record<SandboxReviewStatus, string>>;
  /** Status an order reaches when the seller ships it (Voso SHIPPED, Postmart READY_TO_SHIP). */
  shipTarget: SandboxOrderStatus;
  shipAllowedFrom: readonly SandboxOrderStatus[];
  shippingFeeVnd: number;
  buyers: readonly SandboxBuyer[];
  review: Required<SandboxReviewOptions>;
  /** A create with a SKU already listed makes a second listing instead of being refused. */
  acceptDuplicateSkus?: boolean;
  now: () => number;
  random: Random;
}

export type EngineEvent =
  | { type: 'ORDER_CREATED'; order: SandboxOrder }
  | { type: 'ORDER_STATUS_CHANGED'; order: SandboxOrder; previousStatus: SandboxOrderStatus }
  | { type: 'LISTING_REVIEWED'; listing: SandboxListing };

export interface BulkItemResult {
  sku: unknown;
  ok: boolean;
  value?: number;
  errorCode?: 'SKU_NOT_FOUND' | 'INVALID_STOCK' | 'INVALID_PRICE' | 'DUPLICATE_IN_BATCH';
  message?: string;
}

export interface OrderQuery {
  fromMs: number;
  toMs: number;
  status: SandboxOrderStatus | null;
  after: { updatedAtMs: number; id: string } | null;
  limit: number;
}
