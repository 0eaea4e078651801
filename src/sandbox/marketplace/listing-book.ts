/**
 * The listings side of the marketplace engine: stored listings and their SKU index, stock and price
 * updates, and the review that approves or rejects each listing. Platform-neutral.
 */
import type { CategoryNode } from './catalog.js';
import type { BulkItemResult, EngineConfig, EngineEvent } from './engine-config.js';
import { type FieldIssue, issue, SandboxError, validationError } from './errors.js';
import { ListingReview, type StoredListing } from './listing-review.js';
import type { ValidListing, ValidVariant } from './listing-rules.js';
import { isValidPrice, isValidStock, priceMessage, stockMessage } from './listing-rules.js';
import type { RejectReason } from './review-rules.js';
import type { SandboxListing, SandboxReviewStatus } from './shop-data.js';

type ListingContent = Omit<ValidListing, 'variants'>;

/** A copy of a listing's content fields (not its variants), sharing nothing with the original. */
function listingContent(value: ListingContent): ListingContent {
  return {
    sellerSku: value.sellerSku,
    title: value.title,
    description: value.description,
    categoryId: value.categoryId,
    attributes: { ...value.attributes },
    imageIds: [...value.imageIds],
    weightGrams: value.weightGrams,
    lengthCm: value.lengthCm,
    widthCm: value.widthCm,
    heightCm: value.heightCm,
    tiers: structuredClone(value.tiers),
  };
}

export class ListingBook {
  readonly config: EngineConfig;
  readonly categories: ReadonlyMap<number, CategoryNode>;
  readonly #listings = new Map<number, StoredListing>();
  /** Every product and variant SKU → listing id. */
  readonly #skuIndex = new Map<string, number>();
  readonly #review: ListingReview;
  readonly #listeners: Array<(event: EngineEvent) => void> = [];
  #nextListingId: number;
  #nextVariantId: number;
  /** Counters surfaced in sandbox.stats (reset with resetStats). */
  readonly counters = { imageUploads: 0, bulkItemsApplied: 0, ordersPlaced: 0, ordersRejected: 0 };

  constructor(config: EngineConfig) {
    this.config = config;
    this.categories = new Map(config.categories.map((category) => [category.id, category]));
    this.#nextListingId = config.listingIdStart;
    this.#nextVariantId = config.variantIdStart;
    this.#review = new ListingReview({
      options: config.review,
      categories: this.categories,
      now: () => this.now(),
      decided: (listing) => this.emit({ type: 'LISTING_REVIEWED', listing: this.#toPublic(listing) }),
    });
  }

  now(): number {
    return this.config.now();
  }

  onEvent(listener: (event: EngineEvent) => void): void {
    this.#listeners.push(listener);
  }

  close(): void {
    this.#review.close();
  }

  protected emit(event: EngineEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  // ---------- listings ----------

  #toPublic(listing: StoredListing): SandboxListing {
    return {
      ...structuredClone(listing),
      rawReviewStatus: this.config.rawReviewStatus[listing.reviewStatus],
    };
  }

