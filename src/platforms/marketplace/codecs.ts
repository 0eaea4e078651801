import type { CancelReason, Order } from '../../model/order.js';
import type { CategoryAttribute, ListingDraft, RemoteListing, ShippedInfo } from '../types.js';
import { decodeCategoryAttribute, decodeListing, encodeListing } from './listing-codec.js';
import { getPath, setPath } from './object-path.js';
import { decodeOrder, encodeCancel, encodeShipped } from './order-codec.js';
import { decodePlatformTime, encodePlatformTime } from './platform-time.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** The engine's codecs bound to one profile, for hooks (and tools) that build or read platform JSON. */
export interface MarketplaceCodecs {
  /** A validated draft written with the profile's field names (the body the engine would send). */
  encodeListing(
    draft: ListingDraft,
    categoryAttributes: readonly CategoryAttribute[],
  ): Record<string, unknown>;
  /** A platform listing as a RemoteListing (ContractViolationError when it does not fit). */
  decodeListing(raw: unknown): RemoteListing;
  /** A platform order as a canonical Order (the adapter's `normalizeOrder` hook applied first). */
  decodeOrder(raw: unknown): Order;
  decodeCategoryAttribute(raw: unknown): CategoryAttribute;
  encodeCancel(reason: CancelReason): Record<string, unknown>;
  encodeShipped(shipped: ShippedInfo): Record<string, unknown>;
  /** Platform time (the profile's format) → Date; ContractViolationError when unreadable. */
  decodeTime(value: unknown, field: string): Date;
  encodeTime(date: Date): number | string;
  /** Dotted-path access (`item_list[0].item_id`), as profiles use. */
  getPath(value: unknown, path: string): unknown;
  setPath(target: Record<string, unknown>, path: string, value: unknown): void;
}

export function createCodecs(
  profile: MarketplaceProfile,
  normalizeOrder?: (raw: unknown) => unknown,
): MarketplaceCodecs {
  return {
    encodeListing: (draft, attributes) => encodeListing(profile, draft, attributes),
    decodeListing: (raw) => decodeListing(profile, raw),
    decodeOrder: (raw) => decodeOrder(profile, normalizeOrder ? normalizeOrder(raw) : raw),
    decodeCategoryAttribute: (raw) => decodeCategoryAttribute(profile, raw),
    encodeCancel: (reason) => encodeCancel(profile, reason),
    encodeShipped: (shipped) => encodeShipped(profile, shipped),
    decodeTime: (value, field) => decodePlatformTime(value, profile.time.format, field),
    encodeTime: (date) => encodePlatformTime(date, profile.time.format, profile.time.utcOffset),
    getPath,
    setPath,
  };
}
