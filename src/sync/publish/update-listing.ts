import { NotFoundError, type OcopConnectError } from '../../core/errors.js';
import { productOffers } from '../../model/product.js';
import type { RemoteListing } from '../../platforms/types.js';
import { type BulkItemOutcome, bulkItemError } from './errors.js';
import { encodeFingerprint, type ListingFingerprint } from './listing-fingerprint.js';
import { NO_CHANGES, needsFullWrite } from './plan.js';
import type { PublishItemResult } from './types.js';
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
 * Bring a listing up to date: the whole body when content or images changed (or the price, where the
 * platform has no price-only call), price and stock through the platform's bulk calls otherwise. The
 * stored fingerprint moves part by part, only for what the platform accepted.
 */
export async function updateListing(ctx: WriteContext, task: ListingTask): Promise<PublishItemResult> {
  const previous = task.previous;
  if (!previous) throw new Error('update planned without a listing record');
  const key = listingKey(ctx, task.product);
  const changes = task.plan.changes;
  const full = needsFullWrite(task.plan, ctx.adapter.capabilities);
  const stored: ListingFingerprint = task.previousFingerprint ?? {
    content: '',
    images: '',
    price: '',
    stock: '',
  };
  let remoteId = previous.remoteListingId;
  let variantRemoteIds = previous.variantRemoteIds;
  const offers = productOffers(task.product);
  const failures: OcopConnectError[] = [];

  if (full) {
    const draft = await listingDraft(ctx, task);
    let remote: RemoteListing;
    try {
      remote = await ctx.adapter.updateListing(remoteId, draft, callOptions(ctx));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      // Deleted on the platform (by hand, in the seller centre): forget it and list it again.
      await ctx.store.deleteListing(key);
      const { previous: _previous, previousFingerprint: _fp, ...rest } = task;
      return ctx.create({ ...rest, plan: { action: 'create', changes: NO_CHANGES } });
    }
    remoteId = remote.remoteId;
    variantRemoteIds = variantIdsOf(remote);
    // A full update carries price too; stock of existing variants only moves through setStock
    // (platforms ignore it in updates so that a stale update cannot overwrite sales).
    stored.content = task.wanted.content;
    stored.images = task.wanted.images;
    stored.price = task.wanted.price;
    await ctx.store.putListing({
      ...key,
      remoteListingId: remoteId,
      variantRemoteIds,
      contentHash: encodeFingerprint(stored),
    });
  }
  const bulk: Promise<void>[] = [];
  if (!full && changes.includes('price')) {
    const prices = offers.map((o) => ({
      sku: o.sku,
      priceVnd: o.priceVnd,
      // A list price only where the platform has one: elsewhere setPrice refuses it (#18).
      ...(o.listPriceVnd !== undefined && ctx.adapter.capabilities.listPrice
        ? { listPriceVnd: o.listPriceVnd }
        : {}),
    }));
    bulk.push(
      ctx.price.add(prices).then((results) => {
        const failure = firstFailure(results);
        if (failure) failures.push(bulkItemError(ctx.adapter.platform, 'setPrice', failure));
        else stored.price = task.wanted.price;
      }),
    );
  }
  if (changes.includes('stock')) {
    bulk.push(
      ctx.stock.add(offers.map((o) => ({ sku: o.sku, quantity: o.stock }))).then((results) => {
        const failure = firstFailure(results);
        if (failure) failures.push(bulkItemError(ctx.adapter.platform, 'setStock', failure));
        else stored.stock = task.wanted.stock;
      }),
    );
  }
  if (bulk.length > 0) {
    await Promise.all(bulk);
    await ctx.store.putListing({
      ...key,
      remoteListingId: remoteId,
      variantRemoteIds,
      contentHash: encodeFingerprint(stored),
    });
  }
  const base = { ...baseResult(ctx, task), remoteId, variantRemoteIds };
  if (failures.length > 0) return { ...base, outcome: 'failed', error: failures[0]! };
  return { ...base, outcome: 'updated' };
}

function firstFailure(results: readonly BulkItemOutcome[]): BulkItemOutcome | undefined {
  return results.find((r) => !r.ok);
}
