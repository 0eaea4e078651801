/** Postmart routes over the shared marketplace engine (docs/contracts/postmart.md §3–§9). */
import { SANDBOX_DEMO_IDENTITIES } from '../demo-identities.js';
import { buildCatalog, CATEGORY_ID_BASE } from '../marketplace/catalog.js';
import {
  CONTRACT_IMAGE_SPECS,
  CONTRACT_LISTING_RULES,
  CONTRACT_SHOP_SETTINGS,
} from '../marketplace/contract-table.js';
import { decodeCursor } from '../marketplace/cursor.js';
import { type Dialect, type Route, type RouteContext, route } from '../marketplace/dialect.js';
import { MarketplaceEngine } from '../marketplace/engine.js';
import { type FieldIssue, issue, SandboxError, validationError } from '../marketplace/errors.js';
import type { ListingDraft, ListingRules } from '../marketplace/listing-rules.js';
import { intParam, parseIsoWithOffset, statusParam } from '../marketplace/params.js';
import type { SandboxOrder } from '../marketplace/shop-data.js';
import { parseSkuAssignment } from '../marketplace/sku-assignment.js';
import * as wire from '../marketplace/wire-handlers.js';
import {
  POSTMART_CANCEL_REASONS,
  POSTMART_FIELD_NAMES,
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

export const POSTMART_LISTING_RULES: ListingRules = CONTRACT_LISTING_RULES.postmart;

const SHIP_WIRE = {
  carrier: 'donViVanChuyen',
  tracking: 'maVanDon',
  carriers: ['VNPOST', 'EMS', 'VTP', 'GHN', 'GHTK', 'KHAC'],
};
const PAGING: wire.ListingPaging = {
  query: { style: 'page', start: 'page', size: 'pageSize', maxSize: 50, defaultSize: 20 },
  review: { param: 'trangThaiDuyet', statuses: POSTMART_REVIEW_STATUS },
  answer: { items: 'items', total: 'total', start: 'page', size: 'pageSize' },
};
const BULK_WIRE: wire.BulkWire = {
  batchMax: POSTMART_BATCH_MAX,
  items: 'items',
  sku: 'maSku',
  stock: 'tonKho',
  price: 'giaBan',
  success: 'thanhCong',
  errorCode: 'maLoi',
  message: 'thongBao',
  results: 'ketQua',
  successCount: 'soThanhCong',
  failureCount: 'soThatBai',
};

/** Postmart's UpdateProduct is partial: a field the body leaves out keeps its stored value. */
function validListing(context: RouteContext, draft: ListingDraft, body: Record<string, unknown>) {
  return wire.validateDraft(
    context,
    wire.overlayDraft(draft, body, POSTMART_FIELD_NAMES),
    POSTMART_LISTING_RULES,
  );
}

function orderFromBody(context: RouteContext): { order: SandboxOrder; body: Record<string, unknown> } {
  const body = context.json();
  if (typeof body.maDonHang !== 'string' || body.maDonHang === '') {
    throw validationError([issue(['maDonHang'], 'REQUIRED', 'Thiếu mã đơn hàng')]);
  }
  return { order: wire.orderById(context, body.maDonHang), body };
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
  const cursorText = context.query.get('cursor');
  const cursor = cursorText ? decodeCursor(cursorText) : undefined;
  // Postmart: the caller repeats the filters; a cursor from another query is refused.
  if (
    cursorText &&
    (!cursor || cursor.fromMs !== fromMs || cursor.toMs !== toMs || cursor.status !== status)
  ) {
    throw new SandboxError('invalid_cursor', 'Con trỏ không hợp lệ');
  }
  const { items, nextCursor } = wire.orderPage(
    context,
    { fromMs: fromMs as number, toMs: toMs as number, status },
    cursor,
    pageSize as number,
  );
  return postmartOk({ items: items.map(renderPostmartOrder), nextCursor });
}

function login(context: RouteContext) {
  wire.checkLogin(
    context,
    [
      ['username', 'username', 100],
      ['password', 'password', 200],
      ['customerCode', 'customerCode', 50],
    ],
    'Sai thông tin đăng nhập',
  );
  const issued = context.issueToken();
  // MyVNPost answers the login flat, outside the usual envelope.
  return {
    status: 200,
    body: { success: true, token: issued.token, expiresIn: Math.round(context.tokenTtlMs / 1000) },
  };
}

function categories(context: RouteContext) {
  const issues: FieldIssue[] = [];
  const parentId = intParam(context.query, 'parentId', { min: 0, max: 1_000_000_000, fallback: 0 }, issues);
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
}

function categoryAttributes(context: RouteContext) {
  return postmartOk(
    wire.renderAttributeSpecs(wire.categoryById(context, context.query.get('maDanhMuc') ?? undefined), {
      code: 'maThuocTinh',
      name: 'tenThuocTinh',
      type: 'kieu',
      required: 'batBuoc',
      min: 'min',
      max: 'max',
      options: 'giaTriChoPhep',
    }),
  );
}

function updateListing(context: RouteContext) {
  const body = context.json();
  const id = Number.isInteger(body.maSanPham) ? (body.maSanPham as number) : undefined;
  if (id === undefined) throw validationError([issue(['maSanPham'], 'REQUIRED', 'Thiếu mã sản phẩm')]);
  const stored = context.engine.listingToValid(id);
  if (!stored) throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
  return postmartOk(
    renderPostmartListing(context.engine.updateListing(id, validListing(context, { ...stored }, body))),
  );
}

function setListingSkus(context: RouteContext) {
  const body = context.json();
  const id = typeof body.maSanPham === 'number' ? body.maSanPham : undefined;
  if (id === undefined || !context.engine.getListing(id)) {
    throw new SandboxError('not_found', 'Không tìm thấy sản phẩm');
  }
  const { sellerSku, variants } = parseSkuAssignment(body, {
    sku: 'maSkuCha',
    variants: 'bienThe',
    variantId: 'maBienThe',
    variantSku: 'maSku',
  });
  return postmartOk(
    renderPostmartListing(context.engine.setListingSkus(id, sellerSku, variants), context.origin),
  );
}

function cancelOrder(context: RouteContext) {
  const { order, body } = orderFromBody(context);
  const { code, reason } = wire.cancelInput(body, {
    code: 'maLyDo',
    reason: 'lyDo',
    reasons: POSTMART_CANCEL_REASONS,
  });
  return postmartOk(renderPostmartOrder(context.engine.cancelOrder(order.id, code, reason)));
}

function shipOrder(context: RouteContext) {
  const { order, body } = orderFromBody(context);
  const { carrier, tracking } = wire.shipInput(body, SHIP_WIRE);
  return postmartOk(renderPostmartOrder(context.engine.shipOrder(order.id, carrier, tracking)));
}

const routes: Route[] = [
  route('POST', '/GetAccessToken', 'login', login, { auth: false, write: false }),
  route('GET', '/GetCategories', 'getCategories', categories),
  route('GET', '/GetCategoryAttributes', 'getCategoryAttributes', categoryAttributes),
  route('POST', '/UploadImage', 'uploadImage', (context) =>
    postmartOk(renderPostmartImage(context.engine.uploadImage(context.body).image, context.origin)),
  ),
  route('POST', '/CreateProduct', 'createListing', (context) => {
    const listing = context.engine.createListing(validListing(context, wire.emptyDraft(), context.json()));
    return postmartOk(renderPostmartListing(listing));
  }),
  route('POST', '/UpdateProduct', 'updateListing', updateListing),
  route('GET', '/GetProduct', 'getListing', (context) =>
    postmartOk(renderPostmartListing(wire.listingById(context, context.query.get('maSanPham') ?? undefined))),
  ),
  route('POST', '/UpdateProductSku', 'setListingSkus', setListingSkus),
  route('GET', '/GetProductBySku', 'getListingBySku', (context) =>
    postmartOk(renderPostmartListing(wire.listingBySku(context, context.query.get('maSku')))),
  ),
  route('GET', '/GetListProduct', 'listListings', (context) =>
    postmartOk(
      wire.listingPage(context, PAGING, (listing) => renderPostmartListing(listing, context.origin)),
    ),
  ),
  route('POST', '/UpdateStock', 'updateStock', (context) =>
    postmartOk(wire.bulkUpdate(context, 'stock', BULK_WIRE)),
  ),
  route('POST', '/UpdatePrice', 'updatePrice', (context) =>
    postmartOk(wire.bulkUpdate(context, 'price', BULK_WIRE)),
  ),
  route('GET', '/GetListOrder', 'listOrders', listOrders),
  route('GET', '/GetOrder', 'getOrder', (context) =>
    postmartOk(renderPostmartOrder(wire.orderById(context, context.query.get('maDonHang')))),
  ),
  route('POST', '/ConfirmOrder', 'confirmOrder', (context) =>
    postmartOk(renderPostmartOrder(context.engine.confirmOrder(orderFromBody(context).order.id))),
  ),
  route('POST', '/CancelOrder', 'cancelOrder', cancelOrder),
  route('POST', '/ShipOrder', 'shipOrder', shipOrder),
  route('POST', '/RegisterWebhook', 'registerWebhook', (context) =>
    postmartOk({ url: wire.registerWebhookUrl(context, 'url') }),
  ),
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
    ...CONTRACT_SHOP_SETTINGS.postmart,
    rules: POSTMART_LISTING_RULES,
    imageSpec: CONTRACT_IMAGE_SPECS.postmart,
    categories: buildCatalog(CATEGORY_ID_BASE.postmart, {
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
    newImageId: (sequence) => `pmimg_${String(sequence).padStart(6, '0')}`,
    rawOrderStatus: POSTMART_ORDER_STATUS,
    rawReviewStatus: POSTMART_REVIEW_STATUS,
    shippingFeeVnd: options.shippingFeeVnd ?? CONTRACT_SHOP_SETTINGS.postmart.shippingFeeVnd,
  }),
  renderError: renderPostmartError,
  loginAccount: wire.loginAccountOf('username'),
  newEventId: () => `pmevt_${MarketplaceEngine.randomHex(12)}`,
  webhookMessage: postmartWebhookMessage,
};
