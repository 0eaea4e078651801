/** Postmart routes over the shared marketplace engine (docs/contracts/postmart.md §3–§9). */
import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import { TWO_LEVEL_BUYERS } from '../marketplace/buyer-profiles.js';
import { buildCatalog } from '../marketplace/catalog.js';
import { decodeCursor, encodeCursor } from '../marketplace/cursor.js';
import { asRecord, type Dialect, type Route, type RouteContext } from '../marketplace/dialect.js';
import { MarketplaceEngine } from '../marketplace/engine.js';
import { type FieldIssue, issue, SandboxError, validationError } from '../marketplace/errors.js';
import {
  type ListingDraft,
  type ListingRules,
  type ValidListing,
  validateListingDraft,
} from '../marketplace/listing-rules.js';
import {
  intParam,
  isHttpUrl,
  parseIsoWithOffset,
  positiveIntFromPath,
  requiredString,
  statusParam,
  TRACKING_NUMBER_PATTERN,
} from '../marketplace/params.js';
import { parseSkuAssignment } from '../marketplace/sku-assignment.js';
import type { SandboxOrder } from '../marketplace/types.js';
import {
  POSTMART_CANCEL_REASONS,
  POSTMART_ORDER_STATUS,
  POSTMART_REVIEW_STATUS,
  postmartOk,
  postmartWebhookMessage,
  renderPostmartError,
  renderPostmartImage,
  renderPostmartListing,
  renderPostmartOrder,
} from './postmart-render.js';

export const POSTMART_BASE_PATH = '/api/partner';
export const POSTMART_BATCH_MAX = 20;
export const POSTMART_ORDER_WINDOW_MAX_MS = 7 * 24 * 3600 * 1000;

export const POSTMART_LISTING_RULES: ListingRules = {
  titleMinChars: 10,
  titleMaxChars: 150,
  descriptionMaxChars: 5000,
  imagesMin: 1,
  imagesMax: 8,
  maxTiers: 2,
  maxTierOptions: 20,
  maxVariants: 50,
  priceMinVnd: 1000,
  priceMaxVnd: 500_000_000,
  stockMax: 999_999,
  weightMaxGrams: 50_000,
  dimensionMaxCm: 200,
};

const CARRIERS = ['VNPOST', 'EMS', 'VTP', 'GHN', 'GHTK', 'KHAC'];

function tiersFromWire(value: unknown): unknown {
  return Array.isArray(value)
    ? value.map((tier) => ({ name: asRecord(tier).ten, options: asRecord(tier).giaTri }))
    : value;
}

function variantsFromWire(value: unknown): unknown {
  return Array.isArray(value)
    ? value.map((variant) => {
        const item = asRecord(variant);
        return { sku: item.maSku, tierIndex: item.chiSoPhanLoai, priceVnd: item.giaBan, stock: item.tonKho };
      })
    : value;
}

/** Wire key → how it lands in the draft (used by create, and by the partial update's overlay). */
const DRAFT_FIELDS: ReadonlyArray<[string, keyof ListingDraft, (value: unknown) => unknown]> = [
  ['maSkuCha', 'sellerSku', (value) => value],
  ['tenSanPham', 'title', (value) => value],
  ['moTa', 'description', (value) => value],
  ['maDanhMuc', 'categoryId', (value) => value],
  ['thuocTinh', 'attributes', (value) => value],
  ['hinhAnh', 'imageIds', (value) => value],
  ['khoiLuongGram', 'weightGrams', (value) => value],
  ['daiCm', 'lengthCm', (value) => value],
  ['rongCm', 'widthCm', (value) => value],
  ['caoCm', 'heightCm', (value) => value],
  ['phanLoai', 'tiers', tiersFromWire],
  ['bienThe', 'variants', variantsFromWire],
];

function emptyDraft(): ListingDraft {
  return {
    sellerSku: undefined,
    title: undefined,
    description: undefined,
    categoryId: undefined,
    attributes: undefined,
    imageIds: undefined,
    weightGrams: undefined,
    lengthCm: undefined,
    widthCm: undefined,
    heightCm: undefined,
    tiers: undefined,
    variants: undefined,
  };
}

function draftFromStored(stored: ValidListing): ListingDraft {
  return { ...stored };
}

