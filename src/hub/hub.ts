import { type Connector, createConnector } from '../connector.js';
import { MemoryTokenStore } from '../core/auth/token-store.js';
import type { TokenStore } from '../core/auth/types.js';
import { ConfigurationError } from '../core/errors.js';
import type { RequestLimiter } from '../core/limiter.js';
import type { Logger } from '../core/logger.js';
import { createRateLimiter } from '../core/rate-limiter.js';
import { describeValue, isPlainObject } from '../model/argument-check.js';
import type { Contact } from '../model/shipment.js';
import type { MarketplaceAdapterOptions } from '../platforms/marketplace/create-marketplace-adapter.js';
import { postmart } from '../platforms/postmart/postmart.js';
import { type ShopeeOptions, shopee } from '../platforms/shopee/shopee.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../platforms/types.js';
import { type ViettelPostOptions, viettelpost } from '../platforms/viettelpost/index.js';
import { type VnpostOptions, vnpost } from '../platforms/vnpost/index.js';
import { voso } from '../platforms/voso/voso.js';
import type { StateStore } from '../store/state-store.js';
import type { CarrierPolicy } from '../sync/fulfil/carrier-choice.js';
import type { CategoryMap, OtherTenantListingsLookup } from '../sync/publish/types.js';
import { hubOptionProblems } from './hub-options.js';

/** Options a hub sets itself for every adapter it builds (per cooperative, per account). */
type HubSet = 'logger' | 'tokenStore' | 'limiter' | 'store';

const MARKETPLACES = ['voso', 'postmart', 'shopee'] as const;
const CARRIERS = ['viettelpost', 'vnpost'] as const;

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

const ID_PATTERN = /^[\p{L}\p{N}._:@/-]{1,200}$/u;

/**
 * The store scope (`HubOptions.store(SHARED_ACCOUNTS_SCOPE)`) where a hub records which cooperative
 * claimed each seller SKU on an account several of them share; no cooperative may take this id.
 */
export const SHARED_ACCOUNTS_SCOPE = 'hub:shared-accounts';
/** Checkpoint namespace of those claims: key `platform`, `account`, `sku`; cursor the cooperative id. */
const CLAIM_NAMESPACE = 'hub.sku-owner';

function accountOf(config: MarketplaceAccountConfig): string {
  if (config.account) return config.account;
  const credentials = config.credentials as Record<string, unknown>;
  const name = credentials.username ?? credentials.shopId;
  return (typeof name === 'string' || typeof name === 'number') && String(name).length > 0
    ? String(name)
    : 'default';
}

/** One problem of a hub configuration: where (`cooperatives[2].id`) and why, in Vietnamese and English. */
export interface HubConfigIssue {
  path: string;
  messageVi: string;
  messageEn: string;
}

/**
 * Every problem of a hub configuration, all at once (names only: never a credential value). `createHub`
 * refuses a configuration with any; a CLI or a web form can show them before connecting anything.
 */
export function checkHubConfig(cooperatives: readonly CooperativeConfig[]): HubConfigIssue[] {
  const issues: HubConfigIssue[] = [];
  const add = (path: string, messageVi: string, messageEn: string) =>
    issues.push({ path, messageVi: `${path}: ${messageVi}`, messageEn: `${path}: ${messageEn}` });
  const ids = new Set<string>();
  if (!Array.isArray(cooperatives)) {
    const got = describeValue(cooperatives);
    add(
      'cooperatives',
      `phải là một mảng các HTX (nhận được ${got})`,
      `must be an array of cooperatives (got ${got})`,
    );
    return issues;
  }
  if (cooperatives.length === 0) {
    add('cooperatives', 'cần ít nhất một HTX', 'needs at least one cooperative');
    return issues;
  }
  cooperatives.forEach((coop: unknown, index) => {
    const where = `cooperatives[${index}]`;
    if (!isPlainObject(coop)) {
      const got = describeValue(coop);
      add(where, `phải là một đối tượng HTX (nhận được ${got})`, `must be a cooperative object (got ${got})`);
      return;
    }
    checkCooperative(coop as unknown as CooperativeConfig, where, ids, add);
  });
  return issues;
}

