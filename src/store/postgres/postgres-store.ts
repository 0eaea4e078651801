import { ConfigurationError } from '../../core/errors.js';
import { StoreError } from '../errors.js';
import { assertUsableStoreOptions } from '../store-options.js';
import {
  createEmptyData,
  NAMESPACES,
  type Namespace,
  type StoreData,
  type StoreOp,
} from '../store-transaction.js';
import {
  applyOps,
  type SharedCommitSink,
  TransactionalStore,
  type TransactionalStoreOptions,
} from '../transactional-store.js';
import { loadPg, type PgClient, type PgPool } from './pg-driver.js';
import { migrate, SCHEMA_VERSION, type TableNames, tableNames } from './schema.js';

/** Tombstones (deleted keys) older than this many commits are purged now and then. */
export const DEFAULT_TOMBSTONE_RETENTION_COMMITS = 1_000;
const PURGE_EVERY_COMMITS = 200;
const SCOPE_PATTERN = /^[\p{L}\p{N}._:@/-]{1,200}$/u;

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

/** The database could not be reached, or refused the store's connection. Retriable. */
export class StoreUnavailableError extends StoreError {
  constructor(reason: string, cause?: unknown) {
    super('network', 'STORE_UNAVAILABLE', `The PostgreSQL state store is unavailable: ${reason}`, { cause });
  }
}

/** The database holds a schema made by a newer ocop-connect: upgrade this process before using it. */
export class StoreSchemaTooNewError extends StoreError {
  readonly databaseVersion: number;
  readonly codeVersion: number;

  constructor(databaseVersion: number) {
    super(
      'configuration',
      'STORE_SCHEMA_TOO_NEW',
      `The state database has schema version ${databaseVersion}, but this ocop-connect knows only up to ${SCHEMA_VERSION}. Upgrade ocop-connect on this machine; never run an older version against a newer schema.`,
    );
    this.databaseVersion = databaseVersion;
    this.codeVersion = SCHEMA_VERSION;
  }
}

/**
 * Commits to PostgreSQL. Every transaction locks its scope's head row (`SELECT … FOR UPDATE`), so
 * transactions on one scope are serialised across all processes and machines; the in-memory copy is
 * brought up to date from the rows committed since this process last looked (by commit sequence).
 */
class PostgresSink implements SharedCommitSink {
  private client: PgClient | undefined;
  /** Commit sequence the in-memory state reflects; -1 = unknown, reload everything. */
  private seenSeq = -1;
  private head = 0;
  private commitsSincePurge = 0;

  constructor(
    private readonly pool: PgPool,
    private readonly ownsPool: boolean,
    private readonly tables: TableNames,
    private readonly scope: string,
  ) {}

  /**
   * One round trip: BEGIN, the scope's head row locked, and what others committed since this process
   * last looked (everything, the first time) — as one simple-protocol batch. A scope's transactions
   * are serialised, so every round trip inside one is paid by all of the scope's work: a publish makes
   * several transactions per product.
   */
  async begin(data: StoreData): Promise<void> {
    const client = await connect(this.pool);
    this.client = client;
    try {
      // The scope is checked against SCOPE_PATTERN at open (no quote, no backslash) and seenSeq is an
      // integer, so they can be written into this parameterless batch; quotes doubled all the same.
      const scope = `'${this.scope.replace(/'/g, "''")}'`;
      const full = this.seenSeq < 0;
      const changes = full
        ? `SELECT ns, key, value FROM ${this.tables.records} WHERE scope = ${scope} AND value IS NOT NULL ORDER BY seq, ord`
        : `SELECT ns, key, value FROM ${this.tables.records} WHERE scope = ${scope} AND seq > ${Math.trunc(this.seenSeq)} ORDER BY seq, ord`;
      const batch = (await client.query(
        `BEGIN; SELECT head, purged FROM ${this.tables.heads} WHERE scope = ${scope} FOR UPDATE; ${changes}`,
      )) as unknown;
      const results = batch as { rows: unknown[] }[];
      if (!Array.isArray(results) || results.length !== 3)
        throw new Error('PostgresSink: the driver did not return one result per statement');
      const row = results[1]!.rows[0] as { head: string; purged: string } | undefined;
      if (!row)
        throw new StoreError(
          'configuration',
          'STORE_CORRUPT',
          `The head row of scope "${this.scope}" is missing.`,
        );
      const head = Number(row.head);
      const purged = Number(row.purged);
      const rows = results[2]!.rows as { ns: string; key: string; value: string | null }[];
      if (full) {
        for (const ns of NAMESPACES) data[ns].clear();
        applyOps(
          data,
          rows.map((r) => toOp(r, this.scope)),
        );
      } else if (this.seenSeq < purged || head < this.seenSeq) {
        // Tombstones this process never saw were purged, or the database went back: start over.
        await this.reloadAll(client, data);
      } else if (rows.length > 0) {
        applyOps(
          data,
          rows.map((r) => toOp(r, this.scope)),
        );
      }
      this.head = head;
      this.seenSeq = head;
    } catch (error) {
      await this.abort();
      throw asStoreError(error);
    }
  }

