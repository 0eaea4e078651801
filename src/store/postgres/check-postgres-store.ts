import { A_POSITIVE_INTEGER_OR_NOTHING, checkOptions, OWN_RULES } from '../../core/argument-guards.js';
import {
  connectionStringSettingProblems,
  TABLE_PREFIX_PROBLEM,
  usableTablePrefix,
} from './connection-string.js';
import { loadPg } from './pg-driver.js';
import { asStoreError, refusedLogin, StoreSchemaTooNewError } from './postgres-errors.js';
import { connect } from './postgres-sink.js';
import { SCHEMA_VERSION, tableNames } from './schema.js';

const CHECK_OPTIONS = {
  connectionString: OWN_RULES,
  tablePrefix: OWN_RULES,
  timeoutMs: A_POSITIVE_INTEGER_OR_NOTHING,
};

export interface CheckPostgresStoreOptions {
  /** As `PostgresStoreOptions.connectionString`. @default process.env.OCOP_DATABASE_URL */
  connectionString?: string;
  /** As `PostgresStoreOptions.tablePrefix`. @default 'ocop_' */
  tablePrefix?: string;
  /** How long to wait for the database to answer. @default 5000 */
  timeoutMs?: number;
}

/**
 * Checks, without writing anything, that the database of a PostgreSQL store answers and accepts the
 * login, and that its schema (if the tables exist yet) is not newer than this code: what a command
 * that only queues work checks before saying "queued".
 *
 * @throws ConfigurationError for a malformed URL, a refused login or a database that does not exist
 *   (the setting is named, never the password).
 * @throws StoreUnavailableError when the database cannot be reached in `timeoutMs`.
 * @throws StoreSchemaTooNewError when a newer ocop-connect has migrated the database.
 */
export async function checkPostgresStore(options: CheckPostgresStoreOptions = {}): Promise<void> {
  // Before any connection: an object (or nothing), known names, every problem at once in both languages.
  checkOptions(options, CHECK_OPTIONS, 'checkPostgresStore', (own) => [
    ...connectionStringSettingProblems(own.connectionString),
    ...(usableTablePrefix(own.tablePrefix) ? [] : [TABLE_PREFIX_PROBLEM]),
  ]);
  options ??= {};
  const setting = options.connectionString ? 'connectionString' : 'OCOP_DATABASE_URL';
  const connectionString = (options.connectionString || process.env.OCOP_DATABASE_URL) as string;
  const prefix = options.tablePrefix ?? 'ocop_';
  const timeoutMs = options.timeoutMs ?? 5_000;
  const pool = new (await loadPg()).Pool({ connectionString, max: 1, connectionTimeoutMillis: timeoutMs });
  pool.on?.('error', () => {});
  try {
    const client = await connect(pool).catch((error: unknown) => {
      throw refusedLogin(error, setting) ?? error;
    });
    try {
      const tables = tableNames(prefix);
      const present = await client.query<{ present: boolean }>(
        'SELECT to_regclass($1) IS NOT NULL AS present',
        [tables.schema],
      );
      const version = present.rows[0]?.present
        ? (await client.query<{ version: number }>(`SELECT version FROM ${tables.schema} WHERE id = 1`))
            .rows[0]?.version
        : undefined;
      if (typeof version === 'number' && version > SCHEMA_VERSION) throw new StoreSchemaTooNewError(version);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw asStoreError(error);
    }
  } finally {
    await pool.end().catch(() => {});
  }
}
