import { join } from 'node:path';
import {
  type Address,
  type CategoryMap,
  type Contact,
  FileTokenStore,
  isOcopConnectError,
  type Logger,
  type MarketplaceAdapter,
  type MarketplaceShipmentStore,
} from 'ocop-connect';
import type { MarketplaceProfileOverride } from 'ocop-connect/marketplace';
import { postmart } from 'ocop-connect/postmart';
import {
  type MarketplaceSandbox,
  type MarketplaceSandboxOptions,
  type SandboxStateView,
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
} from 'ocop-connect/sandbox';
import { shopee } from 'ocop-connect/shopee';
import { type ViettelPostAdapter, viettelpost } from 'ocop-connect/viettelpost';
import { type VnpostAdapter, type VnpostShipmentStore, vnpost } from 'ocop-connect/vnpost';
import { voso } from 'ocop-connect/voso';
import {
  type CliConfig,
  configFileOf,
  envVariableFor,
  hasCredentials,
  isLocalAddress,
  type MarketplaceConfig,
} from './config.js';
import { CliError } from './errors.js';
import { addCleanup } from './lifecycle.js';
import { SANDBOX_SENDER } from './sandbox-sender.js';
import { vietnameseProblem } from './zod-text.js';

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

type CredentialBlock = 'voso' | 'postmart' | 'shopee' | 'viettelpost' | 'vnpost';

