import type { MarketplaceShipmentStore } from '../marketplace-state.js';
import type { MarketplaceCodecs } from './codecs.js';
import type { MarketplaceHookContext } from './hooks.js';
import type { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile } from './profile-schema.js';

/**
 * What a hook sees of its adapter: the profile and account, the codecs, the clock, the shipments it
 * marked (kept in the adapter's store) and `call`, the profile's endpoints through the adapter's pipeline.
 */
export function createHookContext(
  profile: MarketplaceProfile,
  account: string,
  codecs: MarketplaceCodecs,
  now: () => number,
  store: MarketplaceShipmentStore,
  requester: ProfileRequester,
): MarketplaceHookContext {
  const key = (orderId: string) => ({ platform: profile.platform, account, orderId });
  return {
    profile,
    platform: profile.platform,
    account,
    codecs,
    now,
    shipments: {
      get: async (orderId) => {
        const record = await store.getMarketplaceShipment(key(orderId));
        return record ? { carrier: record.carrier, trackingNumber: record.trackingNumber } : undefined;
      },
      put: async (orderId, shipped) => {
        await store.putMarketplaceShipment({ ...key(orderId), ...shipped });
      },
    },
    call: (endpoint, request = {}, callOptions) => {
      const { vars = {}, ...extra } = request;
      return requester.call(endpoint, vars, extra, callOptions);
    },
  };
}
