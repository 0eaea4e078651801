/**
 * The Shopee sandbox on its own, spoken to with plain fetch and an HMAC written here: it must hold
 * Shopee's rules whoever the client is.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ShopeeSandbox, startShopeeSandbox } from '../../../src/sandbox/index.js';
import { smallJpeg } from '../../contract/fixtures.js';

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
    form?: FormData;
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
    method: options.body || options.form ? 'POST' : 'GET',
    ...(options.body
      ? { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }
      : {}),
    ...(options.form ? { body: options.form } : {}),
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

  it('grows an item: update_tier_variation adds options of the same tiers, add_model adds models', async () => {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(await smallJpeg())], { type: 'image/jpeg' }), 'a.jpg');
    const uploaded = await call('/api/v2/media_space/upload_image', { shop: false, form });
    const imageId = String(((uploaded.body.response as Json).image_info as Json).image_id);
    const added = await call('/api/v2/product/add_item', {
      body: {
        item_name: 'Trà shan tuyết Hà Giang OCOP',
        description: 'Trà shan tuyết cổ thụ thu hái trên núi cao, sao thủ công.',
        item_sku: 'GR-TRA',
        original_price: 90_000,
        seller_stock: [{ stock: 5 }],
        weight: 0.3,
        category_id: 100001,
        image: { image_id_list: [imageId] },
        logistic_info: [{ logistic_id: 1, enabled: true }],
        attribute_list: [
          { attribute_id: 100010, attribute_value_list: [{ original_value_name: 'Hà Giang' }] },
          { attribute_id: 100020, attribute_value_list: [{ original_value_name: 'HTX Trà Lũng Phìn' }] },
          { attribute_id: 100030, attribute_value_list: [{ original_value_name: '365' }] },
          { attribute_id: 100070, attribute_value_list: [{ original_value_name: '4' }] },
        ],
      },
    });
    expect(added.body).toMatchObject({ error: '', message: '' });
    const itemId = (added.body.response as Json).item_id as number;
    const tier = (options: string[]) => [{ name: 'Gói', option_list: options.map((option) => ({ option })) }];

    // Not initialised yet: both growth calls are refused.
    const early = await call('/api/v2/product/add_model', {
      body: {
        item_id: itemId,
        model_list: [{ tier_index: [0], model_sku: 'GR-TRA-1', original_price: 1000 }],
      },
    });
    expect(early.body.error).toBe('error_busi');
    const init = await call('/api/v2/product/init_tier_variation', {
      body: {
        item_id: itemId,
        tier_variation: tier(['100g']),
        model: [
          { tier_index: [0], model_sku: 'GR-TRA-100', original_price: 90_000, seller_stock: [{ stock: 5 }] },
        ],
      },
    });
    expect(init.body.error).toBe('');
    const [first] = ((init.body.response as Json).model as Json[])!;

    // A second tier is a structure change: refused.
    const twoTiers = await call('/api/v2/product/update_tier_variation', {
      body: {
        item_id: itemId,
        tier_variation: [...tier(['100g']), { name: 'Loại', option_list: [{ option: 'Hộp' }] }],
        model_list: [{ model_id: first!.model_id, tier_index: [0, 0] }],
      },
    });
    expect(twoTiers.body.error).toBe('error_busi');
    // Every existing model must be placed.
    const unplaced = await call('/api/v2/product/update_tier_variation', {
      body: { item_id: itemId, tier_variation: tier(['100g', '250g']), model_list: [] },
    });
    expect(unplaced.body).toMatchObject({ error: 'error_param' });
    const grown = await call('/api/v2/product/update_tier_variation', {
      body: {
        item_id: itemId,
        tier_variation: tier(['100g', '250g']),
        model_list: [{ model_id: first!.model_id, tier_index: [0] }],
      },
    });
    expect(grown.body.error).toBe('');

    // add_model: a tier_index already taken or out of range, or a SKU in use, is refused.
    const model = (tierIndex: number[], sku: string) => ({
      item_id: itemId,
      model_list: [
        { tier_index: tierIndex, model_sku: sku, original_price: 200_000, seller_stock: [{ stock: 3 }] },
      ],
    });
    expect((await call('/api/v2/product/add_model', { body: model([0], 'GR-TRA-X') })).body.error).toBe(
      'error_busi',
    );
    expect((await call('/api/v2/product/add_model', { body: model([2], 'GR-TRA-X') })).body.error).toBe(
      'error_param',
    );
    expect((await call('/api/v2/product/add_model', { body: model([1], 'GR-TRA-100') })).body.error).toBe(
      'error_busi',
    );
    const ok = await call('/api/v2/product/add_model', { body: model([1], 'GR-TRA-250') });
    expect(ok.body.error).toBe('');
    const [created] = (ok.body.response as Json).model as Json[];
    expect(created).toMatchObject({ model_sku: 'GR-TRA-250', tier_index: [1] });
    expect(typeof created!.model_id).toBe('number');

    const models = await call('/api/v2/product/get_model_list', { query: { item_id: String(itemId) } });
    expect((models.body.response as Json).tier_variation).toEqual(tier(['100g', '250g']));
    const held = sandbox.state.listingBySku('GR-TRA')!;
    expect(held.variants.map((v) => [v.sku, v.tierIndex, v.priceVnd, v.stock])).toEqual([
      ['GR-TRA-100', [0], 90_000, 5],
      ['GR-TRA-250', [1], 200_000, 3],
    ]);
  });

  it('cancel_order refuses a reason that is only an Object.prototype name (constructor, toString)', async () => {
    await sandbox.close();
    sandbox = await startShopeeSandbox({
      handMadeListings: [
        {
          sellerSku: 'VL-TBN',
          title: 'Tinh bột nghệ Vĩnh Linh',
          description: 'Tinh bột nghệ nguyên chất',
          category: 'Gạo & ngũ cốc',
          weightGrams: 650,
          tiers: [{ name: 'Khối lượng', options: ['500g'] }],
          variants: [{ sku: 'VL-TBN-500', tierIndex: [0], priceVnd: 350_000, stock: 5 }],
        },
      ],
    });
    const placed = sandbox.buyers.placeOrder({ sku: 'VL-TBN-500' });
    if (!placed.ok) throw new Error(placed.reason);
    for (const reason of ['constructor', 'toString', '__proto__']) {
      const refused = await call('/api/v2/order/cancel_order', {
        body: { order_sn: placed.order.id, cancel_reason: reason },
      });
      expect(refused.body.error, reason).toBe('error_param');
    }
    expect(sandbox.state.order(placed.order.id)?.status).not.toBe('CANCELLED');
  });
});
