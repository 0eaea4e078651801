import type { CarrierShipmentStore, MarketplaceAdapter, MarketplaceShipmentStore } from 'ocop-connect';
import type { MarketplaceSandboxOptions, SandboxStateView } from 'ocop-connect/sandbox';
import type { ViettelPostAdapter } from 'ocop-connect/viettelpost';
import type { VnpostAdapter } from 'ocop-connect/vnpost';

export type MarketplaceName = 'voso' | 'postmart' | 'shopee';
export const MARKETPLACES: readonly MarketplaceName[] = ['voso', 'postmart', 'shopee'];

export interface OpenPlatforms {
  /** True when running against the embedded emulators because no credentials were given at all. */
  sandbox: boolean;
  marketplaces: MarketplaceAdapter[];
  carrier?: ViettelPostAdapter;
  /** VNPost, when asked for (`vnpost: true`) and available: always in sandbox mode, else with credentials. */
  vnpost?: VnpostAdapter;
  /** URLs of the emulators started for this run. */
  sandboxUrls: Record<string, string>;
  /** The Voso and Postmart emulators' state, in sandbox mode: what the shop holds at the end of a run. */
  sandboxStates?: Partial<Record<'voso' | 'postmart', SandboxStateView>>;
  close(): Promise<void>;
}

/**
 * Options for the marketplace sandboxes; `perPlatform` adds to them for one emulator (a shop saved from
 * an earlier run: `restoredListings`, which then replaces `handMadeListings`).
 */
export type CliSandboxOptions = MarketplaceSandboxOptions & {
  perPlatform?: Partial<Record<'voso' | 'postmart', MarketplaceSandboxOptions>>;
};

export type CredentialBlock = 'voso' | 'postmart' | 'shopee' | 'viettelpost' | 'vnpost';

/** What a command opens. */
export interface WantedPlatforms {
  marketplaces: readonly MarketplaceName[];
  /** ViettelPost. */
  carrier: boolean;
  /** VNPost: `true` = an extra, when it has a login; `'required'` = its credentials must be complete. */
  vnpost?: boolean | 'required';
  /** VNPost's shipment records (reference ↔ waybill, a create whose answer was lost): the CLI's store. */
  vnpostStore?: CarrierShipmentStore;
  /**
   * The shipment records of this run's state folder. In sandbox mode the embedded ViettelPost emulator
   * numbers its waybills past every one recorded there (it starts empty each run, the folder does not).
   */
  shipmentRecords?: ShipmentRecordList;
  /**
   * What a marketplace adapter must remember of the orders it shipped (Shopee: the carrier named, which
   * Shopee does not keep): the CLI's store, so a later run reports the parcel's real carrier.
   */
  marketplaceStore?: MarketplaceShipmentStore;
}

/** What the CLI reads of its state folder's shipment records to keep sandbox waybills unique. */
export interface ShipmentRecordList {
  listShipments(): Promise<ReadonlyArray<{ readonly waybill?: string; readonly carrier?: string }>>;
}
