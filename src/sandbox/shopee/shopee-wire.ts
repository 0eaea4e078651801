/**
 * Shopee Open Platform v2 wire facts the sandbox checks, written from Shopee's public documentation
 * (never from the adapter): signing, the envelope, status strings, push notifications.
 */
import { createHmac } from 'node:crypto';
import { ANY_TEXT, arg, checkArguments, optional, TEXT_OR_NUMBER } from '../handle-guard.js';
import type { SandboxOrder, SandboxOrderStatus, SandboxReviewStatus } from '../marketplace/shop-data.js';
import { A_TEXT, objectWith } from '../sandbox-options.js';

/** `partner_id + path + timestamp [+ access_token + shop_id]`, HMAC-SHA256 with the partner key, lower hex. */
export function shopeeSignature(
  partnerKey: string,
  partnerId: string,
  path: string,
  timestamp: string,
  shop?: { accessToken: string; shopId: string },
): string {
  checkArguments(
    { sandbox: 'Shopee', method: 'shopeeSignature' },
    [
      arg('partnerKey', A_TEXT),
      arg('partnerId', TEXT_OR_NUMBER),
      arg('path', A_TEXT),
      arg('timestamp', TEXT_OR_NUMBER),
      optional(
        'shop',
        objectWith({ accessToken: A_TEXT, shopId: TEXT_OR_NUMBER }, ['accessToken', 'shopId'], {
          others: 'allowed',
        }),
      ),
    ],
    [partnerKey, partnerId, path, timestamp, shop],
  );
  const base = `${partnerId}${path}${timestamp}${shop ? `${shop.accessToken}${shop.shopId}` : ''}`;
  return createHmac('sha256', partnerKey).update(base, 'utf8').digest('hex');
}

/** Push notifications: `Authorization` = hex HMAC-SHA256(partner key, `<callback url>|<raw body>`). */
export function shopeePushSignature(partnerKey: string, callbackUrl: string, body: string): string {
  checkArguments(
    { sandbox: 'Shopee', method: 'shopeePushSignature' },
    [arg('partnerKey', A_TEXT), arg('callbackUrl', ANY_TEXT), arg('body', ANY_TEXT)],
    [partnerKey, callbackUrl, body],
  );
  return createHmac('sha256', partnerKey).update(`${callbackUrl}|${body}`, 'utf8').digest('hex');
}

/** Shopee order_status for each canonical state the shared engine keeps. */
export const SHOPEE_ORDER_STATUS: Readonly<Record<SandboxOrderStatus, string>> = {
  UNPAID: 'UNPAID',
  // Shopee has no seller confirmation: a paid or COD order is READY_TO_SHIP at once.
  PENDING_CONFIRM: 'READY_TO_SHIP',
  CONFIRMED: 'READY_TO_SHIP',
  READY_TO_SHIP: 'PROCESSED',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'TO_CONFIRM_RECEIVE',
  COMPLETED: 'COMPLETED',
  CANCEL_REQUESTED: 'IN_CANCEL',
  CANCELLED: 'CANCELLED',
  DELIVERY_FAILED: 'TO_RETURN',
  RETURNING: 'TO_RETURN',
  RETURNED: 'TO_RETURN',
};

/** item_status for each review state. */
export const SHOPEE_ITEM_STATUS: Readonly<Record<SandboxReviewStatus, string>> = {
  PENDING: 'REVIEWING',
  APPROVED: 'NORMAL',
  REJECTED: 'BANNED',
};

/** The four reasons `cancel_order` accepts, and what the shared engine records for each. */
export const SHOPEE_CANCEL_REASONS = {
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  CUSTOMER_REQUEST: 'BUYER_REQUEST',
  UNDELIVERABLE_AREA: 'CANNOT_SHIP',
  COD_NOT_SUPPORTED: 'CANNOT_SHIP',
} as const;

/** Push code 3: order status update. */
export const SHOPEE_PUSH_ORDER_STATUS = 3;

/** The envelope of every answer. */
export function envelope(response: unknown, requestId: string): Record<string, unknown> {
  return { error: '', message: '', request_id: requestId, response };
}

export function errorBody(error: string, message: string, requestId: string): Record<string, unknown> {
  return { error, message, request_id: requestId };
}

/** A get_order_detail entry (modeled Vietnamese address levels: state / city / district). */
export function renderOrderDetail(order: SandboxOrder, channel: string): Record<string, unknown> {
  const a = order.buyer.address;
  return {
    order_sn: order.id,
    region: 'VN',
    currency: 'VND',
    order_status: SHOPEE_ORDER_STATUS[order.status],
    create_time: Math.floor(order.createdAtMs / 1000),
    update_time: Math.floor(order.updatedAtMs / 1000),
    cod: order.paymentMethod === 'COD',
    payment_method: order.paymentMethod === 'COD' ? 'Cash on Delivery' : 'ShopeePay',
    total_amount: order.totalVnd,
    estimated_shipping_fee: order.shippingFeeVnd,
    shipping_carrier: order.carrierCode ?? channel,
    note: order.note,
    recipient_address: {
      name: order.buyer.name,
      phone: order.buyer.phone,
      full_address: a.detail,
      state: a.province,
      city: a.district ?? '',
      district: a.ward,
      town: '',
      region: 'VN',
    },
    item_list: order.lines.map((line, index) => ({
      item_id: line.listingId,
      item_name: line.title,
      item_sku: line.sku,
      model_name: line.variantName,
      model_sku: line.sku,
      model_quantity_purchased: line.quantity,
      model_discounted_price: line.unitPriceVnd,
      model_original_price: line.unitPriceVnd,
      order_item_id: index + 1,
    })),
  };
}
