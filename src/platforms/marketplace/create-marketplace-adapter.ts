import { createPublicKey } from 'node:crypto';
import {
  ConfigurationError,
  ContractViolationError,
  type ErrorKind,
  NotFoundError,
  OcopConnectError,
} from '../../core/errors.js';
import { createPlatformClient } from '../../core/platform-client.js';
import type { CallOptions, PlatformClient } from '../../core/types.js';
import type { CancelReason, Order } from '../../model/order.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import { createMemoryMarketplaceShipmentStore } from '../marketplace-state.js';
import type {
  Category,
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
import {
  adapterOptionProblems,
  DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS,
  type MarketplaceAdapterOptions,
  type ProfileMarketplaceAdapter,
} from './adapter-options.js';
import { assertBulkInput, rangeMessage } from './bulk-input.js';
import { type BulkItem, bulkBody, bulkUpdate, readBulkResults } from './bulk-update.js';
import { createCodecs, type MarketplaceCodecs } from './codecs.js';
import { listingIdempotencyKey } from './content-hash.js';
import { templateProblems } from './endpoint-checks.js';
import { createProfileErrorMapper } from './error-mapping.js';
import { HOOK_OPERATIONS, type MarketplaceHookContext, type MarketplaceHooks } from './hooks.js';
import { resolveListingAttributes } from './listing-attributes.js';
import { type CategoryAttributeDetail, decodeCategoryAttribute, decodeListing } from './listing-codec.js';
import { decodeShopListing, encodeSkuAssignment } from './listing-download.js';
import { prepareListing } from './listing-preparation.js';
import { checkListingRules } from './listing-rules.js';
import { buildMultipart } from './multipart.js';
import { getPath } from './object-path.js';
import { encodeCancel, encodeShipped } from './order-codec.js';
import { type OrderPageFetcher, orderPagingHint, profileOrderPages, streamOrders } from './order-stream.js';
import { mergeProfile, parseProfile } from './profile.js';
import { checkCredentials, createProfileAuth } from './profile-auth.js';
import { ProfileRequester } from './profile-requester.js';
import {
  MARKETPLACE_OPERATIONS,
  type MarketplaceOperation,
  type MarketplaceProfile,
  type MarketplaceProfileInput,
} from './profile-schema.js';
import { parseProfileWebhook, verifyProfileWebhook } from './webhook.js';

/** Waits before looking a lost create up again (ms): 0.5 s, then 2 s more. */
export const LOST_CREATE_LOOK_AGAIN_MS: readonly number[] = [500, 2_000];

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
    problems.push(...checkCredentials(profile, options?.credentials));
    problems.push(...coverageProblems(profile, hooks));
    problems.push(...webhookKeyProblems(profile, options));
    const shop = profile.webhook.accountCredential;
    if (shop && !options?.credentials?.[shop])
      problems.push(
        `credentials.${shop}: required to tell this shop's pushes from other shops' (webhook.accountPath)`,
      );
  }
  if (problems.length > 0 || !profile) {
    throw new ConfigurationError(`Invalid ${profile?.platform ?? 'marketplace'} adapter options`, problems);
  }
  return new ProfileAdapter(profile, options, hooks);
}

/** Every operation needs its endpoint or its hook; a custom auth needs its hook. */
function coverageProblems(profile: MarketplaceProfile, hooks: MarketplaceHooks): string[] {
  const problems: string[] = [];
  const hookOf = HOOK_OPERATIONS as Partial<Record<MarketplaceOperation, keyof MarketplaceHooks>>;
  for (const operation of MARKETPLACE_OPERATIONS) {
    const hook = hookOf[operation];
    if (profile.endpoints[operation] || (hook && hooks[hook])) continue;
    // Category attributes are optional when the category tree comes from a hook that has none to offer.
    problems.push(`endpoints.${operation}: missing (give the endpoint${hook ? ` or a ${hook} hook` : ''})`);
  }
  if (profile.auth.type === 'custom' && !hooks.auth)
    problems.push('hooks.auth: required by auth.type "custom"');
  if (hooks.profileProblems) problems.push(...hooks.profileProblems(profile));
  problems.push(...templateProblems(profile, hooks));
  const { accountPath, accountCredential } = profile.webhook;
  if (accountPath && !accountCredential)
    problems.push(
      'webhook.accountCredential: required with webhook.accountPath (which credential is this shop)',
    );
  return problems;
}

