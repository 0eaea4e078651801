import type { MarketplaceCapabilities } from '../../platforms/types.js';
import type { ListingFingerprint } from './listing-fingerprint.js';
import type { PlannedAction, PublishChange } from './types.js';

export interface ListingPlan {
  action: Exclude<PlannedAction, 'skip'>;
  changes: readonly PublishChange[];
}

/** Shared by every plan without changes: a 100k-row dry run should not hold 200k empty arrays. */
export const NO_CHANGES: readonly PublishChange[] = Object.freeze([]);
const EVERYTHING: readonly PublishChange[] = Object.freeze(['content', 'images', 'price', 'stock']);

/**
 * Compare what the catalog wants with what was last published. No previous record → create; an
 * unreadable previous hash → full update of everything (safe, never a duplicate).
 */
export function planListing(
  wanted: ListingFingerprint,
  previous: ListingFingerprint | undefined,
  hasRemote: boolean,
): ListingPlan {
  if (!hasRemote) return { action: 'create', changes: NO_CHANGES };
  if (!previous) return { action: 'update', changes: EVERYTHING };
  const changes: PublishChange[] = [];
  if (wanted.content !== previous.content) changes.push('content');
  if (wanted.images !== previous.images) changes.push('images');
  if (wanted.price !== previous.price) changes.push('price');
  if (wanted.stock !== previous.stock) changes.push('stock');
  return changes.length === 0 ? { action: 'unchanged', changes: NO_CHANGES } : { action: 'update', changes };
}

/** A full listing update is needed (anything beyond price and stock changed). */
export function needsFullUpdate(changes: readonly PublishChange[]): boolean {
  return changes.includes('content') || changes.includes('images');
}

/**
 * The listing body must be sent (create, or a full update): content or images changed, or the price
 * changed on a platform without a price-only endpoint. Only these need image ids.
 */
export function needsFullWrite(
  plan: ListingPlan,
  capabilities: Pick<MarketplaceCapabilities, 'priceUpdate'>,
): boolean {
  return (
    plan.action === 'create' ||
    needsFullUpdate(plan.changes) ||
    (plan.changes.includes('price') && !capabilities.priceUpdate)
  );
}
