/**
 * The marketplace contract suite: one set of behaviour cases every `MarketplaceAdapter` must pass
 * (Voso, Postmart and Shopee in this repository; your own Tiki or Lazada adapter or profile too),
 * registered as vitest tests. It reaches the library only through the package's public entries and the
 * plain adapter interface, and reads the sandbox through the small {@link ContractSandbox} shape.
 *
 * vitest is an optional peer dependency: only `ocop-connect/testing` loads it.
 */

import {
  AuthenticationError,
  createLogger,
  type ListingDraft,
  type Logger,
  type MarketplaceAdapter,
  MemoryTokenStore,
  type OrderStatus,
  ValidationError,
} from 'ocop-connect';
import type { MarketplaceProfileOverride } from 'ocop-connect/marketplace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractSandbox } from './contract-sandbox.js';
import { honeyProduct, jpegUpload } from './fixtures.js';
import { startReceiver, waitFor } from './webhook-receiver.js';

/** Per-test adapter settings; a harness maps them onto its own adapter's options. */
export interface ContractAdapterSettings {
  tokenStore?: MemoryTokenStore;
  logger?: Logger;
  /** The adapter's clock. */
  now?: () => number;
  /** Credentials the platform refuses (a wrong password, a revoked token ...). */
  wrongCredentials?: boolean;
  /** A webhook secret other than the platform's. */
  wrongWebhookSecret?: boolean;
  /** The webhook callback URL registered with the platform. */
  webhookUrl?: string;
  /** Profile override (profile-driven adapters; `capabilities.profileOverride`). */
  profile?: MarketplaceProfileOverride;
}

/**
 * Which groups of cases apply, besides what `adapter.capabilities` declares (listing review, webhooks,
 * price updates, listing download are read from the adapter itself); a case that does not apply is skipped.
 */
export interface MarketplaceContractCapabilities {
  /** The platform can be made to refuse the current token (`expireToken`). */
  tokenExpiry: boolean;
  /** `getCategories` / `getCategoryAttributes` read a tree with a food leaf that has ≥ 3 required attributes. */
  categoryAttributes: boolean;
  /** `uploadImage` stores the bytes (`sandbox.state.imageBytes`). */
  imageUpload: boolean;
  /** `listOrders` over windows and cursors. */
  orders: boolean;
  /** `getOrder`, `confirmOrder`, `cancelOrder`, `markShipped`. */
  fulfilment: boolean;
  /** The adapter takes a `profile` override (`ContractAdapterSettings.profile`): profile-driven adapters. */
  profileOverride: boolean;
}

/** How {@link defineMarketplaceContract} reaches your adapter and your platform's sandbox. */
export interface MarketplaceContractOptions<S extends ContractSandbox> {
  /** The adapter's `platform` (also the suite's title). */
  platform: string;
  /** Starts a fresh sandbox for each case, on the clock given (the suite jumps it to expire tokens). */
  startSandbox: (options: { now: () => number; review?: { mode: 'manual' } }) => Promise<S>;
  /** Your adapter factory, pointed at the sandbox: a plain MarketplaceAdapter, nothing beyond the interface is used. */
  createAdapter: (sandbox: S, settings: ContractAdapterSettings) => MarketplaceAdapter;
  /** Makes the platform refuse the current access token (clock jump, expiry ...). */
  expireToken: (sandbox: S, jumpClockMs: (ms: number) => void) => void;
  /** Secrets that must never appear in logs or errors (passwords, partner keys ...). */
  secretsOf: (sandbox: S) => string[];
  capabilities: MarketplaceContractCapabilities;
  /** A leaf category with required attributes (food), and its parent. */
  leafCategoryId: string;
  parentCategoryId: string;
  /** Canonical status of a fresh COD order (platforms without seller confirmation: CONFIRMED). */
  newOrderStatus: OrderStatus;
  /** Canonical status after `markShipped` (Voso ships straight to SHIPPED, Postmart waits for pickup). */
  shippedStatus: OrderStatus;
  /** The canonical carrier `markShipped` reports, and the carrier code the platform then holds. */
  shippedCarrier: string;
  shippedCarrierCode: string;
  /** Header of webhook signatures. */
  webhookSignatureHeader: string;
  /** Time allowed to each case, ms (45 orders are paged over loopback HTTP). @default 30000 */
  testTimeoutMs?: number;
}