/** What a command opens. */
export interface WantedPlatforms {
  marketplaces: readonly MarketplaceName[];
  /** ViettelPost. */
  carrier: boolean;
  /** VNPost: `true` = an extra, when it has a login; `'required'` = its credentials must be complete. */
  vnpost?: boolean | 'required';
  /** VNPost's shipment records (reference ↔ waybill, a create whose answer was lost): the CLI's store. */
  vnpostStore?: VnpostShipmentStore;
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

/**
 * The login pieces a platform needs that the config (file + environment) lacks. `a|b+c` = either `a`,
 * or `b` with `c` (a token, or a username with its password).
 */
export function missingCredentials(config: CliConfig, name: CredentialBlock): string[] {
  const has = (key: string) => {
    const value = (config[name] as Record<string, unknown> | undefined)?.[key];
    return value !== undefined && value !== '';
  };
  const login = ['username', 'password'].filter((key) => !has(key));
  switch (name) {
    case 'voso':
      return login;
    case 'postmart':
      return [...login, ...(has('customerCode') ? [] : ['customerCode'])];
    case 'viettelpost':
      return has('token') ? [] : login.length === 2 ? ['token|username+password'] : login;
    case 'vnpost': {
      const code = has('customerCode') ? [] : ['customerCode'];
      if (has('token')) return code;
      return [...(login.length === 2 ? ['token|username+password'] : login), ...code];
    }
    case 'shopee':
      return ['partnerId', 'partnerKey', 'shopId', 'accessToken', 'refreshToken'].filter((key) => !has(key));
  }
}

/**
 * Sandbox mode is decided by credentials only: no username, password or token for any platform (in the
 * config file or the environment). An environment name, base URL or webhook secret alone does not leave
 * sandbox mode, and anything that does log in does.
 */
export function isSandboxMode(config: CliConfig): boolean {
  return (
    !hasCredentials(config.voso) &&
    !hasCredentials(config.postmart) &&
    !hasCredentials(config.shopee) &&
    !hasCredentials(config.viettelpost) &&
    !hasCredentials(config.vnpost)
  );
}

/**
 * Real platforms when the config (or environment) has credentials; otherwise the embedded sandboxes,
 * started here and stopped by `close()` (or on Ctrl+C / SIGTERM). Mixing is refused: publishing half to
 * real platforms and half to emulators would be a confusing accident.
 */
export async function openPlatforms(
  config: CliConfig,
  wanted: WantedPlatforms,
  logger?: Logger,
  /** Options for the marketplace sandboxes when no credentials are given (e.g. hand-made listings). */
  sandboxOptions?: CliSandboxOptions,
): Promise<OpenPlatforms> {
  if (isSandboxMode(config)) return openSandboxes(config, wanted, logger, sandboxOptions);
  const needed: CredentialBlock[] = [
    ...wanted.marketplaces,
    ...(wanted.carrier ? (['viettelpost'] as const) : []),
    // VNPost is an extra quote: asked for only when it has a login, but then it must be whole.
    ...(wanted.vnpost === 'required' || (wanted.vnpost && hasCredentials(config.vnpost))
      ? (['vnpost'] as const)
      : []),
  ];
  const gaps = needed.flatMap((name) => {
    const missing = missingCredentials(config, name);
    return missing.length > 0 ? [{ name, missing, none: !hasCredentials(config[name]) }] : [];
  });
  if (gaps.length > 0) {
    const list = (lang: 'vi' | 'en') =>
      gaps
        .map(({ name, missing }) => {
          const pieces = missing.map((piece) => {
            const named = piece.split('|').map((alternative) =>
              alternative
                .split('+')
                .map((key) => {
                  const variable = envVariableFor(name, key);
                  return `${name}.${key}${variable ? ` (${lang === 'vi' ? 'biến môi trường' : 'env'} ${variable})` : ''}`;
                })
                .join(' + '),
            );
            return named.join(lang === 'vi' ? ' hoặc ' : ' or ');
          });
          return pieces.join(', ');
        })
        .join('; ');
    const realMode = gaps.some((gap) => gap.none);
    throw new CliError('credentials', {
      vi: `Thiếu thông tin đăng nhập: ${list('vi')}${realMode ? ' (cấu hình đã có thông tin đăng nhập của sàn khác nên không dùng sandbox)' : ''}`,
      en: `Missing credentials: ${list('en')}${realMode ? ' (the config has credentials for another platform, so the sandbox is not used)' : ''}`,
    });
  }
  const marketplaces: MarketplaceAdapter[] = wanted.marketplaces.map((name) => {
    if (name === 'shopee') {
      const { baseUrl, webhookUrl, ...credentials } = config.shopee!;
      return configured('shopee', () =>
        shopee({
          credentials,
          ...(baseUrl ? { baseUrl } : {}),
          ...(webhookUrl ? { webhookUrl } : {}),
          // Shopee refresh tokens are single-use: the rotated pair must outlive this run.
          tokenStore: new FileTokenStore({ dir: config.stateDir ?? '.ocop-connect' }),
          ...(wanted.marketplaceStore ? { store: wanted.marketplaceStore } : {}),
          ...(logger ? { logger } : {}),
        }),
      );
    }
    return configured(name, () => marketplaceAdapter(name, config[name]!, logger));
  });
  let carrier: ViettelPostAdapter | undefined;
  if (wanted.carrier && config.viettelpost) {
    const vtp = config.viettelpost;
    carrier = configured('viettelpost', () =>
      viettelpost({
        credentials: vtp.token
          ? { token: vtp.token }
          : { username: vtp.username ?? '', password: vtp.password ?? '' },
        ...(vtp.baseUrl ? { baseUrl: vtp.baseUrl } : {}),
        environment: vtp.environment ?? 'development',
        ...(vtp.labelHost ? { labelHost: vtp.labelHost } : {}),
        ...(vtp.webhookSecret ? { webhookSecret: vtp.webhookSecret } : {}),
        ...(logger ? { logger } : {}),
      }),
    );
  }
  const second =
    wanted.vnpost === 'required' || (wanted.vnpost && hasCredentials(config.vnpost))
      ? configured('vnpost', () => vnpostAdapter(config, logger, wanted.vnpostStore))
      : undefined;
  const close = async () => {
    await Promise.allSettled([...marketplaces.map((m) => m.close()), carrier?.close(), second?.close()]);
  };
  return {
    sandbox: false,
    marketplaces,
    ...(carrier ? { carrier } : {}),
    ...(second ? { vnpost: second } : {}),
    sandboxUrls: {},
    close,
  };
}

/**
 * Builds an adapter from the config block `name`; the library's ConfigurationError (English, paths
 * relative to the adapter options) becomes a CLI config error naming the config keys, in both languages.
 */
function configured<T>(name: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!isOcopConnectError(error) || error.kind !== 'configuration') throw error;
    const problems = (error as { problems?: unknown }).problems;
    const list = Array.isArray(problems) && problems.length > 0 ? problems.map(String) : [error.message];
    // "credentials.password: …" is the block's own key; anything else is inside the profile override.
    const keyed = list.map((problem) => {
      const at = problem.indexOf(': ');
      const where = at > 0 ? problem.slice(0, at) : '';
      const reason = at > 0 ? problem.slice(at + 2) : problem;
      const key = where.startsWith('credentials.')
        ? `${name}.${where.slice('credentials.'.length)}`
        : where && name !== 'viettelpost' && name !== 'vnpost'
          ? `${name}.profile.${where}`
          : where
            ? `${name}.${where}`
            : name;
      return { key, reason };
    });
    throw new CliError('config', {
      vi: `Cấu hình "${name}" không hợp lệ: ${keyed.map(({ key, reason }) => `"${key}" ${vietnameseProblem(reason)}`).join('; ')}`,
      en: `Invalid "${name}" configuration: ${keyed.map(({ key, reason }) => `"${key}" ${reason}`).join('; ')}`,
    });
  }
}

