import {
  createMarketplaceAdapter,
  type MarketplaceAdapterOptions,
  type ProfileMarketplaceAdapter,
} from '../marketplace/create-marketplace-adapter.js';
import { POSTMART_PROFILE } from './profile.js';

/**
 * Postmart (VNPost's marketplace) adapter over the MODELED contract (docs/contracts/postmart.md).
 * Credentials: `{ username, password, customerCode }`. No idempotency key exists: a create whose answer
 * was lost is looked up by seller SKU before anything is sent again.
 */
export function postmart(options: MarketplaceAdapterOptions): ProfileMarketplaceAdapter {
  return createMarketplaceAdapter(POSTMART_PROFILE, options);
}
