/**
 * Postmart wire shapes (docs/contracts/postmart.md): Vietnamese camelCase fields, ISO-8601 `+07:00`
 * times, `{success, code, message, result}` with real HTTP statuses.
 */

import { createHmac } from 'node:crypto';
import { ANY_TEXT, arg, checkArguments } from '../handle-guard.js';
import type { RouteResult, WebhookContext } from '../marketplace/dialect.js';
import type { EngineEvent } from '../marketplace/engine-config.js';
import type { SandboxError } from '../marketplace/errors.js';
import { toVietnamIso } from '../marketplace/params.js';
import { mediaUrl } from '../marketplace/serve-media.js';
import type {
  SandboxCancelReason,
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

export const POSTMART_ORDER_STATUS: Readonly<Record<SandboxOrderStatus, string>> = {
  UNPAID: 'cho_thanh_toan',
  PENDING_CONFIRM: 'cho_xac_nhan',
  CONFIRMED: 'da_xac_nhan',
  READY_TO_SHIP: 'cho_lay_hang',
  SHIPPED: 'dang_giao',
  DELIVERED: 'da_giao',
  COMPLETED: 'hoan_tat',
  CANCEL_REQUESTED: 'yeu_cau_huy',
  CANCELLED: 'da_huy',
  DELIVERY_FAILED: 'giao_that_bai',
  RETURNING: 'dang_hoan',
  RETURNED: 'da_hoan',
};

export const POSTMART_REVIEW_STATUS: Readonly<Record<SandboxReviewStatus, string>> = {
  PENDING: 'cho_duyet',
  APPROVED: 'da_duyet',
  REJECTED: 'tu_choi',
};

export const POSTMART_CANCEL_REASONS: Readonly<Record<string, SandboxCancelReason>> = {
  HET_HANG: 'OUT_OF_STOCK',
  NGUOI_MUA_YEU_CAU: 'BUYER_REQUEST',
  SAI_GIA: 'WRONG_PRICE',
  KHONG_GIAO_DUOC: 'CANNOT_SHIP',
  KHAC: 'OTHER',
};

const CANCELLED_BY: Readonly<Record<string, string>> = {
  BUYER: 'NGUOI_MUA',
  SELLER: 'NGUOI_BAN',
  SYSTEM: 'HE_THONG',
};

export const POSTMART_FIELD_NAMES: ListingFieldNames = {
  sellerSku: 'maSkuCha',
  title: 'tenSanPham',
  description: 'moTa',
  categoryId: 'maDanhMuc',
  attributes: 'thuocTinh',
  imageIds: 'hinhAnh',
  weightGrams: 'khoiLuongGram',
  lengthCm: 'daiCm',
  widthCm: 'rongCm',
  heightCm: 'caoCm',
  tiers: 'phanLoai',
  name: 'ten',
  options: 'giaTri',
  variants: 'bienThe',
  sku: 'maSku',
  tierIndex: 'chiSoPhanLoai',
  priceVnd: 'giaBan',
  stock: 'tonKho',
};

export function postmartOk(result: unknown): RouteResult {
  return { status: 200, body: { success: true, code: 'SUCCESS', message: 'Thành công', result } };
}

function failure(status: number, code: string, message: string, result: unknown = null): RouteResult {
  return { status, body: { success: false, code, message, result } };
}

function errorsOf(error: SandboxError): Record<string, unknown> {
  return fieldErrors(error, POSTMART_FIELD_NAMES, {
    list: 'errors',
    field: 'field',
    rule: 'rule',
    message: 'message',
  });
}

export function renderPostmartError(error: SandboxError): RouteResult {
  switch (error.kind) {
    case 'validation':
      return failure(400, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', errorsOf(error));
    case 'invalid_cursor':
      return failure(400, 'INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ hoặc không khớp bộ lọc');
    case 'login_failed':
      return failure(401, 'INVALID_CREDENTIALS', 'Sai thông tin đăng nhập');
    case 'token_missing':
    case 'token_invalid':
      return failure(401, 'UNAUTHORIZED', 'Thiếu hoặc sai token');
    case 'token_expired':
      return failure(401, 'TOKEN_EXPIRED', 'Token đã hết hạn');
    case 'not_found':
      return failure(404, 'NOT_FOUND', error.message || 'Không tìm thấy');
    case 'duplicate_sku':
      return failure(409, 'DUPLICATE_SKU', 'SKU đã tồn tại', errorsOf(error));
    case 'invalid_state':
      return failure(409, 'INVALID_STATUS_TRANSITION', error.message, {
        trangThai: error.orderStatus ? POSTMART_ORDER_STATUS[error.orderStatus as SandboxOrderStatus] : null,
      });
    case 'batch_too_large':
    case 'payload_too_large':
      return failure(413, 'PAYLOAD_TOO_LARGE', error.message);
    case 'unsupported_media':
      return failure(415, 'UNSUPPORTED_MEDIA_TYPE', 'Chỉ chấp nhận ảnh JPEG');
    case 'rate_limited':
      return failure(429, 'RATE_LIMITED', 'Vượt quá giới hạn tần suất gọi API');
    case 'unavailable':
      return failure(503, 'SERVICE_UNAVAILABLE', 'Hệ thống tạm thời gián đoạn');
    default:
      return failure(500, 'INTERNAL_ERROR', 'Lỗi hệ thống');
  }
}

export function renderPostmartImage(image: SandboxImage, origin: string): Record<string, unknown> {
  return {
    maHinhAnh: image.id,
    url: mediaUrl(origin, image.id),
    rong: image.width,
    cao: image.height,
    dungLuongByte: image.bytes,
    sha256: image.sha256,
  };
}

/** `origin` given: `hinhAnhUrl` is included (listing pages and the SKU call; docs/contracts/postmart.md §6). */
export function renderPostmartListing(listing: SandboxListing, origin?: string): Record<string, unknown> {
  return renderListing(
    listing,
    {
      names: POSTMART_FIELD_NAMES,
      id: 'maSanPham',
      imageUrls: 'hinhAnhUrl',
      variantId: 'maBienThe',
      reviewStatus: 'trangThaiDuyet',
      reviewStatuses: POSTMART_REVIEW_STATUS,
      rejectReasons: 'lyDoTuChoi',
      rejectCode: 'ma',
      rejectMessage: 'moTa',
      createdAt: 'ngayTao',
      updatedAt: 'ngayCapNhat',
      time: toVietnamIso,
      attributes: (attributes) => ({ ...attributes }),
    },
    origin,
  );
}

function cancelCodeToWire(code: SandboxCancelReason | null): string | null {
  if (code === null) return null;
  return Object.keys(POSTMART_CANCEL_REASONS).find((key) => POSTMART_CANCEL_REASONS[key] === code) ?? null;
}

export function renderPostmartOrder(order: SandboxOrder): Record<string, unknown> {
  return {
    maDonHang: order.id,
    trangThai: POSTMART_ORDER_STATUS[order.status],
    phuongThucThanhToan: order.paymentMethod === 'COD' ? 'COD' : 'TRA_TRUOC',
    nguoiNhan: {
      hoTen: order.buyer.name,
      soDienThoai: order.buyer.phone,
      tinhThanh: order.buyer.address.province,
      xaPhuong: order.buyer.address.ward,
      diaChi: order.buyer.address.detail,
    },
    sanPham: order.lines.map((line) => ({
      maSanPham: line.listingId,
      maSku: line.sku,
      tenSanPham: line.title,
      phanLoai: line.variantName,
      soLuong: line.quantity,
      donGia: line.unitPriceVnd,
    })),
    tienHang: order.itemsTotalVnd,
    phiVanChuyen: order.shippingFeeVnd,
    tongTien: order.totalVnd,
    tienThuHo: order.codAmountVnd,
    donViVanChuyen: order.carrierCode,
    maVanDon: order.trackingNumber,
    maLyDoHuy: cancelCodeToWire(order.cancelReasonCode),
    lyDoHuy: order.cancelReason,
    nguoiHuy: order.cancelledBy ? (CANCELLED_BY[order.cancelledBy] ?? null) : null,
    ghiChu: order.note,
    ngayTao: toVietnamIso(order.createdAtMs),
    ngayCapNhat: toVietnamIso(order.updatedAtMs),
  };
}

/** Signature of a Postmart webhook: lower-hex HMAC-SHA256 over the raw body only. */
export function signPostmartWebhook(secret: string, rawBody: string): string {
  checkArguments(
    { sandbox: 'Postmart', method: 'signPostmartWebhook' },
    [arg('secret', A_TEXT), arg('rawBody', ANY_TEXT)],
    [secret, rawBody],
  );
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export function postmartWebhookMessage(event: EngineEvent, context: WebhookContext): WebhookMessage {
  let eventType: string;
  let data: Record<string, unknown>;
  if (event.type === 'LISTING_REVIEWED') {
    eventType = 'SAN_PHAM_DUYET';
    data = { sanPham: renderPostmartListing(event.listing) };
  } else if (event.type === 'ORDER_CREATED') {
    eventType = 'DON_HANG_MOI';
    data = { donHang: renderPostmartOrder(event.order) };
  } else {
    eventType = 'DON_HANG_CAP_NHAT';
    data = {
      donHang: renderPostmartOrder(event.order),
      trangThaiTruoc: POSTMART_ORDER_STATUS[event.previousStatus],
    };
  }
  return {
    eventId: context.eventId,
    eventType,
    render: () => {
      // The send time lives inside the signed body, so each attempt has new body bytes.
      const sentAt = toVietnamIso(context.now());
      const body = JSON.stringify({
        maSuKien: context.eventId,
        loaiSuKien: eventType,
        thoiGianGui: sentAt,
        duLieu: data,
      });
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-postmart-timestamp': sentAt,
          'x-postmart-signature': signPostmartWebhook(context.secret, body),
        },
      };
    },
  };
}
