import { ConfigurationError } from '../../core/errors.js';
import { connectionStringProblem } from './connection-string.js';
import { loadPg } from './pg-driver.js';
import { asStoreError, refusedLogin, StoreSchemaTooNewError } from './postgres-errors.js';
import { connect } from './postgres-sink.js';
import { SCHEMA_VERSION, tableNames } from './schema.js';

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
  const setting = options.connectionString ? 'connectionString' : 'OCOP_DATABASE_URL';
  const connectionString = options.connectionString ?? process.env.OCOP_DATABASE_URL;
  const problems: string[] = [];
  if (!connectionString) problems.push('give connectionString (or set OCOP_DATABASE_URL)');
  else {
    const bad = connectionStringProblem(connectionString);
    if (bad) problems.push(`${setting}: ${bad}`);
  }
  const prefix = options.tablePrefix ?? 'ocop_';
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix))
    problems.push('tablePrefix must be lower-case letters, digits or _');
  if (problems.length > 0 || !connectionString)
    throw new ConfigurationError('Tuỳ chọn kho PostgreSQL sai / Invalid PostgreSQL store options', problems);
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
