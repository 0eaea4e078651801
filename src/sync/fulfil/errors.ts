import { ConflictError } from '../../core/errors.js';
import type { OrderStatus } from '../../model/status.js';

/**
 * The order cannot be shipped in its marketplace status (cancelled, a buyer's cancel request pending,
 * unpaid, already shipped by someone else, …). Nothing was sent to the carrier.
 */
export class OrderNotShippableError extends ConflictError {
  readonly orderKey: string;
  readonly status: OrderStatus;
  /** English reason; `messageVi` says it in Vietnamese. */
  readonly reason: string;
  readonly messageVi: string;

  constructor(orderKey: string, status: OrderStatus, reason: string, messageVi: string) {
    super(
      `Order ${orderKey} cannot be shipped: it is ${status} (${reason}). / Không thể giao đơn ${orderKey}: ${messageVi}.`,
    );
    this.orderKey = orderKey;
    this.status = status;
    this.reason = reason;
    this.messageVi = messageVi;
  }
}