function vnpostAdapter(
  config: CliConfig,
  logger: Logger | undefined,
  store: VnpostShipmentStore | undefined,
): VnpostAdapter {
  const block = config.vnpost!;
  const customerCode = block.customerCode ?? '';
  return vnpost({
    credentials: block.token
      ? { token: block.token, customerCode }
      : { username: block.username ?? '', password: block.password ?? '', customerCode },
    ...(block.baseUrl ? { baseUrl: block.baseUrl } : { environment: block.environment ?? 'uat' }),
    ...(block.contractCode ? { contractCode: block.contractCode } : {}),
    ...(block.webhookPublicKey ? { webhookPublicKey: block.webhookPublicKey } : {}),
    ...(store ? { store } : {}),
    ...(logger ? { logger } : {}),
  });
}

function marketplaceAdapter(
  name: MarketplaceName,
  block: MarketplaceConfig,
  logger: Logger | undefined,
): MarketplaceAdapter {
  const { baseUrl, profile, username, password, customerCode } = block;
  const options = {
    credentials: {
      username: username ?? '',
      password: password ?? '',
      ...(customerCode ? { customerCode } : {}),
    },
    ...(baseUrl ? { baseUrl } : {}),
    // Checked by the adapter against the profile schema; a bad key fails with a ConfigurationError.
    ...(profile ? { profile: profile as MarketplaceProfileOverride } : {}),
    ...(logger ? { logger } : {}),
  };
  return name === 'voso' ? voso(options) : postmart(options);
}

