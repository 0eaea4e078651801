/**
 * What the marketplace contract suite needs of a platform's sandbox (a local emulator of the platform,
 * written from its documentation, never sharing code with the adapter). The Voso, Postmart and Shopee
 * sandboxes of `ocop-connect/sandbox` satisfy it as they are; a sandbox for another platform implements
 * these few members. Operation names in `stats.requests` and in faults are the canonical ones:
 * `login` (obtaining a token), `getCategoryAttributes`, `createListing`, `getListingBySku`, `updateStock`,
 * `listOrders`.
 */

/** A listing as the platform holds it. */
export interface ContractSandboxListing {
  /** The platform's listing id (the adapter's `remoteId` is `String(id)`). */
  id: number | string;
  sellerSku: string;
  title: string;
  tiers: Array<{ name: string; options: string[] }>;
  variants: Array<{ sku: string; priceVnd: number; stock: number }>;
}

/** An order as the platform holds it; statuses are the canonical ones (`CONFIRMED`, `CANCELLED` …). */
export interface ContractSandboxOrder {
  id: string;
  status: string;
  totalVnd: number;
  carrierCode: string | null;
  trackingNumber: string | null;
  cancelReasonCode: string | null;
}

export interface ContractPlaceOrderInput {
  sku: string;
  /** @default 1 */
  quantity?: number;
  /** @default 'COD' */
  paymentMethod?: 'COD' | 'PREPAID';
  /** A prepaid order stays UNPAID when `paid: false`. */
  paid?: boolean;
}

export type ContractPlaceOrderResult = { ok: true; order: ContractSandboxOrder } | { ok: false };

export interface ContractSandbox {
  readonly stats: {
    requests: Partial<Record<string, number>>;
    totalRequests: number;
    rateLimited: number;
    droppedConnections: number;
    idempotentReplays?: number;
  };
  readonly state: {
    listings(): ContractSandboxListing[];
    listingBySku(sku: string): ContractSandboxListing | undefined;
    imageBytes(id: string): Buffer | undefined;
    orders(): ContractSandboxOrder[];
    order(id: string): ContractSandboxOrder | undefined;
    stockOf(sku: string): number | undefined;
  };
  /** Buyers placing orders against platform stock. */
  readonly buyers: { placeOrder(input: ContractPlaceOrderInput): ContractPlaceOrderResult };
  /** Listing review (manual mode); a platform without review may decide nothing. */
  readonly review: {
    decide(
      listingIdOrSku: number | string,
      decision?: 'APPROVED' | 'REJECTED',
      reasons?: Array<{ code: string; message: string }>,
    ): unknown;
  };
  /** Where the platform delivers webhooks / push notifications. */
  readonly webhooks: { setUrl(url: string | undefined): void };
  setFaults(faults: {
    failNext?: Partial<Record<string, number>>;
    dropAfterCommit?: Partial<Record<string, number>>;
  }): void;
  resetStats(): void;
  close(): Promise<void>;
}
