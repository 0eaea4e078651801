import type { Contact, Parcel, Quote } from '../../model/shipment.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import type { UnitFacts } from './parcel.js';
import type { ServicePolicy } from './service-policy.js';

export interface FulfilOptions {
  /** The marketplace account the order came from (platform and account must match the order's). */
  marketplace: MarketplaceAdapter;
  /** Quotes and creates the shipment. */
  carrier: CarrierAdapter;
  /** Remembers the shipment per order (order record + carrier reference), so a rerun never ships twice. */
  store: StateStore;
  /** The cooperative (name, phone, pick-up address). */
  sender: Contact;
  /**
   * Products (as given to `publish`) whose variant weight and dimensions make the parcel. A line whose SKU
   * it does not know is a ValidationError. Ignored when `parcel` is given.
   * @default the unit weights and sizes the store recorded when the catalog was published or synced
   */
  catalog?: Iterable<unknown> | ReadonlyMap<string, UnitFacts>;
  /** The box, when you weigh it yourself. @default built from `catalog` */
  parcel?: Parcel;
  /** Confirm a PENDING_CONFIRM order on the marketplace before shipping it. @default true */
  confirm?: boolean;
  /** Tell the carrier to come once the shipment exists (ViettelPost: approve the waybill). @default true */
  approve?: boolean;
  /** @default 'cheapest' */
  service?: ServicePolicy;
  /** Passed to every carrier and marketplace call. @default none */
  signal?: AbortSignal;
}

/**
 * - `shipped`: a shipment was created and its tracking number given to the marketplace;
 * - `waybill_pending`: the carrier has the shipment (its create answer was lost) but not yet told us the
 *   waybill number: the journey webhook, or the next run, completes it;
 * - `reused`: the store already held this order's shipment; nothing new was created.
 */
export type FulfilOutcome = 'shipped' | 'waybill_pending' | 'reused';

export interface FulfilResult {
  outcome: FulfilOutcome;
  /** `platform:externalId`. */
  orderKey: string;
  platform: string;
  account: string;
  externalId: string;
  /** The deterministic reference sent to the carrier. */
  reference: string;
  carrier: string;
  /** Set when this call quoted and created the shipment. */
  quote?: Quote;
  /** The parcel sent to the carrier (this call). */
  parcel?: Parcel;
  /** Undefined while the waybill is pending. */
  trackingNumber?: string;
  /** This call confirmed the order on the marketplace (it was PENDING_CONFIRM). */
  confirmed: boolean;
  /** The carrier has been told to come (by this call or an earlier one). */
  approved: boolean;
  /** The marketplace holds the tracking number. */
  markedShipped: boolean;
  /** True when the store already held a shipment for this order: no second shipment was created. */
  reused: boolean;
  /** Why this carrier ships the order, when a carrier policy chose it (see `carrierForOrder`). */
  carrierChoice?: string;
}
