import type { VnpostJourneyEnding } from './journey.js';

export interface VnpostSandboxAccount {
  username: string;
  password: string;
  customerCode: string;
}

export interface VnpostSandboxStatusEvent {
  status: string;
  statusName: string;
  atMs: number;
}

export interface VnpostSandboxOrder {
  orderHdrID: string;
  originalID: string;
  itemCode: string;
  saleOrderCode: string | null;
  customerCode: string;
  serviceCode: string;
  status: string;
  history: VnpostSandboxStatusEvent[];
  sender: Record<string, string | null>;
  receiver: Record<string, string | null>;
  weightGrams: number;
  codAmountVnd: number;
  declaredValueVnd: number;
  mainFee: number;
  vasFee: number;
  totalFee: number;
  weightConvert: number;
  contentNote: string;
  createdAtMs: number;
  updatedAtMs: number;
  /** Statuses still to walk. */
  plan: string[];
  ending: VnpostJourneyEnding;
}

export interface EmulatorOptions {
  clock: () => number;
  tokenTtlMs: number;
  stepMs: number;
  ending: VnpostJourneyEnding;
  /** The number of the first parcel (EB000100001VN = 100001). */
  firstItemNumber?: number;
}
