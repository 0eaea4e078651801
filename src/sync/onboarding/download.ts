import type { CallOptions } from '../../core/types.js';
import type { MarketplaceAdapter, ShopListing } from '../../platforms/types.js';
import { asOcopError } from '../publish/errors.js';
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