  #skusOf(value: { sellerSku: string; variants: Array<{ sku: string }> }): string[] {
    // '' = no seller SKU (a listing typed by hand in the seller centre): never indexed, never addressable.
    const skus = [value.sellerSku, ...value.variants.map((variant) => variant.sku)];
    return [...new Set(skus.filter((sku) => sku !== ''))];
  }

  #assertSkusFree(value: ValidListing, ownId: number | null): void {
    const issues = [];
    const parentOwner = this.#skuIndex.get(value.sellerSku);
    if (parentOwner !== undefined && parentOwner !== ownId) {
      issues.push(issue(['sellerSku'], 'DUPLICATE', `SKU ${value.sellerSku} đã tồn tại`));
    }
    value.variants.forEach((variant, index) => {
      const owner = this.#skuIndex.get(variant.sku);
      if (owner !== undefined && owner !== ownId) {
        issues.push(issue(['variants', index, 'sku'], 'DUPLICATE', `SKU ${variant.sku} đã tồn tại`));
      }
    });
    if (issues.length > 0) throw new SandboxError('duplicate_sku', 'SKU đã tồn tại', { issues });
  }

  /**
   * A new listing with fresh listing and variant ids (a variant without stock gets 0), kept and indexed:
   * a SKU another listing holds already keeps pointing there.
   */
  #add(
    content: ListingContent,
    variants: ReadonlyArray<Omit<ValidVariant, 'stock'> & { stock?: number }>,
    reviewStatus: SandboxReviewStatus,
  ): StoredListing {
    const now = this.now();
    const listing: StoredListing = {
      id: this.#nextListingId++,
      ...content,
      variants: variants.map((variant) => ({
        id: this.#nextVariantId++,
        sku: variant.sku,
        tierIndex: [...variant.tierIndex],
        priceVnd: variant.priceVnd,
        stock: variant.stock ?? 0,
      })),
      reviewStatus,
      rejectReasons: [],
      createdAtMs: now,
      updatedAtMs: now,
    };
    this.#keep(listing);
    return listing;
  }

  #keep(listing: StoredListing): void {
    this.#listings.set(listing.id, listing);
    for (const sku of this.#skusOf(listing))
      if (!this.#skuIndex.has(sku)) this.#skuIndex.set(sku, listing.id);
  }

  createListing(value: ValidListing): SandboxListing {
    if (!this.config.acceptDuplicateSkus) this.#assertSkusFree(value, null);
    // With duplicates accepted, a lookup by SKU keeps finding the first listing.
    const listing = this.#add(listingContent(value), value.variants, 'PENDING');
    this.#review.schedule(listing);
    return this.#toPublic(listing);
  }

  /**
   * Puts a listing in place as if the seller had typed it in the seller centre: no API rules, SKUs may be
   * empty (or taken twice by hand: then only the first keeps the SKU index), already approved.
   */
  insertHandMadeListing(
    value: Omit<ValidListing, 'variants'> & {
      variants: Array<Omit<ValidVariant, 'stock'> & { stock: number }>;
    },
  ): SandboxListing {
    const { variants: _added, ...content } = structuredClone(value);
    return this.#toPublic(this.#add(content, value.variants, 'APPROVED'));
  }

  /**
   * Puts back a listing saved from an earlier run (`state.listings()`), with its ids, SKUs, content and
   * stock, already reviewed as it was; images are given anew (the caller's placeholders). New ids
   * continue past it.
   */
  restoreListing(saved: SandboxListing, imageIds: string[]): SandboxListing {
    if (this.#listings.has(saved.id)) throw new Error(`restoredListings: listing ${saved.id} twice`);
    const { rawReviewStatus: _raw, ...stored } = structuredClone(saved);
    const listing: StoredListing = { ...stored, imageIds };
    this.#keep(listing);
    this.#nextListingId = Math.max(this.#nextListingId, saved.id + 1);
    for (const variant of saved.variants) this.#nextVariantId = Math.max(this.#nextVariantId, variant.id + 1);
    return this.#toPublic(listing);
  }

  /**
   * Sets the seller SKUs of an existing listing (product SKU and variants by variant id); the only way a
   * SKU changes. Variants not named keep theirs. Not a content change: no new review.
   */
  setListingSkus(
    id: number,
    sellerSku: string,
    variants: Array<{ id: number; sku: string }>,
  ): SandboxListing {
    const listing = this.#listings.get(id);
    if (!listing) throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
    const issues: FieldIssue[] = [];
    const next = new Map(listing.variants.map((variant) => [variant.id, variant.sku]));
    variants.forEach((entry, index) => {
      if (!next.has(entry.id))
        issues.push(issue(['variants', index, 'id'], 'NOT_FOUND', `Không có biến thể ${entry.id}`));
      else next.set(entry.id, entry.sku);
    });
    if (issues.length > 0) throw validationError(issues);
    const seen = new Map<string, number>();
    const owned = [sellerSku, ...next.values()].filter((sku) => sku !== '');
    for (const sku of owned) {
      const owner = this.#skuIndex.get(sku);
      if (owner !== undefined && owner !== id)
        issues.push(issue(['sellerSku'], 'DUPLICATE', `SKU ${sku} đã tồn tại`));
    }
    for (const [variantId, sku] of next) {
      if (sku !== '' && sku !== sellerSku && seen.has(sku))
        issues.push(issue(['variants'], 'DUPLICATE', `SKU ${sku} lặp lại`));
      seen.set(sku, variantId);
    }
    if (issues.length > 0) throw new SandboxError('duplicate_sku', 'SKU đã tồn tại', { issues });
    for (const sku of this.#skusOf(listing)) if (this.#skuIndex.get(sku) === id) this.#skuIndex.delete(sku);
    listing.sellerSku = sellerSku;
    for (const variant of listing.variants) variant.sku = next.get(variant.id) ?? variant.sku;
    listing.updatedAtMs = this.now();
    for (const sku of this.#skusOf(listing)) this.#skuIndex.set(sku, id);
    return this.#toPublic(listing);
  }

  updateListing(id: number, value: ValidListing): SandboxListing {
    const listing = this.#listings.get(id);
    if (!listing) throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
    if (value.sellerSku !== listing.sellerSku) {
      throw validationError([issue(['sellerSku'], 'IMMUTABLE', 'Không được đổi SKU sản phẩm')]);
    }
    this.#assertSkusFree(value, id);
    const before = this.#contentKey(listing);
    const previousVariants = new Map(listing.variants.map((variant) => [variant.sku, variant]));
    for (const sku of this.#skusOf(listing)) this.#skuIndex.delete(sku);
    // The seller SKU is not part of a full update: it changes through the SKU endpoint only.
    const { sellerSku: _unchanged, ...content } = listingContent(value);
    Object.assign(listing, {
      ...content,
      // Stock of an existing variant only changes through the stock endpoint, so a stale full update
      // cannot overwrite units sold meanwhile.
      variants: value.variants.map((variant) => {
        const existing = previousVariants.get(variant.sku);
        return {
          id: existing?.id ?? this.#nextVariantId++,
          sku: variant.sku,
          tierIndex: [...variant.tierIndex],
          priceVnd: variant.priceVnd,
          stock: existing ? existing.stock : (variant.stock ?? 0),
        };
      }),
      updatedAtMs: this.now(),
    });
    for (const sku of this.#skusOf(listing)) this.#skuIndex.set(sku, id);
    if (this.#contentKey(listing) !== before) {
      listing.reviewStatus = 'PENDING';
      listing.rejectReasons = [];
      this.#review.schedule(listing);
    }
    return this.#toPublic(listing);
  }

  #contentKey(listing: StoredListing): string {
    return JSON.stringify([
      listing.title,
      listing.description,
      listing.categoryId,
      Object.entries(listing.attributes).sort(([a], [b]) => (a < b ? -1 : 1)),
      listing.imageIds,
      listing.weightGrams,
      listing.lengthCm,
      listing.widthCm,
      listing.heightCm,
      listing.tiers,
      listing.variants.map((variant) => [variant.sku, variant.tierIndex]),
    ]);
  }

  listingToValid(id: number): ValidListing | undefined {
    const listing = this.#listings.get(id);
    if (!listing) return undefined;
    return {
      ...listingContent(listing),
      variants: listing.variants.map((variant) => ({
        sku: variant.sku,
        tierIndex: [...variant.tierIndex],
        priceVnd: variant.priceVnd,
        stock: variant.stock,
      })),
    };
  }

  getListing(id: number): SandboxListing | undefined {
    const listing = this.#listings.get(id);
    return listing ? this.#toPublic(listing) : undefined;
  }

  listingBySku(sku: string): SandboxListing | undefined {
    const id = this.#skuIndex.get(sku);
    return id === undefined ? undefined : this.getListing(id);
  }

  listings(): SandboxListing[] {
    return [...this.#listings.values()].sort((a, b) => a.id - b.id).map((listing) => this.#toPublic(listing));
  }

  listListings(
    reviewStatus: SandboxReviewStatus | null,
    offset: number,
    limit: number,
  ): { items: SandboxListing[]; total: number } {
    const all = [...this.#listings.values()]
      .filter((listing) => reviewStatus === null || listing.reviewStatus === reviewStatus)
      .sort((a, b) => a.id - b.id);
    return {
      items: all.slice(offset, offset + limit).map((listing) => this.#toPublic(listing)),
      total: all.length,
    };
  }

  protected variantBySku(
    sku: string,
  ): { listing: StoredListing; variant: StoredListing['variants'][number] } | undefined {
    const id = this.#skuIndex.get(sku);
    const listing = id === undefined ? undefined : this.#listings.get(id);
    const variant = listing?.variants.find((candidate) => candidate.sku === sku);
    return listing && variant ? { listing, variant } : undefined;
  }

  stockOf(sku: string): number | undefined {
    return this.variantBySku(sku)?.variant.stock;
  }

  setStockDirect(sku: string, stock: number): void {
    const found = this.variantBySku(sku);
    if (!found) throw new Error(`Unknown variant SKU ${sku}`);
    if (!Number.isInteger(stock) || stock < 0) throw new Error('Stock must be a non-negative integer');
    found.variant.stock = stock;
  }

  bulkUpdate(kind: 'stock' | 'price', items: Array<{ sku: unknown; value: unknown }>): BulkItemResult[] {
    const seen = new Set<unknown>();
    const rules = this.config.rules;
    return items.map(({ sku, value }) => {
      if (seen.has(sku))
        return { sku, ok: false, errorCode: 'DUPLICATE_IN_BATCH', message: 'SKU lặp lại trong lô' };
      seen.add(sku);
      const found = typeof sku === 'string' ? this.variantBySku(sku) : undefined;
      if (!found) return { sku, ok: false, errorCode: 'SKU_NOT_FOUND', message: 'Không tìm thấy SKU' };
      if (kind === 'stock') {
        if (!isValidStock(value, rules))
          return { sku, ok: false, errorCode: 'INVALID_STOCK', message: stockMessage(rules) };
        found.variant.stock = value;
      } else {
        if (!isValidPrice(value, rules))
          return { sku, ok: false, errorCode: 'INVALID_PRICE', message: priceMessage(rules) };
        found.variant.priceVnd = value;
      }
      found.listing.updatedAtMs = this.now();
      this.counters.bulkItemsApplied += 1;
      return { sku, ok: true, value: value as number };
    });
  }

  // ---------- review ----------

  pendingReviews(): SandboxListing[] {
    return this.listings().filter((listing) => listing.reviewStatus === 'PENDING');
  }

  decideReview(
    idOrSku: number | string,
    decision?: 'APPROVED' | 'REJECTED',
    reasons?: RejectReason[],
  ): SandboxListing | undefined {
    const id = typeof idOrSku === 'number' ? idOrSku : this.#skuIndex.get(idOrSku);
    const listing = id === undefined ? undefined : this.#listings.get(id);
    if (!listing || listing.reviewStatus !== 'PENDING') return undefined;
    this.#review.decide(listing, decision, reasons);
    return this.#toPublic(listing);
  }

  /** Variant SKUs a simulated buyer could buy now. */
  buyableSkus(): string[] {
    const skus: string[] = [];
    for (const listing of this.#listings.values()) {
      if (listing.reviewStatus !== 'APPROVED') continue;
      for (const variant of listing.variants) if (variant.stock > 0) skus.push(variant.sku);
    }
    return skus;
  }
}
