import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { serviceAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/services.js';
import { CATEGORIES } from '../sync/helpers.js';
import { runCli, writeCatalogWithImages } from './helpers.js';
import { forgetHubScopes, startHubWorker, writeHubFile } from './hub-worker.js';

const available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));

describe.runIf(available)('CLI: worker and jobs (hub)', () => {
  let dir: string;
  let shop: MarketplaceSandbox;
  const coop = `cli-hub-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ocop-cli-hub-'));
    shop = await startVosoSandbox();
  });
  afterAll(async () => {
    await shop?.close();
    await rm(dir, { recursive: true, force: true });
    await forgetHubScopes([coop]);
  });

  it('a worker started from hub.json runs a publish job added by `jobs add --wait`; secrets come from env:', async () => {
    const products = await writeCatalogWithImages(dir, 'catalog.json', 'p', 400, 3);
    const queue = `cli-${randomUUID()}`;
    const hubFile = join(dir, 'hub.json');
    await writeHubFile(hubFile, {
      queue,
      cooperatives: [
        {
          id: coop,
          catalog: 'catalog.json',
          categories: CATEGORIES,
          marketplaces: [
            {
              platform: 'voso',
              account: 'shop-1',
              baseUrl: shop.baseUrl,
              credentials: { username: shop.credentials.username, password: 'env:TEST_VOSO_PASSWORD' },
            },
          ],
        },
      ],
    });
    const env = { ...process.env, OCOP_LANG: 'en', TEST_VOSO_PASSWORD: shop.credentials.password };
    // Run from the repository (tsx reads its tsconfig paths there); the hub file holds absolute paths.
    const worker = startHubWorker(hubFile, env);
    try {
      await worker.ready();
      expect(worker.output).toContain('worker ready: 1 cooperatives');
      const added = await runCli(
        ['--lang', 'en', 'jobs', 'add', 'publish', '--hub', hubFile, '--cooperative', coop, '--wait'],
        {
          env,
        },
      );
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(/job \S+ queued/);
      expect(added.stdout).toMatch(/voso\/shop-1\s+3\s+0\s+0\s+0\s+0/);
      expect(
        shop.state
          .listings()
          .map((l) => l.sellerSku)
          .sort(),
      ).toEqual(products.map((p) => p.sku).sort());
      const id = /job (\S+) queued/.exec(added.stdout)?.[1] ?? '';
      const status = await runCli(['--lang', 'en', 'jobs', 'status', id, '--hub', hubFile], { env });
      expect(status.stdout).toContain(`${id}: completed`);
      expect(status.stdout).toContain('voso/shop-1: 3/3');
      expect(added.stdout + status.stdout + worker.output).not.toContain(shop.credentials.password);
    } finally {
      await worker.stop();
    }
    expect(worker.output).toContain('worker stopped');
    // The worker logs each job's start and end (pino JSON on stderr), with nothing secret in them.
    const logs = worker.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const jobLines = logs.filter((l) => l.msg === 'job started' || l.msg === 'job finished');
    expect(jobLines.map((l) => l.msg)).toEqual(['job started', 'job finished']);
    expect(jobLines[1]).toMatchObject({
      cooperative: coop,
      kind: 'publish',
      outcome: 'completed',
      items: { created: 3, updated: 0, unchanged: 0, held: 0, failed: 0, invalid: 0 },
    });
    expect(typeof jobLines[1]?.job).toBe('string');
    expect(jobLines[1]?.durationMs).toBeGreaterThan(0);
  }, 90_000);

  it('jobs add --wait: a publish whose products are held is a failed job — reason, counts, exit 1; the worker logs "held"', async () => {
    const held = `${coop}-held`;
    // The shop sells a product typed by hand and match never ran: every create is held (#19).
    const handShop = await startVosoSandbox({
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
    const products = await writeCatalogWithImages(dir, 'held.json', 'h', 450, 2);
    const hubFile = join(dir, 'held-hub.json');
    await writeHubFile(hubFile, {
      queue: `cli-held-${randomUUID()}`,
      cooperatives: [
        {
          id: held,
          catalog: 'held.json',
          categories: CATEGORIES,
          marketplaces: [
            {
              platform: 'voso',
              account: 'shop-hm',
              baseUrl: handShop.baseUrl,
              credentials: {
                username: handShop.credentials.username,
                password: handShop.credentials.password,
              },
            },
          ],
        },
      ],
    });
    const worker = startHubWorker(hubFile);
    try {
      await worker.ready();
      const sku = products[0]!.sku;
      const added = await runCli([
        '--lang',
        'en',
        'jobs',
        'add',
        'publish',
        '--hub',
        hubFile,
        '--cooperative',
        held,
        '--wait',
      ]);
      expect(added.code).toBe(1);
      const id = /job (\S+) queued/.exec(added.stdout)?.[1] ?? '';
      expect(added.stdout).toContain(`✗ job ${id} failed (attempt 1): `);
      expect(added.stdout).toContain(
        `voso/shop-hm: 2 held (row 1, SKU ${sku}, link.not_matched: not created: the account voso/shop-hm already has 1 listings`,
      );
      // One language per run (trial 5 item 18): the English run prints the English reason only.
      expect(added.stdout).not.toContain('chưa tạo (dòng');
      expect(added.stdout).toMatch(/platform\s+created\s+updated\s+unchanged\s+held\s+failed\s+invalid/);
      expect(added.stdout).toMatch(/voso\/shop-hm\s+0\s+0\s+0\s+2\s+0\s+0/);
      expect(handShop.state.listings().map((l) => l.sellerSku)).toEqual(['TAY-01']);
      const status = await runCli(['jobs', 'status', id, '--hub', hubFile]);
      expect(status.stdout).toContain(`${id}: failed — `);
      expect(status.stdout).toContain(`voso/shop-hm: 2 chưa tạo (dòng 1, SKU ${sku}, link.not_matched`);
      expect(status.stdout).not.toContain('2 held (row');
      expect(status.stdout).toMatch(
        /sàn\s+tạo mới\s+cập nhật\s+không đổi\s+chưa tạo\s+thất bại\s+không hợp lệ/,
      );
      expect(status.stdout).toMatch(/voso\/shop-hm\s+0\s+0\s+0\s+2\s+0\s+0/);
      // A failed job is reported with the exit code of `jobs add --wait` for it (#17 item 3).
      expect(status.code).toBe(1);
      expect(added.stdout + status.stdout + worker.output).not.toContain(handShop.credentials.password);
    } finally {
      await worker.stop();
      await handShop.close();
      await forgetHubScopes([held]);
    }
    const finished = worker.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'job finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({
      cooperative: held,
      outcome: 'held',
      level: 40,
      items: { created: 0, updated: 0, unchanged: 0, held: 2, failed: 0, invalid: 0 },
    });
  }, 90_000);

  it('jobs status of a dry-run job shows the planned column; a completed job exits 0 (#17 item 3)', async () => {
    const dry = `${coop}-dry`;
    const box = await startVosoSandbox();
    await writeCatalogWithImages(dir, 'dry.json', 'd', 470, 2);
    const hubFile = join(dir, 'dry-hub.json');
    await writeHubFile(hubFile, {
      queue: `cli-dry-${randomUUID()}`,
      cooperatives: [
        {
          id: dry,
          catalog: 'dry.json',
          categories: CATEGORIES,
          marketplaces: [
            {
              platform: 'voso',
              account: 'shop-dry',
              baseUrl: box.baseUrl,
              credentials: { username: box.credentials.username, password: box.credentials.password },
            },
          ],
        },
      ],
    });
    const worker = startHubWorker(hubFile);
    try {
      await worker.ready();
      const args = ['jobs', 'add', 'publish', '--hub', hubFile, '--cooperative', dry, '--dry-run', '--wait'];
      const added = await runCli(['--lang', 'en', ...args]);
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const id = /job (\S+) queued/.exec(added.stdout)?.[1] ?? '';
      const header = /platform\s+created\s+updated\s+unchanged\s+held\s+failed\s+invalid\s+planned/;
      expect(added.stdout).toMatch(header);
      expect(added.stdout).toMatch(/voso\/shop-dry\s+0\s+0\s+0\s+0\s+0\s+0\s+2/);
      const status = await runCli(['--lang', 'en', 'jobs', 'status', id, '--hub', hubFile]);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(`${id}: completed`);
      expect(status.stdout).toMatch(header);
      expect(status.stdout).toMatch(/voso\/shop-dry\s+0\s+0\s+0\s+0\s+0\s+0\s+2/);
      const vi = await runCli(['jobs', 'status', id, '--hub', hubFile]);
      expect(vi.stdout).toMatch(/không hợp lệ\s+dự kiến/);
      expect(box.state.listings()).toEqual([]);
    } finally {
      await worker.stop();
      await box.close();
      await forgetHubScopes([dry]);
    }
  }, 90_000);

  it('names the missing environment variable and the bad fields, in Vietnamese by default', async () => {
    const hubFile = join(dir, 'bad-hub.json');
    await writeFile(
      hubFile,
      JSON.stringify({
        databaseUrl: TEST_DATABASE_URL,
        cooperatives: [
          {
            id: 'x',
            marketplaces: [
              { platform: 'voso', credentials: { username: 'u', password: 'env:NOT_SET_ANYWHERE' } },
            ],
          },
        ],
      }),
    );
    const run = await runCli(['worker', '--hub', hubFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'cooperatives[0].marketplaces[0].credentials.password: biến môi trường NOT_SET_ANYWHERE chưa đặt',
    );
    await writeFile(
      hubFile,
      JSON.stringify({ databaseUrl: TEST_DATABASE_URL, cooperatives: [{ id: 'x', marketplace: [] }] }),
    );
    const en = await runCli(['--lang', 'en', 'worker', '--hub', hubFile]);
    expect(en.code).toBe(2);
    // Paths written one way in every problem (#17 item 5): cooperatives[0].…, as the hub's own checks.
    expect(en.stderr).toContain('cooperatives[0].marketplaces: is required but missing');
  });

  it('worker and jobs add refuse the same bad hub file (what createHub refuses) and exit at once instead of hanging', async () => {
    const hubFile = join(dir, 'dup-hub.json');
    const account = {
      platform: 'voso',
      account: 'x',
      credentials: { username: 'u', password: 'p-secret-1' },
    };
    await writeHubFile(hubFile, {
      cooperatives: [
        { id: 'htx a', marketplaces: [account] },
        { id: 'htx-b', marketplaces: [account, account] },
      ],
    });
    const problemsVi = [
      'cooperatives[0].id: mã HTX "htx a" không hợp lệ',
      'cooperatives[1].marketplaces: tài khoản voso/x khai báo hai lần',
    ];
    const worker = await runCli(['worker', '--hub', hubFile], { timeoutMs: 30_000 });
    expect(worker.code).toBe(2);
    for (const p of problemsVi) expect(worker.stderr).toContain(p);
    expect(worker.stderr).toContain(`Tệp hub ${hubFile} sai (2 lỗi)`);
    const add = await runCli(['jobs', 'add', 'publish', '--hub', hubFile, '--cooperative', 'htx-b'], {
      timeoutMs: 30_000,
    });
    expect(add.code).toBe(2);
    expect(add.stderr).toBe(worker.stderr);
    const en = await runCli(['--lang', 'en', 'worker', '--hub', hubFile], { timeoutMs: 30_000 });
    expect(en.stderr).toContain('cooperatives[1].marketplaces: voso/x is listed twice');
    expect(worker.stderr + add.stderr + en.stderr).not.toContain('p-secret-1');
  }, 60_000);

  it('a worker that cannot reach Redis or PostgreSQL says so in the chosen language and exits 2', async () => {
    const base = {
      cooperatives: [
        { id: 'htx-x', marketplaces: [{ platform: 'voso', credentials: { username: 'u', password: 'p' } }] },
      ],
    };
    const noRedis = join(dir, 'no-redis.json');
    await writeFile(
      noRedis,
      JSON.stringify({
        ...base,
        databaseUrl: TEST_DATABASE_URL,
        redisUrl: 'redis://:redis-secret@127.0.0.1:1',
      }),
    );
    const started = Date.now();
    const vi = await runCli(['worker', '--hub', noRedis], { timeoutMs: 30_000 });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain(
      'Không kết nối được Redis: Redis at 127.0.0.1:1 cannot be reached (ECONNREFUSED)',
    );
    expect(vi.stderr).toContain(`Kiểm tra redisUrl trong ${noRedis}`);
    expect(vi.stderr).not.toContain('redis-secret');
    const en = await runCli(['--lang', 'en', 'worker', '--hub', noRedis], { timeoutMs: 30_000 });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('Cannot connect to Redis');
    expect(en.stderr).toContain('the worker did not start');
    const add = await runCli(
      ['--lang', 'en', 'jobs', 'add', 'publish', '--hub', noRedis, '--cooperative', 'htx-x'],
      {
        timeoutMs: 30_000,
      },
    );
    expect(add.code).toBe(2);
    expect(add.stderr).toContain('Cannot connect to Redis');
    expect(add.stderr).toContain('no job was added');
    const noDatabase = join(dir, 'no-db.json');
    await writeFile(
      noDatabase,
      JSON.stringify({
        ...base,
        databaseUrl: 'postgres://postgres:db-secret@127.0.0.1:1/test',
        redisUrl: TEST_REDIS_URL,
      }),
    );
    const db = await runCli(['--lang', 'en', 'worker', '--hub', noDatabase], { timeoutMs: 30_000 });
    expect(db.code).toBe(2);
    expect(db.stderr).toContain('Cannot connect to PostgreSQL');
    expect(db.stderr).not.toContain('db-secret');
    expect(Date.now() - started).toBeLessThan(40_000);
  }, 60_000);

  it('jobs add and jobs status check PostgreSQL too: unreachable or refusing, exit 2 in the chosen language, nothing queued (#17 item 4)', async () => {
    const queue = `cli-nodb-${randomUUID()}`;
    const base = {
      redisUrl: TEST_REDIS_URL,
      queue,
      cooperatives: [
        { id: 'htx-x', marketplaces: [{ platform: 'voso', credentials: { username: 'u', password: 'p' } }] },
      ],
    };
    const noDatabase = join(dir, 'jobs-no-db.json');
    await writeFile(
      noDatabase,
      JSON.stringify({ ...base, databaseUrl: 'postgres://postgres:db-secret@127.0.0.1:1/test' }),
    );
    const unknownDatabase = join(dir, 'jobs-unknown-db.json');
    const wrongDb = new URL(TEST_DATABASE_URL);
    wrongDb.pathname = `/no_such_db_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    await writeFile(unknownDatabase, JSON.stringify({ ...base, databaseUrl: wrongDb.toString() }));
    const { Queue } = await import('bullmq');
    const q = new Queue(queue, { connection: { url: TEST_REDIS_URL } });
    try {
      const add = ['jobs', 'add', 'publish', '--hub', noDatabase, '--cooperative', 'htx-x'];
      const en = await runCli(['--lang', 'en', ...add], { timeoutMs: 30_000 });
      expect(en.code).toBe(2);
      expect(en.stdout).not.toContain('queued');
      expect(en.stderr).toContain('Cannot connect to PostgreSQL');
      expect(en.stderr).toContain(`Check databaseUrl in ${noDatabase}`);
      expect(en.stderr).toContain('no job was added');
      const vi = await runCli(add, { timeoutMs: 30_000 });
      expect(vi.code).toBe(2);
      expect(vi.stderr).toContain('Không kết nối được PostgreSQL');
      expect(vi.stderr).toContain('chưa thêm việc nào');
      const status = await runCli(['--lang', 'en', 'jobs', 'status', '1', '--hub', noDatabase], {
        timeoutMs: 30_000,
      });
      expect(status.code).toBe(2);
      expect(status.stderr).toContain('Cannot connect to PostgreSQL');
      expect(status.stderr).toContain('no status read');
      const unknown = await runCli(
        ['--lang', 'en', 'jobs', 'add', 'publish', '--hub', unknownDatabase, '--cooperative', 'htx-x'],
        { timeoutMs: 30_000 },
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('PostgreSQL refused: the database does not exist (3D000)');
      // One language in a run (no "vi / en" text in the English one).
      expect(unknown.stderr).not.toContain('cơ sở dữ liệu');
      expect(unknown.stderr).toContain(`Check databaseUrl in ${unknownDatabase}`);
      expect(en.stderr + vi.stderr + status.stderr + unknown.stderr).not.toContain('db-secret');
      expect(await q.getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });
    } finally {
      await q.obliterate({ force: true });
      await q.close();
    }
  }, 60_000);

  it('jobs add --dedupe: ids with ":" work, and the same key says the job already exists with its id and state', async () => {
    const queue = `cli-dedupe-${randomUUID()}`;
    const hubFile = join(dir, 'dedupe-hub.json');
    await writeHubFile(hubFile, {
      queue,
      cooperatives: [
        {
          id: 'tinh:htx-1',
          catalog: 'catalog.json',
          marketplaces: [{ platform: 'voso', credentials: { username: 'u', password: 'p' } }],
        },
      ],
    });
    const args = [
      'jobs',
      'add',
      'publish',
      '--hub',
      hubFile,
      '--cooperative',
      'tinh:htx-1',
      '--dedupe',
      '2026-12:v1',
    ];
    try {
      const first = await runCli(['--lang', 'en', ...args]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('job tinh%3Ahtx-1|publish|2026-12%3Av1 queued');
      const again = await runCli(['--lang', 'en', ...args]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(
        'job tinh%3Ahtx-1|publish|2026-12%3Av1 already exists (waiting): nothing added for --dedupe 2026-12:v1',
      );
      expect(again.stdout).not.toContain('queued');
      const vi = await runCli(args);
      expect(vi.stdout).toContain('việc tinh%3Ahtx-1|publish|2026-12%3Av1 đã có (waiting)');
    } finally {
      const { Queue } = await import('bullmq');
      const q = new Queue(queue, { connection: { url: TEST_REDIS_URL } });
      await q.obliterate({ force: true });
      await q.close();
    }
  }, 60_000);
});
