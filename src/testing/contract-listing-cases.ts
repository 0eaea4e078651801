import { ValidationError } from 'ocop-connect';
import { expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import type { ContractSandbox } from './contract-sandbox.js';
import { honeyProduct, jpegUpload } from './fixtures.js';

/** The contract cases of listings: review, categories, images, create/update, rules, stock and prices, profile overrides. */
export function defineListingCases<S extends ContractSandbox>(h: ContractHarness<S>): void {
  const { options, caps, make, start, draftFor } = h;
  it('surfaces the review state and rejection reasons of a listing', async () => {
    await h.sandbox.close();
    h.sandbox = await start({ mode: 'manual' });
    const adapter = make();
    if (!adapter.capabilities.listingReview) return;
    const created = await adapter.createListing(await draftFor(adapter, 'RW'));
    expect(created.review).toBe('PENDING');
    expect(created.rawReviewStatus).toBeDefined();
    h.sandbox.review.decide('RW-MO', 'REJECTED', [{ code: 'BAD_PHOTO', message: 'Ảnh mờ' }]);
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
    const before = h.sandbox.stats.requests.getCategoryAttributes;
    await adapter.getCategoryAttributes(options.leafCategoryId);
    expect(h.sandbox.stats.requests.getCategoryAttributes).toBe(before);
  });

  it.runIf(caps.imageUpload)(
    'uploads a real JPEG made with sharp; the platform stores those bytes',
    async () => {
      const adapter = make();
      const upload = await jpegUpload();
      const image = await adapter.uploadImage(upload);
      expect(image.imageId).not.toBe('');
      expect(h.sandbox.state.imageBytes(image.imageId)?.equals(upload.bytes)).toBe(true);
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
    const held = h.sandbox.state.listingBySku('CV-MO')!;
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
    expect(h.sandbox.state.listingBySku('CV-MO')!.title).toBe('Mật ong bạc hà Hà Giang loại đặc biệt');
    expect(h.sandbox.state.listings()).toHaveLength(1);

    const listed = [];
    for await (const listing of adapter.listListings()) listed.push(listing);
    expect(listed.map((l) => l.remoteId)).toEqual([created.remoteId]);
  });

  it('never duplicates a listing when the create response is dropped after commit', async () => {
    const adapter = make();
    const draft = await draftFor(adapter, 'DR');
    h.sandbox.setFaults({ dropAfterCommit: { createListing: 1 } });
    const created = await adapter.createListing(draft);
    expect(h.sandbox.stats.droppedConnections).toBe(1);
    const held = h.sandbox.state.listings().filter((l) => l.sellerSku === 'DR-MO');
    expect(held).toHaveLength(1);
    expect(created.remoteId).toBe(String(held[0]!.id));
    if (adapter.capabilities.idempotentCreate) {
      // The retry carried the same Idempotency-Key: the platform replayed its first answer.
      expect(h.sandbox.stats.idempotentReplays).toBe(1);
      expect(h.sandbox.stats.requests.createListing).toBe(2);
    } else {
      // No key: the adapter looked the SKU up instead of sending the create again.
      expect(h.sandbox.stats.requests.createListing).toBe(1);
      expect(h.sandbox.stats.requests.getListingBySku).toBe(1);
    }
    // A later create of the same content (e.g. after a crash) does not duplicate either.
    if (adapter.capabilities.idempotentCreate) {
      const again = await adapter.createListing(draft);
      expect(again.remoteId).toBe(created.remoteId);
      expect(h.sandbox.state.listings()).toHaveLength(1);
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
    const held = h.sandbox.state.listingBySku('AV-MO')!;
    expect(held.tiers).toEqual([{ name: 'Dung tích', options: ['250ml', '500ml', '1000ml'] }]);
    expect(held.variants.map((v) => [v.sku, v.priceVnd, v.stock])).toEqual([
      ['AV-MO-250', 150_000, 41],
      ['AV-MO-500', 280_000, 50],
      ['AV-MO-1000', 520_000, 20],
    ]);
    expect(h.sandbox.state.listings()).toHaveLength(1);
    expect((await adapter.setStock([{ sku: 'AV-MO-1000', quantity: 5 }]))[0]!.ok).toBe(true);
    expect(h.sandbox.state.stockOf('AV-MO-1000')).toBe(5);
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
    expect(h.sandbox.state.stockOf('DL-MO-500-X')).toBe(50);
    expect(h.sandbox.state.stockOf('DL-MO-500')).toBeUndefined();
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
    h.sandbox.resetStats();
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
    expect(h.sandbox.stats.totalRequests).toBe(0);
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
    expect(h.sandbox.state.stockOf('BS-MO-250')).toBe(7);
    expect(h.sandbox.state.stockOf('BS-MO-500')).toBe(0);
  });

  it.runIf(caps.profileOverride)('splits bulk stock into batches of the platform maximum', async () => {
    const adapter = make({ profile: { maxBatch: 1 } });
    await adapter.createListing(await draftFor(adapter, 'BB'));
    h.sandbox.resetStats();
    const results = await adapter.setStock([
      { sku: 'BB-MO-250', quantity: 11 },
      { sku: 'BB-MO-500', quantity: 12 },
      { sku: 'BB-MISSING', quantity: 13 },
    ]);
    // Batches of one: the two known SKUs of one listing travel in two calls, never one.
    expect(adapter.capabilities.maxStockBatch).toBe(1);
    expect(h.sandbox.stats.requests.updateStock).toBeGreaterThanOrEqual(2);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(h.sandbox.state.stockOf('BB-MO-500')).toBe(12);
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
    const variants = h.sandbox.state.listingBySku('PR-MO')!.variants;
    expect(variants.find((v) => v.sku === 'PR-MO-250')!.priceVnd).toBe(155_000);
    expect(variants.find((v) => v.sku === 'PR-MO-500')!.priceVnd).toBe(280_000);
  });

  it.runIf(caps.profileOverride)('a deep-partial profile override changes the listing rules', async () => {
    const adapter = make({ profile: { rules: { titleMaxChars: 20 } } });
    const product = honeyProduct('OV');
    expect(adapter.listingRules.titleMaxChars).toBe(20);
    expect(adapter.checkListing(product).map((i) => i.rule)).toEqual(['title.max_chars']);
    expect(make().checkListing(product)).toEqual([]);
  });
}
