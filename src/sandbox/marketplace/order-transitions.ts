/**
 * Allowed order moves. Mirrors src/model's ORDER_TRANSITIONS (kept as a copy: the sandbox stays an
 * independent implementation and must not drift silently — test/sandbox/marketplace checks the sandbox
 * never makes a move outside this table).
 */
import type { SandboxOrderStatus } from './shop-data.js';

export const SANDBOX_ORDER_TRANSITIONS: Readonly<Record<SandboxOrderStatus, readonly SandboxOrderStatus[]>> =
  {
    UNPAID: ['PENDING_CONFIRM', 'CONFIRMED', 'CANCELLED'],
    PENDING_CONFIRM: ['CONFIRMED', 'READY_TO_SHIP', 'SHIPPED', 'CANCEL_REQUESTED', 'CANCELLED'],
    CONFIRMED: ['READY_TO_SHIP', 'SHIPPED', 'CANCEL_REQUESTED', 'CANCELLED'],
    READY_TO_SHIP: ['SHIPPED', 'CANCEL_REQUESTED', 'CANCELLED'],
    SHIPPED: ['DELIVERED', 'DELIVERY_FAILED', 'RETURNING'],
    DELIVERED: ['COMPLETED', 'RETURNING'],
    COMPLETED: [],
    CANCEL_REQUESTED: ['CANCELLED', 'CONFIRMED', 'READY_TO_SHIP'],
    CANCELLED: [],
    DELIVERY_FAILED: ['SHIPPED', 'DELIVERED', 'RETURNING', 'RETURNED'],
    RETURNING: ['RETURNED', 'DELIVERED'],
    RETURNED: [],
  };

export function canTransition(from: SandboxOrderStatus, to: SandboxOrderStatus): boolean {
  return SANDBOX_ORDER_TRANSITIONS[from].includes(to);
}
