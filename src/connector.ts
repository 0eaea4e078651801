import { ConfigurationError } from './core/errors.js';
import type { Logger } from './core/logger.js';
import { createImagePreparer, type ImagePreparerOptions } from './images/image-preparer.js';
import type { Order } from './model/order.js';
import type { Contact, Parcel } from './model/shipment.js';
import { validateCatalog } from './model/validation.js';
import type { CarrierAdapter, MarketplaceAdapter } from './platforms/types.js';
import { createFileStore, DEFAULT_STORE_DIR } from './store/file-store.js';
import type { StateStore } from './store/state-store.js';
import { type FulfilResult, fulfilOrder, type ServicePolicy } from './sync/fulfil/fulfil-order.js';
import { syncInventory } from './sync/inventory/sync-inventory.js';
import type { InventorySyncResult, SyncInventoryOptions } from './sync/inventory/types.js';
import {
  type ExportCatalogOptions,
  type ExportCatalogResult,
  exportCatalog,
} from './sync/onboarding/export-catalog.js';
import { linkListings } from './sync/onboarding/link-listings.js';
import { matchShops } from './sync/onboarding/match-shops.js';
import type {
  LinkDecision,
  LinkListingsOptions,
  LinkListingsResult,
  MatchListingsOptions,
  MatchListingsResult,
} from './sync/onboarding/types.js';
import { publish } from './sync/publish/publish.js';
import type {
  CatalogInput,
  CategoryMap,
  PublishImagePreparer,
  PublishOptions,
  PublishReport,
} from './sync/publish/types.js';

/** Options of the built-in image preparer (src/images): concurrency, cache size, download limits. */
export type ConnectorImageOptions = ImagePreparerOptions;

export interface ConnectorOptions {
  /** The marketplaces to publish to (at least one; each platform + account once). Closed by `close()`. */
  marketplaces: readonly MarketplaceAdapter[];
  /** The shipping carrier used by `fulfil`. Closed by `close()`. @default none (fulfil unavailable) */
  carrier?: CarrierAdapter;
  /** @default a FileStore in `.ocop-connect/` (opened on first use) */
  store?: StateStore;
  /** Folder of the default FileStore. @default DEFAULT_STORE_DIR ('.ocop-connect') */
  storeDir?: string;
  /**
   * A preparer of your own, or options for the built-in one (src/images).
   * @default the built-in preparer with its defaults (one image per CPU, bounded cache)
   */
  images?: PublishImagePreparer | ConnectorImageOptions;
  /** Product → platform category, used by every publish unless the call gives its own. @default none */
  categories?: CategoryMap;
  /** The cooperative as shipper (used by `fulfil`). @default none (give it per fulfil call) */
  sender?: Contact;
  /** pino logger for publish summaries and failures (adapters take their own). @default none (silent) */
  logger?: Logger;
}

export interface ConnectorPublishOptions
  extends Omit<PublishOptions, 'to' | 'store' | 'images' | 'categories' | 'logger'> {
  /** Platform names or adapters. @default every marketplace of the connector */
  to?: readonly (string | MarketplaceAdapter)[];
  /** Overrides the connector's category map for this call. @default the connector's `categories` */
  categories?: CategoryMap;
}

export interface ConnectorFulfilOptions {
  /** @default 'cheapest' */
  service?: ServicePolicy;
  /** The box. @default built from the order lines (weight Σ line weight × quantity) */
  parcel?: Parcel;
  /** @default the connector's `sender` */
  sender?: Contact;
  /** Passed to every carrier and marketplace call. @default none */
  signal?: AbortSignal;
}

/** `syncInventory` options without the connector's own marketplaces and store. */
export type ConnectorSyncInventoryOptions = Omit<SyncInventoryOptions, 'marketplaces' | 'store'>;

export interface ConnectorMatchListingsOptions extends MatchListingsOptions {
  signal?: AbortSignal;
}

export interface ConnectorLinkListingsOptions extends LinkListingsOptions {
  /** The catalog: checks that linked SKUs exist and reports the variants a listing lacks. @default none */
  catalog?: CatalogInput;
}

export interface Connector {
  readonly marketplaces: readonly MarketplaceAdapter[];
  readonly carrier: CarrierAdapter | undefined;
  /** Validate, plan and publish a catalog to the marketplaces (see `publish`). */
  publish(catalog: CatalogInput, options?: ConnectorPublishOptions): Promise<PublishReport>;
  /** Quote, create the shipment (order key as reference, never twice), push the tracking number back. */
  fulfil(order: Order, options?: ConnectorFulfilOptions): Promise<FulfilResult>;
  /**
   * Read new orders from every marketplace into the stock ledger, then push the changed available
   * quantities to every marketplace (see `syncInventory`).
   */
  syncInventory(options?: ConnectorSyncInventoryOptions): Promise<InventorySyncResult>;
  /**
   * Download every listing of each marketplace and propose the catalog product each one is (SKU first,
   * then the normalised name), with confidence and reasons. Links nothing (see `matchListings` docs).
   */
  matchListings(catalog: CatalogInput, options?: ConnectorMatchListingsOptions): Promise<MatchListingsResult>;
  /**
   * Record accepted links in the store so `publish` updates those listings and stock sync covers them;
   * writes the catalog SKUs onto the listing where the platform allows. Never deletes a listing.
   */
  linkListings(
    decisions: readonly LinkDecision[],
    options?: ConnectorLinkListingsOptions,
  ): Promise<LinkListingsResult>;
  /** Build a catalog spreadsheet (the CLI's template) from one marketplace's existing listings. */
  exportCatalog(platform: string, options: ExportCatalogOptions): Promise<ExportCatalogResult>;
  // Reserved for the next engine parts, with these names: pullOrders(), handleWebhook().
  /** Closes every adapter, the carrier and the store. */
  close(): Promise<void>;
}

