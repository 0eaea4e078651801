/** Voso routes over the shared marketplace engine (docs/contracts/voso.md §3–§9). */

import { randomBytes } from 'node:crypto';
import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import { buildCatalog, CATEGORY_ID_BASE, type CategoryNode } from '../marketplace/catalog.js';
import {
  CONTRACT_IMAGE_SPECS,
  CONTRACT_LISTING_RULES,
  CONTRACT_SHOP_SETTINGS,
} from '../marketplace/contract-table.js';
import { decodeCursor, type OrderCursor } from '../marketplace/cursor.js';
import { asRecord, type Dialect, type Route, type RouteContext, route } from '../marketplace/dialect.js';
import { MarketplaceEngine } from '../marketplace/engine.js';
import { type FieldIssue, issue, SandboxError, validationError } from '../marketplace/errors.js';
import type { ListingRules } from '../marketplace/listing-rules.js';
import { multipartFile } from '../marketplace/multipart.js';
import { intParam, positiveIntFromPath, statusParam } from '../marketplace/params.js';
import type { SandboxCancelReason, SandboxOrder, SandboxOrderStatus } from '../marketplace/shop-data.js';
import { parseSkuAssignment } from '../marketplace/sku-assignment.js';
import * as wire from '../marketplace/wire-handlers.js';
import {
  renderVosoError,
  renderVosoImage,
  renderVosoListing,
  renderVosoOrder,
  VOSO_FIELD_NAMES,
  VOSO_ORDER_STATUS,
  VOSO_REVIEW_STATUS,
  VOSO_SELLER_ID,
  vosoOk,
  vosoWebhookMessage,
} from './voso-render.js';

export const VOSO_BASE_PATH = '/api/v1/seller';
export const VOSO_BATCH_MAX = 50;
export const VOSO_ORDER_WINDOW_MAX_SECONDS = 15 * 24 * 3600;

export const VOSO_LISTING_RULES: ListingRules = CONTRACT_LISTING_RULES.voso;

const CANCEL_REASONS: readonly SandboxCancelReason[] = [
  'OUT_OF_STOCK',
  'BUYER_REQUEST',
  'WRONG_PRICE',
  'CANNOT_SHIP',
  'OTHER',
];
const CANCEL_WIRE: wire.CancelWire = {
  code: 'REASON_CODE',
  reason: 'REASON',
  reasons: Object.fromEntries(CANCEL_REASONS.map((reason) => [reason, reason])),
};
const SHIP_WIRE = {
  carrier: 'CARRIER_CODE',
  tracking: 'TRACKING_NUMBER',
  carriers: ['VTP', 'VNPOST', 'GHN', 'GHTK', 'JT', 'OTHER'],
};
const PAGING: wire.ListingPaging = {
  query: { style: 'offset', start: 'offset', size: 'limit', maxSize: 100, defaultSize: 50 },
  review: { param: 'review_status', statuses: VOSO_REVIEW_STATUS },
  answer: { items: 'PRODUCTS', total: 'TOTAL', start: 'OFFSET', size: 'LIMIT' },
};
const BULK_WIRE: wire.BulkWire = {
  batchMax: VOSO_BATCH_MAX,
  items: 'ITEMS',
  sku: 'SELLER_SKU',
  stock: 'STOCK',
  price: 'PRICE',
  success: 'SUCCESS',
  errorCode: 'ERROR_CODE',
  message: 'MESSAGE',
  results: 'RESULTS',
  successCount: 'SUCCESS_COUNT',
  failureCount: 'FAILURE_COUNT',
};

function attributesFromWire(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return value;
  const record: Record<string, unknown> = {};
  for (const entry of value) {
    const item = asRecord(entry);
    // A malformed entry makes the whole field a type error (the array is passed through unchanged).
    if (typeof item.CODE !== 'string') return value;
    record[item.CODE] = item.VALUE;
  }
  return record;
}

/** Voso sends the whole listing on create and update: a missing field is missing. */
function validListing(context: RouteContext) {
  const draft = wire.overlayDraft(wire.emptyDraft(), context.json(), VOSO_FIELD_NAMES, attributesFromWire);
  return wire.validateDraft(context, draft, VOSO_LISTING_RULES);
}

function categoryTree(categories: ReadonlyMap<number, CategoryNode>, parentId: number): unknown[] {
  return [...categories.values()]
    .filter((category) => category.parentId === parentId)
    .map((category) => ({
      CATEGORY_ID: category.id,
      NAME: category.name,
      PARENT_ID: category.parentId,
      IS_LEAF: category.isLeaf,
      CHILDREN: categoryTree(categories, category.id),
    }));
}

