import type { FirstMile, JourneyEnding } from './journey.js';

export interface SandboxParty {
  fullName: string;
  phone: string;
  address: string;
  provinceId: number;
  districtId: number;
  wardId: number;
  /** "Vĩnh Linh, Quảng Trị": where the courier offices of the journey are placed. */
  area: string;
}

/** The money fields of the createOrder answer, in integer VND. */
export interface SandboxOrderFees {
  MONEY_COLLECTION: number;
  EXCHANGE_WEIGHT: number;
  MONEY_TOTAL: number;
  MONEY_TOTAL_FEE: number;
  MONEY_FEE: number;
  MONEY_COLLECTION_FEE: number;
  MONEY_OTHER_FEE: number;
  MONEY_VAS: number;
  MONEY_VAT: number;
  KPI_HT: number;
}

export interface SandboxStatusEvent {
  status: number;
  atMs: number;
  /** ORDER_STATUSDATE as sent: dd/MM/yyyy HH:mm:ss, Vietnam time. */
  statusDate: string;
  reasonCode: string | null;
  note: string;
  /** The webhook DATA object built for this event. */
  data: Record<string, unknown>;
}

/** An order as the emulator holds it (inspection API; treat as read-only). */
export interface SandboxOrder {
  /** VTP waybill number (ORDER_NUMBER in answers and webhooks). */
  waybill: string;
  /** The partner's ORDER_NUMBER from createOrder (ORDER_REFERENCE in webhooks); '' if none. */
  reference: string;
  ownerUserId: number;
  /** Partner that created it through an ownerconnect delegation, if any. */
  partnerUserId: number | undefined;
  createdVia: 'createOrder' | 'createOrderNlp';
  createdAtMs: number;
  updatedAtMs: number;
  sender: SandboxParty;
  receiver: SandboxParty;
  productName: string;
  weightGrams: number;
  productPriceVnd: number;
  /** Goods COD amount requested (MONEY_COLLECTION in the request). */
  codVnd: number;
  orderPayment: number;
  orderService: string;
  orderServiceAdd: string;
  orderNote: string;
  groupAddressId: number;
  sortCode: string | undefined;
  fees: SandboxOrderFees;
  status: number;
  history: SandboxStatusEvent[];
  ending: JourneyEnding;
  /** How the parcel reaches ViettelPost after approval (postman pickup, post office, collection point). */
  firstMile: FirstMile;
  /** Statuses still to be walked by the courier clock. */
  plan: number[];
  editCount: number;
  deleted: boolean;
  /** The normalised request body of the last create/edit (PASSWORD-free by nature). */
  request: Record<string, unknown>;
}