  /**
   * Catches up with what other processes committed, without the lock (plain reads): ONE statement, so
   * one snapshot — the head and exactly the records written up to it. One round trip, and no wait for
   * (or of) the scope's transactions in other processes.
   */
  async refresh(data: StoreData): Promise<void> {
    const client = await connect(this.pool);
    try {
      const full = this.seenSeq < 0;
      const found = await client.query<{
        head: string;
        purged: string;
        ns: string | null;
        key: string | null;
        value: string | null;
      }>(
        `SELECT h.head, h.purged, r.ns, r.key, r.value
         FROM ${this.tables.heads} h
         LEFT JOIN ${this.tables.records} r
           ON r.scope = h.scope AND r.seq > $2 AND (r.value IS NOT NULL OR $3)
         WHERE h.scope = $1
         ORDER BY r.seq, r.ord`,
        [this.scope, full ? -1 : this.seenSeq, !full],
      );
      const first = found.rows[0];
      if (!first)
        throw new StoreError(
          'configuration',
          'STORE_CORRUPT',
          `The head row of scope "${this.scope}" is missing.`,
        );
      const head = Number(first.head);
      const purged = Number(first.purged);
      const changes = found.rows
        .filter((r): r is typeof r & { ns: string; key: string } => r.ns !== null && r.key !== null)
        .map((r) => toOp(r, this.scope));
      if (full) {
        for (const ns of NAMESPACES) data[ns].clear();
        applyOps(data, changes);
      } else if (this.seenSeq < purged || head < this.seenSeq) {
        await this.reloadAll(client, data);
      } else if (changes.length > 0) {
        applyOps(data, changes);
      }
      this.head = head;
      this.seenSeq = head;
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      this.seenSeq = -1;
      throw asStoreError(error);
    }
  }

  async commit(ops: StoreOp[]): Promise<void> {
    const client = this.requireClient();
    try {
      if (ops.length > 0) {
        const seq = this.head + 1;
        // Records and the head in one statement (a data-modifying CTE runs whether or not it is read).
        await client.query(
          `WITH written AS (
             INSERT INTO ${this.tables.records} (scope, ns, key, value, seq, ord)
             SELECT $1, t.ns, t.key, t.value, $5, t.ord
             FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(ns, key, value, ord)
             ON CONFLICT (scope, ns, key) DO UPDATE SET value = EXCLUDED.value, seq = EXCLUDED.seq, ord = EXCLUDED.ord
             RETURNING 1
           )
           UPDATE ${this.tables.heads} SET head = $5 WHERE scope = $1`,
          [
            this.scope,
            ops.map((op) => op[0]),
            ops.map((op) => op[1]),
            ops.map((op) => (op[2] === null ? null : JSON.stringify(op[2]))),
            seq,
          ],
        );
        this.commitsSincePurge += 1;
        if (this.commitsSincePurge >= PURGE_EVERY_COMMITS && seq > DEFAULT_TOMBSTONE_RETENTION_COMMITS) {
          const bound = seq - DEFAULT_TOMBSTONE_RETENTION_COMMITS;
          await client.query(
            `DELETE FROM ${this.tables.records} WHERE scope = $1 AND value IS NULL AND seq <= $2`,
            [this.scope, bound],
          );
          await client.query(
            `UPDATE ${this.tables.heads} SET purged = GREATEST(purged, $2) WHERE scope = $1`,
            [this.scope, bound],
          );
          this.commitsSincePurge = 0;
        }
        await client.query('COMMIT');
        this.head = seq;
        this.seenSeq = seq;
      } else {
        await client.query('COMMIT');
      }
      this.release();
    } catch (error) {
      // The outcome may be unknown (connection lost during COMMIT): forget what we think we know.
      this.seenSeq = -1;
      await this.abort();
      throw asStoreError(error);
    }
  }

  async rollback(): Promise<void> {
    await this.abort();
  }

  append(): void {
    throw new Error('PostgresSink.append is never called: the store commits through commit().');
  }

  async flush(): Promise<void> {
    // Every commit is durable when COMMIT returns.
  }

  async close(): Promise<void> {
    await this.abort();
    if (this.ownsPool) await this.pool.end();
  }

  private async reloadAll(client: PgClient, data: StoreData): Promise<void> {
    const all = await client.query<{ ns: string; key: string; value: string | null }>(
      `SELECT ns, key, value FROM ${this.tables.records} WHERE scope = $1 AND value IS NOT NULL ORDER BY seq, ord`,
      [this.scope],
    );
    for (const ns of NAMESPACES) data[ns].clear();
    applyOps(
      data,
      all.rows.map((r) => toOp(r, this.scope)),
    );
  }

