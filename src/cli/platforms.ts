import { join } from 'node:path';
import { type CategoryMap, FileTokenStore, type Logger, type MarketplaceAdapter } from 'ocop-connect';
import { shopee } from 'ocop-connect/shopee';
import { type ViettelPostAdapter, viettelpost } from 'ocop-connect/viettelpost';
import { envVariableFor } from './config-env.js';
import { type CliConfig, hasCredentials } from './config-schema.js';
import { CliError } from './errors.js';
import { configured, marketplaceAdapter, vnpostAdapter } from './platform-adapters.js';
import type { CliSandboxOptions, CredentialBlock, OpenPlatforms, WantedPlatforms } from './platform-types.js';
import { openSandboxes } from './sandbox-platforms.js';

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
 * The state folder of this run: the config's `stateDir` (default `.ocop-connect`); in sandbox mode its
 * `sandbox` subfolder, so nothing recorded against the emulators is ever taken for a real shipment or
 * listing once credentials are added.
 */
export function stateDirFor(config: CliConfig, sandbox: boolean): string {
  const dir = config.stateDir ?? '.ocop-connect';
  return sandbox ? join(dir, 'sandbox') : dir;
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