function orderIdOf(context: RouteContext): string {
  return mustGetOrder(context).id;
}

function mustGetOrder(context: RouteContext): SandboxOrder {
  return wire.orderById(context, context.params.id);
}

function listOrders(context: RouteContext) {
  const issues: FieldIssue[] = [];
  const pageSize = intParam(context.query, 'page_size', { min: 1, max: 100, fallback: 50 }, issues);
  const cursorText = context.query.get('cursor');
  let fromMs: number;
  let toMs: number;
  let status: SandboxOrderStatus | null = null;
  let cursor: OrderCursor | undefined;
  if (cursorText) {
    // Voso: the cursor carries the filters; other query parameters are ignored on later pages.
    cursor = decodeCursor(cursorText);
    if (!cursor) throw new SandboxError('invalid_cursor', 'Con trỏ không hợp lệ');
    if (issues.length > 0) throw validationError(issues);
    fromMs = cursor.fromMs;
    toMs = cursor.toMs;
    status = cursor.status as SandboxOrderStatus | null;
  } else {
    const from = intParam(context.query, 'from_time', { min: 0, max: 9_999_999_999 }, issues);
    const to = intParam(context.query, 'to_time', { min: 0, max: 9_999_999_999 }, issues);
    if (from !== undefined && to !== undefined) {
      if (to <= from || to - from > VOSO_ORDER_WINDOW_MAX_SECONDS) {
        issues.push(issue(['to_time'], 'WINDOW', 'Khoảng thời gian phải lớn hơn 0 và tối đa 15 ngày'));
      }
    }
    status = statusParam(context.query, 'status', VOSO_ORDER_STATUS, 'Trạng thái đơn không hợp lệ', issues);
    if (issues.length > 0) throw validationError(issues);
    fromMs = (from as number) * 1000;
    toMs = (to as number) * 1000;
  }
  const { items, nextCursor } = wire.orderPage(context, { fromMs, toMs, status }, cursor, pageSize as number);
  return vosoOk({
    ORDERS: items.map(renderVosoOrder),
    NEXT_CURSOR: nextCursor,
    HAS_MORE: nextCursor !== null,
  });
}

function login(context: RouteContext) {
  wire.checkLogin(
    context,
    [
      ['USERNAME', 'username', 100],
      ['PASSWORD', 'password', 200],
    ],
    'Sai tên đăng nhập hoặc mật khẩu',
  );
  const issued = context.issueToken();
  return vosoOk({
    TOKEN: issued.token,
    SELLER_ID: VOSO_SELLER_ID,
    EXPIRES_AT: Math.floor(issued.expiresAtMs / 1000),
  });
}

function categoryAttributes(context: RouteContext) {
  return vosoOk(
    wire.renderAttributeSpecs(wire.categoryById(context, context.params.id), {
      code: 'CODE',
      name: 'NAME',
      type: 'TYPE',
      required: 'REQUIRED',
      min: 'MIN',
      max: 'MAX',
      options: 'OPTIONS',
    }),
  );
}

/** The listing the path names, which must exist. */
function listingIdOf(context: RouteContext): number {
  const id = positiveIntFromPath(context.params.id);
  if (id === undefined || !context.engine.getListing(id)) {
    throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
  }
  return id;
}

function setListingSkus(context: RouteContext) {
  const id = listingIdOf(context);
  const { sellerSku, variants } = parseSkuAssignment(context.json(), {
    sku: 'SELLER_SKU',
    variants: 'VARIANTS',
    variantId: 'VARIANT_ID',
    variantSku: 'SELLER_SKU',
  });
  return vosoOk(renderVosoListing(context.engine.setListingSkus(id, sellerSku, variants), context.origin));
}

function cancelOrder(context: RouteContext) {
  const id = orderIdOf(context);
  const { code, reason } = wire.cancelInput(context.json(), CANCEL_WIRE);
  return vosoOk(renderVosoOrder(context.engine.cancelOrder(id, code, reason)));
}

function shipOrder(context: RouteContext) {
  const id = orderIdOf(context);
  const { carrier, tracking } = wire.shipInput(context.json(), SHIP_WIRE);
  return vosoOk(renderVosoOrder(context.engine.shipOrder(id, carrier, tracking)));
}

