import { type Connector, createConnector } from '../connector.js';
import { A_TEXT, checkArgument } from '../core/argument-guards.js';
import { MemoryTokenStore } from '../core/auth/token-store.js';
import type { TokenStore } from '../core/auth/types.js';
import { ClosedError, ConfigurationError } from '../core/errors.js';
import type { RequestLimiter } from '../core/limiter.js';
import type { Logger } from '../core/logger.js';
import { createRateLimiter } from '../core/rate-limiter.js';
import { pathProblem } from '../model/option-problem.js';
import { postmart } from '../platforms/postmart/postmart.js';
import { shopee } from '../platforms/shopee/shopee.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../platforms/types.js';
import { viettelpost } from '../platforms/viettelpost/index.js';
import { vnpost } from '../platforms/vnpost/index.js';
import { voso } from '../platforms/voso/voso.js';
import type { StateStore } from '../store/state-store.js';
import type { OtherTenantListingsLookup } from '../sync/publish/types.js';
import { accountOf, checkHubOptions, SHARED_ACCOUNTS_SCOPE } from './hub-config-check.js';
import type {
  CarrierAccountConfig,
  CooperativeConfig,
  Hub,
  HubOptions,
  MarketplaceAccountConfig,
} from './hub-types.js';

/** Checkpoint namespace of the SKU claims on shared accounts (store SHARED_ACCOUNTS_SCOPE): key `platform`, `account`, `sku`; cursor the cooperative id. */
const CLAIM_NAMESPACE = 'hub.sku-owner';

/** What every adapter of a hub gets from the hub rather than from its account's configuration. */
interface Shared {
  logger: Logger | undefined;
  tokens: TokenStore;
  limiter: RequestLimiter;
}

function buildMarketplace(
  config: MarketplaceAccountConfig,
  { logger, tokens, limiter }: Shared,
  store: StateStore,
): MarketplaceAdapter {
  // The cooperative's store keeps what an adapter must remember beyond its process (Shopee: the carrier
  // named when an order was shipped, which Shopee does not keep).
  const shared = { ...(logger ? { logger } : {}), tokenStore: tokens, limiter, store };
  switch (config.platform) {
    case 'voso': {
      const { platform: _p, ...options } = config;
      return voso({ ...options, ...shared });
    }
    case 'postmart': {
      const { platform: _p, ...options } = config;
      return postmart({ ...options, ...shared });
    }
    case 'shopee': {
      const { platform: _p, ...options } = config;
      return shopee({ ...options, ...shared });
    }
  }
}

function buildCarrier(
  config: CarrierAccountConfig,
  { logger, tokens, limiter }: Shared,
  store: StateStore,
): CarrierAdapter {
  const shared = { ...(logger ? { logger } : {}), tokenStore: tokens, store };
  if (config.platform === 'viettelpost') {
    const { platform: _p, ...options } = config;
    return viettelpost({ ...options, ...shared, limiter });
  }
  const { platform: _p, ...options } = config;
  return vnpost({ ...options, ...shared });
}

/**
 * Many cooperatives in one deployment. Each gets its own adapters (its own accounts), its own state
 * store (scope = its id) and a child logger bound to its id; nothing is shared between cooperatives
 * but what belongs to a shared platform account (its login token and its rate limit).
 */
