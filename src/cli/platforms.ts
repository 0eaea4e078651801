import { type CategoryMap, FileTokenStore, type Logger, type MarketplaceAdapter } from 'ocop-connect';
import { postmart } from 'ocop-connect/postmart';
import {
  type MarketplaceSandbox,
  type MarketplaceSandboxOptions,
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
} from 'ocop-connect/sandbox';
import { shopee } from 'ocop-connect/shopee';
import { type ViettelPostAdapter, viettelpost } from 'ocop-connect/viettelpost';
import { voso } from 'ocop-connect/voso';
import type { CliConfig } from './config.js';

export type MarketplaceName = 'voso' | 'postmart' | 'shopee';
export const MARKETPLACES: readonly MarketplaceName[] = ['voso', 'postmart', 'shopee'];

export interface OpenPlatforms {
  /** True when running against the embedded emulators because no credentials were given. */
  sandbox: boolean;
  marketplaces: MarketplaceAdapter[];
  carrier?: ViettelPostAdapter;
  /** URLs of the emulators started for this run. */
  sandboxUrls: Record<string, string>;
  close(): Promise<void>;
}

export class MissingCredentialsError extends Error {
  override name = 'MissingCredentialsError';
}

/**
 * Real platforms when the config (or environment) has credentials; otherwise the embedded sandboxes,
 * started here and stopped by `close()`. Mixing is refused: publishing half to real platforms and half
 * to emulators would be a confusing accident.
 */
export async function openPlatforms(
  config: CliConfig,
  wanted: { marketplaces: readonly MarketplaceName[]; carrier: boolean },
  logger?: Logger,
  /** Options for the marketplace sandboxes when no credentials are given (e.g. hand-made listings). */
  sandboxOptions?: MarketplaceSandboxOptions,
): Promise<OpenPlatforms> {
  const anyCredentials = Boolean(config.voso || config.postmart || config.shopee || config.viettelpost);
  if (!anyCredentials) return openSandboxes(wanted, logger, sandboxOptions);
  const missing = [
    ...wanted.marketplaces.filter((name) => !config[name]),
    ...(wanted.carrier && !config.viettelpost ? ['viettelpost'] : []),
  ];
  if (missing.length > 0) {
    throw new MissingCredentialsError(
      `Thiếu thông tin đăng nhập cho: ${missing.join(', ')} / Missing credentials for: ${missing.join(', ')}`,
    );
  }
  const marketplaces: MarketplaceAdapter[] = wanted.marketplaces.map((name) => {
    if (name === 'shopee') {
      const { baseUrl, webhookUrl, ...credentials } = config.shopee!;
      return shopee({
        credentials,
        ...(baseUrl ? { baseUrl } : {}),
        ...(webhookUrl ? { webhookUrl } : {}),
        // Shopee refresh tokens are single-use: the rotated pair must outlive this run.
        tokenStore: new FileTokenStore({ dir: config.stateDir ?? '.ocop-connect' }),
        ...(logger ? { logger } : {}),
      });
    }
    const creds = config[name]!;
    const { baseUrl, ...credentials } = creds;
    const options = { credentials, ...(baseUrl ? { baseUrl } : {}), ...(logger ? { logger } : {}) };
    return name === 'voso' ? voso(options) : postmart(options);
  });
  let carrier: ViettelPostAdapter | undefined;
  if (wanted.carrier && config.viettelpost) {
    const vtp = config.viettelpost;
    carrier = viettelpost({
      credentials: vtp.token
        ? { token: vtp.token }
        : { username: vtp.username ?? '', password: vtp.password ?? '' },
      ...(vtp.baseUrl ? { baseUrl: vtp.baseUrl } : { environment: vtp.environment ?? 'development' }),
      ...(vtp.webhookSecret ? { webhookSecret: vtp.webhookSecret } : {}),
      ...(logger ? { logger } : {}),
    });
  }
  return {
    sandbox: false,
    marketplaces,
    ...(carrier ? { carrier } : {}),
    sandboxUrls: {},
    close: async () => {
      await Promise.all([...marketplaces.map((m) => m.close()), carrier?.close()]);
    },
  };
}

async function openSandboxes(
  wanted: { marketplaces: readonly MarketplaceName[]; carrier: boolean },
  logger?: Logger,
  sandboxOptions: MarketplaceSandboxOptions = {},
): Promise<OpenPlatforms> {
  const started: { close(): Promise<void> }[] = [];
  const marketplaces: MarketplaceAdapter[] = [];
  const sandboxUrls: Record<string, string> = {};
  let carrier: ViettelPostAdapter | undefined;
  const withLogger = logger ? { logger } : {};
  try {
    for (const name of wanted.marketplaces) {
      if (name === 'shopee') {
        const box = await startShopeeSandbox();
        started.push(box);
        sandboxUrls[name] = box.baseUrl;
        marketplaces.push(
          shopee({ credentials: { ...box.credentials }, baseUrl: box.baseUrl, ...withLogger }),
        );
        continue;
      }
      const sandbox: MarketplaceSandbox =
        name === 'voso' ? await startVosoSandbox(sandboxOptions) : await startPostmartSandbox(sandboxOptions);
      started.push(sandbox);
      sandboxUrls[name] = sandbox.baseUrl;
      const options = { credentials: { ...sandbox.credentials }, baseUrl: sandbox.baseUrl, ...withLogger };
      marketplaces.push(name === 'voso' ? voso(options) : postmart(options));
    }
    if (wanted.carrier) {
      const sandbox: ViettelPostSandbox = await startViettelPostSandbox({ autoApprove: false, stepMs: 0 });
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
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
  return {
    sandbox: true,
    marketplaces,
    ...(carrier ? { carrier } : {}),
    sandboxUrls,
    close: async () => {
      await Promise.allSettled([...marketplaces.map((m) => m.close()), carrier?.close()]);
      await Promise.allSettled(started.map((s) => s.close()));
    },
  };
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
