import { ContractViolationError, ValidationError } from '../../core/errors.js';
import type { BilingualText } from '../../model/messages.js';
import { nearestName } from '../../model/nearest-name.js';
import {
  type CancelReason,
  CancelReasonSchema,
  cancelReasonParts,
  type Order,
  OrderSchema,
} from '../../model/order.js';
import type { ShippedInfo } from '../types.js';
import { checkCancelReason } from './cancel-reason.js';
import { getPath, isRecord, setPath } from './object-path.js';
import { decodePlatformTime } from './platform-time.js';
import type { MarketplaceProfile } from './profile-schema.js';

function contract(
  profile: MarketplaceProfile,
  message: BilingualText,
  cause?: unknown,
): ContractViolationError {
  return new ContractViolationError(
    { vi: `${profile.platform}: ${message.vi}`, en: `${profile.platform}: ${message.en}` },
    {
      platform: profile.platform,
      ...(cause !== undefined ? { cause } : {}),
    },
  );
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** An optional contact field: empty or blank text is "not given" (absent), never a malformed value. */
function given(value: unknown): string | undefined {
  const t = text(value);
  return t === undefined || t.trim() === '' ? undefined : t;
}

function amount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** Platform carrier code → canonical carrier name (the profile's carrier table read backwards). */
export function canonicalCarrier(profile: MarketplaceProfile, code: string): string {
  for (const [name, platformCode] of Object.entries(profile.codes.carriers)) {
    if (platformCode === code) return name;
  }
  return code.toLowerCase();
}

/** Canonical carrier name → the platform's code (`other`, and a code the table lacks, become the platform's "other"). */
export function platformCarrier(profile: MarketplaceProfile, carrier: string): string {
  return profile.codes.carriers[carrier.toLowerCase()] ?? profile.codes.otherCarrier;
}

/** A platform order as a canonical Order: UTC instants, VND integers, raw status kept. */
export function decodeOrder(profile: MarketplaceProfile, raw: unknown): Order {
  const f = profile.fields;
  if (!isRecord(raw))
    throw contract(profile, { vi: 'một đơn hàng không phải là object', en: 'an order is not an object' });
  const externalId = text(getPath(raw, f.order.id));
  if (!externalId)
    throw contract(profile, {
      vi: `một đơn hàng không có ${f.order.id}`,
      en: `an order has no ${f.order.id}`,
    });
  const rawStatus = text(getPath(raw, f.order.status));
  const status = rawStatus !== undefined ? profile.statuses.order[rawStatus] : undefined;
  if (!rawStatus || !status) {
    throw contract(profile, {
      vi: `đơn ${externalId} có trạng thái không biết ${JSON.stringify(rawStatus)}; hãy bổ sung statuses.order trong profile`,
      en: `order ${externalId} has an unknown status ${JSON.stringify(rawStatus)}; extend statuses.order in the profile`,
    });
  }
  const buyerRaw = getPath(raw, f.order.buyer);
  const addressRaw = getPath(raw, f.order.address);
  const rawLines = getPath(raw, f.order.lines);
  const rawMethod = text(getPath(raw, f.order.paymentMethod));
  const method =
    rawMethod === profile.codes.payment.cod
      ? 'cod'
      : rawMethod === profile.codes.payment.prepaid
        ? 'prepaid'
        : undefined;
  if (!method)
    throw contract(profile, {
      vi: `đơn ${externalId} có phương thức thanh toán không biết ${JSON.stringify(rawMethod)}`,
      en: `order ${externalId} has an unknown payment method ${JSON.stringify(rawMethod)}`,
    });
  const subtotalVnd = amount(getPath(raw, f.order.subtotalVnd));
  const shippingFeeVnd = amount(getPath(raw, f.order.shippingFeeVnd));
  const totalVnd = amount(getPath(raw, f.order.totalVnd));
  const discountVnd = f.order.discountVnd
    ? amount(getPath(raw, f.order.discountVnd))
    : Math.max(0, subtotalVnd + shippingFeeVnd - totalVnd);
  const carrier = text(getPath(raw, f.order.carrier));
  const trackingNumber = text(getPath(raw, f.order.trackingNumber));
  const note = f.order.note ? text(getPath(raw, f.order.note)) : undefined;
  const email = f.buyer.email ? given(getPath(buyerRaw, f.buyer.email)) : undefined;
  const phone = given(getPath(buyerRaw, f.buyer.phone));
  const district = f.address.district ? text(getPath(addressRaw, f.address.district)) : undefined;
  const street = f.address.street ? text(getPath(addressRaw, f.address.street)) : undefined;

  const candidate = {
    platform: profile.platform,
    externalId,
    status,
    rawStatus,
    createdAt: decodePlatformTime(
      getPath(raw, f.order.createdAt),
      profile.time.format,
      f.order.createdAt,
    ).toISOString(),
    updatedAt: decodePlatformTime(
      getPath(raw, f.order.updatedAt),
      profile.time.format,
      f.order.updatedAt,
    ).toISOString(),
    buyer: {
      name: text(getPath(buyerRaw, f.buyer.name)),
      ...(phone !== undefined ? { phone } : {}),
      ...(email ? { email } : {}),
    },
    shippingAddress: {
      ...(street ? { street } : {}),
      ward: text(getPath(addressRaw, f.address.ward)),
      ...(district ? { district } : {}),
      province: text(getPath(addressRaw, f.address.province)),
    },
    lines: (Array.isArray(rawLines) ? rawLines : []).map((line) => {
      const name = text(getPath(line, f.orderLine.name)) ?? '';
      const variantName = f.orderLine.variantName ? text(getPath(line, f.orderLine.variantName)) : undefined;
      const lineId = f.orderLine.lineId ? text(getPath(line, f.orderLine.lineId)) : undefined;
      return {
        sku: text(getPath(line, f.orderLine.sku)),
        name: variantName ? `${name} (${variantName})` : name,
        quantity: getPath(line, f.orderLine.quantity),
        unitPriceVnd: getPath(line, f.orderLine.unitPriceVnd),
        ...(lineId ? { externalLineId: lineId } : {}),
      };
    }),
    payment: {
      method,
      subtotalVnd,
      shippingFeeVnd,
      discountVnd,
      totalVnd,
      codAmountVnd: amount(getPath(raw, f.order.codAmountVnd)),
    },
    ...(note ? { note } : {}),
    ...(carrier && trackingNumber
      ? { tracking: { carrier: canonicalCarrier(profile, carrier), trackingNumber } }
      : {}),
    externalIds: { [profile.platform]: externalId },
  };
  const parsed = OrderSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw contract(
      profile,
      {
        vi: `đơn ${externalId} không khớp mô hình chuẩn: ${problems}`,
        en: `order ${externalId} does not fit the canonical model: ${problems}`,
      },
      parsed.error,
    );
  }
  return parsed.data;
}

const CANCEL_REASON_TEXT: Record<string, string> = {
  out_of_stock: 'Hết hàng',
  buyer_request: 'Người mua yêu cầu hủy',
  wrong_price: 'Sai giá sản phẩm',
  cannot_ship: 'Không giao được hàng',
};

/** Platforms cap the free-text reason; clipped on a character boundary. */
export const CANCEL_REASON_MAX_CHARS = 255;

/**
 * Cancel body: the reason code becomes the platform's code, with the caller's text or a Vietnamese one.
 * A reason outside `CANCEL_REASONS` (or `OTHER` without a text) is refused before anything is sent.
 */
export function encodeCancel(profile: MarketplaceProfile, reason: CancelReason): Record<string, unknown> {
  // A code in another case ('out_of_stock') is the code; parsed again for the note as the schema leaves it (trimmed).
  const canonical = checkCancelReason(reason, profile.platform);
  const { code, note } = cancelReasonParts(CancelReasonSchema.parse(canonical) as CancelReason);
  const key = code.toLowerCase() as keyof MarketplaceProfile['codes']['cancelReasons'];
  // '' = the platform has no reason for it (Shopee accepts four): refused, never sent as another reason.
  if (profile.codes.cancelReasons[key] === '') {
    const accepted = Object.entries(profile.codes.cancelReasons)
      .filter(([, platformCode]) => platformCode !== '')
      .map(([k]) => k.toUpperCase())
      .join(', ');
    throw new ValidationError(
      {
        vi: `reason: ${profile.displayName} không có lý do hủy ${code}, chưa gửi gì`,
        en: `reason: ${profile.displayName} has no cancel reason for ${code}, nothing was sent`,
      },
      [
        {
          path: 'reason',
          value: reason,
          code: 'order.cancel_reason_unsupported',
          messageVi: `${profile.displayName} không có lý do hủy tương ứng với ${code}; hãy dùng ${accepted}`,
          messageEn: `${profile.displayName} has no cancel reason matching ${code}; use ${accepted}`,
          platform: profile.platform,
        },
      ],
    );
  }
  const text = (note ?? CANCEL_REASON_TEXT[key] ?? 'Khác').normalize('NFC');
  const body: Record<string, unknown> = {};
  setPath(body, profile.fields.cancel.reasonCode, profile.codes.cancelReasons[key]);
  setPath(body, profile.fields.cancel.reason, [...text].slice(0, CANCEL_REASON_MAX_CHARS).join(''));
  return body;
}

/** The canonical carrier ids every marketplace profile of this library names (their carrier tables' keys). */
const KNOWN_CARRIERS = ['viettelpost', 'vnpost', 'ghn', 'ghtk', 'jt', 'ems', 'spx'] as const;

/**
 * The carriers `markShipped` accepts: the known canonical ids, the profile's own table and `other` (said
 * explicitly), in any case and with spaces around (`"ViettelPost "` is `viettelpost`). Returns the
 * canonical id, which is what is sent and kept. A known carrier the platform's table lacks is sent as its
 * "other" (Shopee keeps the name as given); anything else — a typo like `vietelpost` — is refused before
 * sending, with the nearest known name, never sent as "other".
 */
export function shippedCarrier(profile: MarketplaceProfile, carrier: string): string {
  const known = [...new Set([...KNOWN_CARRIERS, ...Object.keys(profile.codes.carriers), 'other'])];
  const name = carrier.trim().toLowerCase();
  if (known.includes(name)) return name;
  const near = nearestName(name, known);
  const list = known.join(', ');
  throw new ValidationError(
    {
      vi: `shipped.carrier: ${profile.displayName} không biết đơn vị vận chuyển ${JSON.stringify(carrier)}, chưa gửi gì`,
      en: `shipped.carrier: ${profile.displayName} knows no carrier ${JSON.stringify(carrier)}, nothing was sent`,
    },
    [
      {
        path: 'shipped.carrier',
        value: carrier,
        code: 'order.unknown_carrier',
        messageVi: `dùng một trong: ${list}${near ? ` — có phải "${near}"?` : ''}`,
        messageEn: `use one of: ${list}${near ? ` — did you mean "${near}"?` : ''}`,
        platform: profile.platform,
      },
    ],
  );
}

/** The ship body: the carrier (see shippedCarrier) as the platform's code, and the tracking number. */
export function encodeShipped(profile: MarketplaceProfile, shipped: ShippedInfo): Record<string, unknown> {
  const carrier = shippedCarrier(profile, shipped.carrier);
  const body: Record<string, unknown> = {};
  setPath(body, profile.fields.ship.carrier, platformCarrier(profile, carrier));
  setPath(body, profile.fields.ship.trackingNumber, shipped.trackingNumber);
  return body;
}