/** One cooperative's problems (its id, accounts, categories, carriers), each `add`ed with its path. */
function checkCooperative(
  coop: CooperativeConfig,
  where: string,
  ids: Set<string>,
  add: (path: string, messageVi: string, messageEn: string) => void,
): void {
  const id: unknown = coop.id;
  if (id === undefined) {
    add(`${where}.id`, 'bắt buộc nhưng chưa có', 'is required but missing');
  } else if (typeof id !== 'string') {
    const got = describeValue(id);
    add(`${where}.id`, `phải là một chuỗi (nhận được ${got})`, `must be a string (got ${got})`);
  } else if (!ID_PATTERN.test(id)) {
    const shown = `"${id.slice(0, 40)}"`;
    add(
      `${where}.id`,
      `mã HTX ${shown} không hợp lệ: 1–200 ký tự, chỉ chữ, số và các dấu . _ : @ - '/'`,
      `cooperative id ${shown} is invalid: 1–200 letters, digits and the signs . _ : @ - '/' only`,
    );
  } else if (coop.id === SHARED_ACCOUNTS_SCOPE) {
    add(
      `${where}.id`,
      `mã HTX "${coop.id}" được dành cho hub (chủ sở hữu SKU trên tài khoản dùng chung): chọn mã khác`,
      `cooperative id "${coop.id}" is reserved for the hub (SKU owners on shared accounts): choose another`,
    );
  } else if (ids.has(coop.id)) {
    add(`${where}.id`, `mã HTX "${coop.id}" bị dùng hai lần`, `cooperative id "${coop.id}" is used twice`);
  } else {
    ids.add(coop.id);
  }
  const accounts = new Set<string>();
  const listed: unknown = coop.marketplaces;
  if (listed !== undefined && !Array.isArray(listed)) {
    const got = describeValue(listed);
    add(
      `${where}.marketplaces`,
      `phải là một mảng tài khoản sàn (nhận được ${got})`,
      `must be an array of marketplace accounts (got ${got})`,
    );
  }
  const marketplaces = Array.isArray(listed) ? (listed as CooperativeConfig['marketplaces']) : [];
  for (const m of marketplaces) {
    if (!isPlainObject(m) || !(MARKETPLACES as readonly string[]).includes(m.platform)) {
      const name = String((m as { platform?: unknown } | null)?.platform);
      add(`${where}.marketplaces`, `sàn "${name}" không được hỗ trợ`, `unknown platform "${name}"`);
      continue;
    }
    const key = `${m.platform}/${accountOf(m)}`;
    if (accounts.has(key))
      add(`${where}.marketplaces`, `tài khoản ${key} khai báo hai lần`, `${key} is listed twice`);
    accounts.add(key);
  }
  if (listed === undefined || (Array.isArray(listed) && listed.length === 0))
    add(`${where}.marketplaces`, 'cần ít nhất một tài khoản sàn', 'needs at least one account');
  const categories = coop.categories as unknown;
  if (categories !== undefined && typeof categories !== 'function') {
    const keys = categories !== null && typeof categories === 'object' ? Object.keys(categories) : [];
    const wrong = keys.filter((k) => !(MARKETPLACES as readonly string[]).includes(k));
    if (categories === null || typeof categories !== 'object' || Array.isArray(categories)) {
      add(
        `${where}.categories`,
        'phải là bảng sàn → danh mục → { categoryId }',
        'must be a map platform → category → { categoryId }',
      );
    } else if (wrong.length > 0) {
      // Each bad key once (a map turned round has one per category): never a paragraph per key.
      const shown = wrong.slice(0, 12).map((k) => `"${k.slice(0, 40)}"`);
      const list = wrong.length > 12 ? `${shown.join(', ')} … (+${wrong.length - 12})` : shown.join(', ');
      const turned = wrong.every((k) => {
        const inner = (categories as Record<string, unknown>)[k];
        return (
          inner !== null &&
          typeof inner === 'object' &&
          Object.keys(inner).some((x) => (MARKETPLACES as readonly string[]).includes(x))
        );
      });
      add(
        `${where}.categories`,
        `${list} không phải tên sàn (${MARKETPLACES.join(', ')}): hub cần bảng sàn → danh mục → { categoryId }${turned ? ', bảng này đang theo danh mục → sàn (kiểu `sandbox --write-config` in ra): đảo lại, xem docs/scaling.md' : ''}`,
        `${list} ${wrong.length === 1 ? 'is' : 'are'} not a marketplace (${MARKETPLACES.join(', ')}): a hub wants platform → category → { categoryId }${turned ? '; this map is category → platform (the shape `sandbox --write-config` prints): turn it round, see docs/scaling.md' : ''}`,
      );
    }
  }
  for (const c of coop.carriers ?? []) {
    if (!(CARRIERS as readonly string[]).includes(c.platform)) {
      const name = String((c as { platform: unknown }).platform);
      add(`${where}.carriers`, `hãng vận chuyển "${name}" không được hỗ trợ`, `unknown platform "${name}"`);
    }
  }
}

/** Every problem of the hub's options and of its cooperatives' configuration, in one ConfigurationError. */
function checkHubOptions(options: HubOptions): void {
  const problems = hubOptionProblems(options);
  // Each cooperative problem names its path in both languages (checkHubConfig words them so).
  problems.push(...checkHubConfig(options.cooperatives).map((i) => `${i.messageVi} / ${i.messageEn}`));
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: 'Cấu hình hub không hợp lệ', en: 'Invalid hub configuration' },
      problems,
    );
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
    const found = configs.get(id);
    if (!found)
      throw new ConfigurationError('Unknown cooperative', [`${id}: not in this hub's configuration`]);
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
      results.push(...(await Promise.allSettled([...stores.values()].map(async (s) => (await s).close()))));
      if (ownLimiter) await ownLimiter.close();
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
