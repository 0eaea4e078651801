import { ConflictError, OcopConnectError } from '../../core/errors.js';
import { argPart, argText } from '../../model/error-arguments.js';
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
    // Made by hand with fewer arguments: the sentence leaves out what is missing.
    const shownStatus = argText(status);
    const shownReasonVi = argText(reasonVi);
    super({
      en: `Order${argPart(orderKey)} cannot be shipped${argPart(shownStatus, ': it is ')}${argPart(reason, ' (', ')')}.`,
      vi: `Không thể giao đơn${argPart(orderKey)}${
        shownReasonVi !== undefined
          ? `: ${shownReasonVi}`
          : shownStatus !== undefined
            ? `: đơn ở trạng thái ${shownStatus}`
            : ''
      }.`,
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
    // Made by hand with fewer arguments: the sentence leaves out what is missing.
    super({
      en: `Order${argPart(orderKey)} cannot be cancelled${argPart(reason, ': ')}.`,
      vi: `Không thể hủy đơn${argPart(orderKey)}${argPart(reasonVi, ': ')}.`,
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
    const who = argText(carrier);
    const details = [argPart(caseId, 'case '), argPart(since, 'since ')].filter(Boolean).join(', ');
    const detailsVi = [argPart(caseId, 'mã '), argPart(since, 'từ ')].filter(Boolean).join(', ');
    super(
      orderKey,
      'CANCELLED',
      `the order was cancelled: the cancel of its parcel${argPart(trackingNumber)}${argPart(who, ' at ')} waits for ${who ? `${who}'s` : "the carrier's"} approval${details ? ` (${details})` : ''}; not marked shipped — the next run checks the decision, no second cancel is sent`,
      `đơn đã bị hủy: yêu cầu hủy vận đơn${argPart(trackingNumber)}${argPart(who, ' tại ')} đang chờ ${who ?? 'đơn vị vận chuyển'} duyệt${detailsVi ? ` (${detailsVi})` : ''}; chưa báo đã giao cho sàn — lần chạy sau sẽ kiểm tra kết quả, không gửi yêu cầu hủy lần hai`,
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
    const who = argText(carrier);
    super(
      orderKey,
      'CANCELLED',
      `the order was cancelled but ${who ?? 'the carrier'} refused to cancel its parcel${argPart(trackingNumber)}${argPart(cause, ' (', ')')}: the parcel is live — a person must act (contact ${who ?? 'the carrier'} to stop or return it); not retried`,
      `đơn đã bị hủy nhưng ${who ?? 'đơn vị vận chuyển'} từ chối hủy vận đơn${argPart(trackingNumber)}${argPart(cause, ' (', ')')}: bưu gửi vẫn đang đi — cần người xử lý (liên hệ ${who ?? 'đơn vị vận chuyển'} để chặn hoặc hoàn hàng); không thử lại`,
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
    const text = cause instanceof Error ? cause.message : argText(cause);
    const temporary = inner?.retriable !== false;
    const who = argText(carrier);
    super(
      inner?.kind ?? 'server',
      {
        en: `${who ?? 'The carrier'} could not quote ${argText(orderKey) ? `order ${orderKey}` : 'the order'}${temporary ? ' (temporary: retry)' : ''}${argPart(inner?.messageEn ?? text, ': ')}`,
        vi: `${who ?? 'Đơn vị vận chuyển'} không báo được giá cước cho đơn${argPart(orderKey)}${temporary ? ' (lỗi tạm thời: thử lại)' : ''}${argPart(inner?.messageVi ?? text, ': ')}`,
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
      argText(reason) === undefined
        ? {
            en: `Order${argPart(orderKey)} is being shipped by another fulfil (${argPart(claimedAt, 'claimed at ', ', ')}still running); nothing was sent by this call — run fulfil again later to pick up its parcel.`,
            vi: `Đơn${argPart(orderKey)} đang được một lệnh fulfil khác tạo vận đơn (${argPart(claimedAt, 'từ ', ', ')}chưa xong); lệnh này không gửi gì — hãy chạy fulfil lại sau để nhận vận đơn đó.`,
          }
        : {
            en: `Order${argPart(orderKey)}: the fulfil that claimed its create${argPart(claimedAt, ' (at ', ')')} failed: ${reason}; nothing was sent by this call — run fulfil again.`,
            vi: `Đơn${argPart(orderKey)}: lệnh fulfil đã nhận việc tạo vận đơn${argPart(claimedAt, ' (lúc ', ')')} bị lỗi: ${reason}; lệnh này không gửi gì — hãy chạy fulfil lại.`,
          },
      { retriable: true },
    );
    this.orderKey = orderKey;
    this.claimedAt = claimedAt;
    this.reason = reason;
  }
}