function overlay(draft: ListingDraft, body: Record<string, unknown>): ListingDraft {
  const next = { ...draft };
  for (const [wireKey, draftKey, convert] of DRAFT_FIELDS) {
    if (Object.hasOwn(body, wireKey)) next[draftKey] = convert(body[wireKey]);
  }
  return next;
}

function validate(context: RouteContext, draft: ListingDraft): ValidListing {
  const result = validateListingDraft(draft, {
    rules: POSTMART_LISTING_RULES,
    categories: context.engine.categories,
    imageExists: (id) => context.engine.hasImage(id),
  });
  if (!result.ok) throw validationError(result.issues);
  return result.value;
}

function orderFromBody(context: RouteContext): { order: SandboxOrder; body: Record<string, unknown> } {
  const body = context.json();
  if (typeof body.maDonHang !== 'string' || body.maDonHang === '') {
    throw validationError([issue(['maDonHang'], 'REQUIRED', 'Thiếu mã đơn hàng')]);
  }
  const order = context.engine.getOrder(body.maDonHang);
  if (!order) throw new SandboxError('not_found', 'Không tìm thấy đơn hàng');
  return { order, body };
}

function bulk(context: RouteContext, kind: 'stock' | 'price') {
  const items = context.json().items;
  if (!Array.isArray(items) || items.length === 0) {
    throw validationError([
      issue(['items'], items === undefined ? 'REQUIRED' : 'MIN_ITEMS', 'Cần danh sách items'),
    ]);
  }
  if (items.length > POSTMART_BATCH_MAX) {
    throw new SandboxError('batch_too_large', `Tối đa ${POSTMART_BATCH_MAX} SKU mỗi lần`);
  }
  const valueKey = kind === 'stock' ? 'tonKho' : 'giaBan';
  const results = context.engine.bulkUpdate(
    kind,
    items.map((item) => ({ sku: asRecord(item).maSku, value: asRecord(item)[valueKey] })),
  );
  const ketQua = results.map((result) =>
    result.ok
      ? { maSku: result.sku, thanhCong: true, [valueKey]: result.value }
      : { maSku: result.sku ?? null, thanhCong: false, maLoi: result.errorCode, thongBao: result.message },
  );
  const soThanhCong = results.filter((result) => result.ok).length;
  return postmartOk({ ketQua, soThanhCong, soThatBai: results.length - soThanhCong });
}

function listOrders(context: RouteContext) {
  const issues: FieldIssue[] = [];
  const pageSize = intParam(context.query, 'pageSize', { min: 1, max: 50, fallback: 20 }, issues);
  const times: Record<string, number | undefined> = {};
  for (const name of ['tuNgay', 'denNgay']) {
    const raw = context.query.get(name);
    if (!raw) issues.push(issue([name], 'REQUIRED', `Thiếu tham số ${name}`));
    else {
      times[name] = parseIsoWithOffset(raw);
      if (times[name] === undefined) {
        issues.push(
          issue([name], 'DATETIME', `${name} phải là ISO-8601 có múi giờ, ví dụ 2026-11-27T00:00:00+07:00`),
        );
      }
    }
  }
  const fromMs = times.tuNgay;
  const toMs = times.denNgay;
  if (
    fromMs !== undefined &&
    toMs !== undefined &&
    (toMs <= fromMs || toMs - fromMs > POSTMART_ORDER_WINDOW_MAX_MS)
  ) {
    issues.push(issue(['denNgay'], 'WINDOW', 'Khoảng thời gian phải lớn hơn 0 và tối đa 7 ngày'));
  }
  const status = statusParam(
    context.query,
    'trangThai',
    POSTMART_ORDER_STATUS,
    'Trạng thái đơn không hợp lệ',
    issues,
  );
  if (issues.length > 0) throw validationError(issues);
  let after: { updatedAtMs: number; id: string } | null = null;
  const cursorText = context.query.get('cursor');
  if (cursorText) {
    // Postmart: the caller repeats the filters; a cursor from another query is refused.
    const cursor = decodeCursor(cursorText);
    if (!cursor || cursor.fromMs !== fromMs || cursor.toMs !== toMs || cursor.status !== status) {
      throw new SandboxError('invalid_cursor', 'Con trỏ không hợp lệ');
    }
    after = { updatedAtMs: cursor.afterUpdatedAtMs, id: cursor.afterId };
  }
  const page = context.engine.listOrders({
    fromMs: fromMs as number,
    toMs: toMs as number,
    status,
    after,
    limit: pageSize as number,
  });
  const nextCursor = page.next
    ? encodeCursor({
        fromMs: fromMs as number,
        toMs: toMs as number,
        status,
        afterUpdatedAtMs: page.next.updatedAtMs,
        afterId: page.next.id,
      })
    : null;
  return postmartOk({ items: page.items.map(renderPostmartOrder), nextCursor });
}

