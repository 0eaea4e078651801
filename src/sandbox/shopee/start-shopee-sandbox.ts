/**
 * A stateful Shopee Open Platform v2 sandbox on loopback, written from Shopee's public documentation and
 * independent of the adapter: it checks partner- and shop-level signatures, expires access tokens after
 * 4 hours, rotates single-use refresh tokens, answers in `{ error, message, request_id, response }`,
 * creates items without models (`add_item`) and their variants in a second call (`init_tier_variation`),
 * grows them later (`update_tier_variation` adds options, `add_model` adds models),
 * keys stock and prices by item/model id, pages orders by cursor in ≤15-day windows, and pushes signed
 * order-status notifications. State (listings, stock, orders, buyers) lives in the shared marketplace
 * engine, like the Voso and Postmart sandboxes.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import { BuyerClock } from '../marketplace/buyer-clock.js';
import { LEGACY_BUYERS } from '../marketplace/buyer-profiles.js';
import { buildCatalog, type CategoryNode } from '../marketplace/catalog.js';
import { MarketplaceEngine } from '../marketplace/engine.js';
import { SandboxError } from '../marketplace/errors.js';
import { seedHandMadeListings } from '../marketplace/hand-made.js';
import type { ValidListing } from '../marketplace/listing-rules.js';
import { multipartFile } from '../marketplace/multipart.js';
import { RollingWindowLimiter } from '../marketplace/rate-limiter.js';
import { createRandom } from '../marketplace/rng.js';
import type { SandboxOrderStatus } from '../marketplace/types.js';
import { WebhookSender } from '../marketplace/webhook-sender.js';
import {
  envelope,
  errorBody,
  renderOrderDetail,
  SHOPEE_CANCEL_REASONS,
  SHOPEE_ITEM_STATUS,
  SHOPEE_ORDER_STATUS,
  SHOPEE_PUSH_ORDER_STATUS,
  shopeePushSignature,
  shopeeSignature,
} from './shopee-wire.js';
import type {
  ShopeeOperation,
  ShopeeSandbox,
  ShopeeSandboxCredentials,
  ShopeeSandboxFaults,
  ShopeeSandboxOptions,
  ShopeeSandboxStats,
} from './types.js';

const ACCESS_TOKEN_TTL_MS = 4 * 3600 * 1000;
const TIMESTAMP_TOLERANCE_S = 300;
const MAX_ORDER_WINDOW_S = 15 * 86_400;
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const CATEGORY_ID_BASE = 100_000;
/** The shipping channel orders use unless the test says otherwise (own-carrier shipping, modeled). */
const DEFAULT_CHANNEL = 'SPX Express';

/** Attribute ids (Shopee attributes are numbers) for the OCOP food categories. */
const ATTRIBUTE_IDS = {
  origin: '100010',
  brand: '100020',
  shelfLifeDays: '100030',
  netWeight: '100040',
  ingredients: '100050',
  storage: '100060',
  ocopStars: '100070',
  material: '100080',
} as const;

const DEFAULT_CREDENTIALS: ShopeeSandboxCredentials = { ...SANDBOX_DEMO_IDENTITIES.shopee };

type Json = Record<string, unknown>;

interface Route {
  operation: ShopeeOperation;
  method: 'GET' | 'POST';
  /** `app`: partner-level signature; `shop`: shop-level with access_token + shop_id. */
  level: 'app' | 'shop';
  write: boolean;
  handle(request: { query: URLSearchParams; json: () => Json; body: Buffer; contentType?: string }): unknown;
}

class ShopeeFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

