import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../../../src/core/auth/token-store.js';
import { ConfigurationError, ContractViolationError, PermissionError } from '../../../src/core/errors.js';
import type { ProfileMarketplaceAdapter } from '../../../src/platforms/marketplace/index.js';
import { type ShopeeOptions, shopee } from '../../../src/platforms/shopee/index.js';
import { type ShopeeSandbox, shopeePushSignature, startShopeeSandbox } from '../../../src/sandbox/index.js';
import { honeyProduct, jpegUpload } from '../../contract/fixtures.js';

const fastRetry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 };
const DAY = 86_400_000;

describe('shopee adapter against the Shopee sandbox', () => {
  let sandbox: ShopeeSandbox;
  const adapters: ProfileMarketplaceAdapter[] = [];
  const make = (extra: Partial<ShopeeOptions> = {}) => {
    const adapter = shopee({
      credentials: sandbox.credentials,
      baseUrl: sandbox.baseUrl,
      retry: fastRetry,
      ...extra,
    });
    adapters.push(adapter);
    return adapter;
  };
  const publish = async (adapter: ProfileMarketplaceAdapter, prefix: string) => {
    const product = honeyProduct(prefix);
    const image = await adapter.uploadImage(await jpegUpload());
    return adapter.createListing({
      product,
      categoryId: '100001',
      attributes: adapter.resolveAttributes(product, { categoryId: '100001' }),
      imageIds: [image.imageId],
    });
  };

  beforeEach(async () => {
    sandbox = await startShopeeSandbox();
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((a) => a.close()));
    await sandbox.close();
  });

  it('reports every missing credential at construction', () => {
    let problems: string[] = [];
    try {
      shopee({
        credentials: { partnerId: '1', partnerKey: '', shopId: '2', accessToken: '', refreshToken: 'r' },
      });
    } catch (error) {
      if (error instanceof ConfigurationError) problems = [...error.problems];
    }
    expect(problems.some((p) => p.startsWith('credentials.partnerKey'))).toBe(true);
    expect(problems.some((p) => p.startsWith('credentials.accessToken'))).toBe(true);
  });

  it('a wrong partner key is refused as error_sign: a PermissionError that never burns the refresh token', async () => {
    const adapter = make({ credentials: { ...sandbox.credentials, partnerKey: 'not-the-partner-key' } });
    const error = await adapter.getCategories().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).platformCode).toBe('error_sign');
    expect(sandbox.stats.signatureRejected).toBe(1);
    // No refresh was attempted: the single-use refresh token is still the one the shop was given.
    expect(sandbox.stats.requests.login ?? 0).toBe(0);
    expect(sandbox.tokens.current().refreshToken).toBe(sandbox.credentials.refreshToken);
    expect(JSON.stringify((error as PermissionError).toJSON())).not.toContain('not-the-partner-key');
  });

  it('renews an expired access token once, stores the rotated pair, and a later process uses it', async () => {
    const store = new MemoryTokenStore();
    const first = make({ tokenStore: store });
    expect(await first.findListingBySku('NONE')).toBeUndefined();
    sandbox.tokens.expireAccessToken();
    expect(await first.findListingBySku('NONE')).toBeUndefined();
    expect(sandbox.stats.requests.login).toBe(1);
    const rotated = sandbox.tokens.current();
    expect(rotated.refreshToken).not.toBe(sandbox.credentials.refreshToken);
    const stored = await store.get(`shopee:${sandbox.credentials.shopId}`);
    expect(stored).toMatchObject({ value: rotated.accessToken, refreshToken: rotated.refreshToken });
    expect(stored!.expiresAtMs! - Date.now()).toBeGreaterThan(3.9 * 3600_000);
    // A new process configured with the ORIGINAL (now dead) tokens reads the rotated pair from the store.
    const later = make({ tokenStore: store });
    expect(await later.findListingBySku('NONE')).toBeUndefined();
    expect(sandbox.stats.requests.login).toBe(1);
  });

  it('creates an item, then its variants with init_tier_variation, in Shopee units', async () => {
    const created = await publish(make(), 'TV');
    expect(sandbox.stats.requests.createListing).toBe(1);
    expect(sandbox.stats.requests.initTierVariation).toBe(1);
    const held = sandbox.state.listingBySku('TV-MO')!;
    // The heaviest variant, 700 g, travels as 0.7 kg (a unit-scaled profile field).
    expect(held.weightGrams).toBe(700);
    expect(held.tiers).toEqual([{ name: 'Dung tích', options: ['250ml', '500ml'] }]);
    expect(held.attributes['100010']).toBe('Hà Giang');
    expect(created.variants.map((v) => [v.sku, v.priceVnd, v.stock])).toEqual([
      ['TV-MO-250', 150_000, 60],
      ['TV-MO-500', 280_000, 50],
    ]);
  });

  it('a lost init_tier_variation answer is recovered by reading the models, never sent twice', async () => {
    sandbox.setFaults({ dropAfterCommit: { initTierVariation: 1 } });
    const created = await publish(make(), 'LT');
    expect(sandbox.stats.droppedConnections).toBe(1);
    expect(sandbox.stats.requests.initTierVariation).toBe(1);
    expect(created.variants).toHaveLength(2);
    expect(sandbox.state.listings()).toHaveLength(1);
  });

  it('keys stock and price by item and model id, with one result per SKU', async () => {
    const adapter = make();
    await publish(adapter, 'SP');
    const stock = await adapter.setStock([
      { sku: 'SP-MO-250', quantity: 3 },
      { sku: 'SP-MO-500', quantity: 0 },
      { sku: 'SP-NONE', quantity: 1 },
    ]);
    expect(stock.map((r) => r.ok)).toEqual([true, true, false]);
    // Both models of one item went in one update_stock call.
    expect(sandbox.stats.requests.updateStock).toBe(1);
    expect(sandbox.state.stockOf('SP-MO-250')).toBe(3);
    expect(sandbox.state.stockOf('SP-MO-500')).toBe(0);
    const price = await adapter.setPrice([{ sku: 'SP-MO-500', priceVnd: 265_000 }]);
    expect(price).toEqual([{ sku: 'SP-MO-500', ok: true }]);
    expect(sandbox.state.listingBySku('SP-MO')!.variants.find((v) => v.sku === 'SP-MO-500')!.priceVnd).toBe(
      265_000,
    );
  });

  it('reads orders list → detail in 15-day windows; a detail Shopee does not return fails the page', async () => {
    const adapter = make();
    await publish(adapter, 'OD');
    for (let i = 0; i < 3; i++) expect(sandbox.buyers.placeOrder({ sku: 'OD-MO-250' }).ok).toBe(true);
    const now = Date.now();
    const window = { from: new Date(now - 40 * DAY), to: new Date(now + 60_000) };
    const ids: string[] = [];
    for await (const order of adapter.listOrders(window)) ids.push(order.externalId);
    expect(ids.sort()).toEqual(
      sandbox.state
        .orders()
        .map((o) => o.id)
        .sort(),
    );
    // 40 days = three pieces of at most 15 days, one list call each; one detail call for the 3 orders.
    expect(sandbox.stats.requests.listOrders).toBe(3);
    expect(sandbox.stats.requests.getOrder).toBe(1);

    // A profile whose detail path is wrong: a ContractViolationError, and the checkpoint does not move.
    const broken = make({ profile: { extraEndpoints: { getOrderDetail: { dataPath: 'response.orders' } } } });
    const checkpoints: unknown[] = [];
    const error = await (async () => {
      for await (const _ of broken.listOrders(window, { onCheckpoint: (c) => void checkpoints.push(c) })) {
        // never reached
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractViolationError);
    // Only the empty first piece (no orders there) was checkpointed; not the piece that failed.
    expect(checkpoints.length).toBeLessThan(3);
  });

  it('verifies a push only with the registered callback URL and the partner key', () => {
    const body = JSON.stringify({
      shop_id: 880011,
      code: 3,
      timestamp: Math.floor(Date.now() / 1000),
      data: { ordersn: '2612020000001', status: 'READY_TO_SHIP', update_time: 1 },
    });
    const url = 'https://htx.example.vn/shopee/push';
    const headers = { authorization: shopeePushSignature(sandbox.credentials.partnerKey, url, body) };
    expect(make({ webhookUrl: url }).verifyWebhook(body, headers)).toBe(true);
    // Without the URL a correctly signed push cannot be checked: a configuration error naming webhookUrl,
    // not "false" for every push.
    const missing = (() => {
      try {
        return make().verifyWebhook(body, headers);
      } catch (e) {
        return e;
      }
    })();
    expect(missing).toBeInstanceOf(ConfigurationError);
    // A problem reads 'path: Vietnamese / path: English'.
    expect((missing as ConfigurationError).problems[0]).toMatch(
      /^webhookUrl: cần để kiểm thông báo đẩy.* \/ webhookUrl: required to verify pushes/,
    );
    expect((missing as Error).message).not.toContain(sandbox.credentials.partnerKey);
    expect(make({ webhookUrl: 'https://htx.example.vn/other' }).verifyWebhook(body, headers)).toBe(false);
    expect(make({ webhookUrl: url }).parseWebhook(body)).toMatchObject({
      type: 'order.updated',
      orderId: '2612020000001',
      status: 'CONFIRMED',
      rawStatus: 'READY_TO_SHIP',
    });
  });
});
