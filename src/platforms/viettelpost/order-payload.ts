import { type Address, formatAddress } from '../../model/address.js';
import type { Contact, Parcel } from '../../model/shipment.js';
import { parseVnPhone } from '../../vn/phone.js';
import { clipUtf8Bytes, utf8ByteLength } from '../../vn/utf8.js';
import type { ResolvedAddress, ShipmentRequest } from '../types.js';
import { formatVietnamDateTime } from './vietnam-time.js';

/** VTP limits every string field to 150 UTF-8 BYTES (not characters; Vietnamese letters take 2–3). */
export const MAX_FIELD_BYTES = 150;

/** ORDER_PAYMENT (contract §6.1): who pays the freight, and whether goods money is collected. */
export const ORDER_PAYMENT = {
  /** No collection: sender pays freight, no COD. */
  noCollection: 1,
  /** Collect goods value AND freight from the receiver. */
  collectGoodsAndFreight: 2,
  /** Collect goods value only; freight billed to the sender. */
  collectGoodsOnly: 3,
  /** Collect freight only (no goods money). */
  collectFreightOnly: 4,
} as const;
export type OrderPayment = (typeof ORDER_PAYMENT)[keyof typeof ORDER_PAYMENT];

/**
 * The contract's table, as a lookup: [has COD goods money][receiver pays freight].
 * Never 2 when the COD already includes the freight — VTP would add its fee on top (§6.1 note);
 * our canonical `codAmountVnd` is goods money only, so 2 means exactly "goods + freight".
 */
const PAYMENT_TABLE: Readonly<Record<'cod' | 'noCod', Record<'sender' | 'receiver', OrderPayment>>> = {
  noCod: { sender: ORDER_PAYMENT.noCollection, receiver: ORDER_PAYMENT.collectFreightOnly },
  cod: { sender: ORDER_PAYMENT.collectGoodsOnly, receiver: ORDER_PAYMENT.collectGoodsAndFreight },
};

export function orderPaymentFor(codAmountVnd: number, freightPaidBy: 'sender' | 'receiver'): OrderPayment {
  return PAYMENT_TABLE[codAmountVnd > 0 ? 'cod' : 'noCod'][freightPaidBy];
}

/** Clip to 150 UTF-8 bytes on a grapheme boundary (NFC first). */
export const clip = (text: string): string => clipUtf8Bytes(text, MAX_FIELD_BYTES);

/** VTP accepts dotted phones, but a clean national form avoids surprises; unknown formats pass as written. */
export function wirePhone(phone: string): string {
  try {
    return parseVnPhone(phone).national;
  } catch {
    return clip(phone.trim());
  }
}

export function productType(parcel: Parcel): 'HH' | 'TH' {
  return parcel.kind === 'document' ? 'TH' : 'HH';
}

/** Pricing fields shared by getPrice, getPriceAll and their Nlp twins. */
export function parcelPricingFields(parcel: Parcel, codAmountVnd: number): Record<string, number | string> {
  return {
    PRODUCT_TYPE: productType(parcel),
    // Whole grams: VTP reads a fractional weight as kilograms-by-mistake or rejects it.
    PRODUCT_WEIGHT: Math.round(parcel.weightGrams),
    PRODUCT_PRICE: parcel.declaredValueVnd,
    MONEY_COLLECTION: codAmountVnd,
    PRODUCT_LENGTH: parcel.lengthCm,
    PRODUCT_WIDTH: parcel.widthCm,
    PRODUCT_HEIGHT: parcel.heightCm,
  };
}

export function idFields(role: 'SENDER' | 'RECEIVER', ids: ResolvedAddress): Record<string, number> {
  return {
    [`${role}_PROVINCE`]: ids.provinceId,
    [`${role}_DISTRICT`]: ids.districtId,
    [`${role}_WARD`]: ids.wardId,
  };
}

const SEPARATOR = ', ';

/**
 * Full one-line address (street, ward, district, province) within 150 bytes. When too long, the
 * STREET is clipped, never the units: a clipped-away ward or province makes VTP's geocoder (Nlp
 * endpoints) answer "Price does not apply" and leaves the postman without the commune.
 */