async function openSandboxes(
  config: CliConfig,
  wanted: WantedPlatforms,
  logger?: Logger,
  sandboxOptions: CliSandboxOptions = {},
): Promise<OpenPlatforms> {
  const { perPlatform, ...common } = sandboxOptions;
  const sandboxStates: NonNullable<OpenPlatforms['sandboxStates']> = {};
  const started: { close(): Promise<void> }[] = [];
  const marketplaces: MarketplaceAdapter[] = [];
  const sandboxUrls: Record<string, string> = {};
  let carrier: ViettelPostAdapter | undefined;
  let second: VnpostAdapter | undefined;
  const withLogger = logger ? { logger } : {};
  const stopAll = async () => {
    await Promise.allSettled([...marketplaces.map((m) => m.close()), carrier?.close(), second?.close()]);
    await Promise.allSettled(started.map((s) => s.close()));
  };
  const removeCleanup = addCleanup(stopAll);
  try {
    for (const name of wanted.marketplaces) {
      if (name === 'shopee') {
        // The onboarding commands (match, pull-catalog) preload the same hand-made listings as on
        // Voso and Postmart (Shopee's sandbox reads the seed set in its own shape, tiers included).
        const box = await startShopeeSandbox(
          common.handMadeListings ? { handMadeListings: common.handMadeListings } : {},
        );
        started.push(box);
        sandboxUrls[name] = box.baseUrl;
        marketplaces.push(
          shopee({ credentials: { ...box.credentials }, baseUrl: box.baseUrl, ...withLogger }),
        );
        continue;
      }
      const own = perPlatform?.[name];
      const { handMadeListings, ...rest } = common;
      const boxOptions: MarketplaceSandboxOptions = {
        ...rest,
        ...(own?.restoredListings || !handMadeListings ? {} : { handMadeListings }),
        ...own,
      };
      const sandbox: MarketplaceSandbox =
        name === 'voso' ? await startVosoSandbox(boxOptions) : await startPostmartSandbox(boxOptions);
      started.push(sandbox);
      sandboxStates[name] = sandbox.state;
      sandboxUrls[name] = sandbox.baseUrl;
      // A profile override in the config (stricter listing rules …) applies to the sandbox run too: a
      // dry run against the emulators checks what the real run will.
      const profile = config[name]?.profile as MarketplaceProfileOverride | undefined;
      const options = {
        credentials: { ...sandbox.credentials },
        baseUrl: sandbox.baseUrl,
        ...(profile ? { profile } : {}),
        ...withLogger,
      };
      marketplaces.push(configured(name, () => (name === 'voso' ? voso(options) : postmart(options))));
    }
    if (wanted.carrier) {
      const firstWaybillNumber = wanted.shipmentRecords
        ? await nextViettelPostWaybill(wanted.shipmentRecords)
        : undefined;
      const sandbox: ViettelPostSandbox = await startViettelPostSandbox({
        autoApprove: false,
        stepMs: 0,
        ...(firstWaybillNumber !== undefined ? { firstWaybillNumber } : {}),
      });
      started.push(sandbox);
      sandboxUrls.viettelpost = sandbox.url;
      carrier = viettelpost({
        baseUrl: sandbox.url,
        labelHost: sandbox.url,
        credentials: { ...sandbox.memberCredentials },
        webhookSecret: sandbox.webhookSecret,
        ...withLogger,
      });
    }
    if (wanted.vnpost) {
      // The emulator starts empty each run, the state folder does not: number its parcels past every
      // waybill recorded there, so two references never share one waybill.
      const firstItemNumber = wanted.vnpostStore ? await nextVnpostItemNumber(wanted.vnpostStore) : undefined;
      const box = await startVnpostSandbox({
        stepMs: 0,
        ...(firstItemNumber !== undefined ? { firstItemNumber } : {}),
      });
      started.push(box);
      sandboxUrls.vnpost = box.url;
      second = vnpost({
        baseUrl: box.url,
        credentials: { ...box.credentials },
        webhookPublicKey: box.webhookPublicKey,
        ...(wanted.vnpostStore ? { store: wanted.vnpostStore } : {}),
        ...withLogger,
      });
    }
  } catch (error) {
    removeCleanup();
    await stopAll();
    throw error;
  }
  return {
    sandbox: true,
    marketplaces,
    ...(carrier ? { carrier } : {}),
    ...(second ? { vnpost: second } : {}),
    sandboxUrls,
    sandboxStates,
    close: async () => {
      removeCleanup();
      await stopAll();
    },
  };
}

