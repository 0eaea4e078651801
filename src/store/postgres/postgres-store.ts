import { checkOptions, OWN_RULES } from '../../core/argument-guards.js';
import { isPlainObject } from '../../model/argument-check.js';
import { pathProblem } from '../../model/option-problem.js';
import { createEmptyData, type StoreData } from '../store-data.js';
import { storeOptionProblems } from '../store-options.js';
import {
  TRANSACTIONAL_STORE_OPTIONS,
  TransactionalStore,
  type TransactionalStoreOptions,
} from '../transactional-store.js';
import {
  connectionStringSettingProblems,
  TABLE_PREFIX_PROBLEM,
  usableTablePrefix,
} from './connection-string.js';
import { loadPg, type PgPool } from './pg-driver.js';
import { asStoreError, StoreSchemaTooNewError } from './postgres-errors.js';
import { connect, PostgresSink } from './postgres-sink.js';
import { migrate, tableNames } from './schema.js';

const SCOPE_PATTERN = /^[\p{L}\p{N}._:@/-]{1,200}$/u;

/** The options createPostgresStore knows; their values are checked by postgresStoreProblems. */
const POSTGRES_STORE_OPTIONS = {
  connectionString: OWN_RULES,
  pool: OWN_RULES,
  scope: OWN_RULES,
  tablePrefix: OWN_RULES,
  maxConnections: OWN_RULES,
  ...TRANSACTIONAL_STORE_OPTIONS,
};

/** Every problem of PostgresStoreOptions (an object), in both languages. */
function postgresStoreProblems(options: Readonly<Record<string, unknown>>): string[] {
  const problems = storeOptionProblems(options);
  if (typeof options.scope !== 'string' || !SCOPE_PATTERN.test(options.scope)) {
    problems.push(
      pathProblem(
        'scope',
        'phải gồm 1–200 chữ cái, chữ số hoặc các dấu . _ : @ - và dấu gạch chéo (mỗi hợp tác xã một giá trị)',
        'must be 1–200 letters, digits or the signs . _ : @ - and slashes (one per cooperative)',
      ),
    );
  }
  if (!usableTablePrefix(options.tablePrefix)) problems.push(TABLE_PREFIX_PROBLEM);
  if (options.pool === undefined)
    problems.push(...connectionStringSettingProblems(options.connectionString, 'pool'));
  // What the store calls on a pool of the user's: anything else would fail at the first connection as
  // a "network" error (`pool.connect is not a function`).
  else if (!isPlainObject(options.pool) || typeof options.pool.connect !== 'function')
    problems.push(
      pathProblem(
        'pool',
        'phải là một pg.Pool (có hàm connect)',
        'must be a pg.Pool (with a connect function)',
      ),
    );
  if (
    options.maxConnections !== undefined &&
    !(Number.isSafeInteger(options.maxConnections) && (options.maxConnections as number) >= 1)
  ) {
    problems.push(pathProblem('maxConnections', 'phải là một số nguyên ≥ 1', 'must be a whole number ≥ 1'));
  }
  return problems;
}

export interface PostgresStoreOptions extends TransactionalStoreOptions {
  /**
   * Where the database is, as a `postgres://` URL. Never logged nor put in an error message.
   * Give this or `pool`. @default process.env.OCOP_DATABASE_URL
   */
  connectionString?: string;
  /** A pool of your own (a `pg.Pool`); the store borrows clients and never ends it. */
  pool?: PgPool;
  /**
   * The state namespace: one per cooperative (tenant). Every record, checkpoint, ledger entry and
   * shipment lives under it; two stores with different scopes never see each other's records.
   */
  scope: string;
  /** Prefix of the tables the store creates. Letters, digits and `_` only. @default 'ocop_' */
  tablePrefix?: string;
  /** Pool size when the store makes its own pool. @default 4 */
  maxConnections?: number;
}

/**
 * A StateStore in PostgreSQL, for a hub serving many cooperatives from several processes or
 * machines. Passes the same contract as MemoryStore and FileStore. Transactions on one scope are
 * serialised across every process (a row lock per scope), so two workers reserving the last unit of a
 * product end with exactly one reservation. The tables are created and migrated on first open.
 *
 * @throws StoreUnavailableError when the database cannot be reached.
 * @throws StoreSchemaTooNewError when a newer ocop-connect has migrated the database.
 */
export class PostgresStore extends TransactionalStore {
  readonly scope: string;

  private constructor(
    scope: string,
    sink: PostgresSink,
    data: StoreData,
    options: TransactionalStoreOptions,
  ) {
    super('postgres', data, sink, options);
    this.scope = scope;
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    // Before any connection: an object (a misspelt name is named with the nearest one), every problem at once.
    checkOptions(options, POSTGRES_STORE_OPTIONS, 'createPostgresStore', postgresStoreProblems);
    const prefix = options.tablePrefix ?? 'ocop_';
    const connectionString = options.connectionString || process.env.OCOP_DATABASE_URL;

    const ownsPool = options.pool === undefined;
    const pool =
      options.pool ??
      new (await loadPg()).Pool({
        connectionString,
        max: options.maxConnections ?? 4,
        connectionTimeoutMillis: 10_000,
      });
    // An idle client that dies must not crash the process (pg emits 'error' on the pool).
    if (ownsPool) pool.on?.('error', () => {});
    const tables = tableNames(prefix);
    try {
      const client = await connect(pool);
      try {
        await migrate(client, tables, (version) => new StoreSchemaTooNewError(version));
        await client.query(`INSERT INTO ${tables.heads} (scope) VALUES ($1) ON CONFLICT (scope) DO NOTHING`, [
          options.scope,
        ]);
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : true);
        throw asStoreError(error);
      }
    } catch (error) {
      if (ownsPool) await pool.end().catch(() => {});
      throw error;
    }
    const storeOptions: TransactionalStoreOptions = {};
    if (options.nowMs !== undefined) storeOptions.nowMs = options.nowMs;
    if (options.maxWebhookKeys !== undefined) storeOptions.maxWebhookKeys = options.maxWebhookKeys;
    const sink = new PostgresSink(pool, ownsPool, tables, options.scope);
    return new PostgresStore(options.scope, sink, createEmptyData(), storeOptions);
  }
}

/** Opens (migrating if needed) the PostgreSQL state store of one scope (cooperative). */
export function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  return PostgresStore.open(options);
}
