/**
 * The stateful marketplace shared by the Voso and Postmart sandboxes: listings, images, stock, orders,
 * review and the events that become webhooks. Platform-neutral; the dialects translate HTTP to these
 * calls and back.
 */
import { randomBytes } from 'node:crypto';
import type { CategoryNode } from './catalog.js';
import { type FieldIssue, issue, SandboxError, validationError } from './errors.js';
import { type ImageSpec, SandboxImageStore } from './image-store.js';
import type { ListingRules, ValidListing, ValidVariant } from './listing-rules.js';
import { isValidPrice, isValidStock, priceMessage, stockMessage } from './listing-rules.js';
import { canTransition } from './order-transitions.js';
import { type RejectReason, reviewListing } from './review-rules.js';
import { pick, type Random } from './rng.js';
import type {
  BuyerActionResult,
  PlaceOrderInput,
  PlaceOrderResult,
  SandboxBuyer,
  SandboxCancelReason,
  SandboxImage,
  SandboxListing,
  SandboxOrder,
  SandboxOrderStatus,
  SandboxReviewOptions,
  SandboxReviewStatus,
} from './types.js';

export interface EngineConfig {
  rules: ListingRules;
  imageSpec: ImageSpec;
  categories: CategoryNode[];
  /** Voso returns the existing image for identical bytes; Postmart stores every upload. */
  dedupeImages: boolean;
  newImageId(sequence: number): string;
  listingIdStart: number;
  variantIdStart: number;
  orderIdPrefix: string;
  rawOrderStatus: Readonly<Record<SandboxOrderStatus, string>>;
  rawReviewStatus: Readonly<Record<SandboxReviewStatus, string>>;
  /** Status an order reaches when the seller ships it (Voso SHIPPED, Postmart READY_TO_SHIP). */
  shipTarget: SandboxOrderStatus;
  shipAllowedFrom: readonly SandboxOrderStatus[];
  shippingFeeVnd: number;
  buyers: readonly SandboxBuyer[];
  review: Required<SandboxReviewOptions>;
  /** A create with a SKU already listed makes a second listing instead of being refused. */
  acceptDuplicateSkus?: boolean;
  now: () => number;
  random: Random;
}

export type EngineEvent =
  | { type: 'ORDER_CREATED'; order: SandboxOrder }
  | { type: 'ORDER_STATUS_CHANGED'; order: SandboxOrder; previousStatus: SandboxOrderStatus }
  | { type: 'LISTING_REVIEWED'; listing: SandboxListing };

type StoredListing = Omit<SandboxListing, 'rawReviewStatus'>;
type StoredOrder = Omit<SandboxOrder, 'rawStatus'>;

export interface BulkItemResult {
  sku: unknown;
  ok: boolean;
  value?: number;
  errorCode?: 'SKU_NOT_FOUND' | 'INVALID_STOCK' | 'INVALID_PRICE' | 'DUPLICATE_IN_BATCH';
  message?: string;
}

export interface OrderQuery {
  fromMs: number;
  toMs: number;
  status: SandboxOrderStatus | null;
  after: { updatedAtMs: number; id: string } | null;
  limit: number;
}

const CANCELLABLE_BY_SELLER: readonly SandboxOrderStatus[] = [
  'UNPAID',
  'PENDING_CONFIRM',
  'CONFIRMED',
  'READY_TO_SHIP',
  'CANCEL_REQUESTED',
];

