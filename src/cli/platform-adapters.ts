import {
  type CarrierShipmentStore,
  isOcopConnectError,
  type Logger,
  type MarketplaceAdapter,
} from 'ocop-connect';
import type { MarketplaceProfileOverride } from 'ocop-connect/marketplace';
import { postmart } from 'ocop-connect/postmart';
import { type VnpostAdapter, vnpost } from 'ocop-connect/vnpost';
import { voso } from 'ocop-connect/voso';
import type { CliConfig, MarketplaceConfig } from './config-schema.js';
import { CliError } from './errors.js';
import type { MarketplaceName } from './platform-types.js';

/**
 * Builds an adapter from the config block `name`; the library's ConfigurationError (paths relative to
 * the adapter options) becomes a CLI config error naming the config keys, in both languages.
 */
export function configured<T>(name: string, build: () => T): T {
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
      const text = at > 0 ? problem.slice(at + 2) : problem;
      // The library words every problem "path: Vietnamese / path: English" (test/architecture checks it).
      const pair = where ? text.split(` / ${where}: `) : [];
      const reason = pair.length === 2 ? { vi: pair[0]!, en: pair[1]! } : { vi: text, en: text };
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
      vi: `Cấu hình "${name}" không hợp lệ: ${keyed.map(({ key, reason }) => `"${key}" ${reason.vi}`).join('; ')}`,
      en: `Invalid "${name}" configuration: ${keyed.map(({ key, reason }) => `"${key}" ${reason.en}`).join('; ')}`,
    });
  }
}

export function vnpostAdapter(
  config: CliConfig,
  logger: Logger | undefined,
  store: CarrierShipmentStore | undefined,
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

export function marketplaceAdapter(
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
