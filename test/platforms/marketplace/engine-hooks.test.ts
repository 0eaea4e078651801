import { generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenManager } from '../../../src/core/auth/token-manager.js';
import { MemoryTokenStore } from '../../../src/core/auth/token-store.js';
import { ContractViolationError, NotFoundError } from '../../../src/core/errors.js';
import {
  createMarketplaceAdapter,
  type MarketplaceHooks,
  type ProfileMarketplaceAdapter,
  replaceWith,
} from '../../../src/platforms/marketplace/index.js';
import { resolveProfile } from '../../../src/platforms/marketplace/profile.js';
import { VOSO_PROFILE } from '../../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../../src/sandbox/marketplace/types.js';
import { honeyProduct, jpegUpload } from '../../contract/fixtures.js';

const fastRetry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 };

describe('marketplace engine: fail loudly, hooks', () => {
  let sandbox: MarketplaceSandbox;
  const adapters: ProfileMarketplaceAdapter[] = [];
  const make = (
    profile: Parameters<typeof createMarketplaceAdapter>[1]['profile'] = {},
    hooks: MarketplaceHooks = {},
  ) => {
    const adapter = createMarketplaceAdapter(
      VOSO_PROFILE,
      {
        credentials: { username: sandbox.credentials.username, password: sandbox.credentials.password },
        baseUrl: sandbox.baseUrl,
        retry: fastRetry,
        profile,
      },
      hooks,
    );
    adapters.push(adapter);
    return adapter;
  };

  beforeEach(async () => {
    sandbox = await startVosoSandbox();
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((a) => a.close()));
    await sandbox.close();
  });

  async function placeOrders(prefix: string, n: number) {
    const adapter = make();
    const product = honeyProduct(prefix);
    const image = await adapter.uploadImage(await jpegUpload());
    await adapter.createListing({
      product,
      categoryId: '1001',
      attributes: adapter.resolveAttributes(product, { categoryId: '1001' }),
      imageIds: [image.imageId],
    });
    for (let i = 0; i < n; i++) expect(sandbox.buyers.placeOrder({ sku: `${prefix}-MO-250` }).ok).toBe(true);
  }

  it('a typo in the orders itemsPath is a ContractViolationError and the checkpoint never moves', async () => {
    await placeOrders('IP', 3);
    const adapter = make({ pagination: { orders: { itemsPath: 'ORDER_LIST' } } });
    const checkpoints: (string | undefined)[] = [];
    const seen: string[] = [];
    const now = Date.now();
    const error = await (async () => {
      for await (const order of adapter.listOrders(
        { from: new Date(now - 3_600_000), to: new Date(now + 60_000) },
        { onCheckpoint: (c) => void checkpoints.push(c) },
      )) {
        seen.push(order.externalId);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as Error).message).toContain('ORDER_LIST');
    expect(seen).toEqual([]);
    expect(checkpoints).toEqual([]);
  });

  it('categories or attributes at a wrong path fail loudly instead of reading as empty', async () => {
    const tree = make({ endpoints: { categories: { dataPath: 'data.TREE' } } });
    await expect(tree.getCategories()).rejects.toThrow(/no payload at "data.TREE"/);
    const notAList = make({
      pagination: { categories: { childrenPath: 'CHILDREN' } },
      endpoints: { categories: { dataPath: '' } },
    });
    await expect(notAList.getCategories()).rejects.toBeInstanceOf(ContractViolationError);
    // An attribute list that is not a list must not skip attribute validation: nothing is created.
    const attributes = make({ endpoints: { categoryAttributes: { dataPath: '' } } });
    await expect(attributes.getCategoryAttributes('1001')).rejects.toBeInstanceOf(ContractViolationError);
    const product = honeyProduct('CA');
    const error = await attributes
      .createListing({ product, categoryId: '1001', attributes: {}, imageIds: ['x'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractViolationError);
    expect(sandbox.stats.requests.createListing ?? 0).toBe(0);
  });

  it('a hook calls endpoints by name through the same signed, error-mapped pipeline', async () => {
    await placeOrders('HK', 1);
    const calls: string[] = [];
    const adapter = make(
      { extraEndpoints: { orderById: { method: 'GET', path: '/orders/{orderId}' } } },
      {
        async getOrder(ctx, orderId, options) {
          calls.push(orderId);
          const raw = await ctx.call('orderById', { vars: { orderId } }, options);
          return ctx.codecs.decodeOrder(raw);
        },
      },
    );
    const placed = sandbox.state.orders()[0]!;
    const order = await adapter.getOrder(placed.id);
    expect(order).toMatchObject({ externalId: placed.id, platform: 'voso', status: 'PENDING_CONFIRM' });
    expect(calls).toEqual([placed.id]);
    // The hook's call logged in like any other (auth applied) and a 404 maps to NotFoundError.
    expect(sandbox.stats.requests.getOrder).toBe(1);
    await expect(adapter.getOrder('VS000000000')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('a hook create whose answer is lost', () => {
  it('is adopted by a lookup by SKU, never sent twice', async () => {
    const sandbox = await startVosoSandbox();
    const adapter = createMarketplaceAdapter(
      VOSO_PROFILE,
      {
        credentials: { username: sandbox.credentials.username, password: sandbox.credentials.password },
        baseUrl: sandbox.baseUrl,
        retry: fastRetry,
      },
      {
        async createListing(ctx, { body }, options) {
          // No idempotency key and no recover: the engine must look before anything is sent again.
          const data = await ctx.call('createListing', { body, idempotent: false }, options);
          return ctx.codecs.decodeListing(data);
        },
      },
    );
    try {
      const product = honeyProduct('LC');
      const image = await adapter.uploadImage(await jpegUpload());
      sandbox.setFaults({ dropAfterCommit: { createListing: 1 } });
      const created = await adapter.createListing({
        product,
        categoryId: '1001',
        attributes: adapter.resolveAttributes(product, { categoryId: '1001' }),
        imageIds: [image.imageId],
      });
      expect(sandbox.stats.droppedConnections).toBe(1);
      expect(sandbox.stats.requests.createListing).toBe(1);
      expect(sandbox.state.listings()).toHaveLength(1);
      expect(created.remoteId).toBe(String(sandbox.state.listings()[0]!.id));
    } finally {
      await adapter.close();
      await sandbox.close();
    }
  });
});

describe('profile overrides: null deletes, replaceWith replaces whole', () => {
  it('null removes an inherited optional key and replaceWith drops the base record', () => {
    const merged = resolveProfile(VOSO_PROFILE, {
      envelope: { detailsPath: null },
      errors: { codes: replaceWith({ E_AUTH: { kind: 'authentication' as const } }) },
    });
    expect(merged.envelope.detailsPath).toBeUndefined();
    expect(Object.keys(merged.errors.codes)).toEqual(['E_AUTH']);
    // Without replaceWith the same patch merges into the base table.
    const mergedTable = resolveProfile(VOSO_PROFILE, {
      errors: { codes: { E_AUTH: { kind: 'authentication' } } },
    });
    expect(Object.keys(mergedTable.errors.codes)).toContain('401');
  });
});

describe('tokens: an invalidated stored token never shadows a newly supplied one', () => {
  it('uses the supplied token when the store only holds the refused one, and the stored one otherwise', async () => {
    const store = new MemoryTokenStore();
    let fetches = 0;
    const fetchToken = async () => {
      fetches += 1;
      return { value: 'from-login', obtainedAtMs: Date.now() };
    };
    const first = createTokenManager({
      key: 'k',
      store,
      fetchToken,
      initialToken: { value: 'old', obtainedAtMs: 1 },
    });
    expect((await first.getToken()).value).toBe('old');
    await first.invalidate('old');
    expect((await store.get('k'))?.expiresAtMs).toBe(0);
    // A later process is given a freshly authorised token: it must win over the stale marker.
    const next = createTokenManager({
      key: 'k',
      store,
      fetchToken,
      initialToken: { value: 'new', obtainedAtMs: 2 },
    });
    expect((await next.getToken()).value).toBe('new');
    expect(fetches).toBe(0);
    // A valid stored token (e.g. a rotated successor) still wins over the initial one.
    await store.set('k', { value: 'rotated', obtainedAtMs: 3 });
    const third = createTokenManager({
      key: 'k',
      store,
      fetchToken,
      initialToken: { value: 'new', obtainedAtMs: 2 },
    });
    expect((await third.getToken()).value).toBe('rotated');
  });
});

describe('RSA-SHA256 webhooks', () => {
  it('verifies a delivery signed with the platform private key, and nothing else', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const adapter = createMarketplaceAdapter(VOSO_PROFILE, {
      credentials: { username: 'u', password: 'p' },
      webhookPublicKey: pem,
      profile: { webhook: { algorithm: 'rsa-sha256', encoding: 'base64' } },
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify({ EVENT_ID: 'e1', EVENT_TYPE: 'ORDER_CREATED', CREATED_AT: Number(ts) });
    const signature = rsaSign('sha256', Buffer.from(`${ts}.${body}`), privateKey).toString('base64');
    const headers = { 'x-voso-signature': signature, 'x-voso-timestamp': ts };
    expect(adapter.verifyWebhook(body, headers)).toBe(true);
    expect(adapter.verifyWebhook(body.replace('e1', 'e2'), headers)).toBe(false);
    expect(adapter.verifyWebhook(body, { ...headers, 'x-voso-signature': 'AAAA' })).toBe(false);
    const wrongKey = createMarketplaceAdapter(VOSO_PROFILE, {
      credentials: { username: 'u', password: 'p' },
      webhookPublicKey: otherKey.export({ type: 'spki', format: 'pem' }).toString(),
      profile: { webhook: { algorithm: 'rsa-sha256', encoding: 'base64' } },
    });
    expect(wrongKey.verifyWebhook(body, headers)).toBe(false);
    void adapter.close();
    void wrongKey.close();
  });
});
