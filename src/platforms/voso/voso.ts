import {
  createMarketplaceAdapter,
  type MarketplaceAdapterOptions,
  type ProfileMarketplaceAdapter,
} from '../marketplace/create-marketplace-adapter.js';
import { VOSO_PROFILE } from './profile.js';

/**
 * Voso (Viettel Post's marketplace) adapter over the MODELED contract (docs/contracts/voso.md).
 * Credentials: `{ username, password }`. Creates carry a deterministic `Idempotency-Key`.
 */
export function voso(options: MarketplaceAdapterOptions): ProfileMarketplaceAdapter {
  return createMarketplaceAdapter(VOSO_PROFILE, options);
}