/**
 * RSA-signed pushes need the platform's public key, and only that: without a usable key every push
 * would be refused ("verifyWebhook false") with no sign of why, so it is refused when the adapter is
 * built. The key's text never appears in a problem.
 */
function webhookKeyProblems(profile: MarketplaceProfile, options: MarketplaceAdapterOptions): string[] {
  if (profile.webhook.algorithm !== 'rsa-sha256') return [];
  const problems: string[] = [];
  if (options?.webhookSecret !== undefined) {
    problems.push(
      "webhookSecret: webhook.algorithm 'rsa-sha256' verifies pushes with the platform's public key (webhookPublicKey), not a shared secret",
    );
  }
  const key = options?.webhookPublicKey ?? options?.credentials?.webhookPublicKey;
  if (!key) {
    problems.push(
      "webhookPublicKey: required by webhook.algorithm 'rsa-sha256' (the platform's PEM public key; default credentials.webhookPublicKey) — without it every push is refused",
    );
    return problems;
  }
  if (/PRIVATE KEY/.test(key)) {
    problems.push(
      "webhookPublicKey: is a private key; give the platform's PUBLIC key (-----BEGIN PUBLIC KEY-----) and keep private keys out of the adapter",
    );
    return problems;
  }
  try {
    const type = createPublicKey(key).asymmetricKeyType;
    if (type !== 'rsa' && type !== 'rsa-pss') {
      problems.push(
        `webhookPublicKey: is a ${type} key; webhook.algorithm 'rsa-sha256' needs an RSA public key`,
      );
    }
  } catch {
    problems.push(
      'webhookPublicKey: not a PEM public key (expected -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY----- or a PEM certificate)',
    );
  }
  return problems;
}

/** Failures after which a create may have happened on the platform (look before anything is re-sent). */
const UNCLEAR_OUTCOMES: ReadonlySet<ErrorKind> = new Set(['network', 'timeout', 'outcome_unknown', 'server']);

function isRemoteListing(value: unknown): value is RemoteListing {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RemoteListing).remoteId === 'string' &&
    Array.isArray((value as RemoteListing).variants)
  );
}

function capabilitiesOf(profile: MarketplaceProfile, hooks: MarketplaceHooks): MarketplaceCapabilities {
  return {
    maxVariantTiers: profile.rules.maxVariantTiers,
    idempotentCreate: profile.idempotency.mode === 'header',
    bulkStock: profile.maxBatch > 1,
    maxStockBatch: profile.maxBatch,
    priceUpdate: profile.capabilities.priceUpdate,
    listingReview: profile.capabilities.listingReview,
    webhooks: profile.capabilities.webhooks,
    maxOrderWindowMs: profile.orderWindow.maxWindowMs,
    listingDownload: profile.capabilities.listingDownload,
    sellerSkuUpdate: profile.endpoints.setListingSkus !== undefined || hooks.setListingSkus !== undefined,
  };
}

