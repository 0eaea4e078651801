import type { CallOptions } from '../../core/types.js';
import type { Product } from '../../model/product.js';
import type {
  CategoryMapping,
  ListingDraft,
  MarketplaceAdapter,
  PriceUpdate,
  RemoteListing,
  StockUpdate,
} from '../../platforms/types.js';
import type { ListingKey, ListingRecord, StateStore } from '../../store/state-store.js';
import type { BulkBatcher } from './bulk-batcher.js';
import type { ImageStage } from './image-stage.js';
import type { ListingFingerprint } from './listing-fingerprint.js';
import type { ListingPlan } from './plan.js';
import type { OtherTenantListings, PublishItemResult } from './types.js';

/**
 * One product to create or update on one platform, fully checked while planning: model, listing rules,
 * category and the category's required attributes. Unchanged and invalid products never become tasks.
 */
export interface ListingTask {
  /** Slot of this item in the platform's result list. */
  index: number;
  row: number;
  product: Product;
  mapping: CategoryMapping;
  /** The listing's attribute values under the platform's codes (checked against the category). */
  attributes: Record<string, string>;
  imageIdentities: readonly string[];
  wanted: ListingFingerprint;
  previous?: ListingRecord;
  previousFingerprint?: ListingFingerprint;
  plan: ListingPlan;
  /** A create or full update: the publisher holds its prepared images from schedule to end. */
  usesImages: boolean;
  /** A create on an account other tenants share: its SKU is claimed before anything is sent. */
  claims?: Pick<OtherTenantListings, 'claim' | 'release'>;
}

/** What the create and update steps share for one platform: its adapter, store, images and batchers. */
export interface WriteContext {
  readonly adapter: MarketplaceAdapter;
  readonly store: StateStore;
  readonly images: ImageStage;
  readonly signal: AbortSignal | undefined;
  readonly price: BulkBatcher<PriceUpdate>;
  readonly stock: BulkBatcher<StockUpdate>;
  readonly counters: { imagesUploaded: number; imagesReused: number };
  /** Create (or adopt) a listing: an update of a listing deleted by hand lists it again. */
  readonly create: (task: ListingTask) => Promise<PublishItemResult>;
  /** Update a listing: an adopted listing of unknown content is brought up to date. */
  readonly update: (task: ListingTask) => Promise<PublishItemResult>;
}

export function listingKey(ctx: WriteContext, product: Product): ListingKey {
  return { platform: ctx.adapter.platform, account: ctx.adapter.account, sku: product.sku };
}

export function callOptions(ctx: WriteContext, extra: CallOptions = {}): CallOptions {
  return ctx.signal ? { ...extra, signal: ctx.signal } : extra;
}

export function baseResult(ctx: WriteContext, task: ListingTask): Omit<PublishItemResult, 'outcome'> {
  return {
    sku: task.product.sku,
    platform: ctx.adapter.platform,
    account: ctx.adapter.account,
    row: task.row,
    action: task.plan.action,
    changes: task.plan.changes,
  };
}

export function variantIdsOf(remote: RemoteListing): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const v of remote.variants) ids[v.sku] = v.remoteId;
  return ids;
}

/** The listing body: attributes from planning, images prepared (shared by spec) and uploaded once. */
export async function listingDraft(ctx: WriteContext, task: ListingTask): Promise<ListingDraft> {
  const spec = ctx.adapter.listingRules.image;
  const imageIds = await Promise.all(
    task.product.images.map(async (source, i) => {
      const prepared = await ctx.images.prepare(source, task.imageIdentities[i]!, spec, ctx.signal);
      const ref = await ctx.images.upload(ctx.adapter, prepared, ctx.signal);
      if (ref.reused) ctx.counters.imagesReused++;
      else ctx.counters.imagesUploaded++;
      return ref.imageId;
    }),
  );
  return {
    product: task.product,
    categoryId: task.mapping.categoryId,
    attributes: task.attributes,
    imageIds,
  };
}