/** One past the highest ViettelPost waybill (all digits) the records hold, or undefined when none. */
export async function nextViettelPostWaybill(records: ShipmentRecordList): Promise<number | undefined> {
  let highest: number | undefined;
  for (const record of await records.listShipments()) {
    if ((record.carrier ?? 'viettelpost') !== 'viettelpost' || !/^\d{6,15}$/.test(record.waybill ?? ''))
      continue;
    highest = Math.max(highest ?? 0, Number(record.waybill));
  }
  return highest === undefined ? undefined : highest + 1;
}

/** One past the highest VNPost parcel number (EB…VN) the store records, or undefined when none. */
export async function nextVnpostItemNumber(store: VnpostShipmentStore): Promise<number | undefined> {
  let highest: number | undefined;
  for (const record of await store.listShipments()) {
    const match = /^EB(\d{9})VN$/.exec(record.waybill ?? '');
    if (match) highest = Math.max(highest ?? 0, Number(match[1]));
  }
  return highest === undefined ? undefined : highest + 1;
}

/**
 * The state folder of this run: the config's `stateDir` (default `.ocop-connect`); in sandbox mode its
 * `sandbox` subfolder, so nothing recorded against the emulators is ever taken for a real shipment or
 * listing once credentials are added.
 */
export function stateDirFor(config: CliConfig, sandbox: boolean): string {
  const dir = config.stateDir ?? '.ocop-connect';
  return sandbox ? join(dir, 'sandbox') : dir;
}

/** The sandbox's sample shipper (by name or phone), wherever it was copied to. */
export function isSandboxSender(sender: Contact | undefined): boolean {
  return Boolean(sender && (sender.name === SANDBOX_SENDER.name || sender.phone === SANDBOX_SENDER.phone));
}

/**
 * The config's own sender for a real carrier. The sandbox's sample shipper (which `sandbox
 * --write-config` puts in its config) is accepted only while ViettelPost is on this machine: it must
 * never end up on a real waybill.
 */
export function configSender(config: CliConfig): Contact | undefined {
  if (isSandboxSender(config.sender) && !isLocalAddress(config.viettelpost?.baseUrl)) {
    throw new CliError('config', {
      vi: `Người gửi trong cấu hình là người gửi mẫu của sandbox ("${SANDBOX_SENDER.name}"); chỉ dùng được với sandbox trên máy này. Hãy điền người gửi thật vào khóa "sender"`,
      en: `The config's sender is the sandbox's sample shipper ("${SANDBOX_SENDER.name}"); it only works with a sandbox on this machine. Fill in your own in the "sender" key`,
    });
  }
  return config.sender;
}

/**
 * The shipper: the config's `sender`; in sandbox mode only, a sample cooperative when there is none.
 * Outside sandbox mode a missing sender is an error naming the config key: a real waybill must never
 * carry the sandbox's sample identity.
 */
export function senderFor(config: CliConfig, sandbox: boolean): Contact {
  if (sandbox) return config.sender ?? SANDBOX_SENDER;
  const sender = configSender(config);
  if (sender) return sender;
  throw new CliError('config', {
    vi: `Thiếu người gửi: hãy điền khóa "sender" (name, phone, address.ward, address.province) trong ${configFileOf(config)}`,
    en: `No sender: fill in the "sender" key (name, phone, address.ward, address.province) in ${configFileOf(config)}`,
  });
}

/** The parcel's origin: `--from` when given, else the sender's address (same sandbox-only fallback). */
export function originFor(config: CliConfig, sandbox: boolean, from: Address | undefined): Address {
  return from ?? senderFor(config, sandbox).address;
}

/** The config's `{ [yourCategory]: { [platform]: mapping } }` → the engine's `{ [platform]: { [yourCategory]: mapping } }`. */
export function categoryMapFromConfig(categories: CliConfig['categories']): CategoryMap {
  const map: Record<string, Record<string, { categoryId: string; attributes?: Record<string, string> }>> = {};
  for (const [hint, targets] of Object.entries(categories ?? {})) {
    for (const [platform, mapping] of Object.entries(targets)) {
      map[platform] ??= {};
      map[platform][hint] = mapping;
    }
  }
  return map;
}
