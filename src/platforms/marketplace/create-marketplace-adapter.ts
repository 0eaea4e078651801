import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TokenStore } from '../../core/auth/types.js';
import { ConfigurationError, NotFoundError, OcopConnectError, ValidationError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { createPlatformClient } from '../../core/platform-client.js';
import type { RetryPolicy } from '../../core/retry-policy.js';
import type { ApiRequest, CallOptions, PlatformClient, RateLimitsOption } from '../../core/types.js';
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
  MarketplaceAdapter,
  MarketplaceCapabilities,
  MarketplaceEvent,
  OrderWindow,
  PriceUpdate,
  RemoteListing,
  ShippedInfo,
  StockUpdate,
  UploadedImage,
} from '../types.js';
import { type BulkItem, runBulk } from './bulk-update.js';
import { listingIdempotencyKey } from './content-hash.js';
import { createProfileErrorMapper, unwrapData } from './error-mapping.js';
import { resolveListingAttributes } from './listing-attributes.js';
import {
  type CategoryAttributeDetail,
  decodeCategoryAttribute,
  decodeListing,
  encodeListing,
  typedId,
} from './listing-codec.js';
import { charCount, checkListingRules, listingIssue } from './listing-rules.js';
import { getPath, isRecord, setPath } from './object-path.js';
import { decodeOrder, platformCarrier } from './order-codec.js';
import {
  decodeOrderCheckpoint,
  encodeOrderCheckpoint,
  type OrderCheckpoint,
  splitWindow,
} from './order-window.js';
import { encodePlatformTime } from './platform-time.js';
import { type MarketplaceProfileOverride, mergeProfile, parseProfile } from './profile.js';
import { checkCredentials, createProfileAuth, type MarketplaceCredentials } from './profile-auth.js';
import type {
  MarketplaceOperation,
  MarketplaceProfile,
  MarketplaceProfileInput,
  PagingSpec,
} from './profile-schema.js';
import { fillPath, fillRecord, type TemplateVars } from './templates.js';
import { parseProfileWebhook, verifyProfileWebhook } from './webhook.js';

/** How long fetched category attributes are reused. */
export const DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS = 60 * 60_000;

export interface MarketplaceAdapterOptions {
  /** Secrets the profile's auth needs, e.g. `{ username, password }` (Voso) or `+ customerCode` (Postmart). */
  credentials: MarketplaceCredentials;
  /**
   * Which seller account this is (limiters, tokens and logs are per account).
   * @default credentials.username ?? credentials.partnerId ?? credentials.appKey
   */
  account?: string;
  /** Overrides `profile.baseUrl`, e.g. a sandbox URL. */
  baseUrl?: string;
  /** Deep-partial patch over the built-in profile (paths, field names, limits ...). */
  profile?: MarketplaceProfileOverride;
  /** Shared secret for webhook signatures (from the seller centre). Without it `verifyWebhook` is false. */
  webhookSecret?: string;
  /** pino logger; a child per platform/account is derived. @default silent */
  logger?: Logger;
  /** @default 30 000 */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Replaces the profile's rate limits. */
  rateLimits?: RateLimitsOption;
  /** Persists login tokens between runs. @default in memory */
  tokenStore?: TokenStore;
  /** @default DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS */
  categoryAttributesTtlMs?: number;
  /** Clock (epoch ms) for token expiry and webhook replay checks. @default Date.now */
  now?: () => number;
  userAgent?: string;
}

/** A marketplace adapter built from a profile; exposes the resolved profile for tooling. */
export interface ProfileMarketplaceAdapter extends MarketplaceAdapter {
  readonly profile: MarketplaceProfile;
  /** The request pipeline of this adapter (events: request, retry, rateLimited, auth). */
  readonly client: PlatformClient;
  /** Attribute values a listing of `product` gets here: derived, then mapping defaults, then the product's own. */
  resolveAttributes(product: Product, mapping?: CategoryMapping): Record<string, string>;
  /** `getCategoryAttributes` with the platform type information (`type`, `min`, `max`). */
  getCategoryAttributeDetails(categoryId: string, options?: CallOptions): Promise<CategoryAttributeDetail[]>;
}

