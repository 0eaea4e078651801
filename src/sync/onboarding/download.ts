import type { CallOptions } from '../../core/types.js';
import type { MarketplaceAdapter, ShopListing } from '../../platforms/types.js';
import { asOcopError } from '../publish/errors.js';
import type { OtherTenantListingsLookup } from '../publish/types.js';
import type { MatchPlatformResult } from './types.js';

/** Marketplaces that can download listings, or a per-platform note why one cannot. */
export async function downloadShop(
  adapter: MarketplaceAdapter,
  options: CallOptions = {},
): Promise<{ listings: ShopListing[]; result: MatchPlatformResult }> {
  const result: MatchPlatformResult = { platform: adapter.platform, account: adapter.account, listings: 0 };
  if (!adapter.capabilities.listingDownload || !adapter.downloadListings) {
    return { listings: [], result: { ...result, unsupported: true } };
  }
  const listings: ShopListing[] = [];
  try {
    for await (const listing of adapter.downloadListings(options)) listings.push(listing);
  } catch (error) {
    // A partial download would report listings that exist as missing: none of it is used.
    return {
      listings: [],
      result: { ...result, error: asOcopError(error, adapter.platform, 'downloadListings') },
    };
  }
  return { listings, result: { ...result, listings: listings.length } };
}

/**
 * `downloadShop` without the listings other cooperatives of the hub created or linked on a shared
 * account (`otherIds`, counted in `result.otherCooperatives`): they are theirs, so proposing or linking
 * one for this cooperative's product would have two cooperatives write one listing.
 */
export async function downloadOwnShop(
  adapter: MarketplaceAdapter,
  options: CallOptions,
  otherTenantListings: OtherTenantListingsLookup | undefined,
): Promise<{
  listings: ShopListing[];
  result: MatchPlatformResult;
  otherIds: ReadonlySet<string>;
  /** Seller SKUs other cooperatives list (or are creating) there: a create of one would be held. */
  otherSkus: ReadonlySet<string>;
}> {
  const shop = await downloadShop(adapter, options);
  const none = { ...shop, otherIds: new Set<string>(), otherSkus: new Set<string>() };
  if (!otherTenantListings || shop.listings.length === 0) return none;
  let others: Awaited<ReturnType<OtherTenantListingsLookup>>;
  try {
    others = await otherTenantListings(adapter.platform, adapter.account, options);
  } catch (error) {
    return {
      listings: [],
      result: {
        ...shop.result,
        listings: 0,
        error: asOcopError(error, adapter.platform, 'downloadListings'),
      },
      otherIds: new Set(),
      otherSkus: new Set(),
    };
  }
  if (!others) return none;
  const otherIds = new Set<string>();
  const listings = shop.listings.filter((l) => {
    const theirs = others.remoteIds.has(l.remoteId) || (!!l.sku && others.skus.has(l.sku));
    if (theirs) otherIds.add(l.remoteId);
    return !theirs;
  });
  if (otherIds.size === 0) return { ...none, otherSkus: others.skus };
  return {
    listings,
    result: { ...shop.result, listings: listings.length, otherCooperatives: otherIds.size },
    otherIds,
    otherSkus: others.skus,
  };
}
