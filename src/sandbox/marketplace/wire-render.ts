/** How the marketplace dialects answer a listing and a validation error, each with its own field names. */

import { formatPath } from './dialect.js';
import type { SandboxError } from './errors.js';
import { mediaUrl } from './serve-media.js';
import type { SandboxListing } from './shop-data.js';
import type { ListingFieldNames } from './wire-handlers.js';

/** The wire names of a listing beyond its draft fields, and how the platform writes times and attributes. */
export interface ListingWire {
  names: ListingFieldNames;
  id: string;
  imageUrls: string;
  variantId: string;
  reviewStatus: string;
  reviewStatuses: Readonly<Record<string, string>>;
  rejectReasons: string;
  rejectCode: string;
  rejectMessage: string;
  createdAt: string;
  updatedAt: string;
  time(epochMs: number): unknown;
  attributes(attributes: Readonly<Record<string, unknown>>): unknown;
}

/** A listing as the platform answers it; `origin` given, the image URLs are included (contracts §6). */
export function renderListing(
  listing: SandboxListing,
  wire: ListingWire,
  origin?: string,
): Record<string, unknown> {
  const names = wire.names;
  return {
    [wire.id]: listing.id,
    // A listing typed by hand in the seller centre may have no SKU.
    [names.sellerSku]: listing.sellerSku === '' ? null : listing.sellerSku,
    [names.title]: listing.title,
    [names.description]: listing.description,
    [names.categoryId]: listing.categoryId,
    [names.attributes]: wire.attributes(listing.attributes),
    [names.imageIds]: [...listing.imageIds],
    ...(origin !== undefined ? { [wire.imageUrls]: listing.imageIds.map((id) => mediaUrl(origin, id)) } : {}),
    [names.weightGrams]: listing.weightGrams,
    [names.lengthCm]: listing.lengthCm,
    [names.widthCm]: listing.widthCm,
    [names.heightCm]: listing.heightCm,
    [names.tiers]: listing.tiers.map((tier) => ({
      [names.name]: tier.name,
      [names.options]: [...tier.options],
    })),
    [names.variants]: listing.variants.map((variant) => ({
      [wire.variantId]: variant.id,
      [names.sku]: variant.sku === '' ? null : variant.sku,
      [names.tierIndex]: [...variant.tierIndex],
      [names.priceVnd]: variant.priceVnd,
      [names.stock]: variant.stock,
    })),
    [wire.reviewStatus]: wire.reviewStatuses[listing.reviewStatus],
    [wire.rejectReasons]: listing.rejectReasons.map((reason) => ({
      [wire.rejectCode]: reason.code,
      [wire.rejectMessage]: reason.message,
    })),
    [wire.createdAt]: wire.time(listing.createdAtMs),
    [wire.updatedAt]: wire.time(listing.updatedAtMs),
  };
}

/** A validation error's issues, each naming its field with the platform's names. */
export function fieldErrors(
  error: SandboxError,
  names: Readonly<Record<string, string>>,
  keys: { list: string; field: string; rule: string; message: string },
): Record<string, unknown> {
  return {
    [keys.list]: error.issues.map((entry) => ({
      [keys.field]: formatPath(entry.path, names),
      [keys.rule]: entry.rule,
      [keys.message]: entry.message,
    })),
  };
}
