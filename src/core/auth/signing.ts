import { createHmac } from 'node:crypto';

/**
 * Request signatures of the Shopee/Lazada family, as pure functions so they can be checked against
 * pinned vectors (signature and timestamp mistakes are the most common failure of SEA marketplace
 * integrations). Units: Shopee timestamps are epoch SECONDS, Lazada timestamps epoch MILLISECONDS.
 */

export function hmacSha256Hex(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

export interface ShopeeSignInput {
  partnerId: number | string;
  /** API path only, e.g. `/api/v2/product/add_item` (no host, no query). */
  path: string;
  /** Epoch seconds. */
  timestampSeconds: number;
  /** Present for shop/merchant-level calls, absent for public ones (auth, token refresh). */
  accessToken?: string;
  /** `shop_id` (or `merchant_id`) for shop-level calls. */
  shopId?: number | string;
}

/** Base string `partner_id + path + timestamp [+ access_token + shop_id]`, HMAC-SHA256, lowercase hex. */
export function shopeeBaseString(input: ShopeeSignInput): string {
  const shopPart = input.accessToken !== undefined ? `${input.accessToken}${input.shopId ?? ''}` : '';
  return `${input.partnerId}${input.path}${input.timestampSeconds}${shopPart}`;
}

export function shopeeSign(input: ShopeeSignInput, partnerKey: string): string {
  return hmacSha256Hex(partnerKey, shopeeBaseString(input));
}

export interface LazadaSignInput {
  /** API name/path, e.g. `/product/create`. */
  apiPath: string;
  /** All system and business parameters except `sign` itself. */
  params: Record<string, string>;
}

/** Parameters sorted by name (byte order), concatenated as `apiPath + k1 + v1 + k2 + v2 ...`. */
export function lazadaBaseString(input: LazadaSignInput): string {
  const names = Object.keys(input.params)
    .filter((name) => name !== 'sign')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return input.apiPath + names.map((name) => `${name}${input.params[name]}`).join('');
}

/** HMAC-SHA256 with the app secret, UPPERCASE hex (Lazada compares case-sensitively). */
export function lazadaSign(input: LazadaSignInput, appSecret: string): string {
  return hmacSha256Hex(appSecret, lazadaBaseString(input)).toUpperCase();
}