/** Default time allowed to one case of the suite, ms. */
export const DEFAULT_CONTRACT_TEST_TIMEOUT_MS = 30_000;

/**
 * Registers the marketplace contract suite as vitest tests (call it at the top level of a test file):
 * every case starts a fresh sandbox with `startSandbox`, builds adapters with `createAdapter`, drives them
 * through the plain `MarketplaceAdapter` interface and asserts what the sandbox then holds.
 *
 * @example
 * import { defineMarketplaceContract } from 'ocop-connect/testing';
 * defineMarketplaceContract({ platform: 'tiki', startSandbox: startTikiSandbox, createAdapter: (s, settings) => tiki({...}), ... });
 */
export function defineMarketplaceContract<S extends ContractSandbox>(
  options: MarketplaceContractOptions<S>,
): void {
  const caps = options.capabilities;

  const timeout = options.testTimeoutMs ?? DEFAULT_CONTRACT_TEST_TIMEOUT_MS;
  describe(`${options.platform} marketplace adapter contract`, { timeout }, () => {
    let sandbox: S;
    let clockOffsetMs = 0;
    const adapters: MarketplaceAdapter[] = [];

    const make = (settings: ContractAdapterSettings = {}): MarketplaceAdapter => {
      const adapter = options.createAdapter(sandbox, settings);
      adapters.push(adapter);
      return adapter;
    };
    const start = (review?: { mode: 'manual' }) =>
      options.startSandbox({ now: () => Date.now() + clockOffsetMs, ...(review ? { review } : {}) });

    beforeEach(async () => {
      clockOffsetMs = 0;
      sandbox = await start();
    });
    afterEach(async () => {
      await Promise.all(adapters.splice(0).map((a) => a.close()));
      await sandbox.close();
    });

    const logins = () => sandbox.stats.requests.login ?? 0;

    async function draftFor(adapter: MarketplaceAdapter, prefix: string): Promise<ListingDraft> {
      const product = honeyProduct(prefix);
      const image = await adapter.uploadImage(await jpegUpload());
      const mapping = { categoryId: options.leafCategoryId };
      return {
        product,
        categoryId: options.leafCategoryId,
        // resolveAttributes is optional on the interface: without it, the mapping's values plus the product's.
        attributes: adapter.resolveAttributes?.(product, mapping) ?? { ...product.attributes },
        imageIds: [image.imageId],
      };
    }

    it('declares coherent capabilities and listing rules', () => {
      const adapter = make();
      expect(adapter.platform).toBe(options.platform);
      expect(adapter.account).not.toBe('');
      const c = adapter.capabilities;
      expect(c.maxStockBatch).toBeGreaterThanOrEqual(1);
      expect(c.bulkStock).toBe(c.maxStockBatch > 1);
      expect(c.maxOrderWindowMs).toBeGreaterThan(0);
      expect(adapter.listingRules.titleMaxChars).toBeGreaterThan(0);
      expect(adapter.listingRules.image.minCount).toBeGreaterThanOrEqual(1);
    });

    it('rejects refused credentials with an AuthenticationError after at most one token attempt', async () => {
      const adapter = make({ wrongCredentials: true });
      const error = await adapter.getCategories().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(logins()).toBeLessThanOrEqual(1);
      const rendered = JSON.stringify((error as AuthenticationError).toJSON());
      for (const secret of options.secretsOf(sandbox)) expect(rendered).not.toContain(secret);
    });

    it.runIf(caps.tokenExpiry)(
      'obtains a new token once when the platform refuses the current one, then succeeds',
      async () => {
        const adapter = make();
        expect(await adapter.getCategoryAttributes(options.leafCategoryId)).not.toHaveLength(0);
        const before = logins();
        // The platform ends the token's life; our own clock still believes it is valid.
        options.expireToken(sandbox, (ms) => {
          clockOffsetMs = ms;
        });
        const lookups = sandbox.stats.requests.getListingBySku ?? 0;
        expect(await adapter.findListingBySku('NONE')).toBeUndefined();
        expect(logins()).toBe(before + 1);
        // The refused call and its one repeat.
        expect((sandbox.stats.requests.getListingBySku ?? 0) - lookups).toBe(2);
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
      const afterFirst = logins();
      expect(afterFirst).toBeLessThanOrEqual(1);
      const second = make({ tokenStore: store, logger });
      expect(await second.findListingBySku('NONE')).toBeUndefined();
      expect(logins()).toBe(afterFirst);
      const stored = (await store.get(`${options.platform}:${first.account}`))?.value;
      const logged = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of options.secretsOf(sandbox)) expect(logged).not.toContain(secret);
      if (stored) expect(logged).not.toContain(stored);
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
      sandbox = await start({ mode: 'manual' });
      const adapter = make();
      if (!adapter.capabilities.listingReview) return;
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

    it('creates a listing with variants, finds it by SKU and updates it', async () => {
      const adapter = make();
      if (adapter.capabilities.maxVariantTiers === 0) return;
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

    it('never duplicates a listing when the create response is dropped after commit', async () => {
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
    });

    it('adds a variant to an existing listing; existing variants keep their stock', async () => {
      const adapter = make();
      if (adapter.capabilities.maxVariantTiers === 0) return;
      const draft = await draftFor(adapter, 'AV');
      const created = await adapter.createListing(draft);
      expect((await adapter.setStock([{ sku: 'AV-MO-250', quantity: 41 }]))[0]!.ok).toBe(true);
      const variants = [
        ...draft.product.variants,
        {
          ...draft.product.variants[1]!,
          sku: 'AV-MO-1000',
          options: { 'Dung tích': '1000ml' },
          priceVnd: 520_000,
          stock: 20,
        },
      ];
      const updated = await adapter.updateListing(created.remoteId, {
        ...draft,
        product: { ...draft.product, variants },
      });
      expect(updated.variants.map((v) => v.sku).sort()).toEqual(['AV-MO-1000', 'AV-MO-250', 'AV-MO-500']);
      const held = sandbox.state.listingBySku('AV-MO')!;
      expect(held.tiers).toEqual([{ name: 'Dung tích', options: ['250ml', '500ml', '1000ml'] }]);
      expect(held.variants.map((v) => [v.sku, v.priceVnd, v.stock])).toEqual([
        ['AV-MO-250', 150_000, 41],
        ['AV-MO-500', 280_000, 50],
        ['AV-MO-1000', 520_000, 20],
      ]);
      expect(sandbox.state.listings()).toHaveLength(1);
      expect((await adapter.setStock([{ sku: 'AV-MO-1000', quantity: 5 }]))[0]!.ok).toBe(true);
      expect(sandbox.state.stockOf('AV-MO-1000')).toBe(5);
    });

    it('downloads listings in full and writes seller SKUs (onboarding), when declared', async () => {
      const adapter = make();
      if (!adapter.capabilities.listingDownload || !adapter.downloadListings) return;
      const draft = await draftFor(adapter, 'DL');
      const created = await adapter.createListing(draft);
      const listings = [];
      for await (const listing of adapter.downloadListings()) listings.push(listing);
      expect(listings).toHaveLength(1);
      const [listing] = listings;
      expect(listing).toMatchObject({
        platform: options.platform,
        account: adapter.account,
        remoteId: created.remoteId,
        sku: 'DL-MO',
        title: draft.product.name,
        categoryId: options.leafCategoryId,
        // The heaviest variant, in grams whatever unit the platform holds.
        weightGrams: 700,
        tiers: ['Dung tích'],
      });
      expect(listing!.variants.map((v) => [v.sku, v.options, v.priceVnd, v.stock])).toEqual([
        ['DL-MO-250', { 'Dung tích': '250ml' }, 150_000, 60],
        ['DL-MO-500', { 'Dung tích': '500ml' }, 280_000, 50],
      ]);
      expect(listing!.facts.origin).toBe('Hà Giang');
      if (!adapter.capabilities.sellerSkuUpdate || !adapter.setListingSkus) return;
      const renamed = await adapter.setListingSkus(created.remoteId, {
        sku: 'DL-MO',
        variants: listing!.variants.map((v) => ({ remoteId: v.remoteId, sku: `${v.sku}-X` })),
      });
      expect(renamed.variants.map((v) => v.sku)).toEqual(['DL-MO-250-X', 'DL-MO-500-X']);
      expect(sandbox.state.stockOf('DL-MO-500-X')).toBe(50);
      expect(sandbox.state.stockOf('DL-MO-500')).toBeUndefined();
    });

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

    it('sets stock with per-SKU results when one SKU is unknown', async () => {
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
      expect(results[0]).toEqual({ sku: 'BS-MO-250', ok: true });
      expect(sandbox.state.stockOf('BS-MO-250')).toBe(7);
      expect(sandbox.state.stockOf('BS-MO-500')).toBe(0);
    });

    it.runIf(caps.profileOverride)('splits bulk stock into batches of the platform maximum', async () => {
      const adapter = make({ profile: { maxBatch: 1 } });
      await adapter.createListing(await draftFor(adapter, 'BB'));
      sandbox.resetStats();
      const results = await adapter.setStock([
        { sku: 'BB-MO-250', quantity: 11 },
        { sku: 'BB-MO-500', quantity: 12 },
        { sku: 'BB-MISSING', quantity: 13 },
      ]);
      // Batches of one: the two known SKUs of one listing travel in two calls, never one.
      expect(adapter.capabilities.maxStockBatch).toBe(1);
      expect(sandbox.stats.requests.updateStock).toBeGreaterThanOrEqual(2);
      expect(results.map((r) => r.ok)).toEqual([true, true, false]);
      expect(sandbox.state.stockOf('BB-MO-500')).toBe(12);
    });

    it('updates prices per SKU', async () => {
      const adapter = make();
      if (!adapter.capabilities.priceUpdate) return;
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
        // Profile-driven adapters read pages of 10 (two full pages, then the platform fails); an adapter
        // that takes no profile keeps its own page size: more orders than a page of 50, fail after the first page.
        const paged = caps.profileOverride;
        const adapter = make(paged ? { profile: { pagination: { orders: { pageSize: 10 } } } } : {});
        const total = paged ? 45 : 90;
        await adapter.createListing(await draftFor(adapter, 'OR'));
        for (let i = 0; i < total; i++) {
          const placed = sandbox.buyers.placeOrder({ sku: i % 2 ? 'OR-MO-250' : 'OR-MO-500' });
          expect(placed.ok).toBe(true);
        }
        const now = Date.now();
        const window = { from: new Date(now - 20 * 86_400_000), to: new Date(now + 60_000) };
        const checkpoints: (string | undefined)[] = [];
        const first: string[] = [];
        // The platform fails after the first page(s): the checkpoint must not move past the last full page.
        let pagesSeen = 0;
        let failed = false;
        const error = await (async () => {
          for await (const order of adapter.listOrders(window, {
            retries: 0,
            onCheckpoint: (cursor) => {
              checkpoints.push(cursor);
              pagesSeen = first.length;
              if (paged ? first.length === 20 : first.length > 0 && !failed) {
                failed = true;
                sandbox.setFaults({ failNext: { listOrders: 1 } });
              }
            },
          })) {
            first.push(order.externalId);
            expect(order.platform).toBe(options.platform);
            expect(order.createdAt.endsWith('Z')).toBe(true);
            expect(order.rawStatus).toBeDefined();
          }
        })().catch((e: unknown) => e);
        if (paged) expect(first).toHaveLength(20);
        // A first page that held every order leaves nothing to fail on.
        if (first.length < total) expect(error).toBeDefined();
        expect(first.length).toBeGreaterThan(0);
        expect(pagesSeen).toBe(first.length);
        const rest: string[] = [];
        if (error !== undefined) {
          const resumeFrom = checkpoints.at(-1)!;
          for await (const order of adapter.listOrders(window, { cursor: resumeFrom }))
            rest.push(order.externalId);
        }
        const all = [...first, ...rest];
        expect(new Set(all).size).toBe(total);
        expect(all).toHaveLength(total);
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
      expect(fetched).toMatchObject({ externalId: a.order.id, status: options.newOrderStatus });
      expect(fetched.lines[0]).toMatchObject({ sku: 'FU-MO-250', quantity: 2, unitPriceVnd: 150_000 });
      expect(fetched.payment.totalVnd).toBe(a.order.totalVnd);

      const confirmed = await adapter.confirmOrder(a.order.id);
      expect(confirmed.status).toBe('CONFIRMED');
      expect(sandbox.state.order(a.order.id)!.status).toBe('CONFIRMED');
      // Confirming twice is harmless.
      expect((await adapter.confirmOrder(a.order.id)).status).toBe('CONFIRMED');

      const cancelled = await adapter.cancelOrder(b.order.id, 'OUT_OF_STOCK');
      expect(cancelled.status).toBe('CANCELLED');
      expect(sandbox.state.order(b.order.id)!.cancelReasonCode).toBe('OUT_OF_STOCK');
      expect(sandbox.state.stockOf('FU-MO-500')).toBe(50);

      const shipped = await adapter.markShipped(a.order.id, {
        carrier: 'viettelpost',
        trackingNumber: 'VTP123456789',
      });
      expect(shipped.status).toBe(options.shippedStatus);
      expect(shipped.tracking).toEqual({ carrier: options.shippedCarrier, trackingNumber: 'VTP123456789' });
      expect(sandbox.state.order(a.order.id)).toMatchObject({
        carrierCode: options.shippedCarrierCode,
        trackingNumber: 'VTP123456789',
      });
    });

    it('verifies webhook signatures over the raw body and parses events', async () => {
      const receiver = await startReceiver();
      try {
        // The callback URL as registered with the platform (Shopee signs over it).
        const webhookUrl = receiver.url;
        const adapter = make({ webhookUrl });
        if (!adapter.capabilities.webhooks) return;
        sandbox.webhooks.setUrl(webhookUrl);
        await adapter.createListing(await draftFor(adapter, 'WH'));
        if (adapter.capabilities.listingReview) {
          await waitFor(() => receiver.received.length >= 1);
          const reviewed = receiver.received[0]!;
          expect(adapter.verifyWebhook(reviewed.rawBody, reviewed.headers)).toBe(true);
          expect(adapter.parseWebhook(reviewed.rawBody)).toMatchObject({
            type: 'listing.reviewed',
            platform: options.platform,
            sku: 'WH-MO',
            remoteId: String(sandbox.state.listingBySku('WH-MO')!.id),
            review: 'APPROVED',
          });
        }
        const before = receiver.received.length;
        const placed = sandbox.buyers.placeOrder({ sku: 'WH-MO-250' });
        if (!placed.ok) throw new Error('order not placed');
        await waitFor(() => receiver.received.length > before);
        const delivery = receiver.received[before]!;
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
        const late = make({ webhookUrl, now: () => Date.now() + 600_000 });
        expect(late.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(false);
        const wrongSecret = make({ webhookUrl, wrongWebhookSecret: true });
        expect(wrongSecret.verifyWebhook(delivery.rawBody, delivery.headers)).toBe(false);

        const event = adapter.parseWebhook(delivery.rawBody);
        expect(event.type === 'order.created' || event.type === 'order.updated').toBe(true);
        expect(event).toMatchObject({
          platform: options.platform,
          orderId: placed.order.id,
          status: options.newOrderStatus,
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
