/** Voso wire shapes (docs/contracts/voso.md): UPPER_SNAKE fields, epoch seconds, `{status,error,message,data}`. */

import { createHmac } from 'node:crypto';
import { ANY_TEXT, arg, checkArguments } from '../handle-guard.js';
import type { RouteResult, WebhookContext } from '../marketplace/dialect.js';
import type { EngineEvent } from '../marketplace/engine-config.js';
import type { SandboxError } from '../marketplace/errors.js';
import { epochSeconds } from '../marketplace/params.js';
import { mediaUrl } from '../marketplace/serve-media.js';
import type {
  SandboxImage,
  SandboxListing,
  SandboxOrder,
  SandboxOrderStatus,
  SandboxReviewStatus,
} from '../marketplace/shop-data.js';
import type { WebhookMessage } from '../marketplace/webhook-sender.js';
import type { ListingFieldNames } from '../marketplace/wire-handlers.js';
import { fieldErrors, renderListing } from '../marketplace/wire-render.js';
import { A_TEXT } from '../sandbox-options.js';

export const VOSO_SELLER_ID = 3145375;

export const VOSO_ORDER_STATUS: Readonly<Record<SandboxOrderStatus, string>> = {
  UNPAID: 'WAITING_PAYMENT',
  PENDING_CONFIRM: 'WAITING_CONFIRM',
  CONFIRMED: 'CONFIRMED',
  READY_TO_SHIP: 'READY_TO_PICK',
  SHIPPED: 'DELIVERING',
  DELIVERED: 'DELIVERED',
  COMPLETED: 'SUCCESS',
  CANCEL_REQUESTED: 'CANCEL_REQUESTED',
  // Voso spells it with one "L" (contract quirk kept on purpose).
  CANCELLED: 'CANCELED',
  DELIVERY_FAILED: 'DELIVERY_FAILED',
  RETURNING: 'RETURNING',
  RETURNED: 'RETURNED',
};

export const VOSO_REVIEW_STATUS: Readonly<Record<SandboxReviewStatus, string>> = {
  PENDING: 'WAITING_APPROVAL',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
};

/** Canonical field path segment → Voso name, for per-field errors. */
export const VOSO_FIELD_NAMES: ListingFieldNames = {
  sellerSku: 'SELLER_SKU',
  title: 'PRODUCT_NAME',
  description: 'DESCRIPTION',
  categoryId: 'CATEGORY_ID',
  attributes: 'ATTRIBUTES',
  imageIds: 'IMAGE_IDS',
  weightGrams: 'WEIGHT_GRAM',
  lengthCm: 'LENGTH_CM',
  widthCm: 'WIDTH_CM',
  heightCm: 'HEIGHT_CM',
  tiers: 'TIERS',
  name: 'NAME',
  options: 'OPTIONS',
  variants: 'VARIANTS',
  sku: 'SELLER_SKU',
  tierIndex: 'TIER_INDEX',
  priceVnd: 'PRICE',
  stock: 'STOCK',
  image: 'file',
};

export function vosoOk(data: unknown): RouteResult {
  return { status: 200, body: { status: 200, error: false, message: 'OK', data } };
}

function vosoFailure(httpStatus: number, status: number, message: string, data: unknown = null): RouteResult {
  return { status: httpStatus, body: { status, error: true, message, data } };
}

function errorsOf(error: SandboxError): Record<string, unknown> {
  return fieldErrors(error, VOSO_FIELD_NAMES, {
    list: 'ERRORS',
    field: 'FIELD',
    rule: 'RULE',
    message: 'MESSAGE',
  });
}

export function renderVosoError(error: SandboxError): RouteResult {
  switch (error.kind) {
    case 'validation':
    case 'unsupported_media':
    case 'payload_too_large':
      return vosoFailure(200, 400, 'Dữ liệu không hợp lệ', errorsOf(error));
    case 'invalid_cursor':
      return vosoFailure(200, 400, 'Dữ liệu không hợp lệ', {
        ERRORS: [{ FIELD: 'cursor', RULE: 'CURSOR', MESSAGE: 'Con trỏ phân trang không hợp lệ' }],
      });
    case 'login_failed':
      return vosoFailure(200, 403, 'Sai tên đăng nhập hoặc mật khẩu');
    case 'token_missing':
    case 'token_invalid':
    case 'token_expired':
      return vosoFailure(401, 401, 'Token không hợp lệ hoặc đã hết hạn');
    case 'not_found':
      return vosoFailure(200, 404, error.message || 'Không tìm thấy');
    case 'duplicate_sku':
      return vosoFailure(200, 409, 'SKU đã tồn tại', errorsOf(error));
    case 'idempotency_mismatch':
      return vosoFailure(200, 412, 'Idempotency-Key đã được dùng cho một yêu cầu khác');
    case 'batch_too_large':
      return vosoFailure(200, 413, error.message);
    case 'invalid_state':
      return vosoFailure(200, 422, error.message, {
        ORDER_STATUS: error.orderStatus ? VOSO_ORDER_STATUS[error.orderStatus as SandboxOrderStatus] : null,
      });
    case 'rate_limited':
      return vosoFailure(429, 429, 'Vượt quá giới hạn tần suất gọi API');
    case 'unavailable':
      return vosoFailure(503, 503, 'Hệ thống tạm thời gián đoạn');
    default:
      return vosoFailure(500, 500, 'Lỗi hệ thống');
  }
}

