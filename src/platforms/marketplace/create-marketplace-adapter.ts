import { ConfigurationError, ContractViolationError, NotFoundError } from '../../core/errors.js';
import { createPlatformClient } from '../../core/platform-client.js';
import type { CallOptions, PlatformClient } from '../../core/types.js';
import type { Order } from '../../model/order.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type {
  Category,
  CategoryMapping,
  HeaderBag,
  ImageUpload,
  ItemResult,
  ListingDraft,
  ListingRules,
  ListOrdersOptions,
  MarketplaceCapabilities,
  MarketplaceEvent,
  OrderWindow,
  PriceUpdate,
  RemoteListing,
  ShippedInfo,
  StockUpdate,
  UploadedImage,
} from '../types.js';
import {
  adapterOptionProblems,
  DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS,
  type MarketplaceAdapterOptions,
  type ProfileMarketplaceAdapter,
} from './adapter-options.js';
import { bulkUpdate } from './bulk-update.js';
import { listingIdempotencyKey } from './content-hash.js';
import { createProfileErrorMapper } from './error-mapping.js';
import { resolveListingAttributes } from './listing-attributes.js';
import { type CategoryAttributeDetail, decodeCategoryAttribute, decodeListing } from './listing-codec.js';
import { prepareListing } from './listing-preparation.js';
import { checkListingRules } from './listing-rules.js';
import { buildMultipart } from './multipart.js';
import { getPath } from './object-path.js';
import { decodeOrder, encodeCancel, encodeShipped } from './order-codec.js';
import { streamOrders } from './order-stream.js';
import { mergeProfile, parseProfile } from './profile.js';
import { checkCredentials, createProfileAuth } from './profile-auth.js';
import { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile, MarketplaceProfileInput } from './profile-schema.js';
import { parseProfileWebhook, verifyProfileWebhook } from './webhook.js';

export {
  DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS,
  type MarketplaceAdapterOptions,
  type ProfileMarketplaceAdapter,
} from './adapter-options.js';

/**
 * Implements `MarketplaceAdapter` from a profile, through the core request pipeline (one client per
 * adapter instance, so limiters and tokens belong to this account only). Options, profile (with the
 * override merged in) and credentials are validated together: one ConfigurationError lists every problem.
 */