function vietnamDateStamp(epochMs: number): string {
  // Order numbers carry the Vietnam calendar day (UTC+7, no DST).
  const date = new Date(epochMs + 7 * 3600 * 1000);
  const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(date.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

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

export class MarketplaceEngine {
  readonly config: EngineConfig;
  readonly categories: ReadonlyMap<number, CategoryNode>;
  readonly #images: SandboxImageStore;
  readonly #listings = new Map<number, StoredListing>();
  /** Every product and variant SKU → listing id. */
  readonly #skuIndex = new Map<string, number>();
  readonly #orders = new Map<string, StoredOrder>();
  readonly #reviewTimers = new Map<number, NodeJS.Timeout>();
  readonly #listeners: Array<(event: EngineEvent) => void> = [];
  #nextListingId: number;
  #nextVariantId: number;
  #orderSequence = 0;
  #closed = false;
  /** Counters surfaced in sandbox.stats (reset with resetStats). */
  readonly counters = { imageUploads: 0, bulkItemsApplied: 0, ordersPlaced: 0, ordersRejected: 0 };

  constructor(config: EngineConfig) {
    this.config = config;
    this.#images = new SandboxImageStore(config);
    this.categories = new Map(config.categories.map((category) => [category.id, category]));
    this.#nextListingId = config.listingIdStart;
    this.#nextVariantId = config.variantIdStart;
  }

  now(): number {
    return this.config.now();
  }

  onEvent(listener: (event: EngineEvent) => void): void {
    this.#listeners.push(listener);
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#reviewTimers.values()) clearTimeout(timer);
    this.#reviewTimers.clear();
  }

  #emit(event: EngineEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** What a sandbox lets its tests read (and the stock it lets them set), straight from the engine. */
  stateView() {
    return {
      listings: () => this.listings(),
      listingBySku: (sku: string) => this.listingBySku(sku),
      images: () => this.images(),
      imageBytes: (id: string) => this.imageBytes(id),
      orders: () => this.orders(),
      order: (id: string) => this.getOrder(id),
      stockOf: (sku: string) => this.stockOf(sku),
      setStock: (sku: string, stock: number) => this.setStockDirect(sku, stock),
    };
  }

  // ---------- images ----------

  uploadImage(bytes: Buffer): { image: SandboxImage; stored: boolean } {
    const result = this.#images.upload(bytes);
    if (result.stored) this.counters.imageUploads += 1;
    return result;
  }

  /** Stores an image as the seller centre would (no API image rules): for hand-made listings. */
  insertHandMadeImage(bytes: Buffer): SandboxImage {
    return this.#images.insertHandMade(bytes);
  }

  hasImage(id: string): boolean {
    return this.#images.has(id);
  }

  images(): SandboxImage[] {
    return this.#images.all();
  }

  imageBytes(id: string): Buffer | undefined {
    return this.#images.bytesOf(id);
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

  createListing(value: ValidListing): SandboxListing {
    if (!this.config.acceptDuplicateSkus) this.#assertSkusFree(value, null);
    const now = this.now();
    const id = this.#nextListingId++;
    const listing: StoredListing = {
      id,
      ...listingContent(value),
      variants: value.variants.map((variant) => ({
        id: this.#nextVariantId++,
        sku: variant.sku,
        tierIndex: [...variant.tierIndex],
        priceVnd: variant.priceVnd,
        stock: variant.stock ?? 0,
      })),
      reviewStatus: 'PENDING',
      rejectReasons: [],
      createdAtMs: now,
      updatedAtMs: now,
    };
    this.#listings.set(id, listing);
    // With duplicates accepted, a lookup by SKU keeps finding the first listing.
    for (const sku of this.#skusOf(listing)) if (!this.#skuIndex.has(sku)) this.#skuIndex.set(sku, id);
    this.#scheduleReview(listing);
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
    const now = this.now();
    const id = this.#nextListingId++;
    const listing: StoredListing = {
      ...structuredClone(value),
      id,
      variants: value.variants.map((variant) => ({
        id: this.#nextVariantId++,
        sku: variant.sku,
        tierIndex: [...variant.tierIndex],
        priceVnd: variant.priceVnd,
        stock: variant.stock,
      })),
      reviewStatus: 'APPROVED',
      rejectReasons: [],
      createdAtMs: now,
      updatedAtMs: now,
    };
    this.#listings.set(id, listing);
    for (const sku of this.#skusOf(listing)) if (!this.#skuIndex.has(sku)) this.#skuIndex.set(sku, id);
    return this.#toPublic(listing);
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
    this.#listings.set(saved.id, listing);
    this.#nextListingId = Math.max(this.#nextListingId, saved.id + 1);
    for (const variant of saved.variants) this.#nextVariantId = Math.max(this.#nextVariantId, variant.id + 1);
    for (const sku of this.#skusOf(listing)) if (!this.#skuIndex.has(sku)) this.#skuIndex.set(sku, saved.id);
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
      this.#scheduleReview(listing);
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

  #variantBySku(
    sku: string,
  ): { listing: StoredListing; variant: StoredListing['variants'][number] } | undefined {
    const id = this.#skuIndex.get(sku);
    const listing = id === undefined ? undefined : this.#listings.get(id);
    const variant = listing?.variants.find((candidate) => candidate.sku === sku);
    return listing && variant ? { listing, variant } : undefined;
  }

  stockOf(sku: string): number | undefined {
    return this.#variantBySku(sku)?.variant.stock;
  }

  setStockDirect(sku: string, stock: number): void {
    const found = this.#variantBySku(sku);
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
      const found = typeof sku === 'string' ? this.#variantBySku(sku) : undefined;
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

  #scheduleReview(listing: StoredListing): void {
    const existing = this.#reviewTimers.get(listing.id);
    if (existing) clearTimeout(existing);
    this.#reviewTimers.delete(listing.id);
    const { mode, delayMs } = this.config.review;
    if (mode === 'manual') return;
    if (delayMs <= 0) {
      this.#decide(listing);
      return;
    }
    const timer = setTimeout(() => {
      this.#reviewTimers.delete(listing.id);
      if (!this.#closed) this.#decide(listing);
    }, delayMs);
    timer.unref();
    this.#reviewTimers.set(listing.id, timer);
  }

  #decide(listing: StoredListing, decision?: SandboxReviewStatus, reasons?: RejectReason[]): void {
    const automatic = reviewListing(listing, this.categories.get(listing.categoryId));
    const status = decision ?? (automatic.length > 0 ? 'REJECTED' : 'APPROVED');
    listing.reviewStatus = status;
    listing.rejectReasons =
      status === 'REJECTED'
        ? (reasons ??
          (automatic.length > 0 ? automatic : [{ code: 'OTHER', message: 'Không đạt kiểm duyệt' }]))
        : [];
    listing.updatedAtMs = this.now();
    this.#emit({ type: 'LISTING_REVIEWED', listing: this.#toPublic(listing) });
  }

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
    const timer = this.#reviewTimers.get(listing.id);
    if (timer) clearTimeout(timer);
    this.#reviewTimers.delete(listing.id);
    this.#decide(listing, decision, reasons);
    return this.#toPublic(listing);
  }

  // ---------- orders ----------

  #orderPublic(order: StoredOrder): SandboxOrder {
    return { ...structuredClone(order), rawStatus: this.config.rawOrderStatus[order.status] };
  }

  #setStatus(order: StoredOrder, next: SandboxOrderStatus): void {
    const previous = order.status;
    if (previous === next) return;
    if (!canTransition(previous, next)) {
      throw new SandboxError('invalid_state', `Không thể chuyển đơn từ ${previous} sang ${next}`, {
        orderStatus: previous,
      });
    }
    order.status = next;
    order.updatedAtMs = Math.max(this.now(), order.updatedAtMs);
    if (next === 'CANCELLED') this.#restock(order);
    this.#emit({ type: 'ORDER_STATUS_CHANGED', order: this.#orderPublic(order), previousStatus: previous });
  }

  #restock(order: StoredOrder): void {
    for (const line of order.lines) {
      const found = this.#variantBySku(line.sku);
      if (found)
        found.variant.stock = Math.min(this.config.rules.stockMax, found.variant.stock + line.quantity);
    }
  }

  #mustGetOrder(id: string): StoredOrder {
    const order = this.#orders.get(id);
    if (!order) throw new SandboxError('not_found', 'Không tìm thấy đơn hàng');
    return order;
  }

  getOrder(id: string): SandboxOrder | undefined {
    const order = this.#orders.get(id);
    return order ? this.#orderPublic(order) : undefined;
  }

  orders(): SandboxOrder[] {
    return [...this.#orders.values()].map((order) => this.#orderPublic(order));
  }

  listOrders(query: OrderQuery): { items: SandboxOrder[]; next: { updatedAtMs: number; id: string } | null } {
    const after = query.after;
    const matching = [...this.#orders.values()]
      .filter((order) => order.updatedAtMs >= query.fromMs && order.updatedAtMs < query.toMs)
      .filter((order) => query.status === null || order.status === query.status)
      .filter(
        (order) =>
          after === null ||
          order.updatedAtMs > after.updatedAtMs ||
          (order.updatedAtMs === after.updatedAtMs && order.id > after.id),
      )
      .sort((a, b) => a.updatedAtMs - b.updatedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = matching.slice(0, query.limit);
    const last = page[page.length - 1];
    const next =
      matching.length > query.limit && last ? { updatedAtMs: last.updatedAtMs, id: last.id } : null;
    return { items: page.map((order) => this.#orderPublic(order)), next };
  }

  confirmOrder(id: string): SandboxOrder {
    const order = this.#mustGetOrder(id);
    if (order.status !== 'CONFIRMED') {
      if (order.status !== 'PENDING_CONFIRM' && order.status !== 'CANCEL_REQUESTED') {
        throw new SandboxError('invalid_state', 'Trạng thái đơn không cho phép xác nhận', {
          orderStatus: order.status,
        });
      }
      this.#setStatus(order, 'CONFIRMED');
    }
    return this.#orderPublic(order);
  }

  cancelOrder(id: string, reasonCode: SandboxCancelReason, reason: string | null): SandboxOrder {
    const order = this.#mustGetOrder(id);
    if (order.status === 'CANCELLED') return this.#orderPublic(order);
    if (!CANCELLABLE_BY_SELLER.includes(order.status)) {
      throw new SandboxError('invalid_state', 'Trạng thái đơn không cho phép hủy', {
        orderStatus: order.status,
      });
    }
    order.cancelReasonCode = reasonCode;
    order.cancelReason = reason;
    order.cancelledBy = 'SELLER';
    this.#setStatus(order, 'CANCELLED');
    return this.#orderPublic(order);
  }

  shipOrder(id: string, carrierCode: string, trackingNumber: string): SandboxOrder {
    const order = this.#mustGetOrder(id);
    if (order.trackingNumber !== null) {
      const alreadyShipped = order.status === this.config.shipTarget || order.status === 'SHIPPED';
      if (order.trackingNumber === trackingNumber && alreadyShipped) return this.#orderPublic(order);
      throw new SandboxError('invalid_state', 'Đơn đã có mã vận đơn khác', { orderStatus: order.status });
    }
    if (!this.config.shipAllowedFrom.includes(order.status)) {
      throw new SandboxError('invalid_state', 'Trạng thái đơn không cho phép giao hàng', {
        orderStatus: order.status,
      });
    }
    order.carrierCode = carrierCode;
    order.trackingNumber = trackingNumber;
    this.#setStatus(order, this.config.shipTarget);
    return this.#orderPublic(order);
  }

  advanceOrder(id: string, status: SandboxOrderStatus): SandboxOrder {
    const order = this.#orders.get(id);
    if (!order) throw new Error(`Unknown order ${id}`);
    if (status === 'CANCELLED' && canTransition(order.status, 'CANCELLED')) {
      // A platform-side cancellation (unpaid timeout, fraud check) is the system's, not a party's.
      order.cancelledBy = 'SYSTEM';
      order.cancelReasonCode = 'OTHER';
      order.cancelReason = 'Hệ thống hủy đơn';
    }
    this.#setStatus(order, status);
    return this.#orderPublic(order);
  }

  // ---------- buyers ----------

  placeOrder(input: PlaceOrderInput): PlaceOrderResult {
    const quantity = input.quantity ?? 1;
    const found = this.#variantBySku(input.sku);
    const reject = (
      reason: 'SKU_NOT_FOUND' | 'NOT_APPROVED' | 'OUT_OF_STOCK' | 'INVALID_QUANTITY',
    ): PlaceOrderResult => {
      this.counters.ordersRejected += 1;
      return { ok: false, reason, available: found?.variant.stock ?? 0 };
    };
    if (!Number.isInteger(quantity) || quantity < 1) return reject('INVALID_QUANTITY');
    if (!found) return reject('SKU_NOT_FOUND');
    if (found.listing.reviewStatus !== 'APPROVED') return reject('NOT_APPROVED');
    if (found.variant.stock < quantity) return reject('OUT_OF_STOCK');
    found.variant.stock -= quantity;
    const template = pick(this.config.random, this.config.buyers) ?? (this.config.buyers[0] as SandboxBuyer);
    const buyer: SandboxBuyer = {
      name: input.buyer?.name ?? template.name,
      phone: input.buyer?.phone ?? template.phone,
      address: { ...template.address, ...input.buyer?.address },
    };
    const now = this.now();
    this.#orderSequence += 1;
    const id = `${this.config.orderIdPrefix}${vietnamDateStamp(now)}${String(this.#orderSequence).padStart(7, '0')}`;
    const { listing, variant } = found;
    const variantName = variant.tierIndex
      .map((position, tier) => listing.tiers[tier]?.options[position] ?? '')
      .join(', ');
    const itemsTotalVnd = variant.priceVnd * quantity;
    const paymentMethod = input.paymentMethod ?? 'COD';
    const totalVnd = itemsTotalVnd + this.config.shippingFeeVnd;
    const order: StoredOrder = {
      id,
      status: paymentMethod === 'PREPAID' ? 'UNPAID' : 'PENDING_CONFIRM',
      paymentMethod,
      buyer,
      lines: [
        {
          listingId: listing.id,
          sku: variant.sku,
          title: listing.title,
          variantName,
          quantity,
          unitPriceVnd: variant.priceVnd,
        },
      ],
      itemsTotalVnd,
      shippingFeeVnd: this.config.shippingFeeVnd,
      totalVnd,
      codAmountVnd: paymentMethod === 'COD' ? totalVnd : 0,
      carrierCode: null,
      trackingNumber: null,
      cancelReasonCode: null,
      cancelReason: null,
      cancelledBy: null,
      note: input.note ?? '',
      createdAtMs: now,
      updatedAtMs: now,
    };
    this.#orders.set(id, order);
    this.counters.ordersPlaced += 1;
    this.#emit({ type: 'ORDER_CREATED', order: this.#orderPublic(order) });
    if (paymentMethod === 'PREPAID' && input.paid !== false) this.#setStatus(order, 'PENDING_CONFIRM');
    return { ok: true, order: this.#orderPublic(order) };
  }

  buyerCancel(id: string): BuyerActionResult {
    const order = this.#orders.get(id);
    if (!order) return { ok: false, reason: 'ORDER_NOT_FOUND' };
    if (order.status === 'UNPAID' || order.status === 'PENDING_CONFIRM') {
      order.cancelReasonCode = 'BUYER_REQUEST';
      order.cancelReason = 'Người mua hủy đơn';
      order.cancelledBy = 'BUYER';
      this.#setStatus(order, 'CANCELLED');
    } else if (order.status === 'CONFIRMED' || order.status === 'READY_TO_SHIP') {
      this.#setStatus(order, 'CANCEL_REQUESTED');
    } else {
      return { ok: false, reason: `NOT_CANCELLABLE_${order.status}` };
    }
    return { ok: true, order: this.#orderPublic(order) };
  }

  buyerPay(id: string): BuyerActionResult {
    const order = this.#orders.get(id);
    if (!order) return { ok: false, reason: 'ORDER_NOT_FOUND' };
    if (order.status !== 'UNPAID') return { ok: false, reason: `NOT_UNPAID_${order.status}` };
    this.#setStatus(order, 'PENDING_CONFIRM');
    return { ok: true, order: this.#orderPublic(order) };
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

  openOrderIds(): string[] {
    return [...this.#orders.values()]
      .filter((order) => ['UNPAID', 'PENDING_CONFIRM', 'CONFIRMED', 'READY_TO_SHIP'].includes(order.status))
      .map((order) => order.id);
  }

  static randomHex(bytes: number): string {
    return randomBytes(bytes).toString('hex');
  }
}
