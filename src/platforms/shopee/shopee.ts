import { isPlainObject } from '../../model/argument-check.js';
import type { MarketplaceAdapterOptions, ProfileMarketplaceAdapter } from '../marketplace/adapter-options.js';
import { createMarketplaceAdapter } from '../marketplace/create-marketplace-adapter.js';
import { SHOPEE_HOOKS } from './hooks.js';
import { SHOPEE_PROFILE } from './profile.js';

/** A shop's Shopee Open Platform credentials (from the partner console and the shop's authorisation). */
export interface ShopeeCredentials {
  /** App-level partner id (a number, as text or number). */
  partnerId: string | number;
  /** App-level secret: signs every call and every push notification. */
  partnerKey: string;
  /** The authorised shop. */
  shopId: string | number;
  /** Shop access token (valid 4 hours); renewed with `refreshToken` when it expires or is refused. */
  accessToken: string;
  /** Single-use refresh token; the renewed pair is kept in `tokenStore` (persist it between runs). */
  refreshToken: string;
}

export interface ShopeeOptions extends Omit<MarketplaceAdapterOptions, 'credentials'> {
  credentials: ShopeeCredentials;
}

/**
 * Shopee Open Platform v2 adapter: the marketplace engine with SHOPEE_PROFILE plus SHOPEE_HOOKS.
 * Pass a `tokenStore` in production: refresh tokens are single-use, so the renewed pair must survive the
 * process. `webhookUrl` (the callback URL registered in the partner console) is needed to verify pushes,
 * which Shopee signs over `<url>|<body>` with the partner key: the adapter builds without it (reading
 * and publishing need no URL), but `verifyWebhook` then throws a ConfigurationError naming `webhookUrl`
 * instead of refusing every correctly signed push.
 */
export function shopee(options: ShopeeOptions): ProfileMarketplaceAdapter {
  // No options object: the engine's own check gives the bilingual ConfigurationError voso() gives.
  if (!isPlainObject(options)) {
    return createMarketplaceAdapter(
      SHOPEE_PROFILE,
      options as unknown as MarketplaceAdapterOptions,
      SHOPEE_HOOKS,
    );
  }
  const { credentials, ...rest } = options;
  // Keys Shopee does not have (`partnerKy`) go on to the engine, which names them with the nearest one.
  const { partnerId, partnerKey, shopId, accessToken, refreshToken, ...unknown } = isPlainObject(credentials)
    ? credentials
    : ({} as Partial<ShopeeCredentials>);
  const text = {
    ...(unknown as Record<string, string>),
    partnerId: String(partnerId ?? ''),
    partnerKey,
    shopId: String(shopId ?? ''),
    accessToken,
    refreshToken,
  };
  return createMarketplaceAdapter(
    SHOPEE_PROFILE,
    {
      ...rest,
      credentials: text,
      account: rest.account ?? (text.shopId || undefined),
      ...((rest.webhookSecret ?? credentials?.partnerKey)
        ? { webhookSecret: rest.webhookSecret ?? credentials.partnerKey }
        : {}),
    },
    SHOPEE_HOOKS,
  );
}