export function createMarketplaceAdapter(
  base: MarketplaceProfile | MarketplaceProfileInput,
  options: MarketplaceAdapterOptions,
): ProfileMarketplaceAdapter {
  const problems = adapterOptionProblems(options);
  let profile: MarketplaceProfile | undefined;
  try {
    profile = parseProfile(options?.profile ? mergeProfile(base, options.profile) : base);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  if (profile) problems.push(...checkCredentials(profile, options?.credentials));
  if (problems.length > 0 || !profile) {
    throw new ConfigurationError(`Invalid ${profile?.platform ?? 'marketplace'} adapter options`, problems);
  }
  return new ProfileAdapter(profile, options);
}

function capabilitiesOf(profile: MarketplaceProfile): MarketplaceCapabilities {
  return {
    maxVariantTiers: profile.rules.maxVariantTiers,
    idempotentCreate: profile.idempotency.mode === 'header',
    bulkStock: profile.maxBatch > 1,
    maxStockBatch: profile.maxBatch,
    priceUpdate: profile.capabilities.priceUpdate,
    listingReview: profile.capabilities.listingReview,
    webhooks: profile.capabilities.webhooks,
    maxOrderWindowMs: profile.orderWindow.maxWindowMs,
  };
}

function createClient(
  profile: MarketplaceProfile,
  options: MarketplaceAdapterOptions,
  account: string,
  now: () => number,
) {
  // Assigned before any request can run: the auth strategy logs in through this same client.
  let client: PlatformClient | undefined;
  const auth = createProfileAuth({
    profile,
    account,
    credentials: options.credentials,
    ...(options.tokenStore ? { tokenStore: options.tokenStore } : {}),
    now,
    send: (request, callOptions) => client!.request(request, callOptions),
  });
  const loginFields = profile.auth.type === 'hmac' ? [] : Object.keys(profile.auth.body);
  client = createPlatformClient({
    platform: profile.platform,
    account,
    baseUrl: options.baseUrl ?? profile.baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    rateLimits: options.rateLimits ?? profile.rateLimits,
    ...(options.retry ? { retry: options.retry } : {}),
    auth,
    mapError: createProfileErrorMapper(profile, now),
    // Login bodies carry the password under platform-specific names (PASSWORD, matKhau ...).
    redaction: { bodyFields: loginFields.filter((f) => /pass|secret|key|mat_?khau/i.test(f)) },
    ...(profile.idempotency.mode === 'header' ? { idempotencyHeader: profile.idempotency.header } : {}),
    requestIdHeader: profile.requestIdHeader,
  });
  return client;
}

class ProfileAdapter implements ProfileMarketplaceAdapter {
  readonly platform: string;
  readonly account: string;
  readonly capabilities: MarketplaceCapabilities;
  readonly listingRules: ListingRules;
  readonly profile: MarketplaceProfile;
  readonly client: PlatformClient;
  readonly #options: MarketplaceAdapterOptions;
  readonly #now: () => number;
  readonly #requester: ProfileRequester;
  readonly #attributeCache = new Map<string, { atMs: number; value: Promise<CategoryAttributeDetail[]> }>();

  constructor(profile: MarketplaceProfile, options: MarketplaceAdapterOptions) {
    const credentials = options.credentials;
    this.profile = profile;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.platform = profile.platform;
    this.account =
      options.account ?? credentials.username ?? credentials.partnerId ?? credentials.appKey ?? 'default';
    this.capabilities = capabilitiesOf(profile);
    const { titleMaxChars, descriptionMaxChars, image, requiredAttributes } = profile.rules;
    this.listingRules = { titleMaxChars, descriptionMaxChars, image, requiredAttributes };
    this.client = createClient(profile, options, this.account, this.#now);
    this.#requester = new ProfileRequester(profile, this.client);
  }

  // --- rules and catalogue ------------------------------------------------------------------------

  checkListing(product: Product, mapping?: CategoryMapping): ValidationIssue[] {
    return checkListingRules(this.profile, product, mapping);
  }

  resolveAttributes(product: Product, mapping?: CategoryMapping): Record<string, string> {
    return resolveListingAttributes(this.profile, product, mapping);
  }

  async getCategories(options?: CallOptions): Promise<Category[]> {
    const mode = this.profile.pagination.categories;
    const out: Category[] = [];
    if (mode.mode === 'tree') {
      const walk = (nodes: unknown) => {
        for (const node of Array.isArray(nodes) ? nodes : []) {
          out.push(this.#decodeCategory(node, undefined));
          walk(getPath(node, mode.childrenPath));
        }
      };
      walk(await this.#requester.call('categories', {}, {}, options));
      return out;
    }
    const queue = [mode.rootParentId];
    while (queue.length > 0) {
      const data = await this.#requester.call('categories', { parentId: queue.shift()! }, {}, options);
      for (const node of Array.isArray(data) ? data : []) {
        const category = this.#decodeCategory(node, mode.rootParentId);
        out.push(category);
        if (!category.leaf) queue.push(category.id);
      }
    }
    return out;
  }

  #decodeCategory(node: unknown, rootParentId: string | undefined): Category {
    const f = this.profile.fields.category;
    const id = String(getPath(node, f.id));
    const parent = getPath(node, f.parentId);
    const parentId = parent === undefined || parent === null ? undefined : String(parent);
    const isRoot = parentId === undefined || parentId === '0' || parentId === '' || parentId === rootParentId;
    const name = getPath(node, f.name);
    return {
      id,
      name: typeof name === 'string' ? name : id,
      ...(isRoot ? {} : { parentId }),
      leaf: getPath(node, f.leaf) === true,
    };
  }

  getCategoryAttributes(categoryId: string, options?: CallOptions): Promise<CategoryAttributeDetail[]> {
    return this.getCategoryAttributeDetails(categoryId, options);
  }

  getCategoryAttributeDetails(categoryId: string, options?: CallOptions): Promise<CategoryAttributeDetail[]> {
    const ttlMs = this.#options.categoryAttributesTtlMs ?? DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS;
    const cached = this.#attributeCache.get(categoryId);
    if (cached && this.#now() - cached.atMs < ttlMs) return cached.value;
    const value = this.#requester
      .call('categoryAttributes', { categoryId }, {}, options)
      .then((data) =>
        (Array.isArray(data) ? data : []).map((raw) => decodeCategoryAttribute(this.profile, raw)),
      );
    this.#attributeCache.set(categoryId, { atMs: this.#now(), value });
    // A failed fetch must not be cached: the next call tries again.
    value.catch(() => {
      if (this.#attributeCache.get(categoryId)?.value === value) this.#attributeCache.delete(categoryId);
    });
    return value;
  }

  async uploadImage(image: ImageUpload, options?: CallOptions): Promise<UploadedImage> {
    const upload = this.profile.upload;
    const encoded =
      upload.encoding === 'multipart'
        ? buildMultipart(upload.fieldName, image)
        : { body: image.bytes, contentType: image.contentType };
    // An orphan image from a repeated upload costs storage, never a duplicate listing.
    const extras = { rawBody: encoded.body, contentType: encoded.contentType, idempotent: true };
    const data = await this.#requester.call('uploadImage', {}, extras, options);
    const f = this.profile.fields.image;
    const id = getPath(data, f.id);
    const url = f.url ? getPath(data, f.url) : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new ContractViolationError(`${this.platform} uploadImage answer has no ${f.id}`, {
        platform: this.platform,
        operation: 'uploadImage',
      });
    }
    return { imageId: String(id), ...(typeof url === 'string' ? { url } : {}) };
  }

  // --- listings -----------------------------------------------------------------------------------

  async #rawListingBySku(sku: string, options?: CallOptions): Promise<unknown | undefined> {
    try {
      return await this.#requester.call('getListingBySku', { sku }, {}, options);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async findListingBySku(sku: string, options?: CallOptions): Promise<RemoteListing | undefined> {
    const raw = await this.#rawListingBySku(sku, options);
    return raw === undefined ? undefined : decodeListing(this.profile, raw);
  }

  #prepare(draft: ListingDraft, options?: CallOptions): Promise<Record<string, unknown>> {
    return prepareListing(this.profile, draft, () =>
      this.getCategoryAttributeDetails(draft.categoryId, options),
    );
  }

  async createListing(draft: ListingDraft, options: CallOptions = {}): Promise<RemoteListing> {
    const body = await this.#prepare(draft, options);
    const sku = draft.product.sku;
    if (this.profile.idempotency.mode === 'header') {
      const idempotencyKey =
        options.idempotencyKey ?? listingIdempotencyKey(this.platform, this.account, sku, body);
      const data = await this.#requester.call(
        'createListing',
        { sku },
        { body, idempotent: true },
        { ...options, idempotencyKey },
      );
      return decodeListing(this.profile, data);
    }
    const lookupOptions = options.signal ? { signal: options.signal } : {};
    const data = await this.#requester.call(
      'createListing',
      { sku },
      {
        body,
        // No idempotency key on this platform: never re-send blindly; look the SKU up first.
        idempotent: false,
        recover: () => this.#rawListingBySku(sku, lookupOptions),
      },
      options,
    );
    return decodeListing(this.profile, data);
  }

  async updateListing(remoteId: string, draft: ListingDraft, options?: CallOptions): Promise<RemoteListing> {
    const body = await this.#prepare(draft, options);
    // Absolute replacement (stock of existing variants is ignored by the platform): safe to repeat.
    const vars = { listingId: remoteId, sku: draft.product.sku };
    const data = await this.#requester.call('updateListing', vars, { body, idempotent: true }, options);
    return decodeListing(this.profile, data);
  }

  listListings(options?: CallOptions): AsyncIterable<RemoteListing> {
    const { profile } = this;
    const requester = this.#requester;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const raw of requester.items('listListings', profile.pagination.listings, options)) {
          yield decodeListing(profile, raw);
        }
      },
    };
  }

  setStock(updates: readonly StockUpdate[], options?: CallOptions): Promise<ItemResult[]> {
    const max = this.profile.rules.maxStock;
    const entries = updates.map((u) => ({
      sku: u.sku,
      invalid:
        Number.isInteger(u.quantity) && u.quantity >= 0 && u.quantity <= max
          ? undefined
          : `Stock must be a whole number from 0 to ${max}`,
      fields: { [this.profile.fields.bulk.stock]: u.quantity },
    }));
    return bulkUpdate(this.profile, entries, (body) => this.#sendBulk('bulkStock', body, options));
  }

  setPrice(updates: readonly PriceUpdate[], options?: CallOptions): Promise<ItemResult[]> {
    const f = this.profile.fields.bulk;
    const { minPriceVnd, maxPriceVnd } = this.profile.rules;
    const entries = updates.map((u) => {
      const fields: Record<string, number> = { [f.priceVnd]: u.priceVnd };
      if (f.listPriceVnd && u.listPriceVnd !== undefined) fields[f.listPriceVnd] = u.listPriceVnd;
      const valid = Number.isInteger(u.priceVnd) && u.priceVnd >= minPriceVnd && u.priceVnd <= maxPriceVnd;
      const invalid = valid ? undefined : `Price must be whole VND from ${minPriceVnd} to ${maxPriceVnd}`;
      return { sku: u.sku, invalid, fields };
    });
    return bulkUpdate(this.profile, entries, (body) => this.#sendBulk('updatePrice', body, options));
  }

  #sendBulk(operation: 'bulkStock' | 'updatePrice', body: Record<string, unknown>, options?: CallOptions) {
    // Absolute values: repeating a batch sets the same numbers again.
    return this.#requester.call(operation, {}, { body, idempotent: true, trafficClass: 'bulk' }, options);
  }

  // --- orders -------------------------------------------------------------------------------------

  listOrders(window: OrderWindow, options: ListOrdersOptions = {}): AsyncIterable<Order> {
    return { [Symbol.asyncIterator]: () => streamOrders(this.profile, this.#requester, window, options) };
  }

  async getOrder(orderId: string, options?: CallOptions): Promise<Order> {
    return decodeOrder(this.profile, await this.#requester.call('getOrder', { orderId }, {}, options));
  }

  async confirmOrder(orderId: string, options?: CallOptions): Promise<Order> {
    // The platform answers success for an already-confirmed order, so a repeat is harmless.
    const data = await this.#requester.call(
      'confirmOrder',
      { orderId },
      { body: {}, idempotent: true },
      options,
    );
    return decodeOrder(this.profile, data);
  }

  async cancelOrder(orderId: string, reason: string, options?: CallOptions): Promise<Order> {
    // Cancelling an already-cancelled order succeeds unchanged: safe to repeat.
    const body = encodeCancel(this.profile, reason);
    const data = await this.#requester.call('cancelOrder', { orderId }, { body, idempotent: true }, options);
    return decodeOrder(this.profile, data);
  }

  async markShipped(orderId: string, shipped: ShippedInfo, options?: CallOptions): Promise<Order> {
    // The same tracking number again succeeds unchanged: safe to repeat.
    const body = encodeShipped(this.profile, shipped);
    const data = await this.#requester.call('markShipped', { orderId }, { body, idempotent: true }, options);
    return decodeOrder(this.profile, data);
  }

  // --- webhooks -----------------------------------------------------------------------------------

  verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean {
    const secret = this.#options.webhookSecret ?? this.#options.credentials.webhookSecret;
    if (!secret) return false;
    return verifyProfileWebhook(this.profile, secret, rawBody, headers, this.#now());
  }

  parseWebhook(rawBody: string | Buffer): MarketplaceEvent {
    return parseProfileWebhook(this.profile, rawBody);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