export function fullAddressText(address: Address): string {
  const units = formatAddress({ ...address, street: '' });
  const street = address.street?.trim() ?? '';
  if (!street) return clip(units);
  const whole = `${street}${SEPARATOR}${units}`;
  if (utf8ByteLength(whole) <= MAX_FIELD_BYTES) return whole;
  const room = MAX_FIELD_BYTES - utf8ByteLength(units) - utf8ByteLength(SEPARATOR);
  // Units alone fill the field (never in practice: the longest are ~90 bytes): keep them.
  if (room <= 0) return clip(units);
  const clipped = clipUtf8Bytes(street, room).trim();
  return clipped ? `${clipped}${SEPARATOR}${units}` : clip(units);
}

function productName(parcel: Parcel): string {
  if (parcel.items.length > 0) {
    return parcel.items
      .map((item) => (item.quantity > 1 ? `${item.name} x${item.quantity}` : item.name))
      .join(', ');
  }
  return parcel.description ?? (parcel.kind === 'document' ? 'Tài liệu' : 'Hàng hóa');
}

export function listItems(parcel: Parcel): Array<Record<string, string | number>> {
  return parcel.items.map((item) => ({
    PRODUCT_NAME: clip(item.name),
    PRODUCT_PRICE: item.priceVnd,
    PRODUCT_WEIGHT: Math.round(item.weightGrams),
    PRODUCT_QUANTITY: item.quantity,
  }));
}

export interface OrderBodyInput {
  request: ShipmentRequest;
  /** Request: OUR reference. Edit: VTP's waybill number (ORDER_NUMBER means both, contract §10.5). */
  orderNumber: string;
  purpose: 'create' | 'edit';
  sender?: ResolvedAddress;
  receiver?: ResolvedAddress;
  enableSortCode: boolean;
  groupAddressId?: number;
  customerId?: number;
  now: Date;
}

function contactFields(role: 'SENDER' | 'RECEIVER', contact: Contact): Record<string, string> {
  return {
    [`${role}_FULLNAME`]: clip(contact.name),
    [`${role}_ADDRESS`]: fullAddressText(contact.address),
    [`${role}_PHONE`]: wirePhone(contact.phone),
    [`${role}_EMAIL`]: clip(contact.email ?? ''),
  };
}

/**
 * createOrder / order/edit body (ids) — or, without `sender`/`receiver` ids, the createOrderNlp body,
 * where VTP geocodes the full address text and the item list is called PRODUCT_DETAIL.
 */
export function buildOrderBody(input: OrderBodyInput): Record<string, unknown> {
  const { request, sender, receiver } = input;
  const cod = request.codAmountVnd ?? 0;
  const nlp = !sender || !receiver;
  const items = listItems(request.parcel);
  const body: Record<string, unknown> = {
    ORDER_NUMBER: input.orderNumber,
    ...contactFields('SENDER', request.sender),
    ...contactFields('RECEIVER', request.receiver),
    PRODUCT_NAME: clip(productName(request.parcel)),
    PRODUCT_DESCRIPTION: clip(request.parcel.description ?? ''),
    PRODUCT_QUANTITY: Math.max(
      1,
      request.parcel.items.reduce((sum, item) => sum + item.quantity, 0),
    ),
    ...parcelPricingFields(request.parcel, cod),
    ORDER_PAYMENT: orderPaymentFor(cod, request.freightPaidBy ?? 'sender'),
    ORDER_SERVICE: request.serviceCode,
    ORDER_SERVICE_ADD: (request.extraServiceCodes ?? []).join(','),
    ORDER_VOUCHER: '',
    ORDER_NOTE: clip(request.note ?? ''),
    EXTRA_MONEY: 0,
    ENABLE_SORT_CODE: input.enableSortCode,
  };
  // Create only: VTP then rejects a second create with the same ORDER_NUMBER, which makes a retry safe.
  // Not on order/edit, where ORDER_NUMBER is VTP's own waybill and CHECK_UNIQUE's effect is undocumented.
  if (input.purpose === 'create') body.CHECK_UNIQUE = true;
  if (nlp) {
    body.PRODUCT_DETAIL = items;
    return body;
  }
  Object.assign(body, idFields('SENDER', sender), idFields('RECEIVER', receiver), {
    GROUPADDRESS_ID: input.groupAddressId ?? 0,
    CUS_ID: input.customerId ?? 0,
    DELIVERY_DATE: formatVietnamDateTime(input.now),
    LIST_ITEM: items,
  });
  return body;
}
