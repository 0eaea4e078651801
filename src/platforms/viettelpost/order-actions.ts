/** UpdateOrder actions (contract §7), with the statuses VTP allows each one in, as data. */
export type OrderAction = 'approve' | 'approveReturn' | 'redeliver' | 'cancel' | 'delete';

export interface OrderActionRule {
  /** UpdateOrder `TYPE`. */
  type: number;
  /** Whether the action is allowed when the order's last known ORDER_STATUS is `code`. */
  allowedIn: (code: number) => boolean;
  /** The rule in words, for error messages. */
  ruleEn: string;
  ruleVi: string;
}

/**
 * The return notice after which the shop decides: return (TYPE 2) or deliver again (TYPE 3). Contract
 * §7: "after status 505" only — 506/507 are still in VTP's own re-delivery loop.
 */
const AWAITING_SHOP_DECISION: ReadonlySet<number> = new Set([505]);

export const ORDER_ACTIONS: Readonly<Record<OrderAction, OrderActionRule>> = {
  approve: {
    type: 1,
    // Approval moves a created order into the pickup flow: only before pickup and not once final.
    allowedIn: (code) => code < 200 && code !== 101 && code !== 105 && code !== 107,
    ruleEn: 'only before pickup (status below 200, not 101/105/107)',
    ruleVi: 'chỉ trước khi lấy hàng (trạng thái dưới 200, không phải 101/105/107)',
  },
  approveReturn: {
    type: 2,
    allowedIn: (code) => AWAITING_SHOP_DECISION.has(code),
    ruleEn: 'only after the return notice (status 505)',
    ruleVi: 'chỉ sau khi có thông báo chuyển hoàn (trạng thái 505)',
  },
  redeliver: {
    type: 3,
    allowedIn: (code) => AWAITING_SHOP_DECISION.has(code),
    ruleEn: 'only after the return notice (status 505)',
    ruleVi: 'chỉ sau khi có thông báo chuyển hoàn (trạng thái 505)',
  },
  cancel: {
    type: 4,
    // Contract §8.2: cancellable while ORDER_STATUS < 200, except 105 (picked up) and 107 (cancelled).
    allowedIn: (code) => code < 200 && code !== 105 && code !== 107,
    ruleEn: 'only before pickup (status below 200, not 105 picked up or 107 already cancelled)',
    ruleVi: 'chỉ trước khi lấy hàng (trạng thái dưới 200, không phải 105 đã lấy hàng hoặc 107 đã hủy)',
  },
  delete: {
    type: 11,
    allowedIn: (code) => code === 107,
    ruleEn: 'only after the order was cancelled (status 107)',
    ruleVi: 'chỉ sau khi đơn đã bị hủy (trạng thái 107)',
  },
};

/**
 * order/edit is allowed while ORDER_STATUS < 200 (before the origin post office books it), but not once
 * VTP rejected (101) or we cancelled (107) the order, nor after the postman picked it up (105).
 */
export const editAllowedIn = (code: number): boolean =>
  code < 200 && code !== 101 && code !== 105 && code !== 107;

export const EDIT_RULE = {
  ruleEn: 'only before the origin post office books it (status below 200, not 101/105/107)',
  ruleVi: 'chỉ trước khi bưu cục gốc nhận hàng (trạng thái dưới 200, không phải 101/105/107)',
} as const;
