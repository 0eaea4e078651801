import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../../src/core/auth/token-store.js';
import { AuthenticationError, ValidationError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import type { OrderStatus } from '../../src/model/status.js';
import type {
  MarketplaceAdapterOptions,
  MarketplaceProfileOverride,
  ProfileMarketplaceAdapter,
} from '../../src/platforms/marketplace/index.js';
import type { ListingDraft, MarketplaceAdapter } from '../../src/platforms/types.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../../src/sandbox/marketplace/types.js';
import { honeyProduct, jpegUpload, startReceiver, waitFor } from './fixtures.js';

/** Which cases apply to an adapter; a case whose capability is off is skipped, not failed. */
export interface MarketplaceContractCapabilities {
  tokenExpiry: boolean;
  categoryAttributes: boolean;
  imageUpload: boolean;
  variants: boolean;
  idempotentRecreate: boolean;
  bulkStock: boolean;
  price: boolean;
  orders: boolean;
  fulfilment: boolean;
  webhooks: boolean;
  profileOverride: boolean;
}

export interface MarketplaceContractOptions {
  platform: string;
  factory: (options: MarketplaceAdapterOptions) => ProfileMarketplaceAdapter;
  startSandbox: (options?: MarketplaceSandboxOptions) => Promise<MarketplaceSandbox>;
  credentialsOf: (sandbox: MarketplaceSandbox) => Record<string, string>;
  capabilities: MarketplaceContractCapabilities;
  /** A leaf category with required attributes (food), and its parent. */
  leafCategoryId: string;
  parentCategoryId: string;
  /** Canonical status after `markShipped` (Voso ships straight to SHIPPED, Postmart waits for pickup). */
  shippedStatus: OrderStatus;
  /** Header names of webhook deliveries. */
  webhookSignatureHeader: string;
}

/** Defines the shared behaviour suite every profile-driven marketplace adapter must pass. */
export function defineMarketplaceContract(options: MarketplaceContractOptions): void {
  const caps = options.capabilities;
  const fastRetry = { initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 5000 };

  describe(`${options.platform} marketplace adapter contract`, () => {
    let sandbox: MarketplaceSandbox;
    let clockOffsetMs = 0;
    const adapters: MarketplaceAdapter[] = [];

    const make = (extra: Partial<MarketplaceAdapterOptions> = {}): ProfileMarketplaceAdapter => {
      const adapter = options.factory({
        credentials: options.credentialsOf(sandbox),
        baseUrl: sandbox.baseUrl,
        webhookSecret: sandbox.credentials.webhookSecret,
        retry: fastRetry,
        ...extra,
      });
      adapters.push(adapter);
      return adapter;
    };

    beforeEach(async () => {
      clockOffsetMs = 0;
      sandbox = await options.startSandbox({ now: () => Date.now() + clockOffsetMs });
    });
    afterEach(async () => {
      await Promise.all(adapters.splice(0).map((a) => a.close()));
      await sandbox.close();
    });

    async function draftFor(adapter: ProfileMarketplaceAdapter, prefix: string): Promise<ListingDraft> {
      const product = honeyProduct(prefix);
      const image = await adapter.uploadImage(await jpegUpload());
      const mapping = { categoryId: options.leafCategoryId };
      return {
        product,
        categoryId: options.leafCategoryId,
        attributes: adapter.resolveAttributes(product, mapping),
        imageIds: [image.imageId],
      };
    }

    it('declares capabilities and listing rules from its profile', () => {
      const adapter = make();
      expect(adapter.platform).toBe(options.platform);
      expect(adapter.capabilities.maxStockBatch).toBe(adapter.profile.maxBatch);
      expect(adapter.capabilities.maxOrderWindowMs).toBe(adapter.profile.orderWindow.maxWindowMs);
      expect(adapter.capabilities.idempotentCreate).toBe(adapter.profile.idempotency.mode === 'header');
      expect(adapter.listingRules.titleMaxChars).toBe(adapter.profile.rules.titleMaxChars);
    });

    it('rejects wrong credentials with an AuthenticationError after exactly one login', async () => {
      const adapter = make({ credentials: { ...options.credentialsOf(sandbox), password: 'sai-mat-khau' } });
      const error = await adapter.getCategories().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(sandbox.stats.requests.login).toBe(1);
      expect(JSON.stringify((error as AuthenticationError).toJSON())).not.toContain('sai-mat-khau');
    });

    it.runIf(caps.tokenExpiry)(
      'logs in again once when the platform expires the token, then succeeds',
      async () => {
        const adapter = make();
        const reauth: string[] = [];
        adapter.client.events.on('auth', (event) => reauth.push(event.action));
        expect(await adapter.getCategoryAttributes(options.leafCategoryId)).not.toHaveLength(0);
        expect(sandbox.stats.requests.login).toBe(1);
        // The platform's clock jumps past the token lifetime; our own clock still believes it is valid.
        clockOffsetMs = 2 * 86_400_000;
        expect(await adapter.findListingBySku('NONE')).toBeUndefined();
        expect(sandbox.stats.requests.getListingBySku).toBe(2);
        expect(sandbox.stats.requests.login).toBe(2);
        expect(reauth).toEqual(['reauthenticate']);
      },
    );

    it('reuses a stored token across adapter instances and never logs a credential', async () => {
      const store = new MemoryTokenStore();
      const lines: string[] = [];
      const logger = createLogger({
        level: 'trace',
        destination: { write: (line: string) => lines.push(line) },
      });
      // One cheap call each: two instances of one account do not share a limiter, so keep the burst small.
      const first = make({ tokenStore: store, logger });
      expect(await first.findListingBySku('NONE')).toBeUndefined();
      const second = make({ tokenStore: store, logger });
      expect(await second.findListingBySku('NONE')).toBeUndefined();
      expect(sandbox.stats.requests.login).toBe(1);
      const token = (await store.get(`${options.platform}:${sandbox.credentials.username}`))?.value;
      expect(token).toBeTruthy();
      const logged = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      expect(logged).not.toContain(sandbox.credentials.password);
      expect(logged).not.toContain(token!);
    });

    it('stays under the platform rate limit when many calls start at once', async () => {
      const adapter = make();
      await adapter.createListing(await draftFor(adapter, 'RL'));
      sandbox.resetStats();
      // 15 at once is over Postmart's 10/s quota: only proactive limiting avoids a 429.
      const found = await Promise.all(
        Array.from({ length: 15 }, () => adapter.findListingBySku('RL-MO-250')),
      );
      expect(found.every((l) => l?.sku === 'RL-MO')).toBe(true);
      expect(sandbox.stats.requests.getListingBySku).toBe(15);
      expect(sandbox.stats.rateLimited).toBe(0);
    });

    it('surfaces the review state and rejection reasons of a listing', async () => {
      await sandbox.close();
      sandbox = await options.startSandbox({ review: { mode: 'manual' } });
      const adapter = make();
      const created = await adapter.createListing(await draftFor(adapter, 'RW'));
      expect(created.review).toBe('PENDING');
      expect(created.rawReviewStatus).toBeDefined();
      sandbox.review.decide('RW-MO', 'REJECTED', [{ code: 'BAD_PHOTO', message: 'Ảnh mờ' }]);
      const reviewed = await adapter.findListingBySku('RW-MO');
      expect(reviewed).toMatchObject({ review: 'REJECTED' });
      expect(reviewed?.rejectionReasons).toEqual(['BAD_PHOTO: Ảnh mờ']);
    });

    it.runIf(caps.categoryAttributes)('reads the category tree and caches category attributes', async () => {
      const adapter = make();
      const categories = await adapter.getCategories();
      const leaf = categories.find((c) => c.id === options.leafCategoryId);
      expect(leaf).toMatchObject({ leaf: true, parentId: options.parentCategoryId });
      expect(categories.find((c) => c.id === options.parentCategoryId)).toMatchObject({ leaf: false });
      const attributes = await adapter.getCategoryAttributes(options.leafCategoryId);
      expect(attributes.filter((a) => a.required).length).toBeGreaterThanOrEqual(3);
      const before = sandbox.stats.requests.getCategoryAttributes;
      await adapter.getCategoryAttributes(options.leafCategoryId);
      expect(sandbox.stats.requests.getCategoryAttributes).toBe(before);
    });

    it.runIf(caps.imageUpload)(
      'uploads a real JPEG made with sharp; the platform stores those bytes',
      async () => {
        const adapter = make();
        const upload = await jpegUpload();
        const image = await adapter.uploadImage(upload);
        expect(image.imageId).not.toBe('');
        expect(sandbox.state.imageBytes(image.imageId)?.equals(upload.bytes)).toBe(true);
      },
    );

    it.runIf(caps.variants)('creates a listing with variants, finds it by SKU and updates it', async () => {
      const adapter = make();
      const draft = await draftFor(adapter, 'CV');
      const created = await adapter.createListing(draft);
      expect(created.sku).toBe('CV-MO');
      expect(created.variants.map((v) => v.sku).sort()).toEqual(['CV-MO-250', 'CV-MO-500']);
      expect(created.review).toBe('APPROVED');
      const held = sandbox.state.listingBySku('CV-MO')!;
      expect(held.title).toBe(draft.product.name);
      expect(held.tiers).toEqual([{ name: 'Dung tích', options: ['250ml', '500ml'] }]);
      expect(held.variants.map((v) => [v.sku, v.priceVnd, v.stock])).toEqual([
        ['CV-MO-250', 150_000, 60],
        ['CV-MO-500', 280_000, 50],
      ]);

      const byVariantSku = await adapter.findListingBySku('CV-MO-500');
      expect(byVariantSku?.remoteId).toBe(created.remoteId);
      expect(await adapter.findListingBySku('NO-SUCH-SKU')).toBeUndefined();

      const renamed = {
        ...draft,
        product: { ...draft.product, name: 'Mật ong bạc hà Hà Giang loại đặc biệt' },
      };
      const updated = await adapter.updateListing(created.remoteId, renamed);
      expect(updated.remoteId).toBe(created.remoteId);
      expect(sandbox.state.listingBySku('CV-MO')!.title).toBe('Mật ong bạc hà Hà Giang loại đặc biệt');
      expect(sandbox.state.listings()).toHaveLength(1);

      const listed = [];
      for await (const listing of adapter.listListings()) listed.push(listing);
      expect(listed.map((l) => l.remoteId)).toEqual([created.remoteId]);
    });

    it.runIf(caps.idempotentRecreate)(
      'never duplicates a listing when the create response is dropped after commit',
      async () => {
        const adapter = make();
        const draft = await draftFor(adapter, 'DR');
        sandbox.setFaults({ dropAfterCommit: { createListing: 1 } });
        const created = await adapter.createListing(draft);
        expect(sandbox.stats.droppedConnections).toBe(1);
        const held = sandbox.state.listings().filter((l) => l.sellerSku === 'DR-MO');
        expect(held).toHaveLength(1);
        expect(created.remoteId).toBe(String(held[0]!.id));
        if (adapter.capabilities.idempotentCreate) {
          // The retry carried the same Idempotency-Key: the platform replayed its first answer.
          expect(sandbox.stats.idempotentReplays).toBe(1);
          expect(sandbox.stats.requests.createListing).toBe(2);
        } else {
          // No key: the adapter looked the SKU up instead of sending the create again.
          expect(sandbox.stats.requests.createListing).toBe(1);
          expect(sandbox.stats.requests.getListingBySku).toBe(1);
        }
        // A later create of the same content (e.g. after a crash) does not duplicate either.
        if (adapter.capabilities.idempotentCreate) {
          const again = await adapter.createListing(draft);
          expect(again.remoteId).toBe(created.remoteId);
          expect(sandbox.state.listings()).toHaveLength(1);
        }
      },
    );

    it('sends nothing for a product that breaks the platform rules', async () => {
      const adapter = make();
      const longTitle = `Mật ong ${'rất ngon '.repeat(40)}`.trim();
      const product = honeyProduct('RV', { name: longTitle.slice(0, 255) });
      const issues = adapter.checkListing(product);
      expect(issues.map((i) => i.rule)).toContain('title.max_chars');
      expect(issues[0]).toMatchObject({ platform: options.platform, sku: 'RV-MO' });
      expect(issues[0]!.messageVi).toMatch(/ký tự/);
      expect(issues[0]!.messageEn).toMatch(/characters/);
      sandbox.resetStats();
      const error = await adapter
        .createListing({ product, categoryId: options.leafCategoryId, attributes: {}, imageIds: ['x'] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.some((i) => i.rule === 'title.max_chars')).toBe(true);
      await expect(
        adapter.updateListing('1', {
          product,
          categoryId: options.leafCategoryId,
          attributes: {},
          imageIds: ['x'],
        }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(sandbox.stats.totalRequests).toBe(0);
    });

    it.runIf(caps.bulkStock)('sets stock in bulk with per-SKU results when one SKU is unknown', async () => {
      const adapter = make();
      await adapter.createListing(await draftFor(adapter, 'BS'));
      const results = await adapter.setStock([
        { sku: 'BS-MO-250', quantity: 7 },
        { sku: 'NO-SUCH-SKU', quantity: 3 },
        { sku: 'BS-MO-500', quantity: 0 },
      ]);
      expect(results.map((r) => [r.sku, r.ok])).toEqual([
        ['BS-MO-250', true],
        ['NO-SUCH-SKU', false],
        ['BS-MO-500', true],
      ]);
      expect(results[1]).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND', retriable: false });
      expect(sandbox.state.stockOf('BS-MO-250')).toBe(7);
      expect(sandbox.state.stockOf('BS-MO-500')).toBe(0);
    });

    it.runIf(caps.bulkStock && caps.profileOverride)(
      'splits bulk stock into batches of the platform maximum',
      async () => {
        const adapter = make({ profile: { maxBatch: 2 } });
        await adapter.createListing(await draftFor(adapter, 'BB'));
        sandbox.resetStats();
        const results = await adapter.setStock([
          { sku: 'BB-MO-250', quantity: 11 },
          { sku: 'BB-MO-500', quantity: 12 },
          { sku: 'BB-MISSING', quantity: 13 },
        ]);
        expect(sandbox.stats.requests.updateStock).toBe(2);
        expect(results.map((r) => r.ok)).toEqual([true, true, false]);
        expect(sandbox.state.stockOf('BB-MO-500')).toBe(12);
      },
    );

    it.runIf(caps.price)('updates prices per SKU', async () => {
      const adapter = make();
      await adapter.createListing(await draftFor(adapter, 'PR'));
      const results = await adapter.setPrice([
        { sku: 'PR-MO-250', priceVnd: 155_000 },
        { sku: 'PR-MO-500', priceVnd: 5 },
      ]);
      expect(results[0]).toEqual({ sku: 'PR-MO-250', ok: true });
      // Below the platform minimum: refused locally, never sent.
      expect(results[1]).toMatchObject({ sku: 'PR-MO-500', ok: false, code: 'INVALID_VALUE' });
      const variants = sandbox.state.listingBySku('PR-MO')!.variants;
      expect(variants.find((v) => v.sku === 'PR-MO-250')!.priceVnd).toBe(155_000);
      expect(variants.find((v) => v.sku === 'PR-MO-500')!.priceVnd).toBe(280_000);
    });

    it.runIf(caps.orders)(
      'pages orders over a split window without loss or duplication, checkpointing each page',
      async () => {
        const adapter = make({ profile: { pagination: { orders: { pageSize: 10 } } } });
        await adapter.createListing(await draftFor(adapter, 'OR'));
        for (let i = 0; i < 45; i++) {
          const placed = sandbox.buyers.placeOrder({ sku: i % 2 ? 'OR-MO-250' : 'OR-MO-500' });
          expect(placed.ok).toBe(true);
        }
        const now = Date.now();
        const window = { from: new Date(now - 20 * 86_400_000), to: new Date(now + 60_000) };
        const checkpoints: (string | undefined)[] = [];
        const first: string[] = [];
        // Read two pages, then the platform fails: the checkpoint must not move past the last full page.
        let pagesSeen = 0;
        const error = await (async () => {
          for await (const order of adapter.listOrders(window, {
            retries: 0,
            onCheckpoint: (cursor) => {
              checkpoints.push(cursor);
              pagesSeen = first.length;
              if (first.length === 20) sandbox.setFaults({ failNext: { listOrders: 1 } });
            },
          })) {
            first.push(order.externalId);
            expect(order.platform).toBe(options.platform);
            expect(order.createdAt.endsWith('Z')).toBe(true);
            expect(order.rawStatus).toBeDefined();
          }
        })().catch((e: unknown) => e);
        expect(error).toBeDefined();
        expect(first).toHaveLength(20);
        expect(pagesSeen).toBe(20);
        const resumeFrom = checkpoints.at(-1)!;
        const rest: string[] = [];
        for await (const order of adapter.listOrders(window, { cursor: resumeFrom }))
          rest.push(order.externalId);
        const all = [...first, ...rest];
        expect(new Set(all).size).toBe(45);
        expect(all).toHaveLength(45);
        expect(new Set(all)).toEqual(new Set(sandbox.state.orders().map((o) => o.id)));
        expect(sandbox.stats.rateLimited).toBe(0);
      },
    );

    it.runIf(caps.orders && caps.profileOverride)(
      'a profile override takes effect: page size 10 reads 45 orders in 5 requests',
      async () => {
        const adapter = make({ profile: { pagination: { orders: { pageSize: 10 } } } });
        await adapter.createListing(await draftFor(adapter, 'PS'));
        for (let i = 0; i < 45; i++) sandbox.buyers.placeOrder({ sku: 'PS-MO-250' });
        sandbox.resetStats();
        const now = Date.now();
        const ids: string[] = [];
        for await (const order of adapter.listOrders({
          from: new Date(now - 3_600_000),
          to: new Date(now + 60_000),
        })) {
          ids.push(order.externalId);
        }
        expect(new Set(ids).size).toBe(45);
        expect(sandbox.stats.requests.listOrders).toBe(5);
        expect(adapter.profile.pagination.orders.pageSize).toBe(10);
      },
    );

    it.runIf(caps.fulfilment)('confirms, cancels and marks orders shipped', async () => {
      const adapter = make();
      await adapter.createListing(await draftFor(adapter, 'FU'));
      const a = sandbox.buyers.placeOrder({ sku: 'FU-MO-250', quantity: 2 });
      const b = sandbox.buyers.placeOrder({ sku: 'FU-MO-500' });
      if (!a.ok || !b.ok) throw new Error('orders not placed');
      expect(sandbox.state.stockOf('FU-MO-500')).toBe(49);

      const unpaid = sandbox.buyers.placeOrder({ sku: 'FU-MO-250', paymentMethod: 'PREPAID', paid: false });
      if (!unpaid.ok) throw new Error('prepaid order not placed');
      expect(await adapter.getOrder(unpaid.order.id)).toMatchObject({
        status: 'UNPAID',
        payment: { method: 'prepaid', codAmountVnd: 0 },
      });

      const fetched = await adapter.getOrder(a.order.id);
      expect(fetched).toMatchObject({ externalId: a.order.id, status: 'PENDING_CONFIRM' });
      expect(fetched.lines[0]).toMatchObject({ sku: 'FU-MO-250', quantity: 2, unitPriceVnd: 150_000 });
      expect(fetched.payment.totalVnd).toBe(a.order.totalVnd);

      const confirmed = await adapter.confirmOrder(a.order.id);
      expect(confirmed.status).toBe('CONFIRMED');
      expect(sandbox.state.order(a.order.id)!.status).toBe('CONFIRMED');
      // Confirming twice is harmless.
      expect((await adapter.confirmOrder(a.order.id)).status).toBe('CONFIRMED');

      const cancelled = await adapter.cancelOrder(b.order.id, 'out_of_stock');
      expect(cancelled.status).toBe('CANCELLED');
      expect(sandbox.state.order(b.order.id)!.cancelReasonCode).toBe('OUT_OF_STOCK');
      expect(sandbox.state.stockOf('FU-MO-500')).toBe(50);

      const shipped = await adapter.markShipped(a.order.id, {
        carrier: 'viettelpost',
        trackingNumber: 'VTP123456789',
      });
      expect(shipped.status).toBe(options.shippedStatus);
      expect(shipped.tracking).toEqual({ carrier: 'viettelpost', trackingNumber: 'VTP123456789' });
      expect(sandbox.state.order(a.order.id)).toMatchObject({
        carrierCode: 'VTP',
        trackingNumber: 'VTP123456789',
      });
    });

    it.runIf(caps.webhooks)('verifies webhook signatures over the raw body and parses events', async () => {
      const receiver = await startReceiver();
      try {
        const adapter = make();
        sandbox.webhooks.setUrl(receiver.url);
        await adapter.createListing(await draftFor(adapter, 'WH'));
        await waitFor(() => receiver.received.length >= 1);
        const placed = sandbox.buyers.placeOrder({ sku: 'WH-MO-250' });
        if (!placed.ok) throw new Error('order not placed');
        await waitFor(() => receiver.received.length >= 2);
        const [reviewed, delivery] = receiver.received as [
          (typeof receiver.received)[0],
          (typeof receiver.received)[0],
        ];
        expect(adapter.verifyWebhook(reviewed.rawBody, reviewed.headers)).toBe(true);
        expect(adapter.parseWebhook(reviewed.rawBody)).toMatchObject({
          type: 'listing.reviewed',
          platform: options.platform,
          sku: 'WH-MO',
          remoteId: String(sandbox.state.listingBySku('WH-MO')!.id),
          review: 'APPROVED',
        });
        expect(delivery.headers[options.webhookSignatureHeader.toLowerCase()]).toBeDefined();
        expect(adapter.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(true);
        expect(adapter.verifyWebhook(delivery.rawBody.toString('utf8'), delivery.headers)).toBe(true);

        const tampered = Buffer.from(
          delivery.rawBody.toString('utf8').replace(placed.order.id, 'XX0000000000'),
        );
        expect(adapter.verifyWebhook(tampered, delivery.headers)).toBe(false);
        const badSignature = {
          ...delivery.headers,
          [options.webhookSignatureHeader.toLowerCase()]: 'ab'.repeat(32),
        };
        expect(adapter.verifyWebhook(delivery.rawBody, badSignature)).toBe(false);
        const noSignature = {
          ...delivery.headers,
          [options.webhookSignatureHeader.toLowerCase()]: undefined,
        };
        expect(adapter.verifyWebhook(delivery.rawBody, noSignature)).toBe(false);

        // Replayed 10 minutes later: outside the 5-minute window.
        const late = make({ now: () => Date.now() + 600_000 });
        expect(late.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(false);
        const wrongSecret = make({ webhookSecret: 'not-the-secret' });
        expect(wrongSecret.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(false);

        const event = adapter.parseWebhook(delivery.rawBody);
        expect(event).toMatchObject({
          type: 'order.created',
          platform: options.platform,
          orderId: placed.order.id,
          status: 'PENDING_CONFIRM',
        });
        expect(event.deliveryId).not.toBe('');
        expect(event.occurredAt.endsWith('Z')).toBe(true);
      } finally {
        await receiver.close();
      }
    });

    it.runIf(caps.profileOverride)('a deep-partial profile override changes the listing rules', async () => {
      const adapter = make({ profile: { rules: { titleMaxChars: 20 } } });
      const product = honeyProduct('OV');
      expect(adapter.listingRules.titleMaxChars).toBe(20);
      expect(adapter.checkListing(product).map((i) => i.rule)).toEqual(['title.max_chars']);
      expect(make().checkListing(product)).toEqual([]);
    });
  });
}

export type { MarketplaceProfileOverride };