const routes: Route[] = [
  route('POST', '/auth/login', 'login', login, { auth: false, write: false }),
  route('GET', '/categories', 'getCategories', (context) =>
    vosoOk(categoryTree(context.engine.categories, 0)),
  ),
  route('GET', '/categories/:id/attributes', 'getCategoryAttributes', categoryAttributes),
  route('POST', '/images', 'uploadImage', (context) => {
    const file = multipartFile(context.headers['content-type'], context.body, 'file');
    return vosoOk(renderVosoImage(context.engine.uploadImage(file).image, context.origin));
  }),
  route(
    'POST',
    '/products',
    'createListing',
    (context) => vosoOk(renderVosoListing(context.engine.createListing(validListing(context)))),
    { idempotent: true },
  ),
  route('POST', '/products/stock', 'updateStock', (context) =>
    vosoOk(wire.bulkUpdate(context, 'stock', BULK_WIRE)),
  ),
  route('POST', '/products/price', 'updatePrice', (context) =>
    vosoOk(wire.bulkUpdate(context, 'price', BULK_WIRE)),
  ),
  route('PUT', '/products/:id', 'updateListing', (context) => {
    const id = listingIdOf(context);
    return vosoOk(renderVosoListing(context.engine.updateListing(id, validListing(context))));
  }),
  route('PUT', '/products/:id/sku', 'setListingSkus', setListingSkus),
  route('GET', '/products/sku/:sku', 'getListingBySku', (context) =>
    vosoOk(renderVosoListing(wire.listingBySku(context, context.params.sku))),
  ),
  route('GET', '/products/:id', 'getListing', (context) =>
    vosoOk(renderVosoListing(wire.listingById(context, context.params.id))),
  ),
  route('GET', '/products', 'listListings', (context) =>
    vosoOk(wire.listingPage(context, PAGING, (listing) => renderVosoListing(listing, context.origin))),
  ),
  route('GET', '/orders', 'listOrders', listOrders),
  route('GET', '/orders/:id', 'getOrder', (context) => vosoOk(renderVosoOrder(mustGetOrder(context)))),
  route('POST', '/orders/:id/confirm', 'confirmOrder', (context) =>
    vosoOk(renderVosoOrder(context.engine.confirmOrder(orderIdOf(context)))),
  ),
  route('POST', '/orders/:id/cancel', 'cancelOrder', cancelOrder),
  route('POST', '/orders/:id/ship', 'shipOrder', shipOrder),
  route('PUT', '/webhook', 'registerWebhook', (context) => {
    const url = wire.registerWebhookUrl(context, 'URL');
    return vosoOk({ URL: url, SECRET_HINT: context.credentials.webhookSecret.slice(-4) });
  }),
];

export const vosoDialect: Dialect = {
  platform: 'voso',
  basePath: VOSO_BASE_PATH,
  tokenHeader: 'token',
  tokenPrefix: 'vs_',
  defaultCredentials: { ...SANDBOX_DEMO_IDENTITIES.voso },
  defaultTokenTtlMs: 24 * 3600 * 1000,
  defaultRateLimitRps: 20,
  idempotencyHeader: 'idempotency-key',
  idempotencyTtlMs: 24 * 3600 * 1000,
  routes,
  engineConfig: (options) => ({
    ...CONTRACT_SHOP_SETTINGS.voso,
    rules: VOSO_LISTING_RULES,
    imageSpec: CONTRACT_IMAGE_SPECS.voso,
    categories: buildCatalog(CATEGORY_ID_BASE.voso, {
      codes: {
        origin: 'ORIGIN',
        brand: 'BRAND',
        shelfLifeDays: 'SHELF_LIFE_DAYS',
        ocopStars: 'OCOP_STARS',
        netWeight: 'NET_WEIGHT',
        ingredients: 'INGREDIENTS',
        storage: 'STORAGE',
        material: 'MATERIAL',
      },
      ocopStarsAsEnum: false,
    }),
    // Voso image ids are 32 lower-hex characters (public image URLs on image.voso.vn).
    newImageId: () => randomBytes(16).toString('hex'),
    rawOrderStatus: VOSO_ORDER_STATUS,
    rawReviewStatus: VOSO_REVIEW_STATUS,
    shippingFeeVnd: options.shippingFeeVnd ?? CONTRACT_SHOP_SETTINGS.voso.shippingFeeVnd,
  }),
  renderError: renderVosoError,
  loginAccount: wire.loginAccountOf('USERNAME'),
  newEventId: () => `evt_${MarketplaceEngine.randomHex(12)}`,
  webhookMessage: vosoWebhookMessage,
};