const OptionsSchema = z.strictObject({
  credentials: z.record(z.string(), z.string()),
  account: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
  profile: z.unknown().optional(),
  webhookSecret: z.string().min(1).optional(),
  logger: z.unknown().optional(),
  timeoutMs: z.number().int().positive().optional(),
  retry: z.record(z.string(), z.unknown()).optional(),
  rateLimits: z.record(z.string(), z.unknown()).optional(),
  tokenStore: z.unknown().optional(),
  categoryAttributesTtlMs: z.number().int().min(0).optional(),
  now: z.function().optional(),
  userAgent: z.string().min(1).optional(),
});

const CANCEL_REASON_TEXT: Record<string, string> = {
  out_of_stock: 'Hết hàng',
  buyer_request: 'Người mua yêu cầu hủy',
  wrong_price: 'Sai giá sản phẩm',
  cannot_ship: 'Không giao được hàng',
};

/** Bodies and reasons: platforms cap free text; clip on a character boundary, never mid-character. */
const CANCEL_REASON_MAX_CHARS = 255;

function buildMultipart(fieldName: string, image: ImageUpload): { body: Buffer; contentType: string } {
  const boundary = `----ocop${randomBytes(12).toString('hex')}`;
  const extension = image.contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${image.contentHash.slice(0, 16)}.${extension}"\r\n` +
      `Content-Type: ${image.contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    body: Buffer.concat([head, image.bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Implements `MarketplaceAdapter` from a profile, through the core request pipeline (one client per
 * adapter instance, so limiters and tokens belong to this account only).
 */
export function createMarketplaceAdapter(
  base: MarketplaceProfile | MarketplaceProfileInput,
  options: MarketplaceAdapterOptions,
): ProfileMarketplaceAdapter {
  const problems: string[] = [];
  const parsedOptions = OptionsSchema.safeParse(options ?? {});
  if (!parsedOptions.success) {
    for (const issue of parsedOptions.error.issues)
      problems.push(`${issue.path.join('.') || 'options'}: ${issue.message}`);
  }
  let profile: MarketplaceProfile | undefined;
  try {
    profile = parseProfile(options?.profile ? mergeProfile(base, options.profile) : base);
  } catch (error) {
    if (error instanceof ConfigurationError) problems.push(...error.problems);
    else throw error;
  }
  if (profile) problems.push(...checkCredentials(profile, options?.credentials));
  if (problems.length > 0 || !profile) {
    throw new ConfigurationError(`Invalid ${profile?.platform ?? 'marketplace'} adapter options`, problems);
  }
  return new ProfileAdapter(profile, options);
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
  readonly #attributeCache = new Map<string, { atMs: number; value: Promise<CategoryAttributeDetail[]> }>();

  constructor(profile: MarketplaceProfile, options: MarketplaceAdapterOptions) {
    this.profile = profile;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.platform = profile.platform;
    const credentials = options.credentials;
    this.account =
      options.account ?? credentials.username ?? credentials.partnerId ?? credentials.appKey ?? 'default';
    const rules = profile.rules;
    this.capabilities = {
      maxVariantTiers: rules.maxVariantTiers,
      idempotentCreate: profile.idempotency.mode === 'header',
      bulkStock: profile.maxBatch > 1,
      maxStockBatch: profile.maxBatch,
      priceUpdate: profile.capabilities.priceUpdate,
      listingReview: profile.capabilities.listingReview,
      webhooks: profile.capabilities.webhooks,
      maxOrderWindowMs: profile.orderWindow.maxWindowMs,
    };
    this.listingRules = {
      titleMaxChars: rules.titleMaxChars,
      descriptionMaxChars: rules.descriptionMaxChars,
      image: rules.image,
      requiredAttributes: rules.requiredAttributes,
    };
    const loginFields = profile.auth.type === 'hmac' ? [] : Object.keys(profile.auth.body);
    // Assigned before any request can run: the auth strategy logs in through this same client.
    let client: PlatformClient | undefined;
    const auth = createProfileAuth({
      profile,
      account: this.account,
      credentials,
      ...(options.tokenStore ? { tokenStore: options.tokenStore } : {}),
      now: this.#now,
      send: (request, callOptions) => client!.request(request, callOptions),
    });
    client = createPlatformClient({
      platform: profile.platform,
      account: this.account,
      baseUrl: options.baseUrl ?? profile.baseUrl,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      rateLimits: options.rateLimits ?? profile.rateLimits,
      ...(options.retry ? { retry: options.retry } : {}),
      auth,
      mapError: createProfileErrorMapper(profile, this.#now),
      // Login bodies carry the password under platform-specific names (PASSWORD, matKhau ...).
      redaction: { bodyFields: loginFields.filter((f) => /pass|secret|key|mat_?khau/i.test(f)) },
      ...(profile.idempotency.mode === 'header' ? { idempotencyHeader: profile.idempotency.header } : {}),
      requestIdHeader: profile.requestIdHeader,
    });
    this.client = client;
  }

  // ------------------------------------------------------------------------------------------------
  // Requests
  // ------------------------------------------------------------------------------------------------

  #vars(vars: {
    listingId?: string;
    sku?: string;
    orderId?: string;
    categoryId?: string;
    parentId?: string;
  }): TemplateVars {
    const ids = this.profile.ids;
    return {
      listingId: vars.listingId !== undefined ? typedId(vars.listingId, ids.listing) : undefined,
      sku: vars.sku,
      orderId: vars.orderId !== undefined ? typedId(vars.orderId, ids.order) : undefined,
      categoryId: vars.categoryId !== undefined ? typedId(vars.categoryId, ids.category) : undefined,
      parentId: vars.parentId !== undefined ? typedId(vars.parentId, ids.category) : undefined,
    };
  }

  /** One profile operation → one pipeline request; returns the unwrapped payload. */
  async #call(
    operation: MarketplaceOperation,
    vars: TemplateVars,
    extra: Partial<
      Pick<ApiRequest, 'body' | 'rawBody' | 'contentType' | 'idempotent' | 'recover' | 'trafficClass'>
    > & {
      query?: Record<string, string | number | undefined>;
    },
    options?: CallOptions,
  ): Promise<unknown> {
    const endpoint = this.profile.endpoints[operation];
    const templateBody = endpoint.body ? fillRecord(endpoint.body, vars) : undefined;
    let body = extra.body;
    if (templateBody) body = { ...(isRecord(body) ? body : {}), ...templateBody };
    const query = { ...fillRecord(endpoint.query, vars), ...extra.query };
    const response = await this.client.request(
      {
        operation,
        method: endpoint.method,
        path: fillPath(endpoint.path, vars),
        ...(Object.keys(query).length > 0 ? { query } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(extra.rawBody ? { rawBody: extra.rawBody } : {}),
        ...(extra.contentType ? { contentType: extra.contentType } : {}),
        ...(extra.idempotent !== undefined ? { idempotent: extra.idempotent } : {}),
        ...(extra.recover ? { recover: extra.recover } : {}),
        ...(extra.trafficClass ? { trafficClass: extra.trafficClass } : {}),
      },
      options,
    );
    // A recovered write already holds the looked-up (unwrapped) object.
    return response.recovered ? response.data : unwrapData(this.profile, response.data);
  }

  // ------------------------------------------------------------------------------------------------
  // Rules and catalogue
  // ------------------------------------------------------------------------------------------------

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
      const data = await this.#call('categories', this.#vars({}), {}, options);
      const walk = (nodes: unknown) => {
        for (const node of Array.isArray(nodes) ? nodes : []) {
          out.push(this.#decodeCategory(node, undefined));
          walk(getPath(node, mode.childrenPath));
        }
      };
      walk(data);
      return out;
    }
    const queue = [mode.rootParentId];
    while (queue.length > 0) {
      const parentId = queue.shift()!;
      const data = await this.#call('categories', this.#vars({ parentId }), {}, options);
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
    const id = getPath(node, f.id);
    const parent = getPath(node, f.parentId);
    const parentId = parent === undefined || parent === null ? undefined : String(parent);
    const isRoot = parentId === undefined || parentId === '0' || parentId === '' || parentId === rootParentId;
    const name = getPath(node, f.name);
    return {
      id: String(id),
      name: typeof name === 'string' ? name : String(id),
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
    const value = this.#call('categoryAttributes', this.#vars({ categoryId }), {}, options).then((data) =>
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
    const data = await this.#call(
      'uploadImage',
      this.#vars({}),
      // An orphan image from a repeated upload costs storage, never a duplicate listing.
      { rawBody: encoded.body, contentType: encoded.contentType, idempotent: true },
      options,
    );
    const f = this.profile.fields.image;
    const id = getPath(data, f.id);
    const url = f.url ? getPath(data, f.url) : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new OcopConnectError('contract_violation', `${this.platform} uploadImage answer has no ${f.id}`, {
        platform: this.platform,
        operation: 'uploadImage',
      });
    }
    return { imageId: String(id), ...(typeof url === 'string' ? { url } : {}) };
  }

  // ------------------------------------------------------------------------------------------------
  // Listings
  // ------------------------------------------------------------------------------------------------

  async #rawListingBySku(sku: string, options?: CallOptions): Promise<unknown | undefined> {
    try {
      return await this.#call('getListingBySku', this.#vars({ sku }), {}, options);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async findListingBySku(sku: string, options?: CallOptions): Promise<RemoteListing | undefined> {
    const raw = await this.#rawListingBySku(sku, options);
    return raw === undefined ? undefined : decodeListing(this.profile, raw);
  }

  /** Rules first (no HTTP), then the category's own required attributes (a cached read, still no write). */
  async #prepareListing(draft: ListingDraft, options?: CallOptions): Promise<Record<string, unknown>> {
    const mapping: CategoryMapping = { categoryId: draft.categoryId, attributes: draft.attributes };
    const issues = this.checkListing(draft.product, mapping);
    const images = this.profile.rules.image;
    const platform = this.profile.displayName;
    const at = {
      path: 'images',
      sku: draft.product.sku,
      platform: this.platform,
      value: draft.imageIds.length,
    };
    if (draft.imageIds.length < images.minCount) {
      issues.push(
        listingIssue('images.min_count', { n: draft.imageIds.length, min: images.minCount, platform }, at),
      );
    }
    if (draft.imageIds.length > images.maxCount) {
      issues.push(
        listingIssue('images.max_count', { n: draft.imageIds.length, max: images.maxCount, platform }, at),
      );
    }
    this.#throwIfIssues(draft.product, issues);
    const attributes = await this.getCategoryAttributeDetails(draft.categoryId, options);
    for (const attribute of attributes) {
      if (attribute.required && !draft.attributes[attribute.code]) {
        issues.push(
          listingIssue(
            'attributes.required',
            { code: attribute.code, platform },
            { path: `attributes.${attribute.code}`, sku: draft.product.sku, platform: this.platform },
          ),
        );
      }
      const value = draft.attributes[attribute.code];
      if (value !== undefined && attribute.values && !attribute.values.includes(value)) {
        issues.push(
          listingIssue(
            'attributes.not_allowed',
            { code: attribute.code, value, allowed: attribute.values.join(', '), platform },
            { path: `attributes.${attribute.code}`, value, sku: draft.product.sku, platform: this.platform },
          ),
        );
      }
    }
    this.#throwIfIssues(draft.product, issues);
    return encodeListing(this.profile, draft, attributes);
  }

  #throwIfIssues(product: Product, issues: ValidationIssue[]): void {
    if (issues.length === 0) return;
    throw new ValidationError(
      `${product.sku} breaks ${issues.length} ${this.profile.displayName} listing rule(s): ${issues.map((i) => i.rule).join(', ')}`,
      issues,
      { platform: this.platform },
    );
  }

  async createListing(draft: ListingDraft, options: CallOptions = {}): Promise<RemoteListing> {
    const body = await this.#prepareListing(draft, options);
    const sku = draft.product.sku;
    let data: unknown;
    if (this.profile.idempotency.mode === 'header') {
      const idempotencyKey =
        options.idempotencyKey ?? listingIdempotencyKey(this.platform, this.account, sku, body);
      data = await this.#call(
        'createListing',
        this.#vars({ sku }),
        { body, idempotent: true },
        { ...options, idempotencyKey },
      );
    } else {
      data = await this.#call(
        'createListing',
        this.#vars({ sku }),
        {
          body,
          // No idempotency key on this platform: never re-send blindly; look the SKU up first.
          idempotent: false,
          recover: () =>
            this.#rawListingBySku(sku, { ...(options.signal ? { signal: options.signal } : {}) }),
        },
        options,
      );
    }
    return decodeListing(this.profile, data);
  }

  async updateListing(remoteId: string, draft: ListingDraft, options?: CallOptions): Promise<RemoteListing> {
    const body = await this.#prepareListing(draft, options);
    const data = await this.#call(
      'updateListing',
      this.#vars({ listingId: remoteId, sku: draft.product.sku }),
      // Absolute replacement (stock of existing variants is ignored by the platform): safe to repeat.
      { body, idempotent: true },
      options,
    );
    return decodeListing(this.profile, data);
  }

  listListings(options?: CallOptions): AsyncIterable<RemoteListing> {
    const paging = this.profile.pagination.listings;
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const raw of self.#pages('listListings', paging, options))
          yield decodeListing(self.profile, raw);
      },
    };
  }

  /** Offset / page / cursor paging of a list endpoint, item by item. */
  async *#pages(
    operation: MarketplaceOperation,
    paging: PagingSpec,
    options?: CallOptions,
  ): AsyncGenerator<unknown> {
    let offset = 0;
    let page = paging.style === 'page' ? paging.firstPage : 0;
    let cursor: string | undefined;
    for (let guard = 0; guard < 100_000; guard++) {
      const query: Record<string, string | number> = {};
      if (paging.style === 'offset')
        Object.assign(query, { [paging.offsetParam]: offset, [paging.limitParam]: paging.pageSize });
      else if (paging.style === 'page')
        Object.assign(query, { [paging.pageParam]: page, [paging.sizeParam]: paging.pageSize });
      else {
        query[paging.sizeParam] = paging.pageSize;
        if (cursor) query[paging.cursorParam] = cursor;
      }
      const data = await this.#call(operation, this.#vars({}), { query }, options);
      const items = getPath(data, paging.itemsPath);
      const list = Array.isArray(items) ? items : [];
      yield* list;
      if (paging.style === 'cursor') {
        const next = getPath(data, paging.nextCursorPath);
        const hasMore = paging.hasMorePath ? getPath(data, paging.hasMorePath) !== false : true;
        if (typeof next !== 'string' || next === '' || !hasMore) return;
        cursor = next;
        continue;
      }
      const total = paging.totalPath ? getPath(data, paging.totalPath) : undefined;
      offset += list.length;
      page += 1;
      if (list.length < paging.pageSize || (typeof total === 'number' && offset >= total)) return;
    }
  }

  async setStock(updates: readonly StockUpdate[], options?: CallOptions): Promise<ItemResult[]> {
    const f = this.profile.fields.bulk;
    const max = this.profile.rules.maxStock;
    return this.#bulk(
      'bulkStock',
      updates.map((u) => ({
        sku: u.sku,
        invalid:
          !Number.isInteger(u.quantity) || u.quantity < 0 || u.quantity > max
            ? `Stock must be a whole number from 0 to ${max}`
            : undefined,
        fields: { [f.stock]: u.quantity },
      })),
      options,
    );
  }

  async setPrice(updates: readonly PriceUpdate[], options?: CallOptions): Promise<ItemResult[]> {
    const f = this.profile.fields.bulk;
    const { minPriceVnd, maxPriceVnd } = this.profile.rules;
    return this.#bulk(
      'updatePrice',
      updates.map((u) => {
        const fields: Record<string, number> = { [f.priceVnd]: u.priceVnd };
        if (f.listPriceVnd && u.listPriceVnd !== undefined) fields[f.listPriceVnd] = u.listPriceVnd;
        const valid = Number.isInteger(u.priceVnd) && u.priceVnd >= minPriceVnd && u.priceVnd <= maxPriceVnd;
        return {
          sku: u.sku,
          invalid: valid ? undefined : `Price must be whole VND from ${minPriceVnd} to ${maxPriceVnd}`,
          fields,
        };
      }),
      options,
    );
  }

  /** Local checks, then batches of the platform maximum; one result per distinct SKU, input order. */
  async #bulk(
    operation: 'bulkStock' | 'updatePrice',
    entries: { sku: string; invalid: string | undefined; fields: Record<string, number> }[],
    options?: CallOptions,
  ): Promise<ItemResult[]> {
    const f = this.profile.fields.bulk;
    const local = new Map<string, ItemResult>();
    const latest = new Map<string, BulkItem>();
    const order: string[] = [];
    for (const entry of entries) {
      if (!order.includes(entry.sku)) order.push(entry.sku);
      if (entry.invalid) {
        local.set(entry.sku, {
          sku: entry.sku,
          ok: false,
          code: 'INVALID_VALUE',
          message: entry.invalid,
          retriable: false,
        });
        latest.delete(entry.sku);
        continue;
      }
      local.delete(entry.sku);
      // A SKU twice in one call: the last value wins (the platform would reject the duplicate).
      const body: Record<string, unknown> = {};
      setPath(body, f.sku, entry.sku);
      for (const [path, value] of Object.entries(entry.fields)) setPath(body, path, value);
      latest.set(entry.sku, { sku: entry.sku, body });
    }
    const remote = await runBulk(this.profile, [...latest.values()], async (batch) => {
      const body: Record<string, unknown> = {};
      setPath(
        body,
        f.items,
        batch.map((item) => item.body),
      );
      // Absolute values: repeating a batch sets the same numbers again.
      return this.#call(operation, this.#vars({}), { body, idempotent: true, trafficClass: 'bulk' }, options);
    });
    return order.map((sku) => local.get(sku) ?? remote.get(sku)!);
  }

  // ------------------------------------------------------------------------------------------------
  // Orders
  // ------------------------------------------------------------------------------------------------

  listOrders(window: OrderWindow, options: ListOrdersOptions = {}): AsyncIterable<Order> {
    return {
      [Symbol.asyncIterator]: () => this.#orders(window, options),
    };
  }

  async *#orders(window: OrderWindow, options: ListOrdersOptions): AsyncGenerator<Order> {
    const spec = this.profile.orderWindow;
    const paging = this.profile.pagination.orders;
    if (paging.style !== 'cursor') return; // parseProfile guarantees cursor paging
    const by = window.by ?? 'updated';
    if (by !== spec.filter) {
      throw new ValidationError(`${this.profile.displayName} lists orders by ${spec.filter} time only`, [
        {
          path: 'window.by',
          value: by,
          code: 'orders.window_filter',
          messageVi: `${this.profile.displayName} chỉ lọc đơn hàng theo thời gian ${spec.filter === 'updated' ? 'cập nhật' : 'tạo'}`,
          messageEn: `${this.profile.displayName} filters orders by ${spec.filter} time only`,
          platform: this.platform,
          rule: 'orders.window_filter',
        },
      ]);
    }
    const { callOptions, onCheckpoint, resume } = this.#orderResume(options);
    let from = window.from;
    let carried: OrderCheckpoint | undefined;
    if (resume?.c !== undefined && resume.e !== undefined) {
      // Mid-window: finish that sub-window from its cursor, then continue after it.
      carried = resume;
      from = new Date(Math.max(window.from.getTime(), resume.e));
    } else if (resume) {
      from = new Date(Math.max(window.from.getTime(), resume.s));
    }
    const windows = [
      ...(carried ? [{ from: new Date(carried.s), to: new Date(carried.e!), cursor: carried.c }] : []),
      ...splitWindow(from, window.to, spec.maxWindowMs).map((w) => ({
        ...w,
        cursor: undefined as string | undefined,
      })),
    ];
    for (const sub of windows) {
      let cursor = sub.cursor;
      for (;;) {
        const query: Record<string, string | number> = { [paging.sizeParam]: paging.pageSize };
        if (!cursor || paging.repeatFilters) {
          query[spec.fromParam] = encodePlatformTime(
            sub.from,
            this.profile.time.format,
            this.profile.time.utcOffset,
          );
          query[spec.toParam] = encodePlatformTime(
            sub.to,
            this.profile.time.format,
            this.profile.time.utcOffset,
          );
        }
        if (cursor) query[paging.cursorParam] = cursor;
        const data = await this.#call('listOrders', this.#vars({}), { query }, callOptions);
        const items = getPath(data, paging.itemsPath);
        // Decode the whole page before yielding any of it: a malformed order fails the page, not half of it.
        const orders = (Array.isArray(items) ? items : []).map((raw) => decodeOrder(this.profile, raw));
        for (const order of orders) yield order;
        const next = getPath(data, paging.nextCursorPath);
        const hasMore = paging.hasMorePath ? getPath(data, paging.hasMorePath) !== false : true;
        if (typeof next === 'string' && next !== '' && hasMore) {
          cursor = next;
          await onCheckpoint?.(
            encodeOrderCheckpoint({ s: sub.from.getTime(), e: sub.to.getTime(), c: next }),
          );
          continue;
        }
        await onCheckpoint?.(encodeOrderCheckpoint({ s: sub.to.getTime() }));
        break;
      }
    }
  }

  #orderResume(options: ListOrdersOptions): {
    callOptions: CallOptions;
    onCheckpoint: ListOrdersOptions['onCheckpoint'];
    resume: OrderCheckpoint | undefined;
  } {
    const { cursor, onCheckpoint, ...callOptions } = options;
    let resume: OrderCheckpoint | undefined;
    if (cursor !== undefined) {
      resume = decodeOrderCheckpoint(cursor);
      if (!resume) {
        throw new ValidationError('The order checkpoint is not one this adapter wrote', [
          {
            path: 'cursor',
            value: cursor,
            code: 'orders.checkpoint',
            messageVi: 'Điểm tiếp tục (checkpoint) đơn hàng không hợp lệ',
            messageEn: 'The order checkpoint is not valid',
            platform: this.platform,
          },
        ]);
      }
    }
    return { callOptions, onCheckpoint, resume };
  }

  async getOrder(orderId: string, options?: CallOptions): Promise<Order> {
    return decodeOrder(this.profile, await this.#call('getOrder', this.#vars({ orderId }), {}, options));
  }

  async confirmOrder(orderId: string, options?: CallOptions): Promise<Order> {
    // The platform answers success for an already-confirmed order, so a repeat is harmless.
    const data = await this.#call(
      'confirmOrder',
      this.#vars({ orderId }),
      { body: {}, idempotent: true },
      options,
    );
    return decodeOrder(this.profile, data);
  }

  async cancelOrder(orderId: string, reason: string, options?: CallOptions): Promise<Order> {
    const f = this.profile.fields.cancel;
    const codes = this.profile.codes.cancelReasons;
    const key = reason.trim().toLowerCase();
    const known = key !== 'other' && Object.hasOwn(codes, key) ? (key as keyof typeof codes) : undefined;
    const text = known ? (CANCEL_REASON_TEXT[known] ?? reason) : reason.trim() || 'Khác';
    const body: Record<string, unknown> = {};
    setPath(body, f.reasonCode, known ? codes[known] : codes.other);
    setPath(
      body,
      f.reason,
      charCount(text) > CANCEL_REASON_MAX_CHARS
        ? [...text.normalize('NFC')].slice(0, CANCEL_REASON_MAX_CHARS).join('')
        : text,
    );
    const data = await this.#call(
      'cancelOrder',
      this.#vars({ orderId }),
      { body, idempotent: true },
      options,
    );
    return decodeOrder(this.profile, data);
  }

  async markShipped(orderId: string, shipped: ShippedInfo, options?: CallOptions): Promise<Order> {
    const f = this.profile.fields.ship;
    const body: Record<string, unknown> = {};
    setPath(body, f.carrier, platformCarrier(this.profile, shipped.carrier));
    setPath(body, f.trackingNumber, shipped.trackingNumber);
    // Same tracking number again succeeds unchanged on the platform: safe to repeat.
    const data = await this.#call(
      'markShipped',
      this.#vars({ orderId }),
      { body, idempotent: true },
      options,
    );
    return decodeOrder(this.profile, data);
  }

  // ------------------------------------------------------------------------------------------------
  // Webhooks
  // ------------------------------------------------------------------------------------------------

  verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean {
    const secret = this.#options.webhookSecret;
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
