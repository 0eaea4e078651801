import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import {
  checkPostgresStore,
  createPostgresStore,
  SCHEMA_VERSION,
  StoreSchemaTooNewError,
  StoreUnavailableError,
} from '../../src/store/postgres/index.js';
import { englishWords } from '../architecture/vietnamese-text.js';
import { serviceAvailable, TEST_DATABASE_URL } from '../support/services.js';
import { runStoreContract } from './store-contract.js';

const available = await serviceAvailable('PostgreSQL');
// Scopes of this file only: other suites use the same database at the same time.
const RUN = `test-pgstore-${randomUUID().slice(0, 8)}`;
const scope = (label: string) => `${RUN}-${label}-${randomUUID()}`;

describe.runIf(available)('PostgresStore', () => {
  runStoreContract('PostgresStore', (options) =>
    createPostgresStore({ ...options, connectionString: TEST_DATABASE_URL, scope: scope('contract') }),
  );

  it('keeps every cooperative to its own scope: nothing written under one is visible under another', async () => {
    const a = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: scope('coop-a') });
    const b = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: scope('coop-b') });
    try {
      await a.putStock({ sku: 'VL-TBN-500', onHand: 7, reserved: 0 });
      await a.putListing({
        platform: 'voso',
        account: 'shop',
        sku: 'VL-TBN-500',
        remoteListingId: 'L1',
        contentHash: 'h',
      });
      await a.putCheckpoint({ platform: 'voso', account: 'shop', cursor: 'c1' });
      expect(await b.getStock('VL-TBN-500')).toBeUndefined();
      expect(await b.listListings('voso', 'shop')).toEqual([]);
      expect(await b.listCheckpoints()).toEqual([]);
      expect(await b.claimWebhook('k1')).toBe(true);
      expect(await a.claimWebhook('k1')).toBe(true); // dedupe keys are per scope too
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lets a second process see what the first committed, including deletions', async () => {
    const shared = scope('shared');
    const one = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: shared });
    const two = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: shared });
    try {
      await one.putStock({ sku: 'A', onHand: 3, reserved: 1 });
      expect(await two.getStock('A')).toMatchObject({ onHand: 3, reserved: 1 });
      await two.updateStock('A', (s) => s && { ...s, reserved: s.reserved + 1 });
      expect(await one.getStock('A')).toMatchObject({ reserved: 2 });
      await one.deleteStock('A');
      expect(await two.getStock('A')).toBeUndefined();
      // A reopened store rebuilds everything from the database.
      await two.putShipment({ reference: 'ORD-1', status: 'CREATED', carrier: 'viettelpost' });
      const three = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: shared });
      expect(await three.listShipments()).toMatchObject([{ reference: 'ORD-1', status: 'CREATED' }]);
      expect(await three.listStock()).toEqual([]);
      await three.close();
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("a transaction costs three round trips when it writes and two when it only reads (a scope's transactions queue behind each other)", async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    const queries: string[] = [];
    const counting = {
      async connect() {
        const client = await pool.connect();
        return {
          query: (text: string, values?: unknown[]) => {
            queries.push(text.trim().split(/\s+/)[0]!.toUpperCase());
            return client.query(text, values);
          },
          release: (error?: Error | boolean) => client.release(error),
        };
      },
      end: () => pool.end(),
    };
    const shared = scope('round-trips');
    const store = await createPostgresStore({ pool: counting as never, scope: shared });
    const other = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: shared });
    try {
      await store.getStock('A'); // first transaction: loads the scope
      queries.length = 0;
      await store.putStock({ sku: 'A', onHand: 3, reserved: 0 });
      expect(queries).toEqual(['BEGIN;', 'WITH', 'COMMIT']);
      queries.length = 0;
      expect(await store.getStock('A')).toMatchObject({ onHand: 3 });
      expect(queries).toEqual(['SELECT']);
      // A read-only transaction still takes the lock (it may decide to write): two round trips.
      queries.length = 0;
      await store.transaction((tx) => tx.getStock('A'));
      expect(queries).toEqual(['BEGIN;', 'COMMIT']);
      // What another process committed arrives in the same first round trip.
      await other.putStock({ sku: 'B', onHand: 1, reserved: 0 });
      await other.deleteStock('A');
      queries.length = 0;
      expect(await store.getStock('B')).toMatchObject({ onHand: 1 });
      expect(await store.getStock('A')).toBeUndefined();
      expect(queries).toEqual(['SELECT', 'SELECT']);
      // A lock held elsewhere (another process mid-transaction) does not hold up a plain read.
      const blocker = await pool.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT head FROM ocop_state_heads WHERE scope = $1 FOR UPDATE', [shared]);
        expect(await store.getStock('B')).toMatchObject({ onHand: 1 });
      } finally {
        await blocker.query('ROLLBACK');
        blocker.release();
      }
    } finally {
      await store.close();
      await other.close();
      await pool.end();
    }
  });

  it('two processes racing for the last units: exactly as many reservations as units, no lost update', async () => {
    const shared = scope('race');
    const setup = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: shared });
    await setup.putStock({ sku: 'VL-NMCC-500', onHand: 1, reserved: 0 });
    await setup.close();
    const child = fileURLToPath(new URL('./fixtures/pg-reserver.ts', import.meta.url));
    const run = () =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(
          process.execPath,
          ['--import', 'tsx', child, TEST_DATABASE_URL, shared, 'VL-NMCC-500', '20'],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        p.stdout.on('data', (c: Buffer) => {
          out += c.toString();
        });
        p.on('exit', (code) =>
          code === 0 ? resolve(Number(/won (\d+)/.exec(out)?.[1])) : reject(new Error(`exit ${code}`)),
        );
      });
    const [x, y] = await Promise.all([run(), run()]);
    expect(x + y).toBe(1);
    const check = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: shared });
    expect(await check.getStock('VL-NMCC-500')).toMatchObject({ onHand: 1, reserved: 1 });
    await check.close();
  });

  it('refuses a database migrated by a newer ocop-connect, naming both versions', async () => {
    const prefix = `t${randomUUID().replaceAll('-', '').slice(0, 12)}_`;
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(
        `CREATE TABLE ${prefix}schema (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL)`,
      );
      await client.query(`INSERT INTO ${prefix}schema VALUES (1, $1)`, [SCHEMA_VERSION + 1]);
      const error = await createPostgresStore({
        connectionString: TEST_DATABASE_URL,
        scope: 's',
        tablePrefix: prefix,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreSchemaTooNewError);
      expect((error as Error).message).toContain(`version ${SCHEMA_VERSION + 1}`);
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${prefix}schema`);
      await client.end();
    }
  });

  it('a damaged record in the database is STORE_CORRUPT naming the record and scope, in each language', async () => {
    const where = scope('corrupt');
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const open = () =>
      createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: where })
        .then(async (store) => {
          await store.getStock('TRA-01');
          await store.close();
        })
        .catch((e: unknown) => e as StoreCorruptError);
    try {
      const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: where });
      await store.putStock({ sku: 'TRA-01', onHand: 3, reserved: 0 });
      await store.close();
      const damage = (sql: string) => client.query(sql, [where]);
      await damage(`UPDATE ocop_state_records SET value = '{ not json' WHERE scope = $1`);
      const notJson = await open();
      expect(notJson).toBeInstanceOf(StoreCorruptError);
      expect([notJson?.code, notJson?.file, notJson?.messageVi, notJson?.messageEn]).toEqual([
        'STORE_CORRUPT',
        'stock[TRA-01]',
        `Bản ghi trạng thái stock[TRA-01] bị hỏng: không phải JSON (phạm vi "${where}")`,
        `State record stock[TRA-01] is corrupt: not JSON (scope "${where}")`,
      ]);
      await damage(`UPDATE ocop_state_records SET ns = 'future', value = '{}' WHERE scope = $1`);
      const unknown = await open();
      expect(unknown).toBeInstanceOf(StoreCorruptError);
      expect([unknown?.file, englishWords(unknown?.messageVi ?? '')]).toEqual(['future[TRA-01]', []]);
      expect(unknown?.messageVi).toContain(`phạm vi "${where}" chứa bản ghi thuộc loại "future"`);
      expect(unknown?.messageEn).toContain(`scope "${where}" holds records of kind "future"`);
    } finally {
      await client.query('DELETE FROM ocop_state_records WHERE scope = $1', [where]);
      await client.query('DELETE FROM ocop_state_heads WHERE scope = $1', [where]);
      await client.end();
    }
  });

  it('says plainly when the database is unreachable, without the password', async () => {
    const error = await createPostgresStore({
      connectionString: 'postgres://hub:s3cret-pw@127.0.0.1:1/test',
      scope: 'coop',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(String((error as Error).message)).toMatch(/unavailable/);
    expect(JSON.stringify(error) + String(error) + String((error as Error).stack)).not.toContain('s3cret-pw');
  });

  it('refuses a malformed URL as a setting to fix (ConfigurationError naming it, no password), not a retriable network error (#17)', async () => {
    for (const connectionString of [
      'postgres://hub:s3cret-pw@:bad',
      'postgres://hub:s3cret-pw@db.example:99999/test',
      'mysql://hub:s3cret-pw@127.0.0.1/test',
      'postgres://hub:s3cret%zz-pw@127.0.0.1/test',
    ]) {
      const error = await createPostgresStore({ connectionString, scope: 'coop' }).catch((e: unknown) => e);
      expect(error, connectionString).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).kind).toBe('configuration');
      expect((error as ConfigurationError).problems).toHaveLength(1);
      expect((error as ConfigurationError).problems[0]).toMatch(/^connectionString: .*\/ /);
      expect(JSON.stringify(error) + String(error) + String((error as Error).stack)).not.toContain('s3cret');
    }
    const saved = process.env.OCOP_DATABASE_URL;
    process.env.OCOP_DATABASE_URL = 'postgres://hub:s3cret-pw@:bad';
    try {
      const error = await createPostgresStore({ scope: 'coop' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).problems[0]).toMatch(/^OCOP_DATABASE_URL: /);
    } finally {
      if (saved === undefined) delete process.env.OCOP_DATABASE_URL;
      else process.env.OCOP_DATABASE_URL = saved;
    }
  });

  it('checkPostgresStore: answers for a live database, and names what is wrong otherwise, writing nothing (#17 item 4)', async () => {
    await expect(checkPostgresStore({ connectionString: TEST_DATABASE_URL })).resolves.toBeUndefined();
    const down = await checkPostgresStore({
      connectionString: 'postgres://hub:s3cret-pw@127.0.0.1:1/test',
    }).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(StoreUnavailableError);
    const wrong = new URL(TEST_DATABASE_URL);
    wrong.pathname = '/no_such_db_c17';
    const missing = await checkPostgresStore({ connectionString: wrong.toString() }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect((missing as ConfigurationError).problems[0]).toMatch(/^connectionString: .*(3D000)/);
    const bad = await checkPostgresStore({ connectionString: 'postgres://x:s3cret-pw@:bad' }).catch(
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(ConfigurationError);
    expect(String(down) + String(bad) + String((bad as Error).stack)).not.toContain('s3cret-pw');
  });

  it('reports every bad option together', async () => {
    const error = await createPostgresStore({
      scope: '',
      tablePrefix: 'Bad-Prefix',
      connectionString: TEST_DATABASE_URL,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toHaveLength(2);
  });
});

afterAll(async () => {
  if (!available) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DELETE FROM ocop_state_records WHERE scope LIKE $1`, [`${RUN}-%`]);
  await client.query(`DELETE FROM ocop_state_heads WHERE scope LIKE $1`, [`${RUN}-%`]);
  await client.end();
});
