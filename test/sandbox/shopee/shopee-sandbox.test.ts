/**
 * The Shopee sandbox on its own, spoken to with plain fetch and an HMAC written here: it must hold
 * Shopee's rules whoever the client is.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ShopeeSandbox, startShopeeSandbox } from '../../../src/sandbox/shopee/index.js';

let sandbox: ShopeeSandbox;
beforeEach(async () => {
  sandbox = await startShopeeSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

type Json = Record<string, unknown>;

async function call(
  path: string,
  options: {
    shop?: boolean;
    query?: Record<string, string>;
    body?: Json;
    timestamp?: number;
    key?: string;
  } = {},
): Promise<{ status: number; body: Json }> {
  const c = sandbox.credentials;
  const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const token = sandbox.tokens.current().accessToken;
  const base = `${c.partnerId}${path}${ts}${options.shop === false ? '' : `${token}${c.shopId}`}`;
  const sign = createHmac('sha256', options.key ?? c.partnerKey)
    .update(base)
    .digest('hex');
  const query = new URLSearchParams({ partner_id: c.partnerId, timestamp: ts, sign, ...options.query });
  if (options.shop !== false) {
    query.set('access_token', token);
    query.set('shop_id', c.shopId);
  }
  const response = await fetch(`${sandbox.baseUrl}${path}?${query}`, {
    method: options.body ? 'POST' : 'GET',
    ...(options.body
      ? { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('Shopee sandbox', () => {
  it('answers in the envelope and refuses a wrong signature or a stale timestamp', async () => {
    const ok = await call('/api/v2/product/get_category', { query: { language: 'vi' } });
    expect(ok.body).toMatchObject({ error: '', message: '' });
    expect(typeof ok.body.request_id).toBe('string');
    expect(Array.isArray((ok.body.response as Json).category_list)).toBe(true);

    const forged = await call('/api/v2/product/get_category', { key: 'not-the-partner-key' });
    expect(forged.body).toMatchObject({ error: 'error_sign' });
    expect(forged.body.response).toBeUndefined();
    const stale = await call('/api/v2/product/get_category', {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(stale.body.error).toBe('error_param');
    // A shop-level call signed at partner level (no token in the base string) is refused too.
    const partnerSigned = await call('/api/v2/product/get_category', { shop: false });
    expect(partnerSigned.body.error).toBe('error_param');
    expect(sandbox.stats.signatureRejected).toBe(1);
  });

  it('refresh tokens are single use: the second use of one is refused, and the old access token dies', async () => {
    const c = sandbox.credentials;
    const refresh = (refreshToken: string) =>
      call('/api/v2/auth/access_token/get', {
        shop: false,
        body: { refresh_token: refreshToken, partner_id: Number(c.partnerId), shop_id: Number(c.shopId) },
      });
    const first = await refresh(c.refreshToken);
    expect(first.body).toMatchObject({ error: '', expire_in: 14_400 });
    expect(first.body.access_token).toBe(sandbox.tokens.current().accessToken);
    expect((await refresh(c.refreshToken)).body.error).toBe('error_auth');
    expect((await refresh(String(first.body.refresh_token))).body.error).toBe('');
  });

  it('refuses an order window over 15 days and an add_item without an enabled shipping channel', async () => {
    const now = Math.floor(Date.now() / 1000);
    const wide = await call('/api/v2/order/get_order_list', {
      query: {
        time_range_field: 'update_time',
        time_from: String(now - 16 * 86_400),
        time_to: String(now),
        page_size: '20',
      },
    });
    expect(wide.body.error).toBe('error_param');
    const ok = await call('/api/v2/order/get_order_list', {
      query: {
        time_range_field: 'update_time',
        time_from: String(now - 15 * 86_400),
        time_to: String(now),
        page_size: '20',
      },
    });
    expect(ok.body.response).toEqual({ more: false, next_cursor: '', order_list: [] });

    const missingChannel = await call('/api/v2/product/add_item', { body: { item_name: 'x' } });
    expect(missingChannel.body).toMatchObject({
      error: 'error_param',
      message: 'At least one shipping channel must be enabled',
    });
  });
});