const routes: Route[] = [
  {
    method: 'POST',
    path: '/GetAccessToken',
    operation: 'login',
    auth: false,
    write: false,
    handle(context) {
      const body = context.json();
      const issues: FieldIssue[] = [];
      const username = requiredString(body, 'username', issues, { max: 100 });
      const password = requiredString(body, 'password', issues, { max: 200 });
      const customerCode = requiredString(body, 'customerCode', issues, { max: 50 });
      if (issues.length > 0) throw validationError(issues);
      const expected = context.credentials;
      if (
        username !== expected.username ||
        password !== expected.password ||
        customerCode !== expected.customerCode
      ) {
        throw new SandboxError('login_failed', 'Sai thông tin đăng nhập');
      }
      const issued = context.issueToken();
      // MyVNPost answers the login flat, outside the usual envelope.
      return {
        status: 200,
        body: { success: true, token: issued.token, expiresIn: Math.round(context.tokenTtlMs / 1000) },
      };
    },
  },
  {
    method: 'GET',
    path: '/GetCategories',
    operation: 'getCategories',
    auth: true,
    write: false,
    handle(context) {
      const issues: FieldIssue[] = [];
      const parentId = intParam(
        context.query,
        'parentId',
        { min: 0, max: 1_000_000_000, fallback: 0 },
        issues,
      );
      if (issues.length > 0) throw validationError(issues);
      if (parentId !== 0 && !context.engine.categories.has(parentId as number)) {
        throw new SandboxError('not_found', 'Không tìm thấy danh mục');
      }
      return postmartOk(
        [...context.engine.categories.values()]
          .filter((category) => category.parentId === parentId)
          .map((category) => ({
            maDanhMuc: category.id,
            tenDanhMuc: category.name,
            maDanhMucCha: category.parentId,
            laDanhMucLa: category.isLeaf,
          })),
      );
    },
  },
  {
    method: 'GET',
    path: '/GetCategoryAttributes',
    operation: 'getCategoryAttributes',
    auth: true,
    write: false,
    handle(context) {
      const id = positiveIntFromPath(context.query.get('maDanhMuc') ?? undefined);
      const category = id === undefined ? undefined : context.engine.categories.get(id);
      if (!category) throw new SandboxError('not_found', 'Không tìm thấy danh mục');
      return postmartOk(
        category.attributes.map((spec) => ({
          maThuocTinh: spec.code,
          tenThuocTinh: spec.name,
          kieu: spec.type,
          batBuoc: spec.required,
          ...(spec.min !== undefined ? { min: spec.min } : {}),
          ...(spec.max !== undefined ? { max: spec.max } : {}),
          ...(spec.options !== undefined ? { giaTriChoPhep: spec.options } : {}),
        })),
      );
    },
  },
  {
    method: 'POST',
    path: '/UploadImage',
    operation: 'uploadImage',
    auth: true,
    write: true,
    handle(context) {
      const { image } = context.engine.uploadImage(context.body);
      return postmartOk(renderPostmartImage(image, context.origin));
    },
  },
  {
    method: 'POST',
    path: '/CreateProduct',
    operation: 'createListing',
    auth: true,
    write: true,
    handle(context) {
      const listing = context.engine.createListing(validate(context, overlay(emptyDraft(), context.json())));
      return postmartOk(renderPostmartListing(listing));
    },
  },
  {
    method: 'POST',
    path: '/UpdateProduct',
    operation: 'updateListing',
    auth: true,
    write: true,
    handle(context) {
      const body = context.json();
      const id = Number.isInteger(body.maSanPham) ? (body.maSanPham as number) : undefined;
      if (id === undefined) throw validationError([issue(['maSanPham'], 'REQUIRED', 'Thiếu mã sản phẩm')]);
      const stored = context.engine.listingToValid(id);
      if (!stored) throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
      const listing = context.engine.updateListing(
        id,
        validate(context, overlay(draftFromStored(stored), body)),
      );
      return postmartOk(renderPostmartListing(listing));
    },
  },
  {
    method: 'GET',
    path: '/GetProduct',
    operation: 'getListing',
    auth: true,
    write: false,
    handle(context) {
      const id = positiveIntFromPath(context.query.get('maSanPham') ?? undefined);
      const listing = id === undefined ? undefined : context.engine.getListing(id);
      if (!listing) throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
      return postmartOk(renderPostmartListing(listing));
    },
  },
  {
    method: 'POST',
    path: '/UpdateProductSku',
    operation: 'setListingSkus',
    auth: true,
    write: true,
    handle(context) {
      const body = context.json();
      const id = typeof body.maSanPham === 'number' ? body.maSanPham : undefined;
      if (id === undefined || !context.engine.getListing(id))
        throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
      const { sellerSku, variants } = parseSkuAssignment(body, {
        sku: 'maSkuCha',
        variants: 'bienThe',
        variantId: 'maBienThe',
        variantSku: 'maSku',
      });
      return postmartOk(
        renderPostmartListing(context.engine.setListingSkus(id, sellerSku, variants), context.origin),
      );
    },
  },
  {
    method: 'GET',
    path: '/GetProductBySku',
    operation: 'getListingBySku',
    auth: true,
    write: false,
    handle(context) {
      const listing = context.engine.listingBySku(context.query.get('maSku') ?? '');
      if (!listing) throw new SandboxError('not_found', 'Không tìm thấy SKU');
      return postmartOk(renderPostmartListing(listing));
    },
  },
  {
    method: 'GET',
    path: '/GetListProduct',
    operation: 'listListings',
    auth: true,
    write: false,
    handle(context) {
      const issues: FieldIssue[] = [];
      const page = intParam(context.query, 'page', { min: 1, max: 100_000, fallback: 1 }, issues);
      const pageSize = intParam(context.query, 'pageSize', { min: 1, max: 50, fallback: 20 }, issues);
      const review = statusParam(
        context.query,
        'trangThaiDuyet',
        POSTMART_REVIEW_STATUS,
        'Trạng thái duyệt không hợp lệ',
        issues,
      );
      if (issues.length > 0) throw validationError(issues);
      const size = pageSize as number;
      const result = context.engine.listListings(review, ((page as number) - 1) * size, size);
      return postmartOk({
        items: result.items.map((listing) => renderPostmartListing(listing, context.origin)),
        page,
        pageSize: size,
        total: result.total,
      });
    },
  },
  {
    method: 'POST',
    path: '/UpdateStock',
    operation: 'updateStock',
    auth: true,
    write: true,
    handle: (context) => bulk(context, 'stock'),
  },
  {
    method: 'POST',
    path: '/UpdatePrice',
    operation: 'updatePrice',
    auth: true,
    write: true,
    handle: (context) => bulk(context, 'price'),
  },
  {
    method: 'GET',
    path: '/GetListOrder',
    operation: 'listOrders',
    auth: true,
    write: false,
    handle: listOrders,
  },
  {
    method: 'GET',
    path: '/GetOrder',
    operation: 'getOrder',
    auth: true,
    write: false,
    handle(context) {
      const order = context.engine.getOrder(context.query.get('maDonHang') ?? '');
      if (!order) throw new SandboxError('not_found', 'Không tìm thấy đơn hàng');
      return postmartOk(renderPostmartOrder(order));
    },
  },
  {
    method: 'POST',
    path: '/ConfirmOrder',
    operation: 'confirmOrder',
    auth: true,
    write: true,
    handle(context) {
      const { order } = orderFromBody(context);
      return postmartOk(renderPostmartOrder(context.engine.confirmOrder(order.id)));
    },
  },
  {
    method: 'POST',
    path: '/CancelOrder',
    operation: 'cancelOrder',
    auth: true,
    write: true,
    handle(context) {
      const { order, body } = orderFromBody(context);
      const issues: FieldIssue[] = [];
      const code = typeof body.maLyDo === 'string' ? POSTMART_CANCEL_REASONS[body.maLyDo] : undefined;
      if (!code) {
        issues.push(
          issue(
            ['maLyDo'],
            body.maLyDo === undefined ? 'REQUIRED' : 'RANGE',
            `maLyDo ∈ ${Object.keys(POSTMART_CANCEL_REASONS).join(', ')}`,
          ),
        );
      }
      const reason = body.lyDo;
      if (
        reason !== undefined &&
        reason !== null &&
        (typeof reason !== 'string' || [...reason].length > 255)
      ) {
        issues.push(issue(['lyDo'], 'MAX_LENGTH', 'Lý do tối đa 255 ký tự'));
      } else if (code === 'OTHER' && (typeof reason !== 'string' || reason.trim() === '')) {
        issues.push(issue(['lyDo'], 'REQUIRED', 'Cần ghi lý do khi chọn KHAC'));
      }
      if (issues.length > 0 || !code) throw validationError(issues);
      const cancelled = context.engine.cancelOrder(
        order.id,
        code,
        typeof reason === 'string' ? reason : null,
      );
      return postmartOk(renderPostmartOrder(cancelled));
    },
  },
  {
    method: 'POST',
    path: '/ShipOrder',
    operation: 'shipOrder',
    auth: true,
    write: true,
    handle(context) {
      const { order, body } = orderFromBody(context);
      const issues: FieldIssue[] = [];
      if (typeof body.donViVanChuyen !== 'string' || !CARRIERS.includes(body.donViVanChuyen)) {
        issues.push(
          issue(
            ['donViVanChuyen'],
            body.donViVanChuyen === undefined ? 'REQUIRED' : 'RANGE',
            `donViVanChuyen ∈ ${CARRIERS.join(', ')}`,
          ),
        );
      }
      const tracking = requiredString(body, 'maVanDon', issues, {
        min: 6,
        max: 30,
        pattern: TRACKING_NUMBER_PATTERN,
      });
      if (issues.length > 0) throw validationError(issues);
      const shipped = context.engine.shipOrder(order.id, body.donViVanChuyen as string, tracking as string);
      return postmartOk(renderPostmartOrder(shipped));
    },
  },
  {
    method: 'POST',
    path: '/RegisterWebhook',
    operation: 'registerWebhook',
    auth: true,
    write: true,
    handle(context) {
      const body = context.json();
      if (!isHttpUrl(body.url))
        throw validationError([issue(['url'], 'FORMAT', 'url phải là địa chỉ http(s)')]);
      context.setWebhookUrl(body.url);
      return postmartOk({ url: body.url });
    },
  },
];