export function createHub(options: HubOptions): Hub {
  checkHubOptions(options);
  const configs = new Map(options.cooperatives.map((c) => [c.id, c]));
  const tokens = options.tokenStore ?? new MemoryTokenStore();
  // The hub's own limiter is closed by the hub; one given by the caller is the caller's to close.
  const ownLimiter = options.limiter ? undefined : createRateLimiter();
  const limiter = options.limiter ?? (ownLimiter as RequestLimiter);
  const opened = new Map<string, Promise<Connector>>();
  const stores = new Map<string, Promise<StateStore>>();
  let closed = false;
  // Accounts (platform/account) that two or more cooperatives use: who uses each.
  const sharers = new Map<string, string[]>();
  for (const coop of options.cooperatives)
    for (const m of coop.marketplaces) {
      const key = `${m.platform}/${accountOf(m)}`;
      sharers.set(key, [...(sharers.get(key) ?? []), coop.id]);
    }

  const configOf = (id: string): CooperativeConfig => {
    checkArgument(id, 'cooperativeId', A_TEXT);
    const found = configs.get(id);
    if (!found)
      throw new ConfigurationError({ vi: 'HTX không có trong hub', en: 'Unknown cooperative' }, [
        pathProblem(id, 'không có trong cấu hình của hub này', "not in this hub's configuration"),
      ]);
    return found;
  };

  /** A cooperative's store, opened once (by its connector, or to answer another tenant's guard). */
  function storeOf(id: string): Promise<StateStore> {
    let store = stores.get(id);
    if (!store) {
      store = options.store(id);
      stores.set(id, store);
      store.catch(() => stores.delete(id));
    }
    return store;
  }

  /**
   * For a cooperative's publish on an account it shares: what the other cooperatives of this hub hold
   * there (listing ids and SKUs only, read from their stores), so its guard does not take their
   * listings for hand-made ones. Nothing else of theirs is read.
   */
  function otherTenantListings(id: string): OtherTenantListingsLookup | undefined {
    const shared = [...sharers.values()].some((ids) => ids.length > 1 && ids.includes(id));
    if (!shared) return undefined;
    return async (platform, account) => {
      const others = (sharers.get(`${platform}/${account}`) ?? []).filter((other) => other !== id);
      if (others.length === 0) return undefined;
      const claimKey = (sku: string) => ({
        platform: CLAIM_NAMESPACE,
        account: JSON.stringify([platform, account, sku]),
      });
      // One transaction of the claims scope (serialised across processes: PostgreSQL's row lock, a
      // shared FileStore's lock): the first cooperative to claim a SKU owns it, every other sees its claim.
      const claim = async (sku: string): Promise<boolean> => {
        const store = await storeOf(SHARED_ACCOUNTS_SCOPE);
        const key = claimKey(sku);
        return store.transaction(
          async (tx) => {
            const owner = await tx.getCheckpoint(key.platform, key.account);
            // A claim of a cooperative that no longer shares this account (left the hub) is stale.
            if (owner && others.includes(owner.cursor)) return false;
            if (owner?.cursor === id) return true;
            await tx.putCheckpoint({ ...key, cursor: id });
            return true;
          },
          { durable: true },
        );
      };
      const release = async (sku: string): Promise<void> => {
        const store = await storeOf(SHARED_ACCOUNTS_SCOPE);
        const key = claimKey(sku);
        await store.transaction(async (tx) => {
          const owner = await tx.getCheckpoint(key.platform, key.account);
          if (owner?.cursor === id) await tx.deleteCheckpoint(key.platform, key.account);
        });
      };
      const remoteIds = new Set<string>();
      const skus = new Set<string>();
      for (const other of others) {
        const store = await storeOf(other);
        for (const listing of await store.listListings(platform, account)) {
          remoteIds.add(listing.remoteListingId);
          skus.add(listing.sku);
        }
        for (const intent of await store.listIntents({ platform, account })) skus.add(intent.sku);
      }
      return { remoteIds, skus, claim, release };
    };
  }

  async function open(id: string): Promise<Connector> {
    const config = configOf(id);
    const logger = options.logger?.child({ cooperative: id });
    const store = await storeOf(id);
    const others = otherTenantListings(id);
    const shared: Shared = { logger, tokens, limiter };
    const marketplaces = config.marketplaces.map((m) => buildMarketplace(m, shared, store));
    const carriers = (config.carriers ?? []).map((c) => buildCarrier(c, shared, store));
    return createConnector({
      marketplaces,
      store,
      ...(carriers.length > 0 ? { carriers } : {}),
      ...(config.carrierPolicy ? { carrierPolicy: config.carrierPolicy } : {}),
      ...(config.categories ? { categories: config.categories } : {}),
      ...(config.sender ? { sender: config.sender } : {}),
      ...(logger ? { logger } : {}),
      ...(others ? { otherTenantListings: others } : {}),
    });
  }

  return {
    cooperatives: [...configs.keys()],
    config: (id) => structuredClone(configOf(id)),
    async connector(id) {
      configOf(id);
      if (closed)
        throw new ClosedError({
          vi: 'Hub đã đóng: hãy tạo hub mới',
          en: 'The hub is closed: create a new hub',
        });
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
      results.push(...(await Promise.allSettled([...stores.values()].map(async (s) => (await s).close()))));
      if (ownLimiter) await ownLimiter.close();
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
