/** Voso routes over the shared marketplace engine (docs/contracts/voso.md §3–§9). */

import { randomBytes } from 'node:crypto';
import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import { LEGACY_BUYERS } from '../marketplace/buyer-profiles.js';
import { buildCatalog, type CategoryNode } from '../marketplace/catalog.js';
import { decodeCursor, encodeCursor } from '../marketplace/cursor.js';
import { asRecord, type Dialect, type Route, type RouteContext } from '../marketplace/dialect.js';
import { MarketplaceEngine } from '../marketplace/engine.js';
import { type FieldIssue, issue, SandboxError, validationError } from '../marketplace/errors.js';
import { type ListingDraft, type ListingRules, validateListingDraft } from '../marketplace/listing-rules.js';
import { multipartFile } from '../marketplace/multipart.js';
import {
  intParam,
  isHttpUrl,
  positiveIntFromPath,
  requiredString,
  statusParam,
  TRACKING_NUMBER_PATTERN,
} from '../marketplace/params.js';
import { parseSkuAssignment } from '../marketplace/sku-assignment.js';
import type { SandboxCancelReason, SandboxOrder, SandboxOrderStatus } from '../marketplace/types.js';
import {
  renderVosoError,
  renderVosoImage,
  renderVosoListing,
  renderVosoOrder,
  VOSO_ORDER_STATUS,
  VOSO_REVIEW_STATUS,
  VOSO_SELLER_ID,
  vosoOk,
  vosoWebhookMessage,
} from './voso-render.js';

export const VOSO_BASE_PATH = '/api/v1/seller';
export const VOSO_BATCH_MAX = 50;
export const VOSO_ORDER_WINDOW_MAX_SECONDS = 15 * 24 * 3600;

export const VOSO_LISTING_RULES: ListingRules = {
  titleMinChars: 10,
  titleMaxChars: 120,
  descriptionMaxChars: 3000,
  imagesMin: 1,
  imagesMax: 9,
  maxTiers: 2,
  maxTierOptions: 20,
  maxVariants: 50,
  priceMinVnd: 1000,
  priceMaxVnd: 500_000_000,
  stockMax: 999_999,
  weightMaxGrams: 50_000,
  dimensionMaxCm: 200,
};

const CANCEL_REASONS: readonly SandboxCancelReason[] = [
  'OUT_OF_STOCK',
  'BUYER_REQUEST',
  'WRONG_PRICE',
  'CANNOT_SHIP',
  'OTHER',
];
const CARRIERS = ['VTP', 'VNPOST', 'GHN', 'GHTK', 'JT', 'OTHER'];

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

function draftFromWire(body: Record<string, unknown>): ListingDraft {
  return {
    sellerSku: body.SELLER_SKU,
    title: body.PRODUCT_NAME,
    description: body.DESCRIPTION,
    categoryId: body.CATEGORY_ID,
    attributes: attributesFromWire(body.ATTRIBUTES),
    imageIds: body.IMAGE_IDS,
    weightGrams: body.WEIGHT_GRAM,
    lengthCm: body.LENGTH_CM,
    widthCm: body.WIDTH_CM,
    heightCm: body.HEIGHT_CM,
    tiers: Array.isArray(body.TIERS)
      ? body.TIERS.map((tier) => ({ name: asRecord(tier).NAME, options: asRecord(tier).OPTIONS }))
      : body.TIERS,
    variants: Array.isArray(body.VARIANTS)
      ? body.VARIANTS.map((variant) => {
          const item = asRecord(variant);
          return {
            sku: item.SELLER_SKU,
            tierIndex: item.TIER_INDEX,
            priceVnd: item.PRICE,
            stock: item.STOCK,
          };
        })
      : body.VARIANTS,
  };
}

function validate(context: RouteContext, body: Record<string, unknown>) {
  const result = validateListingDraft(draftFromWire(body), {
    rules: VOSO_LISTING_RULES,
    categories: context.engine.categories,
    imageExists: (id) => context.engine.hasImage(id),
  });
  if (!result.ok) throw validationError(result.issues);
  return result.value;
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
  const order = context.engine.getOrder(context.params.id ?? '');
  if (!order) throw new SandboxError('not_found', 'Không tìm thấy đơn hàng');
  return order;
}

