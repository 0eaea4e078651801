/** Operation names used by fault injection and the request log. */
export type ViettelPostOperation =
  | 'login'
  | 'ownerConnect'
  | 'loginVtp'
  | 'listProvinceById'
  | 'listProvince'
  | 'listDistrict'
  | 'listWards'
  | 'listProvinceNew'
  | 'listWardsNew'
  | 'listService'
  | 'listServiceExtra'
  | 'listBuuCucVTP'
  | 'listInventory'
  | 'registerInventory'
  | 'getPrice'
  | 'getPriceNlp'
  | 'getPriceAll'
  | 'getPriceAllNlp'
  | 'createOrder'
  | 'createOrderNlp'
  | 'editOrder'
  | 'updateOrder'
  | 'printingCode'
  | 'registerOrderHook'
  | 'printLabel';

export type OperationCounts = Partial<Record<ViettelPostOperation, number>>;

/** Fault injection, settable at start (`faults`) and at run time (`sandbox.setFaults`). */
export interface ViettelPostFaults {
  /** Delay before every answer, in ms. @default 0 */
  latencyMs: number;
  /** Probability (0..1) that a request fails before doing anything. @default 0 */
  errorRate: number;
  /** How injected failures look: HTTP 500, or HTTP 200 + envelope "System error". @default 'systemError' */
  errorKind: 'http500' | 'systemError';
  /** The next N requests of an operation fail (deterministic variant of errorRate). @default {} */
  failNext: OperationCounts;
  /**
   * The next N requests of an operation are processed and committed, then the socket is destroyed
   * before any answer — the lost-response case (e.g. `{ createOrder: 1 }`). @default {}
   */
  dropResponseAfterCommit: OperationCounts;
}

export function defaultFaults(): ViettelPostFaults {
  return { latencyMs: 0, errorRate: 0, errorKind: 'systemError', failNext: {}, dropResponseAfterCommit: {} };
}
