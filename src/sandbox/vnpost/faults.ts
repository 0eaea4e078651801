export type VnpostOperation =
  | 'getAccessToken'
  | 'getAllProvince'
  | 'getAllDistrict'
  | 'getAllCommune'
  | 'getNewProvinceAll'
  | 'getNewCommuneAll'
  | 'servicesCharge'
  | 'createOrder'
  | 'createOrderByDraft'
  | 'getOrder'
  | 'getListOrder'
  | 'getStatusHistoryOrder'
  | 'orderCancel'
  | 'orderCorrection'
  | 'exportListReport';

export type VnpostOperationCounts = Partial<Record<VnpostOperation, number>>;

/** Fault injection, settable at start and at run time. */
export interface VnpostFaults {
  /** Delay before every answer, in ms. @default 0 */
  latencyMs: number;
  /** Probability (0..1) that a request fails with HTTP 500 before doing anything. @default 0 */
  errorRate: number;
  /** The next N requests of an operation fail with HTTP 500 before doing anything. @default {} */
  failNext: VnpostOperationCounts;
  /**
   * The next N requests of an operation are processed and committed, then the socket is destroyed
   * before any answer: the lost-answer case (`{ createOrder: 1 }`). @default {}
   */
  dropResponseAfterCommit: VnpostOperationCounts;
  /**
   * The next N requests of an operation are processed and committed, then answered HTTP 500 (a
   * gateway or a crash after the write): the caller cannot tell it from a refusal. @default {}
   */
  fail500AfterCommit: VnpostOperationCounts;
  /**
   * The next N requests of an operation lose their answer at once (socket destroyed) and are committed
   * only `commitLateMs` later — a platform whose list lags behind its create. @default {}
   */
  commitLate: VnpostOperationCounts;
  /** Delay of a `commitLate` commit, in ms. @default 300 */
  commitLateMs: number;
}

export function defaultFaults(): VnpostFaults {
  return {
    latencyMs: 0,
    errorRate: 0,
    failNext: {},
    dropResponseAfterCommit: {},
    fail500AfterCommit: {},
    commitLate: {},
    commitLateMs: 300,
  };
}
