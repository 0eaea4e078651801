import { createPlatformClient } from '../../core/platform-client.js';
import type { PlatformClient } from '../../core/types.js';
import type { MarketplaceCapabilities } from '../types.js';
import type { MarketplaceAdapterOptions } from './adapter-options.js';
import { createProfileErrorMapper } from './error-mapping.js';
import type { MarketplaceHooks } from './hooks.js';
import { createProfileAuth } from './profile-auth.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** What an adapter built from this profile and these hooks can do. */
export function capabilitiesOf(
  profile: MarketplaceProfile,
  hooks: MarketplaceHooks,
): MarketplaceCapabilities {
  return {
    maxVariantTiers: profile.rules.maxVariantTiers,
    idempotentCreate: profile.idempotency.mode === 'header',
    bulkStock: profile.maxBatch > 1,
    maxStockBatch: profile.maxBatch,
    priceUpdate: profile.capabilities.priceUpdate,
    listingReview: profile.capabilities.listingReview,
    webhooks: profile.capabilities.webhooks,
    maxOrderWindowMs: profile.orderWindow.maxWindowMs,
    listingDownload: profile.capabilities.listingDownload,
    sellerSkuUpdate: profile.endpoints.setListingSkus !== undefined || hooks.setListingSkus !== undefined,
    listPrice: profile.fields.bulk.listPriceVnd !== undefined,
  };
}

/**
 * The adapter's own request pipeline (limiters, tokens, retries, error mapping) for one account: the
 * profile's auth logs in through this same client.
 */
export function createProfileClient(
  profile: MarketplaceProfile,
  options: MarketplaceAdapterOptions,
  account: string,
  now: () => number,
  hooks: MarketplaceHooks,
) {
  // Assigned before any request can run: the auth strategy logs in through this same client.
  let client: PlatformClient | undefined;
  const auth = createProfileAuth({
    profile,
    account,
    credentials: options.credentials,
    ...(options.tokenStore ? { tokenStore: options.tokenStore } : {}),
    now,
    send: (request, callOptions) => client!.request(request, callOptions),
    ...(hooks.auth ? { customAuth: hooks.auth } : {}),
  });
  const loginFields =
    profile.auth.type === 'login-token' || profile.auth.type === 'oauth2'
      ? Object.keys(profile.auth.body)
      : [];
  client = createPlatformClient({
    platform: profile.platform,
    account,
    baseUrl: options.baseUrl ?? profile.baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    rateLimits: options.rateLimits ?? profile.rateLimits,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    auth,
    mapError: createProfileErrorMapper(profile, now),
    // Login bodies carry the password under platform-specific names (PASSWORD, matKhau ...).
    redaction: { bodyFields: loginFields.filter((f) => /pass|secret|key|mat_?khau/i.test(f)) },
    ...(profile.idempotency.mode === 'header' ? { idempotencyHeader: profile.idempotency.header } : {}),
    requestIdHeader: profile.requestIdHeader,
  });
  return client;
}
