import { AN_OBJECT, anAdapter, checkOption, ROWS } from '../core/argument-guards.js';
import { ConfigurationError } from '../core/errors.js';
import type { CarrierAdapter } from '../platforms/types.js';
import { carrierPolicyProblems } from '../sync/fulfil/carrier-policy-check.js';
import { marketplaceListProblems } from '../sync/marketplace-list.js';
import { categoryMapProblems } from '../sync/publish/category-resolver.js';
import type { ConnectorOptions } from './types.js';

/** What the connector calls on each marketplace and carrier: checked at creation, not at first use. */
const MARKETPLACE_ADAPTER = anAdapter(
  'MarketplaceAdapter',
  ['platform', 'account'],
  ['checkListing', 'createListing', 'updateListing', 'listListings', 'setStock', 'listOrders', 'close'],
);
const CARRIER_ADAPTER = anAdapter('CarrierAdapter', ['carrier'], ['quote', 'createShipment', 'close']);

/** Each adapter given to createConnector is one (has what the connector calls); the others are named. */
function checkAdapters(options: ConnectorOptions): void {
  checkOption(options, 'options', AN_OBJECT);
  const lists = [
    ['marketplaces', options.marketplaces, MARKETPLACE_ADAPTER],
    ['carriers', options.carriers, CARRIER_ADAPTER],
  ] as const;
  for (const [name, list, expected] of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) checkOption(list, name, ROWS);
    for (const [i, adapter] of (list as readonly unknown[]).entries()) {
      checkOption(adapter, `${name}[${i}]`, expected);
    }
  }
  if (options.carrier !== undefined) checkOption(options.carrier, 'carrier', CARRIER_ADAPTER);
}

/** What createConnector's checks learn about the options, for the connector to use. */
export interface CheckedConnectorOptions {
  /** `carrier` then `carriers`, each adapter once. */
  readonly carriers: CarrierAdapter[];
  readonly carrierNames: readonly string[];
  readonly platformNames: readonly string[];
}

/**
 * createConnector's options, checked whole before anything is built: each adapter's shape, then every
 * problem of the combination (marketplace list, store options, carriers, carrier policy, categories)
 * in one ConfigurationError.
 */
export function checkConnectorOptions(options: ConnectorOptions): CheckedConnectorOptions {
  checkAdapters(options);
  const problems = marketplaceListProblems(options.marketplaces);
  if (options.store && options.storeDir) problems.push('store and storeDir: give one, not both');
  if (options.store && options.sharedStore)
    problems.push('store and sharedStore: sharedStore is for the default FileStore');
  const carriers = [...(options.carrier ? [options.carrier] : []), ...(options.carriers ?? [])].filter(
    (c, i, all) => all.indexOf(c) === i,
  );
  const carrierNames = new Set<string>();
  for (const c of carriers) {
    if (carrierNames.has(c.carrier)) problems.push(`carriers: ${c.carrier} is listed twice`);
    carrierNames.add(c.carrier);
  }
  const platformNames = [...new Set((options.marketplaces ?? []).map((m) => m.platform))];
  if (options.carrierPolicy !== undefined) {
    problems.push(...carrierPolicyProblems(options.carrierPolicy, [...carrierNames], platformNames));
  }
  problems.push(...categoryMapProblems(options.categories, platformNames));
  if (problems.length > 0) throw new ConfigurationError('Invalid connector options', problems);
  return { carriers, carrierNames: [...carrierNames], platformNames };
}
