import { ConfigurationError, NotFoundError } from '../../core/errors.js';
import type { CallOptions, PlatformClient } from '../../core/types.js';
import type { CancelReason, Order } from '../../model/order.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import { createMemoryMarketplaceShipmentStore } from '../marketplace-state.js';
import type {
  Category,
  CategoryAttribute,
  CategoryMapping,
  HeaderBag,
  ImageUpload,
  ItemResult,
  ListingDraft,
  ListingRules,
  ListingSkuAssignment,
  ListOrdersOptions,
  MarketplaceCapabilities,
  MarketplaceEvent,
  OrderWindow,
  PriceUpdate,
  RemoteListing,
  ShippedInfo,
  ShopListing,
  StockUpdate,
  UploadedImage,
} from '../types.js';
import { adapterProblems } from './adapter-checks.js';
import {
  adapterOptionProblems,
  credentialNameProblems,
  DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS,
  type MarketplaceAdapterOptions,
  type ProfileMarketplaceAdapter,
} from './adapter-options.js';
import { CategoryAttributeCache } from './attribute-cache.js';
import {
  type BulkItem,
  bulkBody,
  bulkUpdate,
  priceEntries,
  readBulkResults,
  stockEntries,
} from './bulk-update.js';
import { checkCancelReason } from './cancel-reason.js';
import { fetchCategoryTree } from './category-tree.js';
import { createCodecs, type MarketplaceCodecs } from './codecs.js';
import { createHookContext } from './hook-context.js';
import type { MarketplaceHookContext, MarketplaceHooks } from './hooks.js';
import { uploadProfileImage } from './image-upload.js';
import { resolveListingAttributes } from './listing-attributes.js';
import { decodeListing } from './listing-codec.js';
import { createListingWithHook, createProfileListing } from './listing-create.js';
import { decodeShopListing, encodeSkuAssignment } from './listing-download.js';
import { prepareListing } from './listing-preparation.js';
import { checkListingRules, checkProduct } from './listing-rules.js';
import { guardAdapterMethods } from './method-arguments.js';
import { encodeCancel, encodeShipped, shippedCarrier } from './order-codec.js';
import {
  checkOrderWindow,
  type OrderPageFetcher,
  orderPagingHint,
  profileOrderPages,
  streamOrders,
} from './order-stream.js';
import { mergeProfile, parseProfile } from './profile.js';
import { capabilitiesOf, createProfileClient } from './profile-client.js';
import { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile, MarketplaceProfileInput } from './profile-schema.js';
import { explainSkuNotFound } from './sku-not-found.js';
import { parseProfileWebhook, verifyProfileWebhook } from './webhook.js';
import { adapterWebhookKeys, webhookAccountOf } from './webhook-keys.js';

export {
  DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS,
  type MarketplaceAdapterOptions,
  type ProfileMarketplaceAdapter,
} from './adapter-options.js';

/** The path a problem line names ("credentials.partnerid: … / …" → "credentials.partnerid"). */
const pathOf = (problem: string): string => problem.slice(0, problem.indexOf(':'));

/**
 * Implements `MarketplaceAdapter` from a profile, through the core request pipeline (one client per
 * adapter instance, so limiters and tokens belong to this account only). Options, profile (with the
 * override merged in) and credentials are validated together: one ConfigurationError lists every problem.
 */
