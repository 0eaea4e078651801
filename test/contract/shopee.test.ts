import { defineMarketplaceContract } from 'ocop-connect/testing';
import { shopee } from '../../src/platforms/shopee/index.js';
import { startShopeeSandbox } from '../../src/sandbox/index.js';

const fastRetry = { initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 5000 };

defineMarketplaceContract({
  platform: 'shopee',
  startSandbox: startShopeeSandbox,
  createAdapter: (sandbox, settings) =>
    shopee({
      credentials: settings.wrongCredentials
        ? {
            ...sandbox.credentials,
            accessToken: 'revoked-access-token',
            refreshToken: 'revoked-refresh-token',
          }
        : sandbox.credentials,
      baseUrl: sandbox.baseUrl,
      // Shopee signs pushes with the partner key over the registered callback URL.
      ...(settings.webhookUrl ? { webhookUrl: settings.webhookUrl } : {}),
      ...(settings.wrongWebhookSecret ? { webhookSecret: 'not-the-partner-key' } : {}),
      retry: fastRetry,
      ...(settings.tokenStore ? { tokenStore: settings.tokenStore } : {}),
      ...(settings.logger ? { logger: settings.logger } : {}),
      ...(settings.now ? { now: settings.now } : {}),
      ...(settings.profile ? { profile: settings.profile } : {}),
    }),
  // Four hours pass for the platform only; signatures still carry our (real) clock.
  expireToken: (sandbox) => sandbox.tokens.expireAccessToken(),
  secretsOf: (sandbox) => [sandbox.credentials.partnerKey, sandbox.credentials.refreshToken],
  capabilities: {
    tokenExpiry: true,
    categoryAttributes: true,
    imageUpload: true,
    orders: true,
    fulfilment: true,
    profileOverride: true,
  },
  leafCategoryId: '100001',
  parentCategoryId: '100000',
  // No seller confirmation on Shopee: a COD order is READY_TO_SHIP (canonical CONFIRMED) at once.
  newOrderStatus: 'CONFIRMED',
  // ship_order leaves the parcel PROCESSED (awaiting pickup).
  shippedStatus: 'READY_TO_SHIP',
  // The parcel's carrier as the caller named it; Shopee's record keeps the order's logistics channel.
  shippedCarrier: 'viettelpost',
  shippedCarrierCode: 'SPX Express',
  webhookSignatureHeader: 'Authorization',
});
