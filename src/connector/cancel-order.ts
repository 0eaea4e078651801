import { ValidationError } from '../core/errors.js';
import { describeValue, describeValueIn, isPlainObject } from '../model/argument-check.js';
import { nearestName } from '../model/nearest-name.js';
import { type CancelReason, CancelReasonSchema, type Order } from '../model/order.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../platforms/types.js';
import type { OrderStateKey, StateStore } from '../store/state-store.js';
import { FULFIL_RACE_WAIT_MS } from '../sync/fulfil/create-claim.js';
import { OrderNotShippableError } from '../sync/fulfil/errors.js';
import { settleCancel } from '../sync/fulfil/parcel-cancel.js';
import { lookUpPendingShipment } from '../sync/fulfil/pending-shipment.js';
import { applyOrderSnapshot } from '../sync/orders/apply-order.js';
import { currentOrderStatus } from '../sync/orders/journey.js';
import { readOrderState } from '../sync/orders/order-state.js';

/** Shipment statuses from which a parcel can still be cancelled at the carrier (not picked up yet). */
const BEFORE_PICKUP: ReadonlySet<string> = new Set(['CREATED', 'WAYBILL_PENDING', 'PENDING_PICKUP']);

/**
 * `Connector.cancelOrder`: the order's parcel first — a create in flight refuses, a parcel not yet
 * picked up is cancelled at the carrier (a cancel waiting for approval refuses), a parcel past that
 * refuses — then the order on the marketplace, its snapshot applied to the store.
 */
export async function cancelOrder(
  s: StateStore,
  marketplace: MarketplaceAdapter,
  carriers: readonly CarrierAdapter[],
  key: OrderStateKey,
  reason: CancelReason,
  restock: { restockReturns?: boolean },
): Promise<Order> {
  const orderKey = { ...key, account: marketplace.account };
  const state = await readOrderState(s, orderKey);
  let shipment = state?.shipment;
  const carrier = carriers.find((c) => c.carrier === shipment?.carrier);
  const orderText = `${key.platform}:${key.externalId}`;
  if (state && shipment && !shipment.waybill) {
    // A create in flight (a fulfil claimed it moments ago): the parcel is dealt with first, never
    // after the order is cancelled — nothing is cancelled now (#16).
    const claim = shipment.claim;
    if (claim && !claim.ended && Date.now() - Date.parse(claim.at) < FULFIL_RACE_WAIT_MS)
      throw new OrderNotShippableError(
        orderText,
        currentOrderStatus(state),
        `a fulfil is creating its parcel right now (since ${claim.at}): nothing was cancelled — cancel again once it has finished, so the parcel is cancelled first`,
        `một lệnh fulfil đang tạo vận đơn cho đơn này (từ ${claim.at}): chưa hủy gì — hãy hủy lại khi lệnh đó xong, để vận đơn được hủy trước`,
      );
    // A create whose answer was lost: where the carrier can be asked, its parcel is found first.
    if (carrier) {
      const found = await lookUpPendingShipment(s, orderKey, shipment, carrier, {});
      if (found) shipment = { ...shipment, waybill: found.trackingNumber, status: 'CREATED' };
    }
  }
  if (shipment?.waybill && carrier && !shipment.markedShipped && BEFORE_PICKUP.has(shipment.status)) {
    // A parcel the marketplace was never told about (held for a cancel request, or one that
    // appeared late): cancelled at the carrier first, so accepting the cancel leaves no parcel.
    const outcome =
      (await carrier.cancelShipment(shipment.waybill, `order cancelled: ${reason}`)) || undefined;
    if ((await settleCancel(s, orderKey, shipment.reference, outcome)).pending)
      throw new OrderNotShippableError(
        orderText,
        currentOrderStatus(state!),
        `the cancel of its parcel ${shipment.waybill} waits for ${carrier.carrier}'s approval: the order is not cancelled on the marketplace until the parcel is — cancel again once ${carrier.carrier} approved`,
        `yêu cầu hủy vận đơn ${shipment.waybill} đang chờ ${carrier.carrier} duyệt: đơn chưa được hủy trên sàn cho đến khi vận đơn được hủy — hãy hủy lại sau khi ${carrier.carrier} duyệt`,
      );
  } else if (state && shipment?.waybill && shipment.status !== 'CANCELLED') {
    throw new OrderNotShippableError(
      `${key.platform}:${key.externalId}`,
      currentOrderStatus(state),
      `it already has waybill ${shipment.waybill}: cancel the shipment at the carrier first`,
      `đơn đã có vận đơn ${shipment.waybill}: hãy hủy vận đơn trước`,
    );
  }
  const cancelled = await marketplace.cancelOrder(key.externalId, reason);
  await applyOrderSnapshot(s, { ...cancelled, account: marketplace.account }, restock);
  return cancelled;
}

