import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import {
  type CooperativeConfig,
  createHub,
  createJobQueue,
  type HubJobResult,
  startWorker,
} from '../../src/hub/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { serviceAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/services.js';
import { CATEGORIES, makeJpeg, makeProduct } from '../sync/helpers.js';

const available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));

async function writeCatalog(dir: string, name: string, count: number, offset: number): Promise<string> {
  const products = [];
  for (let i = 0; i < count; i += 1) {
    const image = join(dir, `${name}-${i}.jpg`);
    await writeFile(image, await makeJpeg(offset + i, 600));
    products.push(makeProduct(offset + i, [], { images: [{ path: image }] }));
  }
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify(products));
  return path;
}

const vosoAccount = (box: MarketplaceSandbox, account: string) => ({
  platform: 'voso' as const,
  account,
  baseUrl: box.baseUrl,
  credentials: { username: box.credentials.username, password: box.credentials.password },
  retry: { initialDelayMs: 5 },
});

/** Collects pino's JSON lines. */
function lineCollector() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination: stream }) };
}

function overlaps(a: HubJobResult, b: HubJobResult): boolean {
  return a.startedAt < b.finishedAt && b.startedAt < a.finishedAt;
}

describe.runIf(available)('hub jobs on BullMQ (Redis) with PostgreSQL stores', () => {
  let dir: string;
  let shopA: MarketplaceSandbox;
  let shopB: MarketplaceSandbox;
  const scopePrefix = `test-jobs-${randomUUID().slice(0, 8)}-`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ocop-hub-'));
    shopA = await startVosoSandbox({ rateLimitRps: 20 });
    shopB = await startVosoSandbox({ rateLimitRps: 20 });
  });
  afterAll(async () => {
    await shopA?.close();
    await shopB?.close();
    await rm(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query('DELETE FROM ocop_state_records WHERE scope LIKE $1', [`${scopePrefix}%`]);
    await client.query('DELETE FROM ocop_state_heads WHERE scope LIKE $1', [`${scopePrefix}%`]);
    await client.end();
  });

  it("runs each cooperative's jobs one at a time across workers, dedupes by key, reports progress", async () => {
    const queueName = `test-${randomUUID()}`;
    const cooperatives: CooperativeConfig[] = [
      {
        id: 'tinh:coop-a',
        marketplaces: [vosoAccount(shopA, 'a')],
        categories: CATEGORIES,
        catalog: await writeCatalog(dir, 'a', 6, 100),
      },
      {
        id: 'coop-b',
        marketplaces: [vosoAccount(shopB, 'b')],
        categories: CATEGORIES,
        catalog: await writeCatalog(dir, 'b', 4, 200),
      },
      {
        id: 'coop-wrong-password',
        marketplaces: [
          {
            ...vosoAccount(shopB, 'wrong'),
            credentials: { username: shopB.credentials.username, password: 'not-the-password' },
          },
        ],
        categories: CATEGORIES,
        catalog: await writeCatalog(dir, 'w', 2, 250),
      },
    ];
    const hub = createHub({
      cooperatives,
      store: (id) =>
        createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: `${scopePrefix}${id}` }),
    });
    const workers = await Promise.all(
      [1, 2].map(() => startWorker({ hub, redisUrl: TEST_REDIS_URL, queueName, concurrency: 2 })),
    );
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    try {
      // ':' in the cooperative id and in the key: BullMQ refuses ':' in job ids, so the parts are escaped.
      const firstAdd = await queue.add(
        { cooperative: 'tinh:coop-a', kind: 'publish' },
        { dedupeKey: 'catalog:v1' },
      );
      const againAdd = await queue.add(
        { cooperative: 'tinh:coop-a', kind: 'publish' },
        { dedupeKey: 'catalog:v1' },
      );
      expect(firstAdd).toEqual({
        id: 'tinh%3Acoop-a|publish|catalog%3Av1',
        existed: false,
        state: 'waiting',
      });
      expect(againAdd.id).toBe(firstAdd.id);
      expect(againAdd.existed).toBe(true);
      expect(['waiting', 'active', 'delayed', 'completed']).toContain(againAdd.state);
      const first = firstAdd.id;
      const sync = (await queue.add({ cooperative: 'tinh:coop-a', kind: 'syncInventory' })).id;
      const republishAdd = await queue.add(
        { cooperative: 'tinh:coop-a', kind: 'publish' },
        { dedupeKey: 'catalog:v2' },
      );
      expect(republishAdd.existed).toBe(false);
      const republish = republishAdd.id;
      const other = (await queue.add({ cooperative: 'coop-b', kind: 'publish' })).id;
      const results = await Promise.all(
        [first, sync, republish, other].map((id) => queue.waitFor(id, 60_000)),
      );
      const [publishA, syncA, republishA, publishB] = results as [
        HubJobResult,
        HubJobResult,
        HubJobResult,
        HubJobResult,
      ];

      // Never two jobs of one cooperative at once, though four job slots were free.
      expect(overlaps(publishA, syncA)).toBe(false);
      expect(overlaps(publishA, republishA)).toBe(false);
      expect(overlaps(syncA, republishA)).toBe(false);

      const created = (r: HubJobResult) => r.platforms?.reduce((n, p) => n + p.created, 0) ?? 0;
      const unchanged = (r: HubJobResult) => r.platforms?.reduce((n, p) => n + p.unchanged, 0) ?? 0;
      expect(created(publishA) + created(republishA)).toBe(6); // whichever ran first created all six
      expect(unchanged(publishA) + unchanged(republishA)).toBe(6);
      expect(created(publishB)).toBe(4);
      expect(publishB.items).toEqual({
        created: 4,
        updated: 0,
        unchanged: 0,
        held: 0,
        failed: 0,
        invalid: 0,
        planned: 0,
      });
      expect(shopA.state.listings()).toHaveLength(6);
      expect(shopB.state.listings()).toHaveLength(4);
      expect(
        shopA.state
          .listings()
          .map((l) => l.sellerSku)
          .sort(),
      ).toEqual(Array.from({ length: 6 }, (_, i) => makeProduct(100 + i).sku).sort());
      const status = await queue.status(other);
      expect(status?.state).toBe('completed');
      expect(status?.progress?.platforms['voso/b']).toMatchObject({ total: 4, done: 4, failed: 0 });

      // Failed items fail the job, with the reason: never "completed" with a wrong password.
      const { id: bad } = await queue.add(
        { cooperative: 'coop-wrong-password', kind: 'publish' },
        { attempts: 1 },
      );
      await expect(queue.waitFor(bad, 60_000)).rejects.toThrow(
        /voso\/wrong: 2 failed \(row 1, SKU \S+, authentication/,
      );
      const badStatus = await queue.status(bad);
      expect(badStatus?.state).toBe('failed');
      expect(badStatus?.failedReason).toMatch(
        /did not complete: voso\/wrong: 2 failed \(row 1, SKU \S+, authentication: .*\) \(created 0, updated 0, unchanged 0, held 0, failed 2, invalid 0\)$/,
      );
      expect(badStatus?.progress?.items).toMatchObject({ created: 0, failed: 2, held: 0 });
      expect(badStatus?.failedReason).not.toContain('not-the-password');
    } finally {
      await queue.close();
      await Promise.all(workers.map((w) => w.close()));
      await hub.close();
    }
  });

  it('a worker whose configuration lacks the cooperative hands the job back without using an attempt; after the grace it fails once, not retried', async () => {
    const queueName = `test-${randomUUID()}`;
    const shop = await startVosoSandbox({ rateLimitRps: 20 });
    const known: CooperativeConfig = {
      id: 'coop-late',
      marketplaces: [vosoAccount(shop, 'late')],
      categories: CATEGORIES,
      catalog: await writeCatalog(dir, 'late', 2, 500),
    };
    const other: CooperativeConfig = {
      ...known,
      id: 'coop-other',
      catalog: await writeCatalog(dir, 'o', 1, 520),
    };
    const store = (id: string) =>
      createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: `${scopePrefix}${id}` });
    // The old worker's hub.json lists only coop-other.
    const oldHub = createHub({ cooperatives: [other], store });
    const { lines, logger } = lineCollector();
    const oldWorker = await startWorker({
      hub: oldHub,
      redisUrl: TEST_REDIS_URL,
      queueName,
      logger,
      unknownCooperativeGraceMs: 60_000,
    });
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    let newHub: ReturnType<typeof createHub> | undefined;
    let newWorker: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const { id } = await queue.add({ cooperative: 'coop-late', kind: 'publish' }, { attempts: 5 });
      for (let i = 0; i < 100 && !lines.some((l) => l.outcome === 'handed back'); i += 1)
        await new Promise((r) => setTimeout(r, 50));
      const handed = lines.find((l) => l.outcome === 'handed back');
      expect(handed).toMatchObject({ job: id, cooperative: 'coop-late', kind: 'publish' });
      const waiting = await queue.status(id);
      expect(waiting?.state).toBe('delayed');
      expect(waiting?.attemptsMade).toBe(0);
      // The old worker is replaced by one whose hub.json has it (a rolling update): it runs the job,
      // which has spent nothing.
      await oldWorker.close();
      newHub = createHub({ cooperatives: [known, other], store });
      newWorker = await startWorker({ hub: newHub, redisUrl: TEST_REDIS_URL, queueName });
      const result = await queue.waitFor(id, 60_000);
      expect(result.platforms?.[0]).toMatchObject({ created: 2, failed: 0 });
      // The completed run is its one attempt: the hand-back used none.
      expect((await queue.status(id))?.attemptsMade).toBe(1);
      expect(shop.state.listings()).toHaveLength(2);
      await newWorker.close();
      newWorker = undefined;

      // No worker knows coop-ghost: after the grace the job fails once, as configuration, not 5 times.
      const strict = await startWorker({
        hub: oldHub,
        redisUrl: TEST_REDIS_URL,
        queueName,
        unknownCooperativeGraceMs: 300,
      });
      try {
        const { id: ghost } = await queue.add(
          { cooperative: 'coop-ghost', kind: 'publish' },
          { attempts: 5 },
        );
        await expect(queue.waitFor(ghost, 30_000)).rejects.toThrow(
          /cooperative "coop-ghost" is not in the configuration \(hub.json\) of any worker/,
        );
        const failed = await queue.status(ghost);
        expect(failed?.state).toBe('failed');
        expect(failed?.attemptsMade).toBe(1);
        expect(failed?.failedReason).toContain('HTX "coop-ghost" không có trong cấu hình');
      } finally {
        await strict.close();
      }
    } finally {
      await queue.close();
      await newWorker?.close();
      await oldWorker.close();
      await newHub?.close();
      await oldHub.close();
      await shop.close();
    }
  }, 90_000);

  it('logs each job start and end (id, cooperative, kind, outcome, duration), redacted, with no listener warning when many items wait at once', async () => {
    const queueName = `test-${randomUUID()}`;
    const shop = await startVosoSandbox({ rateLimitRps: 8 });
    const hub = createHub({
      cooperatives: [
        {
          id: 'coop-log',
          // A tight quota: the job's twelve items all wait for the limiter at once, each listening to
          // the job's abort signal (Node warns above 10 listeners on one signal).
          marketplaces: [{ ...vosoAccount(shop, 'log'), rateLimits: { shared: { requestsPerSecond: 8 } } }],
          categories: CATEGORIES,
          catalog: await writeCatalog(dir, 'log', 12, 600),
        },
        {
          id: 'coop-log-bad',
          marketplaces: [
            {
              ...vosoAccount(shop, 'bad'),
              credentials: { username: shop.credentials.username, password: 'wrong-secret-pw' },
            },
          ],
          categories: CATEGORIES,
          catalog: await writeCatalog(dir, 'logbad', 1, 700),
        },
      ],
      store: (id) =>
        createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: `${scopePrefix}${id}` }),
    });
    const { lines, logger } = lineCollector();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    const worker = await startWorker({ hub, redisUrl: TEST_REDIS_URL, queueName, logger });
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    try {
      const { id } = await queue.add({ cooperative: 'coop-log', kind: 'publish' });
      await queue.waitFor(id, 60_000);
      const { id: bad } = await queue.add({ cooperative: 'coop-log-bad', kind: 'publish' }, { attempts: 1 });
      await expect(queue.waitFor(bad, 60_000)).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 100));
      const mine = lines.filter((l) => l.job === id);
      expect(mine.map((l) => l.msg)).toEqual(['job started', 'job finished']);
      expect(mine[0]).toMatchObject({ cooperative: 'coop-log', kind: 'publish', attempt: 1, level: 30 });
      expect(mine[1]).toMatchObject({ cooperative: 'coop-log', kind: 'publish', outcome: 'completed' });
      expect(mine[1]?.durationMs).toBeGreaterThan(0);
      const failed = lines.filter((l) => l.job === bad);
      expect(failed.map((l) => l.msg)).toEqual(['job started', 'job finished']);
      expect(failed[1]).toMatchObject({ cooperative: 'coop-log-bad', outcome: 'failed', level: 40 });
      expect(String(failed[1]?.err)).toMatch(/authentication/);
      expect(JSON.stringify(lines)).not.toContain('wrong-secret-pw');
      expect(JSON.stringify(lines)).not.toContain(shop.credentials.password);
      // One job's signal reaches every waiting operation of the job at once.
      expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await queue.close();
      await worker.close();
      await hub.close();
      await shop.close();
    }
  }, 90_000);

  it('a configuration error in a job (no catalog to publish) fails it once, not retried, with a short reason (#17 re-trial MEDIUM 2)', async () => {
    const queueName = `test-${randomUUID()}`;
    const shop = await startVosoSandbox({ rateLimitRps: false });
    const hub = createHub({
      cooperatives: [
        { id: 'coop-no-catalog', marketplaces: [vosoAccount(shop, 'nc')], categories: CATEGORIES },
      ],
      store: (id) =>
        createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: `${scopePrefix}${id}` }),
    });
    const worker = await startWorker({ hub, redisUrl: TEST_REDIS_URL, queueName });
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    try {
      const { id } = await queue.add({ cooperative: 'coop-no-catalog', kind: 'publish' }, { attempts: 5 });
      await expect(queue.waitFor(id, 60_000)).rejects.toThrow(/catalog/);
      const status = await queue.status(id);
      expect(status?.state).toBe('failed');
      expect(status?.attemptsMade).toBe(1);
      expect(status?.failedReason?.length).toBeLessThan(1_000);
    } finally {
      await queue.close();
      await worker.close();
      await hub.close();
      await shop.close();
    }
  }, 60_000);

  it('a publish whose items are held fails at once (not retried), with per-item counts and the reason; the log says held', async () => {
    const queueName = `test-${randomUUID()}`;
    // The shop already sells one product typed by hand, and match never ran: creates are held (#19).
    const shop = await startVosoSandbox({
      rateLimitRps: false,
      handMadeListings: [
        {
          sellerSku: 'TAY-01',
          title: 'Mật ong nhà làm',
          description: 'Mật ong nhà làm.',
          category: 'Mật ong',
          weightGrams: 600,
          variants: [{ priceVnd: 120_000, stock: 2 }],
        },
      ],
    });
    const hub = createHub({
      cooperatives: [
        {
          id: 'coop-held',
          marketplaces: [vosoAccount(shop, 'hm')],
          categories: CATEGORIES,
          catalog: await writeCatalog(dir, 'held', 3, 800),
        },
      ],
      store: (id) =>
        createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: `${scopePrefix}${id}` }),
    });
    const { lines, logger } = lineCollector();
    const worker = await startWorker({ hub, redisUrl: TEST_REDIS_URL, queueName, logger });
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    try {
      const { id } = await queue.add({ cooperative: 'coop-held', kind: 'publish' }); // 5 attempts allowed
      await expect(queue.waitFor(id, 60_000)).rejects.toThrow(/voso\/hm: 3 held/);
      const status = await queue.status(id);
      expect(status?.state).toBe('failed');
      expect(status?.attemptsMade).toBe(1); // not retried: only a person's decision changes a hold
      const sku = makeProduct(800).sku;
      expect(status?.failedReason).toContain(
        `voso/hm: 3 chưa tạo (dòng 1, SKU ${sku}, link.not_matched: chưa tạo mới: tài khoản voso/hm đã có 1 tin đăng`,
      );
      expect(status?.failedReason).toContain(
        `voso/hm: 3 held (row 1, SKU ${sku}, link.not_matched: not created: the account voso/hm already has 1 listings`,
      );
      expect(status?.failedReason).toContain(
        '(created 0, updated 0, unchanged 0, held 3, failed 0, invalid 0)',
      );
      expect(status?.progress?.items).toEqual({
        created: 0,
        updated: 0,
        unchanged: 0,
        held: 3,
        failed: 0,
        invalid: 0,
        planned: 0,
      });
      expect(status?.progress?.summary?.[0]).toMatchObject({ platform: 'voso', account: 'hm', held: 3 });
      expect(shop.state.listings().map((l) => l.sellerSku)).toEqual(['TAY-01']);
      await new Promise((r) => setTimeout(r, 100));
      const finished = lines.filter((l) => l.job === id && l.msg === 'job finished');
      expect(finished).toHaveLength(1);
      expect(finished[0]).toMatchObject({
        cooperative: 'coop-held',
        outcome: 'held',
        level: 40,
        items: { created: 0, held: 3, failed: 0 },
      });
    } finally {
      await queue.close();
      await worker.close();
      await hub.close();
      await shop.close();
    }
  }, 90_000);

  it('a worker killed mid-publish: the job finishes once elsewhere, no listing twice', async () => {
    const queueName = `test-${randomUUID()}`;
    const shop = await startVosoSandbox({ rateLimitRps: 8 });
    const count = 24;
    const config = {
      databaseUrl: TEST_DATABASE_URL,
      redisUrl: TEST_REDIS_URL,
      scopePrefix,
      jobLockMs: 2_000,
      cooperatives: [
        {
          id: 'coop-kill',
          marketplaces: [{ ...vosoAccount(shop, 'k'), rateLimits: { shared: { requestsPerSecond: 8 } } }],
          categories: CATEGORIES,
          catalog: await writeCatalog(dir, 'k', count, 300),
        },
      ],
    };
    const configPath = join(dir, 'hub.json');
    await writeFile(configPath, JSON.stringify(config));
    const script = fileURLToPath(new URL('./fixtures/hub-worker.ts', import.meta.url));
    const startChild = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, configPath, queueName], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        child.stdout?.once('data', () => resolve(child));
        child.once('error', reject);
      });
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    const children: ChildProcess[] = [];
    try {
      const { id } = await queue.add({ cooperative: 'coop-kill', kind: 'publish' });
      const doomed = await startChild();
      children.push(doomed);
      // Kill it once some listings exist and others do not.
      for (let i = 0; i < 1200 && shop.state.listings().length < 4; i += 1)
        await new Promise((r) => setTimeout(r, 50));
      expect(shop.state.listings().length).toBeGreaterThan(0);
      expect(shop.state.listings().length).toBeLessThan(count);
      doomed.kill('SIGKILL');
      children.push(await startChild());
      const result = await queue.waitFor(id, 90_000);
      expect(result.platforms?.[0]).toMatchObject({ failed: 0, invalid: 0 });
      const skus = shop.state.listings().map((l) => l.sellerSku);
      expect(skus).toHaveLength(count);
      expect(new Set(skus).size).toBe(count);
      const store = await createPostgresStore({
        connectionString: TEST_DATABASE_URL,
        scope: `${scopePrefix}coop-kill`,
      });
      expect(await store.listListings('voso', 'k')).toHaveLength(count);
      await store.close();
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
      await queue.close();
      await shop.close();
    }
  }, 240_000);
});