function bulk(context: RouteContext, kind: 'stock' | 'price') {
  const body = context.json();
  const items = body.ITEMS;
  if (!Array.isArray(items) || items.length === 0) {
    throw validationError([
      issue(['ITEMS'], items === undefined ? 'REQUIRED' : 'MIN_ITEMS', 'Cần danh sách ITEMS'),
    ]);
  }
  if (items.length > VOSO_BATCH_MAX) {
    throw new SandboxError('batch_too_large', `Tối đa ${VOSO_BATCH_MAX} SKU mỗi lần`);
  }
  const valueKey = kind === 'stock' ? 'STOCK' : 'PRICE';
  const results = context.engine.bulkUpdate(
    kind,
    items.map((item) => ({ sku: asRecord(item).SELLER_SKU, value: asRecord(item)[valueKey] })),
  );
  const rendered = results.map((result) =>
    result.ok
      ? { SELLER_SKU: result.sku, SUCCESS: true, [valueKey]: result.value }
      : {
          SELLER_SKU: result.sku ?? null,
          SUCCESS: false,
          ERROR_CODE: result.errorCode,
          MESSAGE: result.message,
        },
  );
  const successCount = results.filter((result) => result.ok).length;
  return vosoOk({
    RESULTS: rendered,
    SUCCESS_COUNT: successCount,
    FAILURE_COUNT: results.length - successCount,
  });
}