/** The codes a cancel reason can have, with what each means in Vietnamese (the words shown to a clerk). */
const REASON_WORDS: readonly (readonly [string, string, string])[] = [
  ['OUT_OF_STOCK', 'hết hàng', 'out of stock'],
  ['BUYER_REQUEST', 'người mua yêu cầu hủy', 'the buyer asked'],
  ['WRONG_PRICE', 'sai giá', 'wrong price'],
  ['CANNOT_SHIP', 'không giao được', 'cannot ship'],
];

const REASON_CODES: readonly string[] = [...REASON_WORDS.map(([c]) => c), 'OTHER'];

/** Vietnamese words for a reason, written without accents too, as a clerk types them. */
const VIETNAMESE_REASONS: Readonly<Record<string, string>> = {
  'het hang': 'OUT_OF_STOCK',
  'khong co hang': 'OUT_OF_STOCK',
  'khong con hang': 'OUT_OF_STOCK',
  'nguoi mua yeu cau huy': 'BUYER_REQUEST',
  'khach huy': 'BUYER_REQUEST',
  'sai gia': 'WRONG_PRICE',
  'khong giao duoc': 'CANNOT_SHIP',
};

/** The code a mistyped reason most likely means: a code a few letters off, or its Vietnamese words. */
function nearestReason(reason: unknown): string | undefined {
  const text = typeof reason === 'string' ? reason : isPlainObject(reason) ? reason.code : undefined;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const words = VIETNAMESE_REASONS[folded];
  if (words) return words;
  const code = folded.toUpperCase().replace(/ /g, '_');
  if (REASON_CODES.includes(code) && code !== text) return code;
  return nearestName(code, REASON_CODES);
}

/**
 * `Connector.cancelOrder`'s reason, checked before anything is read or sent: anything but a known
 * code (or `{ code, note }`, OTHER with its note) is a ValidationError listing the known reasons with
 * their meaning, and the nearest one (`out_of_stock`, "khong co hang" → OUT_OF_STOCK).
 */
export function checkCancelReason(reason: unknown): void {
  if (CancelReasonSchema.safeParse(reason).success) return;
  checkReasonNote(reason);
  const near = nearestReason(reason);
  const known = (lang: 1 | 2) =>
    `${REASON_WORDS.map((words) => `${words[0]} (${words[lang]})`).join(', ')}, ${lang === 1 ? 'hoặc' : 'or'} { code: "OTHER", note: "…" }`;
  const given = typeof reason === 'string' ? JSON.stringify(reason) : describeValue(reason);
  const vi = `reason: ${given} không phải là lý do hủy; dùng ${known(1)}${near ? ` — có phải "${near}"?` : ''}`;
  const en = `reason: ${given} is not a cancel reason; use ${known(2)}${near ? ` — did you mean "${near}"?` : ''}`;
  throw new ValidationError({ vi: 'Lý do hủy đơn không hợp lệ', en: 'Invalid cancel reason' }, [
    { path: 'reason', value: reason, code: 'order.cancel_reason', messageVi: vi, messageEn: en },
  ]);
}

/**
 * A known code whose note is the problem (OTHER without one, an empty or blank note, not a text, too
 * long): refused naming `reason.note` and why, not as an unknown reason.
 */
function checkReasonNote(reason: unknown): void {
  if (!isPlainObject(reason) || !REASON_CODES.includes(String(reason.code))) return;
  if (Object.keys(reason).some((k) => k !== 'code' && k !== 'note')) return;
  const note = reason.note;
  const other = reason.code === 'OTHER';
  let why: { vi: string; en: string } | undefined;
  if (note === undefined) {
    if (other)
      why = {
        vi: 'bắt buộc khi code là "OTHER" (lời giải thích gửi cho người mua)',
        en: 'is required when code is "OTHER" (the explanation sent to the buyer)',
      };
  } else if (typeof note !== 'string') {
    const got = describeValueIn(note);
    why = { vi: `phải là một chuỗi (nhận được ${got.vi})`, en: `must be a text (got ${got.en})` };
  } else if (note.trim() === '') {
    const got = describeValueIn(note);
    why = { vi: `không được để trống (nhận được ${got.vi})`, en: `must not be empty (got ${got.en})` };
  } else if (note.trim().length > 255) why = { vi: 'dài quá 255 ký tự', en: 'is longer than 255 characters' };
  if (!why) return;
  throw new ValidationError({ vi: 'Lý do hủy đơn không hợp lệ', en: 'Invalid cancel reason' }, [
    {
      path: 'reason.note',
      value: note,
      code: 'order.cancel_reason',
      messageVi: `reason.note: ${why.vi}`,
      messageEn: `reason.note: ${why.en}`,
    },
  ]);
}
