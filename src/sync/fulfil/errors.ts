import { ConflictError, OcopConnectError } from '../../core/errors.js';
import type { OrderStatus } from '../../model/status.js';

/**
 * The order cannot be shipped in its marketplace status (cancelled, a buyer's cancel request pending,
 * unpaid, already shipped by someone else, …). Nothing was sent to the carrier.
 */
export class OrderNotShippableError extends ConflictError {
  readonly orderKey: string;
  readonly status: OrderStatus;
  /** English reason; `reasonVi` says it in Vietnamese. */
  readonly reason: string;
  readonly reasonVi: string;

  constructor(orderKey: string, status: OrderStatus, reason: string, reasonVi: string) {
    super({
      en: `Order ${orderKey} cannot be shipped: it is ${status} (${reason}).`,
      vi: `Không thể giao đơn ${orderKey}: ${reasonVi}.`,
    });
    this.orderKey = orderKey;
    this.status = status;
    this.reason = reason;
    this.reasonVi = reasonVi;
  }
}

/**
 * `Connector.cancelOrder` refused the order: the marketplace already holds its tracking number (or
 * reports it shipped), its parcel is past pickup, its parcel's cancel waits for the carrier's approval,
 * or a fulfil is creating its parcel right now. Nothing was cancelled on the marketplace.
 */
export class OrderNotCancellableError extends ConflictError {
  readonly orderKey: string;
  readonly status: OrderStatus;
  /** English reason; `reasonVi` says it in Vietnamese. */
  readonly reason: string;
  readonly reasonVi: string;
  /** The tracking number the marketplace or the store holds for the order, when that is the reason. */
  readonly trackingNumber: string | undefined;

  constructor(
    orderKey: string,
    status: OrderStatus,
    reason: string,
    reasonVi: string,
    trackingNumber?: string,
  ) {
    super({
      en: `Order ${orderKey} cannot be cancelled: ${reason}.`,
      vi: `Không thể hủy đơn ${orderKey}: ${reasonVi}.`,
    });
    this.orderKey = orderKey;
    this.status = status;
    this.reason = reason;
    this.reasonVi = reasonVi;
    this.trackingNumber = trackingNumber;
  }
}

/**
 * The order was cancelled; our cancel of its parcel (created before the cancellation was seen) waits for
 * the carrier's approval (VNPost Type "02"). Not marked shipped; the next run asks again, no second case.
 */
export class ParcelCancelPendingError extends OrderNotShippableError {
  readonly trackingNumber: string;
  readonly caseId: string | undefined;
  constructor(
    orderKey: string,
    carrier: string,
    trackingNumber: string,
    caseId: string | undefined,
    since: string,
  ) {
    super(
      orderKey,
      'CANCELLED',
      `the order was cancelled: the cancel of its parcel ${trackingNumber} at ${carrier} waits for ${carrier}'s approval (case ${caseId ?? '?'}, since ${since}); not marked shipped — the next run checks the decision, no second cancel is sent`,
      `đơn đã bị hủy: yêu cầu hủy vận đơn ${trackingNumber} tại ${carrier} đang chờ ${carrier} duyệt (mã ${caseId ?? '?'}, từ ${since}); chưa báo đã giao cho sàn — lần chạy sau sẽ kiểm tra kết quả, không gửi yêu cầu hủy lần hai`,
    );
    this.trackingNumber = trackingNumber;
    this.caseId = caseId;
  }
}

/**
 * The order was cancelled but the carrier refused to cancel its parcel (already picked up, or the cancel
 * case was not approved): the parcel is live. A terminal state: a person must act (call the carrier,
 * get the parcel back); fulfilPending reports it (`cancel_refused`) and never retries it.
 */
export class ParcelCancelRefusedError extends OrderNotShippableError {
  readonly trackingNumber: string;
  constructor(orderKey: string, carrier: string, trackingNumber: string, cause: string) {
    super(
      orderKey,
      'CANCELLED',
      `the order was cancelled but ${carrier} refused to cancel its parcel ${trackingNumber} (${cause}): the parcel is live — a person must act (contact ${carrier} to stop or return it); not retried`,
      `đơn đã bị hủy nhưng ${carrier} từ chối hủy vận đơn ${trackingNumber} (${cause}): bưu gửi vẫn đang đi — cần người xử lý (liên hệ ${carrier} để chặn hoặc hoàn hàng); không thử lại`,
    );
    this.trackingNumber = trackingNumber;
  }
}

/**
 * The carrier a fixed policy ships this order with could not quote it — a temporary
 * failure (VNPost answering 500) or a refusal: the carrier's own error's kind and `retriable`, its
 * message, and the carrier named. `fulfilPending` counts it as failed (retried next run), not skipped.
 */
export class CarrierQuoteFailedError extends OcopConnectError {
  readonly carrier: string;
  constructor(orderKey: string, carrier: string, cause: unknown) {
    const inner = cause instanceof OcopConnectError ? cause : undefined;
    const text = cause instanceof Error ? cause.message : String(cause);
    const temporary = inner?.retriable !== false;
    super(
      inner?.kind ?? 'server',
      {
        en: `${carrier} could not quote order ${orderKey}${temporary ? ' (temporary: retry)' : ''}: ${inner?.messageEn ?? text}`,
        vi: `${carrier} không báo được giá cước cho đơn ${orderKey}${temporary ? ' (lỗi tạm thời: thử lại)' : ''}: ${inner?.messageVi ?? text}`,
      },
      {
        platform: carrier,
        operation: 'quote',
        retriable: inner?.retriable ?? true,
        cause,
        ...(inner?.httpStatus !== undefined ? { httpStatus: inner.httpStatus } : {}),
      },
    );
    this.carrier = carrier;
  }
}

/**
 * Another fulfil of the same order (another process sharing the store) claimed its create first, and
 * within the wait its parcel did not appear (`reason` unset), or its attempt failed (`reason`: why).
 * Nothing was sent to the carrier by this call; run fulfil again — it picks up the parcel if one exists.
 */
export class FulfilInProgressError extends ConflictError {
  readonly orderKey: string;
  readonly claimedAt: string;
  readonly reason: string | undefined;
  constructor(orderKey: string, claimedAt: string, reason?: string) {
    super(
      reason === undefined
        ? {
            en: `Order ${orderKey} is being shipped by another fulfil (claimed at ${claimedAt}, still running); nothing was sent by this call — run fulfil again later to pick up its parcel.`,
            vi: `Đơn ${orderKey} đang được một lệnh fulfil khác tạo vận đơn (từ ${claimedAt}, chưa xong); lệnh này không gửi gì — hãy chạy fulfil lại sau để nhận vận đơn đó.`,
          }
        : {
            en: `Order ${orderKey}: the fulfil that claimed its create (at ${claimedAt}) failed: ${reason}; nothing was sent by this call — run fulfil again.`,
            vi: `Đơn ${orderKey}: lệnh fulfil đã nhận việc tạo vận đơn (lúc ${claimedAt}) bị lỗi: ${reason}; lệnh này không gửi gì — hãy chạy fulfil lại.`,
          },
      { retriable: true },
    );
    this.orderKey = orderKey;
    this.claimedAt = claimedAt;
    this.reason = reason;
  }
}
