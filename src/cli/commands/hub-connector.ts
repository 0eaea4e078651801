import { type Command, Option } from 'commander';
import type { Connector, StateStore } from 'ocop-connect';
import { createHub, createRedisRateLimiter } from 'ocop-connect/hub';
import { createPostgresStore } from 'ocop-connect/postgres';
import { CliError } from '../errors.js';
import { hubServiceError, loadHubFile } from '../hub-config.js';
import { type Lang, say } from '../i18n.js';

/** `--hub <file> --cooperative <id>` of `match` and `link`. */
export interface HubTarget {
  hub?: string;
  cooperative?: string;
}

/** Both or neither: one without the other is a usage error (said before anything is opened). */
export function hubTargetOf(options: HubTarget): { hub: string; cooperative: string } | undefined {
  if (options.hub === undefined && options.cooperative === undefined) return undefined;
  if (!options.hub || !options.cooperative)
    throw new CliError('usage', {
      vi: '--hub và --cooperative phải đi cùng nhau (tệp hub và mã HTX trong tệp đó)',
      en: '--hub and --cooperative go together (the hub file and a cooperative id in it)',
    });
  return { hub: options.hub, cooperative: options.cooperative };
}

/**
 * Runs `run` on one cooperative's connector of a hub: its marketplace accounts from the hub file, its
 * state in PostgreSQL (the cooperative's scope, where the workers' publish jobs read the match
 * proposals and links), the rate limits shared with the workers through Redis. Everything is closed
 * afterwards.
 */
export async function withHubConnector<T>(
  target: { hub: string; cooperative: string },
  run: (connector: Connector, store: StateStore) => Promise<T>,
): Promise<T> {
  const file = await loadHubFile(target.hub);
  const config = file.cooperatives.find((c) => c.id === target.cooperative);
  if (!config)
    throw new CliError('usage', {
      vi: `HTX "${target.cooperative}" không có trong ${target.hub}`,
      en: `cooperative "${target.cooperative}" is not in ${target.hub}`,
    });
  const consequence = { vi: 'chưa làm gì', en: 'nothing was done' };
  const limiter = await createRedisRateLimiter(file.redisUrl ? { redisUrl: file.redisUrl } : {}).catch(
    (error: unknown) => {
      throw hubServiceError(error, target.hub, consequence);
    },
  );
  let store: StateStore | undefined;
  // Every cooperative of the file: one sharing an account with this one is looked at (never written).
  const hub = createHub({
    cooperatives: file.cooperatives,
    limiter,
    store: async (id) => {
      const opened = await createPostgresStore({ connectionString: file.databaseUrl, scope: id });
      if (id === config.id) store = opened;
      return opened;
    },
  });
  try {
    const connector = await hub.connector(config.id).catch((error: unknown) => {
      throw hubServiceError(error, target.hub, consequence);
    });
    return await run(connector, store!);
  } finally {
    await hub.close();
    await limiter.close();
  }
}

/** `--hub <file>`, required: the hub file of the commands that only work on a hub (worker, jobs). */
export function hubFileOption(lang: Lang): Option {
  return new Option(
    '--hub <file>',
    say(lang, 'tệp cấu hình hub (hub.json)', 'hub file (hub.json)'),
  ).makeOptionMandatory();
}

/** Adds `--hub <file>` and `--cooperative <id>` (a hub's cooperative instead of the project's config). */
export function hubOptions(command: Command, lang: Lang): Command {
  return command
    .option(
      '--hub <file>',
      say(
        lang,
        'tệp hub (hub.json): dùng tài khoản và dữ liệu PostgreSQL của HTX --cooperative',
        'hub file (hub.json): use the accounts and PostgreSQL state of the --cooperative',
      ),
    )
    .option('--cooperative <id>', say(lang, 'mã HTX trong tệp hub', 'cooperative id in the hub file'));
}