function isPreparer(
  value: PublishImagePreparer | ConnectorImageOptions | undefined,
): value is PublishImagePreparer {
  return typeof (value as PublishImagePreparer | undefined)?.prepare === 'function';
}

export function createConnector(options: ConnectorOptions): Connector {
  const problems: string[] = [];
  if (!options.marketplaces || options.marketplaces.length === 0)
    problems.push('marketplaces: at least one adapter');
  const names = new Set<string>();
  for (const m of options.marketplaces ?? []) {
    const key = `${m.platform}/${m.account}`;
    if (names.has(key)) problems.push(`marketplaces: ${key} is listed twice`);
    names.add(key);
  }
  if (options.store && options.storeDir) problems.push('store and storeDir: give one, not both');
  if (problems.length > 0) throw new ConfigurationError('Invalid connector options', problems);

  const marketplaces = [...options.marketplaces];
  const images = isPreparer(options.images) ? options.images : createImagePreparer(options.images);
  let storePromise: Promise<StateStore> | undefined = options.store
    ? Promise.resolve(options.store)
    : undefined;
  const store = () => {
    storePromise ??= createFileStore({ dir: options.storeDir ?? DEFAULT_STORE_DIR });
    return storePromise;
  };
  let closed = false;

  function resolveTargets(to: ConnectorPublishOptions['to']): MarketplaceAdapter[] {
    if (!to) return marketplaces;
    const unknown: string[] = [];
    const targets = to.flatMap((t) => {
      if (typeof t !== 'string') return [t];
      const found = marketplaces.filter((m) => m.platform === t);
      if (found.length === 0) unknown.push(t);
      return found;
    });
    if (unknown.length > 0) {
      throw new ConfigurationError(
        'Unknown publish target',
        unknown.map((n) => `${n}: no such marketplace in this connector`),
      );
    }
    return targets;
  }

  function marketplaceFor(order: Order): MarketplaceAdapter {
    const m = marketplaces.find((a) => a.platform === order.platform);
    if (!m) throw new ConfigurationError('Unknown marketplace', [`${order.platform}: not in this connector`]);
    return m;
  }

  return {
    marketplaces,
    carrier: options.carrier,
    async publish(catalog, publishOptions = {}) {
      if (closed) throw new ConfigurationError('Connector is closed', ['create a new connector']);
      const { to, categories, ...rest } = publishOptions;
      const resolvedCategories = categories ?? options.categories;
      return publish(catalog, {
        ...rest,
        to: resolveTargets(to),
        store: await store(),
        images,
        ...(resolvedCategories ? { categories: resolvedCategories } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
      });
    },
    async fulfil(order, fulfilOptions = {}) {
      if (closed) throw new ConfigurationError('Connector is closed', ['create a new connector']);
      const carrier = options.carrier;
      const sender = fulfilOptions.sender ?? options.sender;
      const missing: string[] = [];
      if (!carrier) missing.push('carrier: fulfil needs a CarrierAdapter');
      if (!sender) missing.push('sender: fulfil needs the shipper contact (connector or call option)');
      if (!carrier || !sender) throw new ConfigurationError('Cannot fulfil', missing);
      return fulfilOrder(order, {
        marketplace: marketplaceFor(order),
        carrier,
        store: await store(),
        sender,
        ...(fulfilOptions.parcel ? { parcel: fulfilOptions.parcel } : {}),
        ...(fulfilOptions.service ? { service: fulfilOptions.service } : {}),
        ...(fulfilOptions.signal ? { signal: fulfilOptions.signal } : {}),
      });
    },
    async syncInventory(inventoryOptions = {}) {
      if (closed) throw new ConfigurationError('Connector is closed', ['create a new connector']);
      return syncInventory({ ...inventoryOptions, marketplaces, store: await store() });
    },
    async matchListings(catalog, matchOptions = {}) {
      if (closed) throw new ConfigurationError('Connector is closed', ['create a new connector']);
      return matchShops({ ...matchOptions, marketplaces, catalog });
    },
    async linkListings(decisions, linkOptions = {}) {
      if (closed) throw new ConfigurationError('Connector is closed', ['create a new connector']);
      const { catalog, ...rest } = linkOptions;
      const products = catalog ? validateCatalog([...catalog]).products : undefined;
      return linkListings({
        ...rest,
        marketplaces,
        store: await store(),
        decisions,
        ...(products ? { catalog: products } : {}),
      });
    },
    async exportCatalog(platform, exportOptions) {
      if (closed) throw new ConfigurationError('Connector is closed', ['create a new connector']);
      const found = marketplaces.filter((m) => m.platform === platform);
      if (found.length !== 1)
        throw new ConfigurationError('Unknown marketplace', [
          `${platform}: ${found.length === 0 ? 'not in this connector' : 'several accounts, pass the adapter'}`,
        ]);
      return exportCatalog(found[0]!, exportOptions);
    },
    async close() {
      if (closed) return;
      closed = true;
      const results = await Promise.allSettled([
        ...marketplaces.map((m) => m.close()),
        ...(options.carrier ? [options.carrier.close()] : []),
        ...(storePromise ? [storePromise.then((s) => s.close())] : []),
      ]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
