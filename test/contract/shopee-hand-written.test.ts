import type { MarketplaceAdapter } from 'ocop-connect';
import { defineMarketplaceContract } from 'ocop-connect/testing';
import { shopee } from '../../src/platforms/shopee/index.js';
import { startShopeeSandbox } from '../../src/sandbox/index.js';

// (#15 trial item 2) A hand-written adapter: a plain object implementing MarketplaceAdapter by delegation,
// taking no profile (profileOverride: false). Every case of the published suite passes or is skipped.
function handWritten(inner: MarketplaceAdapter): MarketplaceAdapter {
  const out: Record<string, unknown> = {};
  for (const k of ['platform', 'account', 'capabilities', 'displayName', 'listingRules', 'imageSpec']) {
    if (k in inner)
      Object.defineProperty(out, k, {
        get: () => (inner as unknown as Record<string, unknown>)[k],
        enumerable: true,
      });
  }
  const names = new Set<string>();
  let proto: object | null = inner;
  while (proto && proto !== Object.prototype) {
    for (const n of Object.getOwnPropertyNames(proto)) names.add(n);
    proto = Object.getPrototypeOf(proto);
  }
  const record = inner as unknown as Record<string, unknown>;
  for (const n of names) {
    const value = record[n];
    if (n !== 'constructor' && typeof value === 'function')
      out[n] = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(inner, args);
  }
  return out as unknown as MarketplaceAdapter;
}

const fastRetry = { initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 5000 };

defineMarketplaceContract({
  platform: 'shopee',
  startSandbox: startShopeeSandbox,
  createAdapter: (sandbox, settings) =>
    handWritten(
      shopee({
        credentials: settings.wrongCredentials
          ? { ...sandbox.credentials, accessToken: 'revoked', refreshToken: 'revoked' }
          : sandbox.credentials,
        baseUrl: sandbox.baseUrl,
        ...(settings.webhookUrl ? { webhookUrl: settings.webhookUrl } : {}),
        ...(settings.wrongWebhookSecret ? { webhookSecret: 'not-the-partner-key' } : {}),
        retry: fastRetry,
        ...(settings.tokenStore ? { tokenStore: settings.tokenStore } : {}),
        ...(settings.logger ? { logger: settings.logger } : {}),
        ...(settings.now ? { now: settings.now } : {}),
        // settings.profile deliberately ignored: a hand-written adapter has no profile engine.
      }),
    ),
  expireToken: (sandbox) => sandbox.tokens.expireAccessToken(),
  secretsOf: (sandbox) => [sandbox.credentials.partnerKey, sandbox.credentials.refreshToken],
  capabilities: {
    tokenExpiry: true,
    categoryAttributes: true,
    imageUpload: true,
    orders: true,
    fulfilment: true,
    profileOverride: false,
  },
  leafCategoryId: '100001',
  parentCategoryId: '100000',
  newOrderStatus: 'CONFIRMED',
  shippedStatus: 'READY_TO_SHIP',
  shippedCarrier: 'viettelpost',
  shippedCarrierCode: 'SPX Express',
  webhookSignatureHeader: 'Authorization',
});
