import type { PgClient } from './pg-driver.js';

/** The schema version this code writes. A database at a higher version is refused. */
export const SCHEMA_VERSION = 1;

export interface TableNames {
  schema: string;
  heads: string;
  records: string;
}

export function tableNames(prefix: string): TableNames {
  return { schema: `${prefix}schema`, heads: `${prefix}state_heads`, records: `${prefix}state_records` };
}

/** Each migration moves the schema from version i to i + 1. Never edit one that has shipped. */
function migrations(t: TableNames): string[][] {
  return [
    [
      // One row per scope (cooperative): its commit sequence. Locking it serialises the scope's transactions.
      `CREATE TABLE ${t.heads} (
         scope  text PRIMARY KEY,
         head   bigint NOT NULL DEFAULT 0,
         purged bigint NOT NULL DEFAULT 0
       )`,
      // Current state; value NULL is a deletion (tombstone) kept so that other processes see it.
      `CREATE TABLE ${t.records} (
         scope text   NOT NULL,
         ns    text   NOT NULL,
         key   text   NOT NULL,
         value text,
         seq   bigint NOT NULL,
         ord   bigint NOT NULL,
         PRIMARY KEY (scope, ns, key)
       )`,
      `CREATE INDEX ${t.records}_seq ON ${t.records} (scope, seq)`,
    ],
  ];
}

/**
 * Creates or upgrades the tables, once, under a transaction-scoped advisory lock (two processes
 * starting together do not both migrate).
 */
export async function migrate(
  client: PgClient,
  t: TableNames,
  tooNew: (version: number) => Error,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ocop-connect:migrate:${t.schema}`]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.schema} (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL)`,
    );
    const found = await client.query<{ version: number }>(`SELECT version FROM ${t.schema} WHERE id = 1`);
    const current = found.rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) throw tooNew(current);
    const steps = migrations(t);
    for (let version = current; version < SCHEMA_VERSION; version += 1) {
      for (const statement of steps[version] ?? []) await client.query(statement);
    }
    if (current < SCHEMA_VERSION) {
      await client.query(
        `INSERT INTO ${t.schema} (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version`,
        [SCHEMA_VERSION],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