export function createMarketplaceAdapter(
  base: MarketplaceProfile | MarketplaceProfileInput,
  options: MarketplaceAdapterOptions,
  hooks: MarketplaceHooks = {},
): ProfileMarketplaceAdapter {
  const problems = adapterOptionProblems(options);
  let profile: MarketplaceProfile | undefined;
  try {
    profile = parseProfile(options?.profile ? mergeProfile(base, options.profile) : base);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  if (profile) {
    problems.push(...adapterProblems(profile, options, hooks));
    // A misspelt credential (`partnerid`) is told its nearest name only: what its value must be is moot.
    const unknown = credentialNameProblems(profile, options);
    const misspelt = new Set(unknown.map(pathOf));
    const kept = problems.filter((problem) => !misspelt.has(pathOf(problem)));
    problems.splice(0, problems.length, ...kept, ...unknown);
  }
  if (problems.length > 0 || !profile) {
    const name = profile?.platform ?? 'marketplace';
    throw new ConfigurationError(
      { vi: `Tùy chọn adapter ${name} không hợp lệ`, en: `Invalid ${name} adapter options` },
      problems,
    );
  }
  return new ProfileAdapter(profile, options, hooks);
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
  readonly #hooks: MarketplaceHooks;
  readonly #ctx: MarketplaceHookContext;
  readonly #codecs: MarketplaceCodecs;
  readonly #attributes: CategoryAttributeCache;

  constructor(profile: MarketplaceProfile, options: MarketplaceAdapterOptions, hooks: MarketplaceHooks) {
    const credentials = options.credentials;
    this.profile = profile;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.platform = profile.platform;
    this.account =
      options.account ?? credentials.username ?? credentials.partnerId ?? credentials.appKey ?? 'default';
    this.capabilities = capabilitiesOf(profile, hooks);
    const { titleMaxChars, descriptionMaxChars, image, requiredAttributes } = profile.rules;
    this.listingRules = { titleMaxChars, descriptionMaxChars, image, requiredAttributes };
    this.client = createProfileClient(profile, options, this.account, this.#now, hooks);
    this.#requester = new ProfileRequester(profile, this.client);
    const ttlMs = options.categoryAttributesTtlMs ?? DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS;
    this.#attributes = new CategoryAttributeCache(profile, this.#requester, this.#now, ttlMs);
    this.#hooks = hooks;
    this.#codecs = createCodecs(profile, hooks.normalizeOrder);
    const store = options.store ?? createMemoryMarketplaceShipmentStore(this.#now);
    this.#ctx = createHookContext(profile, this.account, this.#codecs, this.#now, store, this.#requester);
  }

  /** Runs the operation's hook when the adapter has one. */
  #hook<K extends keyof MarketplaceHooks>(name: K): NonNullable<MarketplaceHooks[K]> | undefined {
    return this.#hooks[name] ?? undefined;
  }

  // --- rules and catalogue ------------------------------------------------------------------------

  checkListing(product: Product, mapping?: CategoryMapping): ValidationIssue[] {
    return checkListingRules(this.profile, product, mapping);
  }

  resolveAttributes(product: Product, mapping?: CategoryMapping): Record<string, string> {
    return resolveListingAttributes(this.profile, checkProduct(product, mapping), mapping);
  }

  async getCategories(options?: CallOptions): Promise<Category[]> {
    const hook = this.#hook('getCategories');
    if (hook) return hook(this.#ctx, options);
    return fetchCategoryTree(this.profile, this.#requester, options);
  }

  getCategoryAttributes(categoryId: string, options?: CallOptions): Promise<CategoryAttribute[]> {
    return this.#attributes.get(categoryId, options);
  }

  async uploadImage(image: ImageUpload, options?: CallOptions): Promise<UploadedImage> {
    const hook = this.#hook('uploadImage');
    if (hook) return hook(this.#ctx, image, options);
    return uploadProfileImage(this.profile, this.#requester, image, options);
  }

  // --- listings -----------------------------------------------------------------------------------

  async findListingBySku(sku: string, options?: CallOptions): Promise<RemoteListing | undefined> {
    const hook = this.#hook('findListingBySku');
    if (hook) return hook(this.#ctx, sku, options);
    try {
      return decodeListing(this.profile, await this.#requester.call('getListingBySku', { sku }, {}, options));
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  #prepare(draft: ListingDraft, options?: CallOptions): Promise<Record<string, unknown>> {
    return prepareListing(this.profile, draft, () => this.getCategoryAttributes(draft.categoryId, options));
  }

  async createListing(draft: ListingDraft, options: CallOptions = {}): Promise<RemoteListing> {
    const body = await this.#prepare(draft, options);
    const hook = this.#hook('createListing');
    const find = (sku: string, callOptions: CallOptions) => this.findListingBySku(sku, callOptions);
    if (hook) return createListingWithHook(hook, this.#ctx, find, draft, body, options);
    const deps = { profile: this.profile, account: this.account, requester: this.#requester };
    return createProfileListing({ ...deps, findListingBySku: find }, draft.product.sku, body, options);
  }

  async updateListing(remoteId: string, draft: ListingDraft, options?: CallOptions): Promise<RemoteListing> {
    const body = await this.#prepare(draft, options);
    const hook = this.#hook('updateListing');
    if (hook) return hook(this.#ctx, { remoteId, draft, body }, options);
    // Absolute replacement (stock of existing variants is ignored by the platform): safe to repeat.
    const vars = { listingId: remoteId, sku: draft.product.sku };
    const data = await this.#requester.call('updateListing', vars, { body, idempotent: true }, options);
    return decodeListing(this.profile, data);
  }

  listListings(options?: CallOptions): AsyncIterable<RemoteListing> {
    const hook = this.#hook('listListings');
    if (hook) return hook(this.#ctx, options);
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

  downloadListings(options?: CallOptions): AsyncIterable<ShopListing> {
    const { profile, account } = this;
    const hook = this.#hook('downloadListings');
    const ctx = this.#ctx;
    const requester = this.#requester;
    const raws = () =>
      hook ? hook(ctx, options) : requester.items('listListings', profile.pagination.listings, options);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const raw of raws()) yield decodeShopListing(profile, account, raw);
      },
    };
  }

  async setListingSkus(
    remoteId: string,
    skus: ListingSkuAssignment,
    options?: CallOptions,
  ): Promise<ShopListing> {
    const hook = this.#hook('setListingSkus');
    if (hook)
      return decodeShopListing(
        this.profile,
        this.account,
        await hook(this.#ctx, { remoteId, skus }, options),
      );
    // Absolute values: repeating the call writes the same SKUs again.
    const body = encodeSkuAssignment(this.profile, skus);
    const data = await this.#requester.call(
      'setListingSkus',
      { listingId: remoteId, sku: skus.sku },
      { body, idempotent: true },
      options,
    );
    return decodeShopListing(this.profile, this.account, data);
  }

  async setStock(updates: readonly StockUpdate[], options?: CallOptions): Promise<ItemResult[]> {
    const entries = stockEntries(this.profile, updates);
    const results = await bulkUpdate(this.profile, entries, (b) => this.#sendBulk('bulkStock', b, options));
    return explainSkuNotFound(this.platform, results, (sku, o) => this.findListingBySku(sku, o), options);
  }

  async setPrice(updates: readonly PriceUpdate[], options?: CallOptions): Promise<ItemResult[]> {
    const entries = priceEntries(this.profile, updates);
    const results = await bulkUpdate(this.profile, entries, (b) => this.#sendBulk('updatePrice', b, options));
    return explainSkuNotFound(this.platform, results, (sku, o) => this.findListingBySku(sku, o), options);
  }

  async #sendBulk(
    operation: 'bulkStock' | 'updatePrice',
    batch: readonly BulkItem[],
    options?: CallOptions,
  ): Promise<readonly ItemResult[]> {
    const hook = this.#hook(operation === 'bulkStock' ? 'sendStock' : 'sendPrice');
    if (hook) {
      const items = batch.map(({ sku, value, listPriceVnd }) => ({
        sku,
        value,
        ...(listPriceVnd !== undefined ? { listPriceVnd } : {}),
      }));
      return hook(this.#ctx, items, options);
    }
    // Absolute values: repeating a batch sets the same numbers again.
    const body = bulkBody(this.profile, batch);
    const data = await this.#requester.call(
      operation,
      {},
      { body, idempotent: true, trafficClass: 'bulk' },
      options,
    );
    return readBulkResults(this.profile, batch, data);
  }

  // --- orders -------------------------------------------------------------------------------------

  listOrders(window: OrderWindow, options: ListOrdersOptions = {}): AsyncIterable<Order> {
    checkOrderWindow(this.profile, window, options);
    const hook = this.#hook('fetchOrderPage');
    const fetchPage: OrderPageFetcher = hook
      ? (piece, position, callOptions) =>
          hook(this.#ctx, { ...piece, ...(position !== undefined ? { position } : {}) }, callOptions)
      : profileOrderPages(this.profile, this.#requester);
    const decode = this.#codecs.decodeOrder;
    const hint = orderPagingHint(this.profile, hook !== undefined);
    return {
      [Symbol.asyncIterator]: () => streamOrders(this.profile, fetchPage, decode, window, options, hint),
    };
  }

  async getOrder(orderId: string, options?: CallOptions): Promise<Order> {
    const hook = this.#hook('getOrder');
    if (hook) return hook(this.#ctx, orderId, options);
    return this.#codecs.decodeOrder(await this.#requester.call('getOrder', { orderId }, {}, options));
  }

  async confirmOrder(orderId: string, options?: CallOptions): Promise<Order> {
    const hook = this.#hook('confirmOrder');
    if (hook) return hook(this.#ctx, orderId, options);
    // The platform answers success for an already-confirmed order, so a repeat is harmless.
    return this.#orderWrite('confirmOrder', orderId, {}, options);
  }

  async cancelOrder(orderId: string, given: CancelReason, options?: CallOptions): Promise<Order> {
    // A code in another case ('out_of_stock') is the code, for the body and for a hook alike.
    const reason = checkCancelReason(given, this.profile.platform);
    const body = encodeCancel(this.profile, reason);
    const hook = this.#hook('cancelOrder');
    if (hook) return hook(this.#ctx, { orderId, reason, body }, options);
    // Cancelling an already-cancelled order succeeds unchanged: safe to repeat.
    return this.#orderWrite('cancelOrder', orderId, body, options);
  }

  async markShipped(orderId: string, given: ShippedInfo, options?: CallOptions): Promise<Order> {
    // "ViettelPost " is viettelpost: the canonical carrier is what is sent, and what a hook keeps.
    const shipped = { ...given, carrier: shippedCarrier(this.profile, given.carrier) };
    const body = encodeShipped(this.profile, shipped);
    const hook = this.#hook('markShipped');
    if (hook) return hook(this.#ctx, { orderId, shipped, body }, options);
    // The same tracking number again succeeds unchanged: safe to repeat.
    return this.#orderWrite('markShipped', orderId, body, options);
  }

  /** An order write every platform answers the same way when repeated (so sent as idempotent), decoded. */
  async #orderWrite(
    operation: 'confirmOrder' | 'cancelOrder' | 'markShipped',
    orderId: string,
    body: unknown,
    options: CallOptions | undefined,
  ): Promise<Order> {
    const data = await this.#requester.call(operation, { orderId }, { body, idempotent: true }, options);
    return this.#codecs.decodeOrder(data);
  }

  // --- webhooks -----------------------------------------------------------------------------------

  verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean {
    const keys = adapterWebhookKeys(this.profile, this.#options);
    return verifyProfileWebhook(this.profile, keys, rawBody, headers, this.#now());
  }

  parseWebhook(rawBody: string | Buffer): MarketplaceEvent {
    return parseProfileWebhook(this.profile, rawBody, webhookAccountOf(this.profile, this.#options));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

// Every public method's arguments are checked first, from one table (method-arguments.ts).
guardAdapterMethods(ProfileAdapter.prototype);
