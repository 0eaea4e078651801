/** The hub's configuration types: cooperatives, their accounts, the hub's options and the hub itself. */
import type { Connector } from '../connector.js';
import type { TokenStore } from '../core/auth/types.js';
import type { RequestLimiter } from '../core/limiter.js';
import type { Logger } from '../core/logger.js';
import type { Contact } from '../model/shipment.js';
import type { MarketplaceAdapterOptions } from '../platforms/marketplace/create-marketplace-adapter.js';
import type { ShopeeOptions } from '../platforms/shopee/shopee.js';
import type { ViettelPostOptions } from '../platforms/viettelpost/index.js';
import type { VnpostOptions } from '../platforms/vnpost/index.js';
import type { StateStore } from '../store/state-store.js';
import type { CarrierPolicy } from '../sync/fulfil/carrier-choice.js';
import type { CategoryMap } from '../sync/publish/types.js';

/** Options a hub sets itself for every adapter it builds (per cooperative, per account). */
export type HubSet = 'logger' | 'tokenStore' | 'limiter' | 'store';

/** One marketplace account of a cooperative, as data (what a hub's JSON config holds). */
export type MarketplaceAccountConfig =
  | ({ platform: 'voso' } & Omit<MarketplaceAdapterOptions, HubSet>)
  | ({ platform: 'postmart' } & Omit<MarketplaceAdapterOptions, HubSet>)
  | ({ platform: 'shopee' } & Omit<ShopeeOptions, HubSet>);

/** One shipping account of a cooperative. Its shipment state lives in the cooperative's store. */
export type CarrierAccountConfig =
  | ({ platform: 'viettelpost' } & Omit<ViettelPostOptions, HubSet>)
  | ({ platform: 'vnpost' } & Omit<VnpostOptions, HubSet>);

/** One tenant of a hub: a cooperative (or household business) with its own accounts and state. */
export interface CooperativeConfig {
  /**
   * Stable id: the state namespace (store scope), the job key and the `cooperative` field of every
   * log line. Letters, digits and . _ : @ / - only.
   */
  id: string;
  /** Display name for reports. @default id */
  name?: string;
  /** Its marketplace accounts (each platform + account at most once). */
  marketplaces: readonly MarketplaceAccountConfig[];
  /** Its shipping accounts; the first ships unless `carrierPolicy` chooses. @default none (no fulfilment) */
  carriers?: readonly CarrierAccountConfig[];
  /** How a carrier is chosen per order (`'cheapest'`, `{ byMarketplace: { postmart: 'vnpost' } }`, …). */
  carrierPolicy?: CarrierPolicy;
  /** Its category → platform category map. */
  categories?: CategoryMap;
  /** The cooperative as shipper. */
  sender?: Contact;
  /** Path of its catalog (CSV, XLSX or JSON), used by publish jobs that name none. */
  catalog?: string;
}

export interface HubOptions {
  cooperatives: readonly CooperativeConfig[];
  /**
   * Opens the state store of one cooperative; called once per cooperative, on first use. For a
   * multi-process hub: `(id) => createPostgresStore({ connectionString, scope: id })`.
   */
  store: (cooperativeId: string) => Promise<StateStore>;
  /** pino logger; every line of a cooperative's work carries `cooperative: <id>`. @default silent */
  logger?: Logger;
  /**
   * Where login tokens are kept, per platform account (two cooperatives sharing one account share its
   * token instead of logging in twice). @default one in-memory store for the whole hub
   */
  tokenStore?: TokenStore;
  /**
   * Rate limits per platform account, shared by every cooperative of this hub that uses the account.
   * For several processes or machines: `await createRedisRateLimiter()`, so that they all share one
   * quota per account. @default one in-process limiter for the whole hub
   */
  limiter?: RequestLimiter;
}

export interface Hub {
  /** Cooperative ids in configuration order. */
  readonly cooperatives: readonly string[];
  /** The cooperative's configuration (a copy). @throws ConfigurationError for an unknown id */
  config(cooperativeId: string): CooperativeConfig;
  /** The cooperative's connector, built on first use with its own adapters and its own store. */
  connector(cooperativeId: string): Promise<Connector>;
  /** Closes every connector opened (adapters and stores). */
  close(): Promise<void>;
}
