/**
 * Shopee's partner- and shop-level authentication: the signed common parameters of every call, one live
 * access token (4 hours) and one single-use refresh token per shop, rotated together on a refresh.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type Json, param, ShopeeFault } from './shopee-fault.js';
import { shopeeSignature } from './shopee-wire.js';
import type { ShopeeSandboxCredentials } from './types.js';

export const ACCESS_TOKEN_TTL_MS = 4 * 3600 * 1000;
const TIMESTAMP_TOLERANCE_S = 300;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class ShopeeAuth {
  #accessToken: { value: string; expiresAtMs: number };
  #refreshToken: string;

  constructor(
    private readonly credentials: ShopeeSandboxCredentials,
    private readonly now: () => number,
    /** Counts a request refused with `error_sign`. */
    private readonly onSignatureRejected: () => void,
  ) {
    this.#accessToken = { value: credentials.accessToken, expiresAtMs: now() + ACCESS_TOKEN_TTL_MS };
    this.#refreshToken = credentials.refreshToken;
  }

  /** The tokens accepted now. */
  current(): { accessToken: string; refreshToken: string } {
    return { accessToken: this.#accessToken.value, refreshToken: this.#refreshToken };
  }

  expireAccessToken(): void {
    this.#accessToken = { ...this.#accessToken, expiresAtMs: this.now() };
  }

  /** `auth/access_token/get`: trades the refresh token for a new pair (answered flat, outside `response`). */
  refresh(body: Json): Json {
    const credentials = this.credentials;
    if (String(body.shop_id) !== credentials.shopId || String(body.partner_id) !== credentials.partnerId) {
      throw param('partner_id or shop_id does not match');
    }
    if (typeof body.refresh_token !== 'string' || !sameText(body.refresh_token, this.#refreshToken)) {
      throw new ShopeeFault('error_auth', 'Invalid refresh_token', 403);
    }
    // Single use: the old refresh token and access token die with this answer.
    this.#accessToken = {
      value: `sbx-at-${randomBytes(16).toString('hex')}`,
      expiresAtMs: this.now() + ACCESS_TOKEN_TTL_MS,
    };
    this.#refreshToken = `sbx-rt-${randomBytes(16).toString('hex')}`;
    return {
      flat: true,
      access_token: this.#accessToken.value,
      refresh_token: this.#refreshToken,
      expire_in: ACCESS_TOKEN_TTL_MS / 1000,
    };
  }

  /** Common parameters and the signature; the account the rate limit is counted against. */
  authenticate(level: 'app' | 'shop', path: string, query: URLSearchParams): string {
    const credentials = this.credentials;
    const partnerId = query.get('partner_id');
    const timestamp = query.get('timestamp');
    const sign = query.get('sign');
    if (!partnerId || !timestamp || !sign) throw param('partner_id, timestamp and sign are required');
    if (partnerId !== credentials.partnerId) throw param('partner_id is not valid');
    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || Math.abs(Math.floor(this.now() / 1000) - ts) > TIMESTAMP_TOLERANCE_S) {
      throw new ShopeeFault('error_param', 'Invalid timestamp', 403);
    }
    let shop: { accessToken: string; shopId: string } | undefined;
    if (level === 'shop') {
      const token = query.get('access_token');
      const shopId = query.get('shop_id');
      if (!token || !shopId) throw param('access_token and shop_id are required');
      shop = { accessToken: token, shopId };
    }
    const expected = shopeeSignature(credentials.partnerKey, partnerId, path, timestamp, shop);
    if (!sameText(sign, expected)) {
      this.onSignatureRejected();
      throw new ShopeeFault('error_sign', 'Wrong sign.', 403);
    }
    if (shop) {
      if (shop.shopId !== credentials.shopId)
        throw new ShopeeFault('error_permission', 'shop is not authorised', 403);
      if (
        !sameText(shop.accessToken, this.#accessToken.value) ||
        this.#accessToken.expiresAtMs <= this.now()
      ) {
        throw new ShopeeFault('error_auth', 'Invalid access_token.', 403);
      }
      return `shop:${shop.shopId}`;
    }
    return `partner:${partnerId}`;
  }
}
