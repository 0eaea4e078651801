/**
 * createConnector's options, checked with one table: every option that is not what it must be, every
 * unknown name, and the combinations that do not go together (two stores, one account twice, a policy
 * naming a carrier not given, a category map for a marketplace not given) — all in one
 * ConfigurationError, each problem naming its option in Vietnamese and English.
 */

import { z } from 'zod';
import {
  A_BOOLEAN_OR_NOTHING,
  A_FUNCTION_OR_NOTHING,
  A_LOGGER_OR_NOTHING,
  A_TEXT_OR_NOTHING,
  AN_OBJECT_OR_NOTHING,
  anAdapter,
  type Expected,
  OWN_RULES,
  optionProblems,
  optionTableProblems,
  orNothing,
} from '../core/argument-guards.js';
import { ConfigurationError } from '../core/errors.js';
import { pathProblem } from '../model/option-problem.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../platforms/types.js';
import { carrierPolicyProblems } from '../sync/fulfil/carrier-policy-check.js';
import { marketplaceListProblems } from '../sync/marketplace-list.js';
import { categoryMapProblems } from '../sync/publish/category-resolver.js';
import type { ConnectorOptions } from './types.js';

/** What the connector calls on each marketplace and carrier: checked at creation, not at first use. */
export const MARKETPLACE_ADAPTER = anAdapter(
  'MarketplaceAdapter',
  ['platform', 'account'],
  ['checkListing', 'createListing', 'updateListing', 'listListings', 'setStock', 'listOrders', 'close'],
);
const CARRIER_ADAPTER = anAdapter('CarrierAdapter', ['carrier'], ['quote', 'createShipment', 'close']);

/** The shipper (a Contact: name, phone, address), or left out. */
export const A_SENDER_OR_NOTHING = orNothing(anAdapter('Contact (người gửi)', ['name', 'phone'], []));

/**
 * A list option: the table checks that it is an array; its elements are checked one by one (`elements`),
 * so that a wrong element is named once, by its index, not also as a wrong list.
 */
function listOf(kindVi: string, kindEn: string): Expected {
  return { schema: z.array(z.unknown()), vi: `một mảng các ${kindVi}`, en: `an array of ${kindEn}` };
}

const CONNECTOR_OPTIONS: Readonly<Record<keyof ConnectorOptions, Expected>> = {
  marketplaces: listOf('MarketplaceAdapter (bộ kết nối sàn)', 'MarketplaceAdapters'),
  carrier: orNothing(CARRIER_ADAPTER),
  carriers: orNothing(listOf('CarrierAdapter (bộ kết nối hãng vận chuyển)', 'CarrierAdapters')),
  chooseCarrier: A_FUNCTION_OR_NOTHING,
  carrierPolicy: OWN_RULES,
  store: orNothing(anAdapter('StateStore', ['kind'], ['transaction', 'flush', 'close'])),
  storeDir: A_TEXT_OR_NOTHING,
  sharedStore: A_BOOLEAN_OR_NOTHING,
  images: AN_OBJECT_OR_NOTHING,
  categories: OWN_RULES,
  sender: A_SENDER_OR_NOTHING,
  restockReturns: A_BOOLEAN_OR_NOTHING,
  onOrderPath: A_FUNCTION_OR_NOTHING,
  logger: A_LOGGER_OR_NOTHING,
  otherTenantListings: A_FUNCTION_OR_NOTHING,
};

/** The elements of a list option that are what they must be, and a problem for each other one. */
function elements<T>(name: string, list: unknown, expected: Expected): { valid: T[]; problems: string[] } {
  const items: readonly unknown[] = Array.isArray(list) ? list : [];
  const problems = items.flatMap((item, i) => {
    const at = `${name}[${i}]`;
    return optionProblems({ [at]: item }, { [at]: expected });
  });
  return { valid: problems.length === 0 ? (items as T[]) : [], problems };
}

/** What createConnector's checks learn about the options, for the connector to use. */
export interface CheckedConnectorOptions {
  /** `carrier` then `carriers`, each adapter once. */
  readonly carriers: CarrierAdapter[];
  readonly carrierNames: readonly string[];
  readonly platformNames: readonly string[];
}

/**
 * createConnector's options, checked whole before anything is built. Throws one ConfigurationError
 * listing every problem: each option's type and each adapter's shape, then the combinations of those
 * that have their type.
 */
export function checkConnectorOptions(options: ConnectorOptions): CheckedConnectorOptions {
  const problems = optionTableProblems(options, CONNECTOR_OPTIONS);
  const marketplaces = elements<MarketplaceAdapter>(
    'marketplaces',
    options.marketplaces,
    MARKETPLACE_ADAPTER,
  );
  const listed = elements<CarrierAdapter>('carriers', options.carriers, CARRIER_ADAPTER);
  problems.push(...marketplaces.problems, ...listed.problems);
  if (Array.isArray(options.marketplaces) && marketplaces.problems.length === 0)
    problems.push(...marketplaceListProblems(marketplaces.valid));
  if (options.store && options.storeDir)
    problems.push(pathProblem('store, storeDir', 'chỉ đưa một trong hai', 'give one, not both'));
  if (options.store && options.sharedStore)
    problems.push(
      pathProblem(
        'store, sharedStore',
        'sharedStore chỉ dành cho FileStore mặc định',
        'sharedStore is for the default FileStore',
      ),
    );
  const fits = (name: 'carrier' | 'carriers') =>
    CONNECTOR_OPTIONS[name].schema.safeParse(options[name]).success;
  if (fits('carrier') && fits('carriers') && listed.problems.length === 0) {
    const carrierNames = new Set<string>();
    for (const c of carriersOf(options)) {
      if (carrierNames.has(c.carrier))
        problems.push(pathProblem('carriers', `${c.carrier} có hai lần`, `${c.carrier} is listed twice`));
      carrierNames.add(c.carrier);
    }
    if (options.carrierPolicy !== undefined)
      problems.push(
        ...carrierPolicyProblems(options.carrierPolicy, [...carrierNames], platformsOf(marketplaces.valid)),
      );
  }
  problems.push(...categoryMapProblems(options.categories, platformsOf(marketplaces.valid)));
  if (problems.length > 0)
    throw new ConfigurationError('Tùy chọn bộ kết nối không hợp lệ / Invalid connector options', problems);
  const carriers = carriersOf(options);
  const carrierNames = [...new Set(carriers.map((c) => c.carrier))];
  return { carriers, carrierNames, platformNames: platformsOf(options.marketplaces) };
}

/** `carrier` and `carriers` as one list, each adapter once. */
function carriersOf(options: Pick<ConnectorOptions, 'carrier' | 'carriers'>): CarrierAdapter[] {
  return [...(options.carrier ? [options.carrier] : []), ...(options.carriers ?? [])].filter(
    (c, i, all) => all.indexOf(c) === i,
  );
}

/** The marketplaces' platform names, each once. */
function platformsOf(marketplaces: readonly MarketplaceAdapter[]): string[] {
  return [...new Set(marketplaces.map((m) => m.platform))];
}