function createClient(
  profile: MarketplaceProfile,
  options: MarketplaceAdapterOptions,
  account: string,
  now: () => number,
  hooks: MarketplaceHooks,
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
    ...(hooks.auth ? { customAuth: hooks.auth } : {}),
  });
  const loginFields =
    profile.auth.type === 'login-token' || profile.auth.type === 'oauth2'
      ? Object.keys(profile.auth.body)
      : [];
  client = createPlatformClient({
    platform: profile.platform,
    account,
    baseUrl: options.baseUrl ?? profile.baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    rateLimits: options.rateLimits ?? profile.rateLimits,
    ...(options.limiter ? { limiter: options.limiter } : {}),
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

/** A value the profile read where it expected an id, for a message: never `[object Object]`. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `a list (${value.length} entries)`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    return `an object (keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''})`;
  }
  return JSON.stringify(value) ?? String(value);
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
  readonly #attributeCache = new Map<string, { atMs: number; value: Promise<CategoryAttributeDetail[]> }>();

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
    this.client = createClient(profile, options, this.account, this.#now, hooks);
    this.#requester = new ProfileRequester(profile, this.client);
    this.#hooks = hooks;
    this.#codecs = createCodecs(profile, hooks.normalizeOrder);
    const requester = this.#requester;
    const store = options.store ?? createMemoryMarketplaceShipmentStore(this.#now);
    const key = (orderId: string) => ({ platform: profile.platform, account: this.account, orderId });
    this.#ctx = {
      profile,
      platform: profile.platform,
      account: this.account,
      codecs: this.#codecs,
      now: this.#now,
      shipments: {
        get: async (orderId) => {
          const record = await store.getMarketplaceShipment(key(orderId));
          return record ? { carrier: record.carrier, trackingNumber: record.trackingNumber } : undefined;
        },
        put: async (orderId, shipped) => {
          await store.putMarketplaceShipment({ ...key(orderId), ...shipped });
        },
      },
      call: (endpoint, request = {}, callOptions) => {
        const { vars = {}, ...extra } = request;
        return requester.call(endpoint, vars, extra, callOptions);
      },
    };
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
    return resolveListingAttributes(this.profile, product, mapping);
  }

  async getCategories(options?: CallOptions): Promise<Category[]> {
    const hook = this.#hook('getCategories');
    if (hook) return hook(this.#ctx, options);
    const mode = this.profile.pagination.categories;
    const out: Category[] = [];
    if (mode.mode === 'tree') {
      const childrenPath = mode.childrenPath;
      const walk = (nodes: unknown, nestedParent: string | undefined) => {
        for (const node of nodes as unknown[]) {
          const category = this.#decodeCategory(node, undefined, nestedParent);
          out.push(category);
          const children = getPath(node, childrenPath);
          // A leaf may omit its children; anything present must be a list.
          if (children === undefined || children === null) continue;
          if (!Array.isArray(children)) {
            throw this.#badTree(
              `category ${category.id} has "${childrenPath}" that is not a list`,
              'childrenPath',
            );
          }
          walk(children, category.id);
        }
      };
      const top = await this.#requester.call('categories', {}, {}, options);
      // The top level must be a list; "no categories" would make every mapping look unknown.
      if (!Array.isArray(top)) throw this.#notAList('categories', 'the category tree');
      walk(top, undefined);
      this.#checkTree(out);
      return out;
    }
    const queue = [mode.rootParentId];
    while (queue.length > 0) {
      const parent = queue.shift()!;
      const data = await this.#requester.call('categories', { parentId: parent }, {}, options);
      if (!Array.isArray(data)) throw this.#notAList('categories', 'a category level');
      if (data.length === 0 && parent !== mode.rootParentId) {
        const f = this.profile.fields.category;
        throw this.#badTree(
          `category ${parent} says it has children ("${f.leaf ?? f.hasChildren}") but its level is empty`,
          f.leaf ? 'leaf' : 'hasChildren',
        );
      }
      for (const node of data) {
        const category = this.#decodeCategory(
          node,
          mode.rootParentId,
          parent === mode.rootParentId ? undefined : parent,
        );
        out.push(category);
        if (!category.leaf) queue.push(category.id);
      }
    }
    this.#checkTree(out);
    return out;
  }

  /** A list the profile says is there but is not: the profile does not fit, and "empty" would be a lie. */
  #notAList(operation: string, what: string): ContractViolationError {
    return new ContractViolationError(
      `${this.platform} ${operation}: ${what} is not a list where the profile says (check its data paths)`,
      { platform: this.platform, operation },
    );
  }

  /** The category tree does not hold together: name the profile paths that most likely do not fit. */
  #badTree(
    what: string,
    ...fields: ('childrenPath' | 'parentId' | 'hasChildren' | 'leaf')[]
  ): ContractViolationError {
    const mode = this.profile.pagination.categories;
    const f = this.profile.fields.category;
    const paths = fields.map((field) =>
      field === 'childrenPath'
        ? `pagination.categories.childrenPath ("${mode.mode === 'tree' ? mode.childrenPath : ''}")`
        : field === 'parentId'
          ? f.parentId
            ? `fields.category.parentId ("${f.parentId}")`
            : 'fields.category.parentId (none: the parent comes from nesting)'
          : field === 'leaf'
            ? `fields.category.leaf ("${f.leaf}")`
            : `fields.category.hasChildren ("${f.hasChildren}")`,
    );
    return new ContractViolationError(
      `${this.platform} categories: ${what}; check ${paths.join(' and ')} — a wrong tree would send listings to the wrong category`,
      { platform: this.platform, operation: 'categories' },
    );
  }

  /**
   * The whole tree must hold together: every parent named exists, every category that says it has
   * children has some, no leaf has children, and there is at least one leaf. A mistyped childrenPath,
   * parentId or hasChildren shows as one of these, never as a quietly wrong tree.
   */
  #checkTree(categories: readonly Category[]): void {
    const f = this.profile.fields.category;
    const flag: 'leaf' | 'hasChildren' = f.leaf !== undefined ? 'leaf' : 'hasChildren';
    if (categories.length === 0) throw this.#notAList('categories', 'the category tree (it is empty)');
    const ids = new Set(categories.map((c) => c.id));
    const withChildren = new Set<string>();
    for (const c of categories) {
      if (c.parentId === undefined) continue;
      if (!ids.has(c.parentId)) {
        throw this.#badTree(
          `category ${c.id} names parent ${c.parentId}, which is not in the tree`,
          'parentId',
        );
      }
      withChildren.add(c.parentId);
    }
    for (const c of categories) {
      if (c.leaf && withChildren.has(c.id)) {
        throw this.#badTree(`category ${c.id} is marked as a leaf but has children`, flag);
      }
      if (!c.leaf && !withChildren.has(c.id)) {
        const mode = this.profile.pagination.categories.mode;
        throw mode === 'tree'
          ? this.#badTree(
              `category ${c.id} says it has children but none are in the tree`,
              'childrenPath',
              'parentId',
              flag,
            )
          : this.#badTree(`category ${c.id} says it has children but none are in the tree`, flag);
      }
    }
    if (!categories.some((c) => c.leaf)) throw this.#badTree('no category is a leaf', flag);
  }

  #decodeCategory(node: unknown, rootParentId: string | undefined, nestedParent?: string): Category {
    const f = this.profile.fields.category;
    const rawId = getPath(node, f.id);
    if (typeof rawId !== 'string' && typeof rawId !== 'number') {
      throw new ContractViolationError(`${this.platform}: a category has no ${f.id}`, {
        platform: this.platform,
        operation: 'categories',
      });
    }
    const id = String(rawId);
    // No parentId path: the tree does not name parents on its categories (Lazada nests children with
    // no parent id); the parent is where the category sits.
    const parent = f.parentId ? getPath(node, f.parentId) : undefined;
    if (parent !== undefined && parent !== null && typeof parent !== 'string' && typeof parent !== 'number') {
      // An object, a list or a flag is not an id: the path reads another field.
      throw this.#badTree(
        `category ${id} has ${describeValue(parent)} at "${f.parentId}", not a parent id`,
        'parentId',
      );
    }
    const given = parent === undefined || parent === null ? undefined : String(parent);
    const givenIsRoot = given === undefined || given === '0' || given === '' || given === rootParentId;
    // Where the node sits (nested under a parent, or asked for by parent) wins when it names none.
    const parentId = givenIsRoot ? nestedParent : given;
    if (nestedParent !== undefined && !givenIsRoot && given !== nestedParent) {
      throw this.#badTree(`category ${id} sits under ${nestedParent} but names parent ${given}`, 'parentId');
    }
    if (nestedParent !== undefined && parent === undefined && f.parentId) {
      // Nested or asked for by parent, yet the field the profile names is absent: the path is wrong,
      // or the platform names no parent on a child (then the profile says parentId: null).
      throw this.#badTree(
        `category ${id} has no "${f.parentId}" (when children name no parent, set fields.category.parentId: null to take it from nesting)`,
        'parentId',
      );
    }
    const flagPath = f.leaf ?? f.hasChildren!;
    const flag = getPath(node, flagPath);
    if (typeof flag !== 'boolean') {
      throw this.#badTree(
        `category ${id} has no true/false at "${flagPath}" (got ${flag === undefined ? 'nothing' : JSON.stringify(flag)})`,
        f.leaf !== undefined ? 'leaf' : 'hasChildren',
      );
    }
    const name = getPath(node, f.name);
    return {
      id,
      name: typeof name === 'string' ? name : id,
      ...(parentId !== undefined ? { parentId } : {}),
      leaf: f.leaf !== undefined ? flag : !flag,
    };
  }

  getCategoryAttributes(categoryId: string, options?: CallOptions): Promise<CategoryAttributeDetail[]> {
    return this.getCategoryAttributeDetails(categoryId, options);
  }

  getCategoryAttributeDetails(categoryId: string, options?: CallOptions): Promise<CategoryAttributeDetail[]> {
    const ttlMs = this.#options.categoryAttributesTtlMs ?? DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS;
    const cached = this.#attributeCache.get(categoryId);
    if (cached && this.#now() - cached.atMs < ttlMs) return cached.value;
    const value = this.#requester.call('categoryAttributes', { categoryId }, {}, options).then((data) => {
      // "No attributes" would skip attribute validation: only an actual empty list may say so.
      if (!Array.isArray(data)) throw this.#notAList('categoryAttributes', 'the attribute list');
      return data.map((raw) => decodeCategoryAttribute(this.profile, raw));
    });
    this.#attributeCache.set(categoryId, { atMs: this.#now(), value });
    // A failed fetch must not be cached: the next call tries again.
    value.catch(() => {
      if (this.#attributeCache.get(categoryId)?.value === value) this.#attributeCache.delete(categoryId);
    });
    return value;
  }

  async uploadImage(image: ImageUpload, options?: CallOptions): Promise<UploadedImage> {
    const hook = this.#hook('uploadImage');
    if (hook) return hook(this.#ctx, image, options);
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
    return prepareListing(this.profile, draft, () =>
      this.getCategoryAttributeDetails(draft.categoryId, options),
    );
  }

  async createListing(draft: ListingDraft, options: CallOptions = {}): Promise<RemoteListing> {
    const body = await this.#prepare(draft, options);
    const sku = draft.product.sku;
    const hook = this.#hook('createListing');
    if (hook) return this.#createWithHook(hook, draft, body, options);
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
        // No idempotency key on this platform: never re-send blindly; look the SKU up first. After a
        // lost response, a platform that accepts duplicate SKUs may still commit the first create:
        // look again, then report the outcome as unknown rather than risk a second listing (#13).
        idempotent: false,
        recover: () => this.findListingBySku(sku, lookupOptions),
        recoverLookAgainMs: LOST_CREATE_LOOK_AGAIN_MS,
      },
      options,
    );
    // A recovered create already holds the decoded listing.
    return isRemoteListing(data) ? data : decodeListing(this.profile, data);
  }

  /**
   * A hook's create runs at most once per call. When it fails without a clear "not created" answer (the
   * connection dropped after the platform committed), the SKU is looked up before the caller sees an
   * error: a listing that exists is adopted, so nothing is ever created twice by a retry.
   */
  async #createWithHook(
    hook: NonNullable<MarketplaceHooks['createListing']>,
    draft: ListingDraft,
    body: Record<string, unknown>,
    options: CallOptions,
  ): Promise<RemoteListing> {
    try {
      return await hook(this.#ctx, { draft, body }, options);
    } catch (error) {
      if (!(error instanceof OcopConnectError) || !UNCLEAR_OUTCOMES.has(error.kind)) throw error;
      const lookupOptions = options.signal ? { signal: options.signal } : {};
      const found = await this.findListingBySku(draft.product.sku, lookupOptions).catch(() => undefined);
      // Adopted only when complete: a multi-step create (Shopee add_item + init_tier_variation) that
      // stopped half-way lacks variants; the error stands and the caller's next run completes the listing.
      const skus = new Set(found?.variants.map((v) => v.sku));
      if (found && draft.product.variants.every((v) => skus.has(v.sku))) return found;
      throw error;
    }
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
    assertBulkInput('setStock', this.platform, updates);
    const max = this.profile.rules.maxStock;
    const entries = updates.map((u) => ({
      sku: u.sku,
      invalid:
        Number.isInteger(u.quantity) && u.quantity >= 0 && u.quantity <= max
          ? undefined
          : rangeMessage('setStock', u.quantity, 0, max),
      fields: { [this.profile.fields.bulk.stock]: u.quantity },
      value: u.quantity,
    }));
    return bulkUpdate(this.profile, entries, (batch) => this.#sendBulk('bulkStock', batch, options));
  }

  async setPrice(updates: readonly PriceUpdate[], options?: CallOptions): Promise<ItemResult[]> {
    assertBulkInput('setPrice', this.platform, updates);
    const f = this.profile.fields.bulk;
    const { minPriceVnd, maxPriceVnd } = this.profile.rules;
    const entries = updates.map((u) => {
      const fields: Record<string, number> = { [f.priceVnd]: u.priceVnd };
      if (f.listPriceVnd && u.listPriceVnd !== undefined) fields[f.listPriceVnd] = u.listPriceVnd;
      const valid = Number.isInteger(u.priceVnd) && u.priceVnd >= minPriceVnd && u.priceVnd <= maxPriceVnd;
      const invalid = valid ? undefined : rangeMessage('setPrice', u.priceVnd, minPriceVnd, maxPriceVnd);
      const listPrice = u.listPriceVnd !== undefined ? { listPriceVnd: u.listPriceVnd } : {};
      return { sku: u.sku, invalid, fields, value: u.priceVnd, ...listPrice };
    });
    return bulkUpdate(this.profile, entries, (batch) => this.#sendBulk('updatePrice', batch, options));
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

  async cancelOrder(orderId: string, reason: CancelReason, options?: CallOptions): Promise<Order> {
    const body = encodeCancel(this.profile, reason);
    const hook = this.#hook('cancelOrder');
    if (hook) return hook(this.#ctx, { orderId, reason, body }, options);
    // Cancelling an already-cancelled order succeeds unchanged: safe to repeat.
    return this.#orderWrite('cancelOrder', orderId, body, options);
  }

  async markShipped(orderId: string, shipped: ShippedInfo, options?: CallOptions): Promise<Order> {
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
    const { credentials } = this.#options;
    const { signedPayload } = this.profile.webhook;
    // Like a missing RSA public key (refused at build), a missing callback URL would make every push,
    // however well signed, "false" with no sign of why. It is only needed here, so an adapter that never
    // receives pushes builds without it; verifying without it is a configuration error, not a bad push.
    if (signedPayload.includes('{url}') && !this.#options.webhookUrl) {
      throw new ConfigurationError(`${this.profile.platform} verifyWebhook: webhookUrl is missing`, [
        `webhookUrl: required to verify pushes — ${this.profile.displayName} signs "${signedPayload}", where {url} is the callback URL exactly as registered with the platform; without it every push would be refused`,
      ]);
    }
    const secret = this.#options.webhookSecret ?? credentials.webhookSecret;
    const publicKey = this.#options.webhookPublicKey ?? credentials.webhookPublicKey;
    const keys = {
      ...(secret ? { secret } : {}),
      ...(publicKey ? { publicKey } : {}),
      ...(this.#options.webhookUrl ? { url: this.#options.webhookUrl } : {}),
      ...(this.#webhookAccount() !== undefined ? { account: this.#webhookAccount()! } : {}),
    };
    return verifyProfileWebhook(this.profile, keys, rawBody, headers, this.#now());
  }

  parseWebhook(rawBody: string | Buffer): MarketplaceEvent {
    return parseProfileWebhook(this.profile, rawBody, this.#webhookAccount());
  }

  /** The shop pushes must name (`webhook.accountCredential`), when the profile says pushes name one. */
  #webhookAccount(): string | undefined {
    const name = this.profile.webhook.accountCredential;
    const value = name ? this.#options.credentials[name] : undefined;
    return value === undefined || value === '' ? undefined : value;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