export function renderVosoImage(image: SandboxImage, origin: string): Record<string, unknown> {
  return {
    IMAGE_ID: image.id,
    URL: mediaUrl(origin, image.id),
    WIDTH: image.width,
    HEIGHT: image.height,
    FORMAT: image.format,
    BYTES: image.bytes,
    SHA256: image.sha256,
  };
}

/** `origin` given: `IMAGE_URLS` is included (listing pages and the SKU call; docs/contracts/voso.md §6). */
export function renderVosoListing(listing: SandboxListing, origin?: string): Record<string, unknown> {
  return renderListing(
    listing,
    {
      names: VOSO_FIELD_NAMES,
      id: 'PRODUCT_ID',
      imageUrls: 'IMAGE_URLS',
      variantId: 'VARIANT_ID',
      reviewStatus: 'REVIEW_STATUS',
      reviewStatuses: VOSO_REVIEW_STATUS,
      rejectReasons: 'REJECT_REASONS',
      rejectCode: 'CODE',
      rejectMessage: 'MESSAGE',
      createdAt: 'CREATED_AT',
      updatedAt: 'UPDATED_AT',
      time: epochSeconds,
      attributes: (attributes) => Object.entries(attributes).map(([CODE, VALUE]) => ({ CODE, VALUE })),
    },
    origin,
  );
}

export function renderVosoOrder(order: SandboxOrder): Record<string, unknown> {
  return {
    ORDER_ID: order.id,
    ORDER_STATUS: VOSO_ORDER_STATUS[order.status],
    PAYMENT_METHOD: order.paymentMethod,
    BUYER: { NAME: order.buyer.name, PHONE: order.buyer.phone },
    SHIPPING_ADDRESS: {
      PROVINCE: order.buyer.address.province,
      DISTRICT: order.buyer.address.district,
      WARD: order.buyer.address.ward,
      ADDRESS: order.buyer.address.detail,
    },
    ITEMS: order.lines.map((line) => ({
      PRODUCT_ID: line.listingId,
      SELLER_SKU: line.sku,
      PRODUCT_NAME: line.title,
      VARIANT_NAME: line.variantName,
      QUANTITY: line.quantity,
      PRICE: line.unitPriceVnd,
    })),
    ITEMS_TOTAL: order.itemsTotalVnd,
    SHIPPING_FEE: order.shippingFeeVnd,
    TOTAL_AMOUNT: order.totalVnd,
    COD_AMOUNT: order.codAmountVnd,
    CARRIER_CODE: order.carrierCode,
    TRACKING_NUMBER: order.trackingNumber,
    CANCEL_REASON_CODE: order.cancelReasonCode,
    CANCEL_REASON: order.cancelReason,
    CANCELLED_BY: order.cancelledBy,
    NOTE: order.note,
    CREATED_AT: epochSeconds(order.createdAtMs),
    UPDATED_AT: epochSeconds(order.updatedAtMs),
  };
}

/** Signature of a Voso webhook: lower-hex HMAC-SHA256 over `<timestamp>.<raw body>`. */
export function signVosoWebhook(secret: string, timestampSeconds: string, rawBody: string): string {
  checkArguments(
    { sandbox: 'Voso', method: 'signVosoWebhook' },
    [arg('secret', A_TEXT), arg('timestampSeconds', A_TEXT), arg('rawBody', ANY_TEXT)],
    [secret, timestampSeconds, rawBody],
  );
  return createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
}

export function vosoWebhookMessage(event: EngineEvent, context: WebhookContext): WebhookMessage {
  const base = {
    EVENT_ID: context.eventId,
    SELLER_ID: VOSO_SELLER_ID,
    CREATED_AT: epochSeconds(context.now()),
  };
  let payload: Record<string, unknown>;
  if (event.type === 'LISTING_REVIEWED') {
    payload = {
      ...base,
      EVENT_TYPE: 'PRODUCT_REVIEWED',
      DATA: { PRODUCT: renderVosoListing(event.listing) },
    };
  } else if (event.type === 'ORDER_CREATED') {
    payload = { ...base, EVENT_TYPE: 'ORDER_CREATED', DATA: { ORDER: renderVosoOrder(event.order) } };
  } else {
    payload = {
      ...base,
      EVENT_TYPE: 'ORDER_STATUS_CHANGED',
      DATA: { ORDER: renderVosoOrder(event.order), PREVIOUS_STATUS: VOSO_ORDER_STATUS[event.previousStatus] },
    };
  }
  const body = JSON.stringify(payload);
  return {
    eventId: context.eventId,
    eventType: payload.EVENT_TYPE as string,
    render: () => {
      const timestamp = String(epochSeconds(context.now()));
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-voso-event-id': context.eventId,
          'x-voso-timestamp': timestamp,
          'x-voso-signature': signVosoWebhook(context.secret, timestamp, body),
        },
      };
    },
  };
}
