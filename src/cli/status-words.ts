import type { OrderStatus, PendingOutcome, SkipReason } from 'ocop-connect';
import type { Lang } from './i18n.js';

type Words = { readonly vi: string; readonly en: string };

/**
 * The one table of the words the bin prints for an order's state, in both languages: the order model's
 * statuses (`orders`), and what `fulfil` did with an order and why it skipped one. "Shipped" is handed to
 * the carrier (đã gửi hàng, đang giao), never "delivered" (đã giao), which only DELIVERED says.
 */
export const ORDER_STATUS_WORDS: Readonly<Record<OrderStatus, Words>> = {
  UNPAID: { vi: 'chưa thanh toán', en: 'unpaid' },
  PENDING_CONFIRM: { vi: 'chờ xác nhận', en: 'awaiting confirmation' },
  CONFIRMED: { vi: 'đã xác nhận', en: 'confirmed' },
  READY_TO_SHIP: { vi: 'chờ gửi hàng', en: 'ready to ship' },
  SHIPPED: { vi: 'đã gửi hàng (đang giao)', en: 'shipped (in delivery)' },
  DELIVERED: { vi: 'đã giao', en: 'delivered' },
  COMPLETED: { vi: 'hoàn tất', en: 'completed' },
  CANCEL_REQUESTED: { vi: 'người mua yêu cầu hủy', en: 'cancellation requested' },
  CANCELLED: { vi: 'đã hủy', en: 'cancelled' },
  DELIVERY_FAILED: { vi: 'giao không thành công', en: 'delivery failed' },
  RETURNING: { vi: 'đang hoàn hàng', en: 'returning' },
  RETURNED: { vi: 'đã hoàn hàng', en: 'returned' },
};

/** What `fulfil` did with an order (the "Kết quả" column and the footer's counts). */
export const FULFIL_OUTCOME_WORDS: Readonly<Record<PendingOutcome, Words>> = {
  shipped: { vi: 'đã gửi hàng', en: 'shipped' },
  waybill_pending: { vi: 'chờ số vận đơn', en: 'waybill pending' },
  reused: { vi: 'dùng lại', en: 'reused' },
  skipped: { vi: 'bỏ qua', en: 'skipped' },
  failed: { vi: 'lỗi', en: 'failed' },
};

/** Why `fulfil` skipped an order (its "Ghi chú" column). */
export const SKIP_REASON_WORDS: Readonly<Record<SkipReason, Words>> = {
  oversold: { vi: 'bán quá số tồn', en: 'oversold' },
  not_shippable: { vi: 'chưa giao được', en: 'not shippable' },
  invalid: { vi: 'dữ liệu không hợp lệ', en: 'invalid data' },
  no_carrier: { vi: 'chưa chọn được hãng vận chuyển', en: 'no carrier chosen' },
  cancel_pending: {
    vi: 'đã hủy, chờ hãng duyệt hủy vận đơn',
    en: 'cancelled, parcel cancel awaiting approval',
  },
  cancel_refused: {
    vi: 'đã hủy nhưng hãng không hủy vận đơn: cần người xử lý',
    en: 'cancelled, but the carrier refused to cancel the parcel: a person must act',
  },
};

/** An order status in `lang` (a status the table does not know, as the platform gave it). */
export function orderStatusWord(status: string, lang: Lang): string {
  return (ORDER_STATUS_WORDS as Readonly<Record<string, Words>>)[status]?.[lang] ?? status;
}