export const postmartDialect: Dialect = {
  platform: 'postmart',
  basePath: POSTMART_BASE_PATH,
  tokenHeader: 'token',
  tokenPrefix: 'pm_',
  defaultCredentials: { ...SANDBOX_DEMO_IDENTITIES.postmart },
  defaultTokenTtlMs: 3600 * 1000,
  defaultRateLimitRps: 10,
  routes,
  engineConfig: (options) => ({
    rules: POSTMART_LISTING_RULES,
    imageSpec: { formats: ['JPEG'], minWidth: 600, minHeight: 600, square: false, maxBytes: 1024 * 1024 },
    categories: buildCatalog(2000, {
      codes: {
        origin: 'xuatXu',
        brand: 'thuongHieu',
        shelfLifeDays: 'hanSuDungNgay',
        ocopStars: 'saoOcop',
        netWeight: 'khoiLuongTinh',
        ingredients: 'thanhPhan',
        storage: 'baoQuan',
        material: 'chatLieu',
      },
      ocopStarsAsEnum: true,
    }),
    dedupeImages: false,
    newImageId: (sequence) => `pmimg_${String(sequence).padStart(6, '0')}`,
    listingIdStart: 43_001,
    variantIdStart: 900_001,
    orderIdPrefix: 'PM',
    rawOrderStatus: POSTMART_ORDER_STATUS,
    rawReviewStatus: POSTMART_REVIEW_STATUS,
    shipTarget: 'READY_TO_SHIP',
    shipAllowedFrom: ['CONFIRMED', 'CANCEL_REQUESTED'],
    shippingFeeVnd: options.shippingFeeVnd ?? 25_000,
    buyers: TWO_LEVEL_BUYERS,
  }),
  renderError: renderPostmartError,
  loginAccount(body) {
    try {
      const parsed = asRecord(JSON.parse(body.toString('utf8')));
      return typeof parsed.username === 'string' ? parsed.username : undefined;
    } catch {
      return undefined;
    }
  },
  newEventId: () => `pmevt_${MarketplaceEngine.randomHex(12)}`,
  webhookMessage: postmartWebhookMessage,
};