  private requireClient(): PgClient {
    if (!this.client) throw new Error('PostgresSink: commit without begin');
    return this.client;
  }

  private async abort(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
    }
  }

  private release(): void {
    this.client?.release();
    this.client = undefined;
  }
}

function toOp(row: { ns: string; key: string; value: string | null }, scope: string): StoreOp {
  if (!(NAMESPACES as readonly string[]).includes(row.ns)) {
    throw new StoreError(
      'configuration',
      'STORE_CORRUPT',
      `Scope "${scope}" holds records of kind "${row.ns}", which this ocop-connect does not know.`,
    );
  }
  let value: unknown = null;
  if (row.value !== null) {
    try {
      value = JSON.parse(row.value);
    } catch (cause) {
      throw new StoreError(
        'configuration',
        'STORE_CORRUPT',
        `Record ${row.ns}/${row.key} of scope "${scope}" is not JSON.`,
        {
          cause,
        },
      );
    }
  }
  return [row.ns as Namespace, row.key, value];
}

/** Network-level failures become StoreUnavailableError; the message never holds the connection string. */
function asStoreError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EPIPE|57P0[1-3]|08\w{3})$/.test(code)
  ) {
    return new StoreUnavailableError(describePgError(error), error);
  }
  return error;
}

function describePgError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return `${message}${typeof code === 'string' ? ` (${code})` : ''}`.replace(
    /postgres(ql)?:\/\/\S+/gi,
    'postgres://…',
  );
}

/**
 * Why a PostgreSQL connection string cannot be used (in Vietnamese and English), or undefined. A
 * malformed URL is a setting to fix, never a network failure to retry; the reason names no part of
 * the string (it may hold the password). Nothing is connected.
 */
export function connectionStringIssue(
  connectionString: string,
): { messageVi: string; messageEn: string } | undefined {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return {
      messageVi: 'không phải URL postgres:// hợp lệ (máy chủ, cổng 1–65535)',
      messageEn: 'not a valid postgres:// URL (host, port 1–65535)',
    };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return {
      messageVi: 'phải bắt đầu bằng postgres:// hoặc postgresql://',
      messageEn: 'must start with postgres:// or postgresql://',
    };
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    decodeURIComponent(url.pathname);
  } catch {
    return {
      messageVi: 'tên người dùng, mật khẩu hoặc tên CSDL có mã %-escape sai',
      messageEn: 'the user, password or database name holds a bad %-escape',
    };
  }
  return undefined;
}

function connectionStringProblem(connectionString: string): string | undefined {
  const issue = connectionStringIssue(connectionString);
  return issue && `${issue.messageVi} / ${issue.messageEn}`;
}

async function connect(pool: PgPool): Promise<PgClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw new StoreUnavailableError(describePgError(error), error);
  }
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
    assertUsableStoreOptions(options);
    const problems: string[] = [];
    if (typeof options.scope !== 'string' || !SCOPE_PATTERN.test(options.scope)) {
      problems.push('scope must be 1–200 letters, digits or . _ : @ / - (one per cooperative)');
    }
    const prefix = options.tablePrefix ?? 'ocop_';
    if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix))
      problems.push('tablePrefix must be lower-case letters, digits or _');
    const connectionString = options.connectionString ?? process.env.OCOP_DATABASE_URL;
    if (options.pool === undefined && !connectionString) {
      problems.push('give connectionString (or set OCOP_DATABASE_URL) or pool');
    } else if (options.pool === undefined && connectionString) {
      const bad = connectionStringProblem(connectionString);
      if (bad)
        problems.push(`${options.connectionString ? 'connectionString' : 'OCOP_DATABASE_URL'}: ${bad}`);
    }
    if (
      options.maxConnections !== undefined &&
      !(Number.isSafeInteger(options.maxConnections) && options.maxConnections >= 1)
    ) {
      problems.push('maxConnections must be a whole number ≥ 1');
    }
    if (problems.length > 0)
      throw new ConfigurationError(
        'Tuỳ chọn kho PostgreSQL sai / Invalid PostgreSQL store options',
        problems,
      );

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

/** A login the database refused, or a database that does not exist: a setting to fix, not retried. */
function refusedLogin(error: unknown, setting: string): ConfigurationError | undefined {
  const cause = error instanceof StoreUnavailableError ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^(28000|28P01|3D000)$/.test(code)) return undefined;
  const reason =
    code === '3D000'
      ? 'cơ sở dữ liệu không tồn tại / the database does not exist'
      : 'máy chủ từ chối đăng nhập (người dùng hoặc mật khẩu) / the server refused the login (user or password)';
  // The driver's error as the cause (its code tells a caller which one): it names the user or the
  // database, never the password.
  return new ConfigurationError(
    'PostgreSQL từ chối kết nối / PostgreSQL refused the connection',
    [`${setting}: ${reason} (${code})`],
    { cause },
  );
}
