/** The contract every carrier adapter (ViettelPost, VNPost) satisfies. */
import type { CallOptions } from '../core/types.js';
import type { Address } from '../model/address.js';
import type { Contact, Parcel, Quote, Shipment, ShipmentEvent } from '../model/shipment.js';
import type { ShipmentStatus } from '../model/status.js';
import type { HeaderBag } from './header-bag.js';

export interface CarrierCapabilities {
  /** Addresses in the 2025 two-level structure are accepted. */
  twoLevelAddresses: boolean;
  /** A create can be retried without a duplicate (unique partner reference). */
  idempotentCreate: boolean;
  labels: boolean;
  webhooks: boolean;
  cashOnDelivery: boolean;
}

/** Platform ids an address resolved to, plus what was matched (for error messages and logs). */
export interface ResolvedAddress {
  provinceId: number;
  districtId: number;
  wardId: number;
  era: 'legacy' | '2025';
  matched: { province: string; district?: string; ward: string };
}

export interface QuoteRequest {
  from: Address;
  to: Address;
  parcel: Parcel;
  /** Cash to collect from the receiver for the goods. */
  codAmountVnd?: number;
}

export type ShipmentPayer = 'sender' | 'receiver';

export interface ShipmentRequest {
  sender: Contact;
  receiver: Contact;
  parcel: Parcel;
  serviceCode: string;
  extraServiceCodes?: readonly string[];
  /** Cash to collect for the goods (0 = none). */
  codAmountVnd?: number;
  /** Who pays the freight. @default 'sender' */
  freightPaidBy?: ShipmentPayer;
  note?: string;
}

export interface CreateShipmentOptions extends CallOptions {
  /** Our deterministic reference (e.g. the order key); the carrier rejects a second create with it. */
  reference: string;
}

export type LabelSize = 'A5' | 'A6' | 'A7';

/**
 * One verified webhook delivery that may carry several events (VNPost): which events are trusted and
 * were folded into the carrier's records, and the HTTP status to answer the carrier with.
 */
export type CarrierWebhookReceipt =
  | { verified: false; httpStatus: number }
  | {
      verified: true;
      /**
       * 200: every item applied (or about no parcel of ours); non-2xx: something was not applied
       * (refused, unknown code, a lookup failed), so the carrier redelivers and operators see it.
       */
      httpStatus: number;
      /** The trusted events, in the order they are to be applied (time, then journey stage). */
      events: readonly ShipmentEvent[];
      /** One line per item that was not applied, and why (refused, unknown status code, lookup failed). */
      notApplied: readonly string[];
    };

/** What one status poll found (see `CarrierAdapter.refreshShipments`). */
export interface CarrierRefreshResult {
  /**
   * The polled steps as events, already folded into the carrier's records, per parcel in the order to be
   * applied (time, then journey stage); each carries our `reference`.
   */
  events: readonly ShipmentEvent[];
  /** The shipments whose status was read (a reference the adapter keeps no record of is not here). */
  refreshed: readonly { reference: string; waybill: string }[];
  failed: readonly { reference: string; waybill: string; error: Error }[];
}

/** A shipment the carrier holds under our reference (see `CarrierAdapter.findShipment`). */
export interface CarrierShipmentMatch {
  reference: string;
  trackingNumber: string;
  status?: ShipmentStatus;
  rawStatus?: string;
}

/** How a `cancelShipment` went: done, or waiting for the carrier's approval (its case id when given). */
export interface CancelShipmentOutcome {
  state: 'cancelled' | 'pending';
  caseId?: string;
}

export interface CarrierAdapter {
  readonly carrier: string;
  readonly account: string;
  readonly capabilities: CarrierCapabilities;

  resolveAddress(address: Address, options?: CallOptions): Promise<ResolvedAddress>;
  quote(request: QuoteRequest, options?: CallOptions): Promise<Quote[]>;
  createShipment(request: ShipmentRequest, options: CreateShipmentOptions): Promise<Shipment>;
  /**
   * Cancels a parcel (before pickup). Resolves with how it went where the carrier can say: `pending`
   * when the carrier must approve it first (VNPost answers Type "02") — not done yet; `cancelled` (or
   * nothing, for an adapter that does not say) when done. A refusal is a ConflictError.
   */
  cancelShipment(
    trackingNumber: string,
    reason?: string,
    options?: CallOptions,
    // biome-ignore lint/suspicious/noConfusingVoidType: adapters written before the outcome existed resolve Promise<void>
  ): Promise<CancelShipmentOutcome | undefined | void>;
  /**
   * Tells the carrier to come for a created shipment (ViettelPost: approve a -100 order). Optional: a
   * carrier whose shipments need no approval leaves it out. Repeating it is harmless.
   */
  approveShipment?(trackingNumber: string, options?: CallOptions): Promise<void>;
  /**
   * Asks the carrier to send a waybill's whole journey to the webhook again (catch-up after the receiver
   * was down). Optional.
   */
  resendEvents?(trackingNumber: string, options?: CallOptions): Promise<void>;
  labelUrl(trackingNumbers: readonly string[], size?: LabelSize, options?: CallOptions): Promise<string>;

  verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean;
  /** Pure: the body as a canonical event; changes nothing. */
  parseWebhook(rawBody: string | Buffer): ShipmentEvent;
  /**
   * Verify a delivery that may carry several events, fold the trusted ones into the adapter's records
   * and say which answer to give. Optional: carriers whose deliveries carry one event use
   * `verifyWebhook` + `parseWebhook` (VNPost implements it: only the signed item is trusted as sent).
   */
  receiveWebhookEvents?(rawBody: string | Buffer, headers: HeaderBag): Promise<CarrierWebhookReceipt>;
  /**
   * Poll the status of open parcels (the catch-up for carriers that cannot resend webhooks, VNPost).
   * `references` limits it to those shipments. Optional.
   */
  refreshShipments?(
    options?: CallOptions & { references?: readonly string[] },
  ): Promise<CarrierRefreshResult>;
  /**
   * Look up, at the carrier, the live shipment created under our reference (a create whose answer was
   * lost). Undefined when the carrier holds none. Optional: only carriers with such a lookup (VNPost).
   */
  findShipment?(reference: string, options?: CallOptions): Promise<CarrierShipmentMatch | undefined>;
  /**
   * True when a create of `reference` whose answer was lost can no longer commit at the carrier (VNPost:
   * `lostCreateSettleMs` has passed since it was sent), so "not found" by `findShipment` means "never
   * created". Until then the connector keeps the reference pending (and cancels a parcel that appears
   * for an order cancelled meanwhile). Optional: without it a pending reference is never given up.
   */
  pendingCreateSettled?(reference: string): Promise<boolean>;
  /**
   * Where a raw status code sits in the journey (a larger number is further along), to order two
   * events of the same instant and same canonical status (VNPost 6 "picked up" then 7 "at the post
   * office"). Optional.
   */
  journeyStage?(rawStatus: string | number): number | undefined;
  /**
   * Folds a VERIFIED event into the adapter's store records (reference ↔ waybill, carrier status,
   * spent reference), so its next `createShipment` for that reference answers from the store. Optional:
   * adapters with a `store` option implement it (ViettelPost, VNPost); idempotent.
   */
  applyEvent?(event: ShipmentEvent): Promise<unknown>;

  close(): Promise<void>;
}
