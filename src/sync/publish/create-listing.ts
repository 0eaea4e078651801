import { ConflictError, type ErrorKind, OcopConnectError } from '../../core/errors.js';
import type { RemoteListing } from '../../platforms/types.js';
import type { ListingInput, ListingKey, ListingRecord } from '../../store/state-store.js';
import { sha256Hex } from './canonical-hash.js';
import { unmatchedShopItem } from './existing-listings.js';
import { encodeFingerprint } from './listing-fingerprint.js';
import type { PublishChange, PublishItemResult } from './types.js';
import {
  baseResult,
  callOptions,
  type ListingTask,
  listingDraft,
  listingKey,
  variantIdsOf,
  type WriteContext,
} from './write-context.js';

/**
 * Failures of a create after which the listing certainly does not exist. Anything else (timeout, reset,
 * 5xx, abort mid-flight) may have been committed by the platform: the intent stays pending.
 */
const NOTHING_CREATED_KINDS = new Set<ErrorKind>([
  'validation',
  'invalid_request',
  'authentication',
  'permission',
  'rate_limited',
  'configuration',
]);

/** Placeholder hash for a listing adopted by SKU whose content we do not know: everything differs. */
const UNKNOWN_CONTENT_HASH = 'adopted';

/** Deterministic per logical create: the same catalog version retried gets the same key. */
export function createIntentId(key: ListingKey, encodedFingerprint: string): string {
  const digest = sha256Hex(`${key.platform}\u0000${key.account}\u0000${key.sku}\u0000${encodedFingerprint}`);
  return `ocop-${digest.slice(0, 40)}`;
}

/**
 * Create a listing, never twice: a durable intent is recorded before the create is sent; a pending
 * intent from an earlier run (crash, lost answer) makes us look the SKU up first; a platform refusing
 * the SKU as a duplicate makes us adopt the listing it already has.
 */
export async function createListing(ctx: WriteContext, task: ListingTask): Promise<PublishItemResult> {
  const key = listingKey(ctx, task.product);
  // Another tenant of a shared account claimed this SKU first (it is creating or has it): never create
  // it twice, never adopt and record its listing here.
  if (task.claims?.claim && !(await task.claims.claim(task.product.sku)))
    return unmatchedShopItem(task.product.sku, ctx.adapter, task.row, { kind: 'otherTenant' });
  const encoded = encodeFingerprint(task.wanted);
  const intentId = createIntentId(key, encoded);
  const pending = await ctx.store.getIntent(key);
  if (pending?.status === 'pending') {
    const found = await ctx.adapter.findListingBySku(task.product.sku, callOptions(ctx));
    // The same create, interrupted: exact only when every step landed (a two-step create such as Shopee's
    // add_item + init_tier_variation may have stopped half-way); otherwise a full update completes it.
    if (found) {
      const same = pending.intentId === intentId;
      return adoptListing(ctx, task, found, same && hasAllVariants(task, found), same);
    }
  }
  const draft = await listingDraft(ctx, task);
  await ctx.store.putIntent({ ...key, intentId, operation: 'create' });
  let remote: RemoteListing;
  try {
    remote = await ctx.adapter.createListing(draft, callOptions(ctx, { idempotencyKey: intentId }));
  } catch (error) {
    if (!(error instanceof ConflictError)) {
      // A refusal proves nothing was created: forget the intent so the next run need not look it up.
      if (error instanceof OcopConnectError && NOTHING_CREATED_KINDS.has(error.kind)) {
        await ctx.store.clearIntent(key);
        await task.claims?.release?.(task.product.sku);
      }
      throw error;
    }
    // The SKU is already listed (a store that was lost, or a listing made by hand): adopt it.
    const found = await ctx.adapter.findListingBySku(task.product.sku, callOptions(ctx));
    if (!found) throw error;
    return adoptListing(ctx, task, found, false);
  }
  await settleIntent(ctx, {
    ...key,
    remoteListingId: remote.remoteId,
    variantRemoteIds: variantIdsOf(remote),
    contentHash: encoded,
  });
  return {
    ...baseResult(ctx, task),
    outcome: 'created',
    remoteId: remote.remoteId,
    variantRemoteIds: variantIdsOf(remote),
  };
}

/** Every variant SKU of the product is on the listing found (a half-made listing lacks them). */
function hasAllVariants(task: ListingTask, found: RemoteListing): boolean {
  const skus = new Set(found.variants.map((v) => v.sku));
  return task.product.variants.every((v) => skus.has(v.sku));
}

/** The mapping and the end of the intent land together, durably: a crash sees both or neither. */
function settleIntent(ctx: WriteContext, listing: ListingInput): Promise<ListingRecord> {
  return ctx.store.transaction(
    async (tx) => {
      const record = await tx.putListing(listing);
      await tx.clearIntent({ platform: listing.platform, account: listing.account, sku: listing.sku });
      return record;
    },
    { durable: true },
  );
}

/**
 * Take over a listing found by SKU. `exact`: it was created by a create of this very catalog version
 * (same intent id), so its content is what we want; otherwise bring it up to date with a full update.
 */
async function adoptListing(
  ctx: WriteContext,
  task: ListingTask,
  found: RemoteListing,
  exact: boolean,
  sameCreate = false,
): Promise<PublishItemResult> {
  const record = await settleIntent(ctx, {
    ...listingKey(ctx, task.product),
    remoteListingId: found.remoteId,
    variantRemoteIds: variantIdsOf(found),
    contentHash: exact ? encodeFingerprint(task.wanted) : UNKNOWN_CONTENT_HASH,
  });
  if (exact) {
    return {
      ...baseResult(ctx, task),
      outcome: 'created',
      remoteId: found.remoteId,
      variantRemoteIds: variantIdsOf(found),
      recovered: true,
    };
  }
  const changes: PublishChange[] = ['content', 'images', 'price', 'stock'];
  const { previousFingerprint: _unknown, ...rest } = task;
  const updated = await ctx.update({ ...rest, previous: record, plan: { action: 'update', changes } });
  // Our own create, finished by the update: it is reported created only now that every step landed.
  if (sameCreate && updated.outcome === 'updated') return { ...updated, outcome: 'created', recovered: true };
  return { ...updated, recovered: true };
}
