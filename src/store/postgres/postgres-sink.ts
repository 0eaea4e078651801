import { ConfigurationError, InternalError } from '../../core/errors.js';
import { StoreCorruptError, StoreError } from '../errors.js';
import { NAMESPACES, type Namespace, type StoreData, type StoreOp } from '../store-data.js';
import { applyOps, type SharedCommitSink } from '../transactional-store.js';
import type { PgClient, PgPool } from './pg-driver.js';
import { asStoreError, describePgError, StoreUnavailableError } from './postgres-errors.js';
import type { TableNames } from './schema.js';

/** Tombstones (deleted keys) older than this many commits are purged now and then. */
export const DEFAULT_TOMBSTONE_RETENTION_COMMITS = 1_000;
const PURGE_EVERY_COMMITS = 200;

/**
 * Commits to PostgreSQL. Every transaction locks its scope's head row (`SELECT … FOR UPDATE`), so
 * transactions on one scope are serialised across all processes and machines; the in-memory copy is
 * brought up to date from the rows committed since this process last looked (by commit sequence).
 */
export class PostgresSink implements SharedCommitSink {
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
        throw new ConfigurationError({
          vi: 'Trình điều khiển PostgreSQL không trả về một kết quả cho mỗi câu lệnh của lô: kho PostgreSQL cần gói "pg" (hoặc pool tương thích với nó)',
          en: 'The PostgreSQL driver did not return one result per statement of the batch: the PostgreSQL store needs the "pg" package (or a pool compatible with it)',
        });
      const row = results[1]!.rows[0] as { head: string; purged: string } | undefined;
      if (!row) throw this.headRowMissing();
      const rows = results[2]!.rows as { ns: string; key: string; value: string | null }[];
      await this.catchUp(client, data, full, row, () => rows.map((r) => toOp(r, this.scope)));
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
      if (!first) throw this.headRowMissing();
      const changes = found.rows
        .filter((r): r is typeof r & { ns: string; key: string } => r.ns !== null && r.key !== null)
        .map((r) => toOp(r, this.scope));
      await this.catchUp(client, data, full, first, () => changes);
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
    throw new InternalError({
      vi: 'PostgresSink.append() không bao giờ được gọi: kho ghi qua commit()',
      en: 'PostgresSink.append() is never called: the store commits through commit()',
    });
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

  /**
   * Brings `data` up to the scope's head from the records read since `seenSeq` (every live record when
   * `full`): applied in order, or everything reloaded when tombstones this process never saw were
   * purged or the database went back.
   */
  private async catchUp(
    client: PgClient,
    data: StoreData,
    full: boolean,
    row: { head: string; purged: string },
    changes: () => StoreOp[],
  ): Promise<void> {
    const head = Number(row.head);
    const purged = Number(row.purged);
    if (full) {
      for (const ns of NAMESPACES) data[ns].clear();
      applyOps(data, changes());
    } else if (this.seenSeq < purged || head < this.seenSeq) {
      // Tombstones this process never saw were purged, or the database went back: start over.
      await this.reloadAll(client, data);
    } else {
      const ops = changes();
      if (ops.length > 0) applyOps(data, ops);
    }
    this.head = head;
    this.seenSeq = head;
  }

  private headRowMissing(): StoreError {
    return new StoreError('configuration', 'STORE_CORRUPT', {
      vi: `Kho trạng thái PostgreSQL bị hỏng: thiếu dòng đầu (head) của phạm vi "${this.scope}".`,
      en: `The PostgreSQL state store is corrupt: the head row of scope "${this.scope}" is missing.`,
    });
  }

  private requireClient(): PgClient {
    if (!this.client)
      throw new InternalError({
        vi: 'PostgresSink: gọi commit() khi chưa begin()',
        en: 'PostgresSink: commit without begin',
      });
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
  const record = `${row.ns}[${row.key}]`;
  if (!(NAMESPACES as readonly string[]).includes(row.ns)) {
    throw new StoreCorruptError(record, {
      vi: `phạm vi "${scope}" chứa bản ghi thuộc loại "${row.ns}" mà bản ocop-connect này không biết (có thể do bản mới hơn ghi)`,
      en: `scope "${scope}" holds records of kind "${row.ns}", which this ocop-connect does not know (perhaps written by a newer version)`,
    });
  }
  let value: unknown = null;
  if (row.value !== null) {
    try {
      value = JSON.parse(row.value);
    } catch (cause) {
      throw new StoreCorruptError(
        record,
        { vi: `không phải JSON (phạm vi "${scope}")`, en: `not JSON (scope "${scope}")` },
        cause,
      );
    }
  }
  return [row.ns as Namespace, row.key, value];
}

export async function connect(pool: PgPool): Promise<PgClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw new StoreUnavailableError(describePgError(error), error);
  }
}