function emptyStats(): ShopeeSandboxStats {
  return {
    requests: {},
    totalRequests: 0,
    rateLimited: 0,
    signatureRejected: 0,
    writes: 0,
    injectedErrors: 0,
    droppedConnections: 0,
    webhookAttempts: 0,
    webhookDelivered: 0,
  };
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function param(message: string): ShopeeFault {
  return new ShopeeFault('error_param', message);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ShopeeFault('error_param', 'request body too large', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startShopeeSandbox(options: ShopeeSandboxOptions = {}): Promise<ShopeeSandbox> {
  const now = options.now ?? (() => Date.now());
  const random = createRandom(options.seed ?? 1);
  const credentials: ShopeeSandboxCredentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const channel = options.shippingChannel ?? DEFAULT_CHANNEL;
  const limiter = new RollingWindowLimiter(options.rateLimitRps ?? 20);
  let faults: ShopeeSandboxFaults = structuredClone(options.faults ?? {});
  let stats = emptyStats();
  const categories: CategoryNode[] = buildCatalog(CATEGORY_ID_BASE, {
    codes: { ...ATTRIBUTE_IDS },
    ocopStarsAsEnum: true,
  });
  const engine = new MarketplaceEngine({
    rules: {
      titleMinChars: 10,
      titleMaxChars: 120,
      descriptionMaxChars: 3000,
      imagesMin: 1,
      imagesMax: 9,
      maxTiers: 2,
      maxTierOptions: 50,
      maxVariants: 50,
      priceMinVnd: 1000,
      priceMaxVnd: 120_000_000,
      stockMax: 999_999,
      weightMaxGrams: 300_000,
      dimensionMaxCm: 300,
    },
    imageSpec: {
      formats: ['JPEG', 'PNG'],
      minWidth: 500,
      minHeight: 500,
      square: true,
      maxBytes: 2 * 1024 * 1024,
    },
    categories,
    dedupeImages: false,
    newImageId: () => `vn-${randomBytes(12).toString('hex')}`,
    listingIdStart: 2_200_000_001,
    variantIdStart: 9_100_000_001,
    orderIdPrefix: '',
    rawOrderStatus: SHOPEE_ORDER_STATUS,
    rawReviewStatus: SHOPEE_ITEM_STATUS,
    shipTarget: 'READY_TO_SHIP',
    shipAllowedFrom: ['PENDING_CONFIRM', 'CONFIRMED'],
    shippingFeeVnd: options.shippingFeeVnd ?? 22_000,
    buyers: LEGACY_BUYERS,
    review: { mode: options.review?.mode ?? 'auto', delayMs: options.review?.delayMs ?? 0 },
    now,
    random,
  });

  // The platform argument only picks the 'ocop-seeds' set; the category tree is the shared one.
  if (options.handMadeListings) seedHandMadeListings(engine, 'voso', options.handMadeListings);

  // Tokens: one live access token and one unused refresh token per shop; a refresh retires both.
  let accessToken = { value: credentials.accessToken, expiresAtMs: now() + ACCESS_TOKEN_TTL_MS };
  let refreshToken = credentials.refreshToken;
  let origin = '';

  const webhooks = new WebhookSender(options.webhookUrl, {
    retryDelaysMs: options.webhookRetryDelaysMs ?? [1000, 2000, 4000],
    duplicateRate: 0,
    timeoutMs: 10_000,
    random,
    onAttempt: (ok) => {
      stats.webhookAttempts += 1;
      if (ok) stats.webhookDelivered += 1;
    },
  });
  engine.onEvent((event) => {
    if (event.type === 'LISTING_REVIEWED') return; // Shopee pushes no review decisions
    const order = event.order;
    webhooks.enqueue({
      eventId: `${order.id}:${order.updatedAtMs}:${order.status}`,
      eventType: String(SHOPEE_PUSH_ORDER_STATUS),
      render: () => {
        const body = JSON.stringify({
          shop_id: Number(credentials.shopId),
          code: SHOPEE_PUSH_ORDER_STATUS,
          timestamp: Math.floor(now() / 1000),
          data: {
            ordersn: order.id,
            status: SHOPEE_ORDER_STATUS[order.status],
            update_time: Math.floor(order.updatedAtMs / 1000),
          },
        });
        const url = webhooks.url ?? '';
        return {
          body,
          headers: {
            'content-type': 'application/json',
            authorization: shopeePushSignature(credentials.partnerKey, url, body),
          },
        };
      },
    });
  });

  /** Shopee confirms by itself: an order that reaches PENDING_CONFIRM is ready to ship at once. */
  const autoConfirm = <T extends { ok: boolean; order?: { id: string; status: SandboxOrderStatus } }>(
    result: T,
  ): T => {
    if (result.ok && result.order?.status === 'PENDING_CONFIRM') {
      const confirmed = engine.confirmOrder(result.order.id);
      return { ...result, order: confirmed };
    }
    return result;
  };

  // ---------- listings ----------

  const itemOrFail = (itemId: unknown) => {
    const id = numberOf(itemId);
    const listing = id === undefined ? undefined : engine.getListing(id);
    if (!listing) throw new ShopeeFault('error_item_not_found', `item_id ${String(itemId)} not found`);
    return listing;
  };

  const checkAttributes = (category: CategoryNode, list: unknown): Record<string, string | number> => {
    const out: Record<string, string | number> = {};
    for (const entry of Array.isArray(list) ? list : []) {
      const id = String((entry as Json).attribute_id ?? '');
      const spec = category.attributes.find((a) => a.code === id);
      if (!spec) throw param(`attribute_id ${id} does not belong to category ${category.id}`);
      const values = (entry as Json).attribute_value_list;
      const value = Array.isArray(values) ? (values[0] as Json | undefined)?.original_value_name : undefined;
      if (typeof value !== 'string' && typeof value !== 'number') throw param(`attribute ${id} has no value`);
      if (spec.options && !spec.options.includes(String(value))) {
        throw param(`attribute ${id}: ${String(value)} is not one of ${spec.options.join(', ')}`);
      }
      out[id] = value;
    }
    for (const spec of category.attributes) {
      if (spec.required && out[spec.code] === undefined)
        throw param(`mandatory attribute ${spec.code} is missing`);
    }
    return out;
  };

  /** add_item / update_item body → the engine's listing (the item itself as the only "model"). */
  const itemFromBody = (body: Json, base?: ValidListing): ValidListing => {
    const name = body.item_name ?? base?.title;
    if (typeof name !== 'string' || [...name].length < 10 || [...name].length > 120) {
      throw param('item_name must be 10-120 characters');
    }
    const description = body.description ?? base?.description;
    if (typeof description !== 'string' || description.length < 20 || description.length > 3000) {
      throw param('description must be 20-3000 characters');
    }
    const categoryId = numberOf(body.category_id ?? base?.categoryId);
    const category = categories.find((c) => c.id === categoryId);
    if (!category || !category.isLeaf)
      throw param(`category_id ${String(body.category_id)} is not a leaf category`);
    const imageIds = (body.image as Json | undefined)?.image_id_list ?? base?.imageIds;
    if (!Array.isArray(imageIds) || imageIds.length < 1 || imageIds.length > 9)
      throw param('image_id_list needs 1-9 images');
    for (const id of imageIds)
      if (!engine.hasImage(String(id))) throw param(`image_id ${String(id)} was not uploaded`);
    const weightKg = numberOf(body.weight) ?? (base ? base.weightGrams / 1000 : undefined);
    if (weightKg === undefined || weightKg <= 0) throw param('weight must be a positive number of kilograms');
    const dimension = body.dimension as Json | undefined;
    const dims = dimension
      ? [dimension.package_length, dimension.package_width, dimension.package_height].map(numberOf)
      : [base?.lengthCm ?? null, base?.widthCm ?? null, base?.heightCm ?? null];
    const sku = body.item_sku ?? base?.sellerSku;
    if (typeof sku !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(sku)) throw param('item_sku is required');
    const attributes =
      body.attribute_list !== undefined
        ? checkAttributes(category, body.attribute_list)
        : (base?.attributes ?? {});
    return {
      sellerSku: sku,
      title: name,
      description,
      categoryId: category.id,
      attributes,
      imageIds: imageIds.map(String),
      weightGrams: Math.round(weightKg * 1000),
      lengthCm: dims[0] ?? null,
      widthCm: dims[1] ?? null,
      heightCm: dims[2] ?? null,
      tiers: base?.tiers ?? [],
      variants: base?.variants ?? [],
    };
  };

  const stockOf = (value: unknown): number => {
    const stock = numberOf(Array.isArray(value) ? (value[0] as Json | undefined)?.stock : undefined);
    if (stock === undefined || !Number.isInteger(stock) || stock < 0 || stock > 999_999) {
      throw param('seller_stock[0].stock must be a whole number 0-999999');
    }
    return stock;
  };
  const priceOf = (value: unknown): number => {
    const price = numberOf(value);
    if (price === undefined || !Number.isInteger(price) || price < 1000 || price > 120_000_000) {
      throw param('original_price must be whole VND 1000-120000000');
    }
    return price;
  };

  const priceInfo = (price: number) => [{ currency: 'VND', original_price: price, current_price: price }];
  const stockInfo = (stock: number) => ({ seller_stock: [{ location_id: 'VNZ', stock }] });

  const renderItem = (id: number) => {
    const listing = engine.getListing(id)!;
    const own = listing.tiers.length === 0 ? listing.variants[0] : undefined;
    return {
      item_id: listing.id,
      category_id: listing.categoryId,
      item_name: listing.title,
      description: listing.description,
      item_sku: listing.sellerSku,
      item_status: SHOPEE_ITEM_STATUS[listing.reviewStatus],
      weight: listing.weightGrams / 1000,
      image: {
        image_id_list: listing.imageIds,
        image_url_list: listing.imageIds.map((id) => `${origin}/media/${id}`),
      },
      ...(listing.lengthCm && listing.widthCm && listing.heightCm
        ? {
            dimension: {
              package_length: listing.lengthCm,
              package_width: listing.widthCm,
              package_height: listing.heightCm,
            },
          }
        : {}),
      attribute_list: Object.entries(listing.attributes).map(([id, value]) => ({
        attribute_id: Number(id),
        attribute_value_list: [{ value_id: 0, original_value_name: String(value) }],
      })),
      has_model: listing.tiers.length > 0,
      create_time: Math.floor(listing.createdAtMs / 1000),
      update_time: Math.floor(listing.updatedAtMs / 1000),
      ...(own ? { price_info: priceInfo(own.priceVnd), stock_info_v2: stockInfo(own.stock) } : {}),
    };
  };

  const renderModels = (id: number) => {
    const listing = engine.getListing(id)!;
    if (listing.tiers.length === 0) return { tier_variation: [], model: [] };
    return {
      tier_variation: listing.tiers.map((t) => ({
        name: t.name,
        option_list: t.options.map((option) => ({ option })),
      })),
      model: listing.variants.map((v) => ({
        model_id: v.id,
        model_sku: v.sku,
        tier_index: v.tierIndex,
        price_info: priceInfo(v.priceVnd),
        stock_info_v2: stockInfo(v.stock),
      })),
    };
  };

  const createItem = (body: Json) => {
    const logistics = Array.isArray(body.logistic_info) ? (body.logistic_info as Json[]) : [];
    if (!logistics.some((l) => l.enabled === true))
      throw param('At least one shipping channel must be enabled');
    const item = itemFromBody(body);
    const price = priceOf(body.original_price);
    const stock = stockOf(body.seller_stock);
    if (engine.listingBySku(item.sellerSku))
      throw new ShopeeFault('error_busi', `item_sku ${item.sellerSku} already exists`);
    const created = engine.createListing({
      ...item,
      variants: [{ sku: item.sellerSku, tierIndex: [], priceVnd: price, stock }],
    });
    return {
      item_id: created.id,
      item_name: created.title,
      item_sku: created.sellerSku,
      item_status: SHOPEE_ITEM_STATUS[created.reviewStatus],
    };
  };

  const initTierVariation = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (listing.tiers.length > 0)
      throw new ShopeeFault('error_busi', 'tier variation already initialised; use update_tier_variation');
    const tiers = tiersOf(body.tier_variation);
    const models = Array.isArray(body.model) ? (body.model as Json[]) : [];
    const variants = models.map((m) => {
      const tierIndex = tierIndexOf(m.tier_index, tiers);
      const sku = m.model_sku;
      if (typeof sku !== 'string' || sku === '') throw param('model_sku is required');
      const owner = engine.listingBySku(sku);
      if (owner && owner.id !== listing.id)
        throw new ShopeeFault('error_busi', `model_sku ${sku} already exists`);
      return { sku, tierIndex, priceVnd: priceOf(m.original_price), stock: stockOf(m.seller_stock) };
    });
    if (variants.length === 0) throw param('model list is empty');
    const base = engine.listingToValid(listing.id)!;
    engine.updateListing(listing.id, { ...base, tiers, variants });
    return { item_id: listing.id, ...renderModels(listing.id) };
  };

  /** `tier_variation` of a request: 1-2 tiers, names and options 1-20 characters, options unique. */
  const tiersOf = (value: unknown) => {
    const tiers = (Array.isArray(value) ? (value as Json[]) : []).map((t) => ({
      name: String(t.name ?? ''),
      options: (Array.isArray(t.option_list) ? (t.option_list as Json[]) : []).map((o) =>
        String(o.option ?? ''),
      ),
    }));
    if (tiers.length < 1 || tiers.length > 2) throw param('tier_variation needs 1 or 2 tiers');
    for (const t of tiers) {
      if (
        t.name === '' ||
        t.name.length > 20 ||
        t.options.length === 0 ||
        t.options.some((o) => o === '' || o.length > 20)
      ) {
        throw param('tier names and options must be 1-20 characters');
      }
      if (new Set(t.options).size !== t.options.length) throw param(`tier ${t.name} repeats an option`);
    }
    return tiers;
  };

  const tierIndexOf = (value: unknown, tiers: { options: string[] }[]): number[] => {
    const tierIndex = Array.isArray(value) ? value.map(Number) : [];
    if (
      tierIndex.length !== tiers.length ||
      tierIndex.some((i, t) => !(Number.isInteger(i) && i >= 0 && i < tiers[t]!.options.length))
    ) {
      throw param('model tier_index does not fit tier_variation');
    }
    return tierIndex;
  };

  /**
   * update_tier_variation: new option lists for the SAME tier structure (adding or renaming options),
   * with `model_list` placing every existing model (`model_id` → `tier_index`). Changing the number of
   * tiers is refused: that needs a new item.
   */
  const updateTierVariation = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (listing.tiers.length === 0)
      throw new ShopeeFault('error_busi', 'tier variation is not initialised; use init_tier_variation');
    const tiers = tiersOf(body.tier_variation);
    if (tiers.length !== listing.tiers.length)
      throw new ShopeeFault('error_busi', 'update_tier_variation cannot change the number of tiers');
    const placed = new Map<number, number[]>();
    for (const entry of Array.isArray(body.model_list) ? (body.model_list as Json[]) : []) {
      const modelId = numberOf(entry.model_id);
      if (modelId === undefined || !listing.variants.some((v) => v.id === modelId))
        throw param(`model_id ${String(entry.model_id)} is not a model of item ${listing.id}`);
      placed.set(modelId, tierIndexOf(entry.tier_index, tiers));
    }
    const unplaced = listing.variants.filter((v) => !placed.has(v.id));
    if (unplaced.length > 0)
      throw param(
        `model_list must place every model; missing model_id ${unplaced.map((v) => v.id).join(', ')}`,
      );
    const combos = [...placed.values()].map((i) => i.join(','));
    if (new Set(combos).size !== combos.length) throw param('two models share one tier_index');
    const base = engine.listingToValid(listing.id)!;
    const variants = listing.variants.map((v, i) => ({ ...base.variants[i]!, tierIndex: placed.get(v.id)! }));
    engine.updateListing(listing.id, { ...base, tiers, variants });
    return { item_id: listing.id, ...renderModels(listing.id) };
  };

  /** add_model: new models of an item that already has tier variations; answers their ids. */
  const addModel = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (listing.tiers.length === 0)
      throw new ShopeeFault('error_busi', 'tier variation is not initialised; use init_tier_variation');
    const entries = Array.isArray(body.model_list) ? (body.model_list as Json[]) : [];
    if (entries.length === 0) throw param('model_list is empty');
    const used = new Set(listing.variants.map((v) => v.tierIndex.join(',')));
    const added = entries.map((m) => {
      const tierIndex = tierIndexOf(m.tier_index, listing.tiers);
      const key = tierIndex.join(',');
      if (used.has(key)) throw new ShopeeFault('error_busi', `a model already has tier_index [${key}]`);
      used.add(key);
      const sku = m.model_sku;
      if (typeof sku !== 'string' || sku === '') throw param('model_sku is required');
      if (engine.listingBySku(sku)) throw new ShopeeFault('error_busi', `model_sku ${sku} already exists`);
      return { sku, tierIndex, priceVnd: priceOf(m.original_price), stock: stockOf(m.seller_stock) };
    });
    if (new Set(added.map((m) => m.sku)).size !== added.length) throw param('model_list repeats a model_sku');
    if (listing.variants.length + added.length > 50) throw param('an item has at most 50 models');
    const base = engine.listingToValid(listing.id)!;
    engine.updateListing(listing.id, { ...base, variants: [...base.variants, ...added] });
    const models = renderModels(listing.id).model;
    return { model: models.filter((m) => added.some((a) => a.sku === m.model_sku)) };
  };

  /**
   * update_item: only the fields sent change. A new item_sku is written first (an item sold without
   * models carries it as its own SKU); a call that sends nothing else leaves the rest untouched, even
   * on an item typed by hand that the add_item rules would refuse.
   */
  const updateItem = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (body.item_sku !== undefined && body.item_sku !== listing.sellerSku) {
      const sku = body.item_sku;
      if (typeof sku !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(sku))
        throw param('item_sku is not valid');
      const owner = engine.listingBySku(sku);
      if (owner && owner.id !== listing.id)
        throw new ShopeeFault('error_busi', `item_sku ${sku} already exists`);
      const own = listing.tiers.length === 0 ? listing.variants[0] : undefined;
      engine.setListingSkus(listing.id, sku, own ? [{ id: own.id, sku }] : []);
    }
    if (Object.keys(body).every((key) => key === 'item_id' || key === 'item_sku')) {
      return { item_id: listing.id, item_name: listing.title };
    }
    const next = itemFromBody(body, engine.listingToValid(listing.id)!);
    engine.updateListing(listing.id, next);
    return { item_id: listing.id, item_name: next.title };
  };

  /** update_model: model fields by model_id (here the seller SKU, unique in the shop). */
  const updateModel = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (listing.tiers.length === 0)
      throw new ShopeeFault('error_busi', 'the item has no models; its SKU is item_sku (update_item)');
    const entries = Array.isArray(body.model) ? (body.model as Json[]) : [];
    if (entries.length === 0) throw param('model is empty');
    const changes = entries.map((entry) => {
      const id = numberOf(entry.model_id);
      if (id === undefined || !listing.variants.some((v) => v.id === id))
        throw param(`model_id ${String(entry.model_id)} is not a model of item ${listing.id}`);
      const sku = entry.model_sku;
      if (typeof sku !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(sku))
        throw param('model_sku is not valid');
      const owner = engine.listingBySku(sku);
      if (owner && owner.id !== listing.id)
        throw new ShopeeFault('error_busi', `model_sku ${sku} already exists`);
      return { id, sku };
    });
    engine.setListingSkus(listing.id, listing.sellerSku, changes);
    return { item_id: listing.id };
  };

  /** update_stock / update_price: per-model success and failure lists. */
  const updateModels = (kind: 'stock' | 'price', body: Json) => {
    const listing = itemOrFail(body.item_id);
    const entries = (
      Array.isArray(body[kind === 'stock' ? 'stock_list' : 'price_list'])
        ? body[kind === 'stock' ? 'stock_list' : 'price_list']
        : []
    ) as Json[];
    const failure_list: Json[] = [];
    const success_list: Json[] = [];
    for (const entry of entries) {
      const modelId = numberOf(entry.model_id) ?? 0;
      const variant =
        listing.tiers.length === 0 && modelId === 0
          ? listing.variants[0]
          : listing.variants.find((v) => v.id === modelId);
      if (!variant) {
        failure_list.push({ model_id: modelId, failed_reason: 'model not found' });
        continue;
      }
      try {
        const value = kind === 'stock' ? stockOf(entry.seller_stock) : priceOf(entry.original_price);
        const [result] = engine.bulkUpdate(kind, [{ sku: variant.sku, value }]);
        if (result?.ok)
          success_list.push({
            model_id: modelId,
            ...(kind === 'stock' ? { stock: value } : { original_price: value }),
          });
        else failure_list.push({ model_id: modelId, failed_reason: result?.message ?? 'rejected' });
      } catch (error) {
        failure_list.push({
          model_id: modelId,
          failed_reason: error instanceof Error ? error.message : 'rejected',
        });
      }
    }
    return { failure_list, success_list };
  };

  // ---------- orders ----------

  const orderOrFail = (sn: unknown) => {
    const order = typeof sn === 'string' ? engine.getOrder(sn) : undefined;
    if (!order) throw new ShopeeFault('error_not_found', `order_sn ${String(sn)} not found`);
    return order;
  };

  const encodeCursor = (after: { updatedAtMs: number; id: string }) =>
    Buffer.from(JSON.stringify(after)).toString('base64url');
  const decodeCursor = (cursor: string) => {
    try {
      const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
        updatedAtMs: number;
        id: string;
      };
      if (typeof value.updatedAtMs === 'number' && typeof value.id === 'string') return value;
    } catch {
      // fall through
    }
    throw param('cursor is not valid');
  };

  const orderList = (query: URLSearchParams) => {
    const field = query.get('time_range_field');
    if (field !== 'update_time' && field !== 'create_time')
      throw param('time_range_field must be create_time or update_time');
    const from = numberOf(query.get('time_from'));
    const to = numberOf(query.get('time_to'));
    if (from === undefined || to === undefined || to < from)
      throw param('time_from and time_to are required');
    if (to - from > MAX_ORDER_WINDOW_S) throw param('the time range cannot exceed 15 days');
    const pageSize = numberOf(query.get('page_size')) ?? 20;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw param('page_size must be 1-100');
    const cursor = query.get('cursor');
    const toMs = to * 1000 + 1000; // inclusive upper second
    const byCreate = field === 'create_time';
    const page = byCreate
      ? (() => {
          const all = engine
            .orders()
            .filter((o) => o.createdAtMs >= from * 1000 && o.createdAtMs < toMs)
            .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1));
          const start = cursor ? Number(decodeCursor(cursor).id) : 0;
          const items = all.slice(start, start + pageSize);
          return {
            items,
            next: start + pageSize < all.length ? { updatedAtMs: 0, id: String(start + pageSize) } : null,
          };
        })()
      : engine.listOrders({
          fromMs: from * 1000,
          toMs,
          status: null,
          after: cursor ? decodeCursor(cursor) : null,
          limit: pageSize,
        });
    return {
      more: page.next !== null,
      next_cursor: page.next ? encodeCursor(page.next) : '',
      order_list: page.items.map((o) => ({ order_sn: o.id, order_status: SHOPEE_ORDER_STATUS[o.status] })),
    };
  };

  const orderDetail = (query: URLSearchParams) => {
    const sns = (query.get('order_sn_list') ?? '').split(',').filter(Boolean);
    if (sns.length < 1 || sns.length > 50) throw param('order_sn_list takes 1-50 order numbers');
    return {
      order_list: sns
        .map((sn) => engine.getOrder(sn))
        .filter((o) => o !== undefined)
        .map((o) => renderOrderDetail(o, channel)),
    };
  };

  const shipOrder = (body: Json) => {
    const order = orderOrFail(body.order_sn);
    const tracking = (body.non_integrated as Json | undefined)?.tracking_number;
    if (typeof tracking !== 'string' || tracking === '')
      throw param('non_integrated.tracking_number is required for own-carrier shipping');
    try {
      engine.shipOrder(order.id, order.carrierCode ?? channel, tracking);
    } catch (error) {
      if (error instanceof SandboxError)
        throw new ShopeeFault('error_busi', `order cannot be shipped: ${error.message}`);
      throw error;
    }
    return {};
  };

  const cancelOrder = (body: Json) => {
    const order = orderOrFail(body.order_sn);
    const reason = body.cancel_reason;
    if (typeof reason !== 'string' || !(reason in SHOPEE_CANCEL_REASONS)) {
      throw param(`cancel_reason must be one of ${Object.keys(SHOPEE_CANCEL_REASONS).join(', ')}`);
    }
    try {
      const cancelled = engine.cancelOrder(
        order.id,
        SHOPEE_CANCEL_REASONS[reason as keyof typeof SHOPEE_CANCEL_REASONS],
        // cancel_order carries no text: the order keeps Shopee's own reason code.
        reason,
      );
      return { update_time: Math.floor(cancelled.updatedAtMs / 1000) };
    } catch (error) {
      if (error instanceof SandboxError)
        throw new ShopeeFault('error_busi', `order cannot be cancelled: ${error.message}`);
      throw error;
    }
  };

  // ---------- routes ----------

  const routes: Record<string, Route> = {
    '/api/v2/auth/access_token/get': {
      operation: 'login',
      method: 'POST',
      level: 'app',
      write: true,
      handle: ({ json }) => {
        const body = json();
        if (
          String(body.shop_id) !== credentials.shopId ||
          String(body.partner_id) !== credentials.partnerId
        ) {
          throw param('partner_id or shop_id does not match');
        }
        if (typeof body.refresh_token !== 'string' || !sameText(body.refresh_token, refreshToken)) {
          throw new ShopeeFault('error_auth', 'Invalid refresh_token', 403);
        }
        // Single use: the old refresh token and access token die with this answer.
        accessToken = {
          value: `sbx-at-${randomBytes(16).toString('hex')}`,
          expiresAtMs: now() + ACCESS_TOKEN_TTL_MS,
        };
        refreshToken = `sbx-rt-${randomBytes(16).toString('hex')}`;
        return {
          flat: true,
          access_token: accessToken.value,
          refresh_token: refreshToken,
          expire_in: ACCESS_TOKEN_TTL_MS / 1000,
        };
      },
    },
    '/api/v2/product/get_category': {
      operation: 'getCategories',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: () => ({
        category_list: categories.map((c) => ({
          category_id: c.id,
          parent_category_id: c.parentId,
          original_category_name: c.name,
          display_category_name: c.name,
          has_children: !c.isLeaf,
        })),
      }),
    },
    '/api/v2/product/get_attributes': {
      operation: 'getCategoryAttributes',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => {
        const category = categories.find((c) => c.id === numberOf(query.get('category_id')));
        if (!category) throw param('category_id not found');
        return {
          attribute_list: category.attributes.map((a) => ({
            attribute_id: Number(a.code),
            original_attribute_name: a.name,
            display_attribute_name: a.name,
            is_mandatory: a.required,
            input_validation_type: a.type === 'NUMBER' ? 'INT_TYPE' : 'STRING_TYPE',
            input_type: a.options ? 'DROP_DOWN' : 'TEXT_FILED',
            attribute_value_list: (a.options ?? []).map((option, i) => ({
              value_id: i + 1,
              original_value_name: option,
            })),
          })),
        };
      },
    },
    '/api/v2/media_space/upload_image': {
      operation: 'uploadImage',
      method: 'POST',
      level: 'app',
      write: true,
      handle: ({ body, contentType }) => {
        let bytes: Buffer;
        try {
          bytes = multipartFile(contentType, body, 'image');
        } catch {
          throw param('multipart field "image" is required');
        }
        try {
          const { image } = engine.uploadImage(bytes);
          return {
            image_info: {
              image_id: image.id,
              image_url_list: [{ image_url_region: 'VN', image_url: `${origin}/media/${image.id}` }],
            },
          };
        } catch (error) {
          throw param(error instanceof Error ? error.message : 'image rejected');
        }
      },
    },
    '/api/v2/product/add_item': {
      operation: 'createListing',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => createItem(json()),
    },
    '/api/v2/product/init_tier_variation': {
      operation: 'initTierVariation',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => initTierVariation(json()),
    },
    '/api/v2/product/update_tier_variation': {
      operation: 'updateTierVariation',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => updateTierVariation(json()),
    },
    '/api/v2/product/add_model': {
      operation: 'addModel',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => addModel(json()),
    },
    '/api/v2/product/update_model': {
      operation: 'updateModel',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => updateModel(json()),
    },
    '/api/v2/product/update_item': {
      operation: 'updateListing',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => updateItem(json()),
    },
    '/api/v2/product/search_item': {
      operation: 'getListingBySku',
      method: 'GET',
      level: 'shop',
      write: false,
      // Matches the item (parent) SKU exactly; model SKUs are not searched.
      handle: ({ query }) => {
        const sku = query.get('item_sku');
        const listing = engine.listings().find((l) => l.sellerSku === sku);
        return { item_id_list: listing ? [listing.id] : [], total_count: listing ? 1 : 0, next_offset: 0 };
      },
    },
    '/api/v2/product/get_item_list': {
      operation: 'listListings',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => {
        const offset = numberOf(query.get('offset')) ?? 0;
        const size = numberOf(query.get('page_size')) ?? 10;
        if (size < 1 || size > 100) throw param('page_size must be 1-100');
        const all = engine.listings();
        const page = all.slice(offset, offset + size);
        return {
          item: page.map((l) => ({
            item_id: l.id,
            item_status: SHOPEE_ITEM_STATUS[l.reviewStatus],
            update_time: Math.floor(l.updatedAtMs / 1000),
          })),
          total_count: all.length,
          has_next_page: offset + size < all.length,
          next_offset: offset + page.length,
        };
      },
    },
    '/api/v2/product/get_item_base_info': {
      operation: 'getListing',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => {
        const ids = (query.get('item_id_list') ?? '').split(',').filter(Boolean).map(Number);
        if (ids.length < 1 || ids.length > 50) throw param('item_id_list takes 1-50 ids');
        return { item_list: ids.filter((id) => engine.getListing(id)).map(renderItem) };
      },
    },
    '/api/v2/product/get_model_list': {
      operation: 'getModelList',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => renderModels(itemOrFail(query.get('item_id')).id),
    },
    '/api/v2/product/update_stock': {
      operation: 'updateStock',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => updateModels('stock', json()),
    },
    '/api/v2/product/update_price': {
      operation: 'updatePrice',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => updateModels('price', json()),
    },
    '/api/v2/order/get_order_list': {
      operation: 'listOrders',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => orderList(query),
    },
    '/api/v2/order/get_order_detail': {
      operation: 'getOrder',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => orderDetail(query),
    },
    '/api/v2/order/cancel_order': {
      operation: 'cancelOrder',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => cancelOrder(json()),
    },
    '/api/v2/logistics/ship_order': {
      operation: 'shipOrder',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => shipOrder(json()),
    },
    '/api/v2/logistics/get_tracking_number': {
      operation: 'getTrackingNumber',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => ({ tracking_number: orderOrFail(query.get('order_sn')).trackingNumber ?? '' }),
    },
  };

  /** Common parameters and the signature; the account the rate limit is counted against. */
  const authenticate = (route: Route, path: string, query: URLSearchParams): string => {
    const partnerId = query.get('partner_id');
    const timestamp = query.get('timestamp');
    const sign = query.get('sign');
    if (!partnerId || !timestamp || !sign) throw param('partner_id, timestamp and sign are required');
    if (partnerId !== credentials.partnerId) throw param('partner_id is not valid');
    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || Math.abs(Math.floor(now() / 1000) - ts) > TIMESTAMP_TOLERANCE_S) {
      throw new ShopeeFault('error_param', 'Invalid timestamp', 403);
    }
    let shop: { accessToken: string; shopId: string } | undefined;
    if (route.level === 'shop') {
      const token = query.get('access_token');
      const shopId = query.get('shop_id');
      if (!token || !shopId) throw param('access_token and shop_id are required');
      shop = { accessToken: token, shopId };
    }
    const expected = shopeeSignature(credentials.partnerKey, partnerId, path, timestamp, shop);
    if (!sameText(sign, expected)) {
      stats.signatureRejected += 1;
      throw new ShopeeFault('error_sign', 'Wrong sign.', 403);
    }
    if (shop) {
      if (shop.shopId !== credentials.shopId)
        throw new ShopeeFault('error_permission', 'shop is not authorised', 403);
      if (!sameText(shop.accessToken, accessToken.value) || accessToken.expiresAtMs <= now()) {
        throw new ShopeeFault('error_auth', 'Invalid access_token.', 403);
      }
      return `shop:${shop.shopId}`;
    }
    return `partner:${partnerId}`;
  };

  const takeCount = (
    map: Partial<Record<ShopeeOperation, number>> | undefined,
    operation: ShopeeOperation,
  ) => {
    const remaining = map?.[operation] ?? 0;
    if (remaining <= 0 || !map) return false;
    map[operation] = remaining - 1;
    return true;
  };

  const send = (res: ServerResponse, status: number, body: unknown, requestId: string) => {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': payload.length,
      'x-request-id': requestId,
    });
    res.end(payload);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomBytes(8).toString('hex');
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const route = routes[url.pathname];
    const operation: ShopeeOperation | 'unknown' = route?.operation ?? 'unknown';
    stats.requests[operation] = (stats.requests[operation] ?? 0) + 1;
    stats.totalRequests += 1;
    try {
      const body = await readBody(req);
      if (!route || route.method !== req.method)
        throw new ShopeeFault('error_not_found', `no API ${req.method} ${url.pathname}`, 404);
      const account = authenticate(route, url.pathname, url.searchParams);
      if (!limiter.check(account).allowed) {
        stats.rateLimited += 1;
        throw new ShopeeFault('error_too_many_request', 'too many requests', 429);
      }
      if (takeCount(faults.failNext, route.operation)) {
        stats.injectedErrors += 1;
        throw new ShopeeFault('error_server', 'injected server error', 503);
      }
      const json = (): Json => {
        let value: unknown;
        try {
          value = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          throw param('body is not JSON');
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          throw param('body must be a JSON object');
        return value as Json;
      };
      const contentType = req.headers['content-type'];
      const result = route.handle({
        query: url.searchParams,
        json,
        body,
        ...(contentType ? { contentType } : {}),
      }) as Json;
      if (route.write) stats.writes += 1;
      if (takeCount(faults.dropAfterCommit, route.operation)) {
        stats.droppedConnections += 1;
        req.socket.destroy();
        return;
      }
      if (result.flat === true) {
        const { flat: _flat, ...token } = result;
        send(res, 200, { ...token, error: '', message: '', request_id: requestId }, requestId);
      } else {
        send(res, 200, envelope(result, requestId), requestId);
      }
    } catch (error) {
      const fault =
        error instanceof ShopeeFault
          ? error
          : error instanceof SandboxError
            ? new ShopeeFault('error_busi', error.message)
            : new ShopeeFault('error_inner', 'internal error', 500);
      if (!res.headersSent && !res.destroyed)
        send(res, fault.status, errorBody(fault.code, fault.message, requestId), requestId);
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.address}:${address.port}`;
  const buyerClock = new BuyerClock(engine, random);
  let closed = false;

  return {
    platform: 'shopee',
    url: origin,
    baseUrl: origin,
    get credentials() {
      return Object.freeze({ ...credentials });
    },
    tokens: {
      current: () => ({ accessToken: accessToken.value, refreshToken }),
      expireAccessToken: () => {
        accessToken = { ...accessToken, expiresAtMs: now() };
      },
    },
    state: {
      listings: () => engine.listings(),
      listingBySku: (sku) => engine.listingBySku(sku),
      images: () => engine.images(),
      imageBytes: (id) => engine.imageBytes(id),
      orders: () => engine.orders(),
      order: (id) => engine.getOrder(id),
      stockOf: (sku) => engine.stockOf(sku),
      setStock: (sku, stock) => engine.setStockDirect(sku, stock),
    },
    get stats() {
      return structuredClone(stats);
    },
    buyers: {
      placeOrder: (input) => autoConfirm(engine.placeOrder(input)),
      cancel: (orderId) => engine.buyerCancel(orderId),
      pay: (orderId) => autoConfirm(engine.buyerPay(orderId)),
      start: (clockOptions) => buyerClock.start(clockOptions),
      stop: () => buyerClock.stop(),
    },
    review: {
      pending: () => engine.pendingReviews(),
      decide: (idOrSku, decision, reasons) => engine.decideReview(idOrSku, decision, reasons),
    },
    orders: { advance: (orderId, status) => engine.advanceOrder(orderId, status) },
    webhooks: {
      url: () => webhooks.url,
      setUrl: (target) => webhooks.setUrl(target),
      deliveries: () => webhooks.deliveries(),
      idle: () => webhooks.idle(),
    },
    setFaults(next) {
      faults = structuredClone(next);
    },
    setRateLimit(rps) {
      limiter.setRate(rps);
    },
    resetStats() {
      stats = emptyStats();
    },
    async close() {
      if (closed) return;
      closed = true;
      buyerClock.stop();
      engine.close();
      webhooks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
