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

/** Every operation, as `faults.failNext` and `faults.dropResponseAfterCommit` name it (none can be left out). */
export const VIETTELPOST_OPERATIONS: readonly ViettelPostOperation[] = Object.keys({
  login: true,
  ownerConnect: true,
  loginVtp: true,
  listProvinceById: true,
  listProvince: true,
  listDistrict: true,
  listWards: true,
  listProvinceNew: true,
  listWardsNew: true,
  listService: true,
  listServiceExtra: true,
  listBuuCucVTP: true,
  listInventory: true,
  registerInventory: true,
  getPrice: true,
  getPriceNlp: true,
  getPriceAll: true,
  getPriceAllNlp: true,
  createOrder: true,
  createOrderNlp: true,
  editOrder: true,
  updateOrder: true,
  printingCode: true,
  registerOrderHook: true,
  printLabel: true,
} satisfies Record<ViettelPostOperation, true>) as ViettelPostOperation[];

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
