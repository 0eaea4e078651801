import { type Connector, createConnector } from '../connector.js';
import { MemoryTokenStore } from '../core/auth/token-store.js';
import type { TokenStore } from '../core/auth/types.js';
import { ConfigurationError } from '../core/errors.js';
import type { RequestLimiter } from '../core/limiter.js';
import type { Logger } from '../core/logger.js';
import { createRateLimiter } from '../core/rate-limiter.js';
import type { Contact } from '../model/shipment.js';
import { type PostmartOptions, postmart } from '../platforms/postmart/postmart.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../platforms/types.js';
import { type ViettelPostOptions, viettelpost } from '../platforms/viettelpost/index.js';
import { type VosoOptions, voso } from '../platforms/voso/voso.js';
import type { StateStore } from '../store/state-store.js';
import type { CategoryMap } from '../sync/publish/types.js';

/** Options a hub sets itself for every adapter it builds (per cooperative, per account). */
type HubSet = 'logger' | 'tokenStore' | 'limiter';

/** One marketplace account of a cooperative, as data (what a hub's JSON config holds). */
export type MarketplaceAccountConfig =
  | ({ platform: 'voso' } & Omit<VosoOptions, HubSet>)
  | ({ platform: 'postmart' } & Omit<PostmartOptions, HubSet>);

/** The cooperative's shipping account. */
export type CarrierAccountConfig = { platform: 'viettelpost' } & Omit<ViettelPostOptions, HubSet>;

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
  /** Its shipping account. @default none (fulfilment unavailable) */
  carrier?: CarrierAccountConfig;
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

const ID_PATTERN = /^[\p{L}\p{N}._:@/-]{1,200}$/u;

function accountOf(config: MarketplaceAccountConfig | CarrierAccountConfig): string {
  if (config.account) return config.account;
  const credentials = config.credentials as Record<string, unknown>;
  const username = credentials.username;
  return typeof username === 'string' && username.length > 0 ? username : 'default';
}

/** Every problem of every cooperative, reported together (names only: never a credential value). */
function checkConfig(cooperatives: readonly CooperativeConfig[]): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (cooperatives.length === 0) problems.push('cooperatives: at least one');
  cooperatives.forEach((coop, index) => {
    const where = `cooperatives[${index}]`;
    if (typeof coop.id !== 'string' || !ID_PATTERN.test(coop.id)) {
      problems.push(`${where}.id: 1–200 letters, digits or . _ : @ / -`);
    } else if (ids.has(coop.id)) {
      problems.push(`${where}.id: "${coop.id}" is used twice`);
    } else {
      ids.add(coop.id);
    }
    const accounts = new Set<string>();
    for (const m of coop.marketplaces ?? []) {
      if (m.platform !== 'voso' && m.platform !== 'postmart') {
        problems.push(
          `${where}.marketplaces: unknown platform "${String((m as { platform: unknown }).platform)}"`,
        );
        continue;
      }
      const key = `${m.platform}/${accountOf(m)}`;
      if (accounts.has(key)) problems.push(`${where}.marketplaces: ${key} is listed twice`);
      accounts.add(key);
    }
    if ((coop.marketplaces ?? []).length === 0) problems.push(`${where}.marketplaces: at least one account`);
    if (coop.carrier && coop.carrier.platform !== 'viettelpost') {
      problems.push(
        `${where}.carrier: unknown platform "${String((coop.carrier as { platform: unknown }).platform)}"`,
      );
    }
  });
  if (problems.length > 0) throw new ConfigurationError('Invalid hub configuration', problems);
}

/** What every adapter of a hub gets from the hub rather than from its account's configuration. */
interface Shared {
  logger: Logger | undefined;
  tokens: TokenStore;
  limiter: RequestLimiter;
}

function buildMarketplace(
  config: MarketplaceAccountConfig,
  { logger, tokens, limiter }: Shared,
): MarketplaceAdapter {
  const { platform, ...options } = config;
  const shared = { ...(logger ? { logger } : {}), tokenStore: tokens, limiter };
  return platform === 'voso'
    ? voso({ ...options, ...shared })
    : postmart({ ...(options as PostmartOptions), ...shared });
}

function buildCarrier(config: CarrierAccountConfig, { logger, tokens, limiter }: Shared): CarrierAdapter {
  const { platform: _platform, ...options } = config;
  return viettelpost({ ...options, ...(logger ? { logger } : {}), tokenStore: tokens, limiter });
}

/**
 * Many cooperatives in one deployment. Each gets its own adapters (its own accounts), its own state
 * store (scope = its id) and a child logger bound to its id; nothing is shared between cooperatives
 * but what belongs to a shared platform account (its login token and its rate limit).
 */
export function createHub(options: HubOptions): Hub {
  checkConfig(options.cooperatives);
  const configs = new Map(options.cooperatives.map((c) => [c.id, c]));
  const tokens = options.tokenStore ?? new MemoryTokenStore();
  // The hub's own limiter is closed by the hub; one given by the caller is the caller's to close.
  const ownLimiter = options.limiter ? undefined : createRateLimiter();
  const limiter = options.limiter ?? (ownLimiter as RequestLimiter);
  const opened = new Map<string, Promise<Connector>>();
  const stores: Promise<StateStore>[] = [];
  let closed = false;

  const configOf = (id: string): CooperativeConfig => {
    const found = configs.get(id);
    if (!found)
      throw new ConfigurationError('Unknown cooperative', [`${id}: not in this hub's configuration`]);
    return found;
  };

  async function open(id: string): Promise<Connector> {
    const config = configOf(id);
    const logger = options.logger?.child({ cooperative: id });
    const storePromise = options.store(id);
    stores.push(storePromise);
    const store = await storePromise;
    const shared: Shared = { logger, tokens, limiter };
    const marketplaces = config.marketplaces.map((m) => buildMarketplace(m, shared));
    const carrier = config.carrier ? buildCarrier(config.carrier, shared) : undefined;
    return createConnector({
      marketplaces,
      store,
      ...(carrier ? { carrier } : {}),
      ...(config.categories ? { categories: config.categories } : {}),
      ...(config.sender ? { sender: config.sender } : {}),
      ...(logger ? { logger } : {}),
    });
  }

  return {
    cooperatives: [...configs.keys()],
    config: (id) => structuredClone(configOf(id)),
    async connector(id) {
      if (closed) throw new ConfigurationError('The hub is closed', ['create a new hub']);
      configOf(id);
      let connector = opened.get(id);
      if (!connector) {
        connector = open(id);
        opened.set(id, connector);
        connector.catch(() => opened.delete(id));
      }
      return connector;
    },
    async close() {
      if (closed) return;
      closed = true;
      const results = await Promise.allSettled([...opened.values()].map(async (c) => (await c).close()));
      // The hub opened the stores, so it closes them (closing twice is harmless).
      results.push(...(await Promise.allSettled(stores.map(async (s) => (await s).close()))));
      if (ownLimiter) await ownLimiter.close();
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