function listOrders(context: RouteContext) {
  const issues: FieldIssue[] = [];
  const pageSize = intParam(context.query, 'page_size', { min: 1, max: 100, fallback: 50 }, issues);
  const cursorText = context.query.get('cursor');
  let fromMs: number;
  let toMs: number;
  let status: SandboxOrderStatus | null = null;
  let after: { updatedAtMs: number; id: string } | null = null;
  if (cursorText) {
    // Voso: the cursor carries the filters; other query parameters are ignored on later pages.
    const cursor = decodeCursor(cursorText);
    if (!cursor) throw new SandboxError('invalid_cursor', 'Con trỏ không hợp lệ');
    if (issues.length > 0) throw validationError(issues);
    fromMs = cursor.fromMs;
    toMs = cursor.toMs;
    status = cursor.status as SandboxOrderStatus | null;
    after = { updatedAtMs: cursor.afterUpdatedAtMs, id: cursor.afterId };
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
  const page = context.engine.listOrders({ fromMs, toMs, status, after, limit: pageSize as number });
  const nextCursor = page.next
    ? encodeCursor({ fromMs, toMs, status, afterUpdatedAtMs: page.next.updatedAtMs, afterId: page.next.id })
    : null;
  return vosoOk({
    ORDERS: page.items.map(renderVosoOrder),
    NEXT_CURSOR: nextCursor,
    HAS_MORE: nextCursor !== null,
  });
}

const routes: Route[] = [
  {
    method: 'POST',
    path: '/auth/login',
    operation: 'login',
    auth: false,
    write: false,
    handle(context) {
      const body = context.json();
      const issues: FieldIssue[] = [];
      const username = requiredString(body, 'USERNAME', issues, { max: 100 });
      const password = requiredString(body, 'PASSWORD', issues, { max: 200 });
      if (issues.length > 0) throw validationError(issues);
      if (username !== context.credentials.username || password !== context.credentials.password) {
        throw new SandboxError('login_failed', 'Sai tên đăng nhập hoặc mật khẩu');
      }
      const issued = context.issueToken();
      return vosoOk({
        TOKEN: issued.token,
        SELLER_ID: VOSO_SELLER_ID,
        EXPIRES_AT: Math.floor(issued.expiresAtMs / 1000),
      });
    },
  },
  {
    method: 'GET',
    path: '/categories',
    operation: 'getCategories',
    auth: true,
    write: false,
    handle: (context) => vosoOk(categoryTree(context.engine.categories, 0)),
  },
  {
    method: 'GET',
    path: '/categories/:id/attributes',
    operation: 'getCategoryAttributes',
    auth: true,
    write: false,
    handle(context) {
      const id = positiveIntFromPath(context.params.id);
      const category = id === undefined ? undefined : context.engine.categories.get(id);
      if (!category) throw new SandboxError('not_found', 'Không tìm thấy danh mục');
      return vosoOk(
        category.attributes.map((spec) => ({
          CODE: spec.code,
          NAME: spec.name,
          TYPE: spec.type,
          REQUIRED: spec.required,
          ...(spec.min !== undefined ? { MIN: spec.min } : {}),
          ...(spec.max !== undefined ? { MAX: spec.max } : {}),
          ...(spec.options !== undefined ? { OPTIONS: spec.options } : {}),
        })),
      );
    },
  },
  {
    method: 'POST',
    path: '/images',
    operation: 'uploadImage',
    auth: true,
    write: true,
    handle(context) {
      const file = multipartFile(context.headers['content-type'], context.body, 'file');
      const { image } = context.engine.uploadImage(file);
      return vosoOk(renderVosoImage(image, context.origin));
    },
  },
  {
    method: 'POST',
    path: '/products',
    operation: 'createListing',
    auth: true,
    write: true,
    idempotent: true,
    handle(context) {
      const listing = context.engine.createListing(validate(context, context.json()));
      return vosoOk(renderVosoListing(listing));
    },
  },
  {
    method: 'POST',
    path: '/products/stock',
    operation: 'updateStock',
    auth: true,
    write: true,
    handle: (context) => bulk(context, 'stock'),
  },
  {
    method: 'POST',
    path: '/products/price',
    operation: 'updatePrice',
    auth: true,
    write: true,
    handle: (context) => bulk(context, 'price'),
  },
  {
    method: 'PUT',
    path: '/products/:id',
    operation: 'updateListing',
    auth: true,
    write: true,
    handle(context) {
      const id = positiveIntFromPath(context.params.id);
      if (id === undefined || !context.engine.getListing(id))
        throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
      const listing = context.engine.updateListing(id, validate(context, context.json()));
      return vosoOk(renderVosoListing(listing));
    },
  },
  {
    method: 'PUT',
    path: '/products/:id/sku',
    operation: 'setListingSkus',
    auth: true,
    write: true,
    handle(context) {
      const id = positiveIntFromPath(context.params.id);
      if (id === undefined || !context.engine.getListing(id))
        throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
      const { sellerSku, variants } = parseSkuAssignment(context.json(), {
        sku: 'SELLER_SKU',
        variants: 'VARIANTS',
        variantId: 'VARIANT_ID',
        variantSku: 'SELLER_SKU',
      });
      return vosoOk(
        renderVosoListing(context.engine.setListingSkus(id, sellerSku, variants), context.origin),
      );
    },
  },
  {
    method: 'GET',
    path: '/products/sku/:sku',
    operation: 'getListingBySku',
    auth: true,
    write: false,
    handle(context) {
      const listing = context.engine.listingBySku(context.params.sku ?? '');
      if (!listing) throw new SandboxError('not_found', 'Không tìm thấy SKU');
      return vosoOk(renderVosoListing(listing));
    },
  },
  {
    method: 'GET',
    path: '/products/:id',
    operation: 'getListing',
    auth: true,
    write: false,
    handle(context) {
      const id = positiveIntFromPath(context.params.id);
      const listing = id === undefined ? undefined : context.engine.getListing(id);
      if (!listing) throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
      return vosoOk(renderVosoListing(listing));
    },
  },
  {
    method: 'GET',
    path: '/products',
    operation: 'listListings',
    auth: true,
    write: false,
    handle(context) {
      const issues: FieldIssue[] = [];
      const offset = intParam(context.query, 'offset', { min: 0, max: 1_000_000, fallback: 0 }, issues);
      const limit = intParam(context.query, 'limit', { min: 1, max: 100, fallback: 50 }, issues);
      const review = statusParam(
        context.query,
        'review_status',
        VOSO_REVIEW_STATUS,
        'Trạng thái duyệt không hợp lệ',
        issues,
      );
      if (issues.length > 0) throw validationError(issues);
      const page = context.engine.listListings(review, offset as number, limit as number);
      return vosoOk({
        PRODUCTS: page.items.map((listing) => renderVosoListing(listing, context.origin)),
        TOTAL: page.total,
        OFFSET: offset,
        LIMIT: limit,
      });
    },
  },
  { method: 'GET', path: '/orders', operation: 'listOrders', auth: true, write: false, handle: listOrders },
  {
    method: 'GET',
    path: '/orders/:id',
    operation: 'getOrder',
    auth: true,
    write: false,
    handle: (context) => vosoOk(renderVosoOrder(mustGetOrder(context))),
  },
  {
    method: 'POST',
    path: '/orders/:id/confirm',
    operation: 'confirmOrder',
    auth: true,
    write: true,
    handle: (context) => vosoOk(renderVosoOrder(context.engine.confirmOrder(orderIdOf(context)))),
  },
  {
    method: 'POST',
    path: '/orders/:id/cancel',
    operation: 'cancelOrder',
    auth: true,
    write: true,
    handle(context) {
      const id = orderIdOf(context);
      const body = context.json();
      const issues: FieldIssue[] = [];
      const code = body.REASON_CODE;
      if (typeof code !== 'string' || !CANCEL_REASONS.includes(code as SandboxCancelReason)) {
        issues.push(
          issue(
            ['REASON_CODE'],
            code === undefined ? 'REQUIRED' : 'RANGE',
            `REASON_CODE ∈ ${CANCEL_REASONS.join(', ')}`,
          ),
        );
      }
      const reason = body.REASON;
      if (
        reason !== undefined &&
        reason !== null &&
        (typeof reason !== 'string' || [...reason].length > 255)
      ) {
        issues.push(issue(['REASON'], 'MAX_LENGTH', 'Lý do tối đa 255 ký tự'));
      } else if (code === 'OTHER' && (typeof reason !== 'string' || reason.trim() === '')) {
        issues.push(issue(['REASON'], 'REQUIRED', 'Cần ghi lý do khi chọn OTHER'));
      }
      if (issues.length > 0) throw validationError(issues);
      const order = context.engine.cancelOrder(
        id,
        code as SandboxCancelReason,
        typeof reason === 'string' ? reason : null,
      );
      return vosoOk(renderVosoOrder(order));
    },
  },
  {
    method: 'POST',
    path: '/orders/:id/ship',
    operation: 'shipOrder',
    auth: true,
    write: true,
    handle(context) {
      const id = orderIdOf(context);
      const body = context.json();
      const issues: FieldIssue[] = [];
      if (typeof body.CARRIER_CODE !== 'string' || !CARRIERS.includes(body.CARRIER_CODE)) {
        issues.push(
          issue(
            ['CARRIER_CODE'],
            body.CARRIER_CODE === undefined ? 'REQUIRED' : 'RANGE',
            `CARRIER_CODE ∈ ${CARRIERS.join(', ')}`,
          ),
        );
      }
      const tracking = requiredString(body, 'TRACKING_NUMBER', issues, {
        min: 6,
        max: 30,
        pattern: TRACKING_NUMBER_PATTERN,
      });
      if (issues.length > 0) throw validationError(issues);
      return vosoOk(
        renderVosoOrder(context.engine.shipOrder(id, body.CARRIER_CODE as string, tracking as string)),
      );
    },
  },
  {
    method: 'PUT',
    path: '/webhook',
    operation: 'registerWebhook',
    auth: true,
    write: true,
    handle(context) {
      const body = context.json();
      if (!isHttpUrl(body.URL))
        throw validationError([issue(['URL'], 'FORMAT', 'URL phải là địa chỉ http(s)')]);
      context.setWebhookUrl(body.URL);
      return vosoOk({ URL: body.URL, SECRET_HINT: context.credentials.webhookSecret.slice(-4) });
    },
  },
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
    rules: VOSO_LISTING_RULES,
    imageSpec: {
      formats: ['JPEG', 'PNG'],
      minWidth: 500,
      minHeight: 500,
      square: true,
      maxBytes: 2 * 1024 * 1024,
    },
    categories: buildCatalog(1000, {
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
    dedupeImages: true,
    // Voso image ids are 32 lower-hex characters (public image URLs on image.voso.vn).
    newImageId: () => randomBytes(16).toString('hex'),
    listingIdStart: 100_001,
    variantIdStart: 500_001,
    orderIdPrefix: 'VS',
    rawOrderStatus: VOSO_ORDER_STATUS,
    rawReviewStatus: VOSO_REVIEW_STATUS,
    shipTarget: 'SHIPPED',
    shipAllowedFrom: ['CONFIRMED', 'READY_TO_SHIP'],
    shippingFeeVnd: options.shippingFeeVnd ?? 30_000,
    buyers: LEGACY_BUYERS,
  }),
  renderError: renderVosoError,
  loginAccount(body) {
    try {
      const parsed = asRecord(JSON.parse(body.toString('utf8')));
      return typeof parsed.USERNAME === 'string' ? parsed.USERNAME : undefined;
    } catch {
      return undefined;
    }
  },
  newEventId: () => `evt_${MarketplaceEngine.randomHex(12)}`,
  webhookMessage: vosoWebhookMessage,
};
