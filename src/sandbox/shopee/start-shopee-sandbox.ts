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
import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import { listenOn } from '../listen.js';
import { BuyerClock } from '../marketplace/buyer-clock.js';
import { LEGACY_BUYERS } from '../marketplace/buyer-profiles.js';
import { buildCatalog, type CategoryNode } from '../marketplace/catalog.js';
import { MarketplaceEngine } from '../marketplace/engine.js';
import { SandboxError } from '../marketplace/errors.js';
import { seedHandMadeListings } from '../marketplace/hand-made.js';
import { multipartFile } from '../marketplace/multipart.js';
import { RollingWindowLimiter } from '../marketplace/rate-limiter.js';
import { createRandom } from '../marketplace/rng.js';
import { shutDown } from '../marketplace/sandbox.js';
import type { SandboxOrderStatus } from '../marketplace/types.js';
import { WebhookSender } from '../marketplace/webhook-sender.js';
import { consume } from '../operation-counts.js';
import { readBody } from '../read-body.js';
import { type Json, numberOf, param, ShopeeFault } from './shopee-fault.js';
import { shopeeListingHandlers } from './shopee-listings.js';
import { shopeeOrderHandlers } from './shopee-orders.js';
import {
  envelope,
  errorBody,
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

interface Route {
  operation: ShopeeOperation;
  method: 'GET' | 'POST';
  /** `app`: partner-level signature; `shop`: shop-level with access_token + shop_id. */
  level: 'app' | 'shop';
  write: boolean;
  handle(request: { query: URLSearchParams; json: () => Json; body: Buffer; contentType?: string }): unknown;
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

  const items = shopeeListingHandlers({ engine, categories, origin: () => origin });
  const orders = shopeeOrderHandlers({
    engine,
    channel,
  });

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
      handle: ({ json }) => items.createItem(json()),
    },
    '/api/v2/product/init_tier_variation': {
      operation: 'initTierVariation',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => items.initTierVariation(json()),
    },
    '/api/v2/product/update_tier_variation': {
      operation: 'updateTierVariation',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => items.updateTierVariation(json()),
    },
    '/api/v2/product/add_model': {
      operation: 'addModel',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => items.addModel(json()),
    },
    '/api/v2/product/update_model': {
      operation: 'updateModel',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => items.updateModel(json()),
    },
    '/api/v2/product/update_item': {
      operation: 'updateListing',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => items.updateItem(json()),
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
        return { item_list: ids.filter((id) => engine.getListing(id)).map(items.renderItem) };
      },
    },
    '/api/v2/product/get_model_list': {
      operation: 'getModelList',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => items.renderModels(items.itemOrFail(query.get('item_id')).id),
    },
    '/api/v2/product/update_stock': {
      operation: 'updateStock',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => items.updateModels('stock', json()),
    },
    '/api/v2/product/update_price': {
      operation: 'updatePrice',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => items.updateModels('price', json()),
    },
    '/api/v2/order/get_order_list': {
      operation: 'listOrders',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => orders.orderList(query),
    },
    '/api/v2/order/get_order_detail': {
      operation: 'getOrder',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => orders.orderDetail(query),
    },
    '/api/v2/order/cancel_order': {
      operation: 'cancelOrder',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => orders.cancelOrder(json()),
    },
    '/api/v2/logistics/ship_order': {
      operation: 'shipOrder',
      method: 'POST',
      level: 'shop',
      write: true,
      handle: ({ json }) => orders.shipOrder(json()),
    },
    '/api/v2/logistics/get_tracking_number': {
      operation: 'getTrackingNumber',
      method: 'GET',
      level: 'shop',
      write: false,
      handle: ({ query }) => ({
        tracking_number: orders.orderOrFail(query.get('order_sn')).trackingNumber ?? '',
      }),
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

  const send = (res: ServerResponse, status: number, body: unknown, requestId: string) => {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': payload.length,
      'x-request-id': requestId,
    });
    res.end(payload);
  };

  const serveMedia = (res: ServerResponse, id: string): void => {
    stats.totalRequests += 1;
    const image = engine.images().find((candidate) => candidate.id === id);
    const bytes = image ? engine.imageBytes(image.id) : undefined;
    if (!image || !bytes) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': image.format === 'PNG' ? 'image/png' : 'image/jpeg',
      'content-length': bytes.length,
    });
    res.end(bytes);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomBytes(8).toString('hex');
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    // The images it hands out (upload_image, get_item_base_info) are served, as the Voso and Postmart
    // sandboxes serve theirs (#19 re-trial MEDIUM 3: pull-catalog downloaded none).
    if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
      serveMedia(res, decodeURIComponent(url.pathname.slice('/media/'.length)));
      return;
    }
    const route = routes[url.pathname];
    const operation: ShopeeOperation | 'unknown' = route?.operation ?? 'unknown';
    stats.requests[operation] = (stats.requests[operation] ?? 0) + 1;
    stats.totalRequests += 1;
    try {
      const body = await readBody(
        req,
        MAX_BODY_BYTES,
        () => new ShopeeFault('error_param', 'request body too large', 413),
      );
      if (!route || route.method !== req.method)
        throw new ShopeeFault('error_not_found', `no API ${req.method} ${url.pathname}`, 404);
      const account = authenticate(route, url.pathname, url.searchParams);
      if (!limiter.check(account).allowed) {
        stats.rateLimited += 1;
        throw new ShopeeFault('error_too_many_request', 'too many requests', 429);
      }
      if (consume(faults.failNext, route.operation)) {
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
      if (consume(faults.dropAfterCommit, route.operation)) {
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
  ({ origin } = await listenOn(server, options.port ?? 0, options.host ?? '127.0.0.1'));
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
    state: engine.stateView(),
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
      await shutDown({ server, buyerClock, engine, webhooks });
    },
  };
}
