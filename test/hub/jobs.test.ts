import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CooperativeConfig,
  createHub,
  createJobQueue,
  type HubJobResult,
  startWorker,
} from '../../src/hub/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { startVosoSandbox } from '../../src/sandbox/voso/index.js';
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
        id: 'coop-a',
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
      const first = await queue.add({ cooperative: 'coop-a', kind: 'publish' }, { dedupeKey: 'catalog-v1' });
      const again = await queue.add({ cooperative: 'coop-a', kind: 'publish' }, { dedupeKey: 'catalog-v1' });
      expect(again).toBe(first);
      const sync = await queue.add({ cooperative: 'coop-a', kind: 'syncInventory' });
      const republish = await queue.add(
        { cooperative: 'coop-a', kind: 'publish' },
        { dedupeKey: 'catalog-v2' },
      );
      const other = await queue.add({ cooperative: 'coop-b', kind: 'publish' });
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
      const bad = await queue.add({ cooperative: 'coop-wrong-password', kind: 'publish' }, { attempts: 1 });
      await expect(queue.waitFor(bad, 60_000)).rejects.toThrow(/voso\/wrong: 2 failed \(authentication/);
      const badStatus = await queue.status(bad);
      expect(badStatus?.state).toBe('failed');
      expect(badStatus?.failedReason).toMatch(/did not complete: voso\/wrong: 2 failed \(authentication/);
      expect(badStatus?.failedReason).not.toContain('not-the-password');
    } finally {
      await queue.close();
      await Promise.all(workers.map((w) => w.close()));
      await hub.close();
    }
  });

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
      const id = await queue.add({ cooperative: 'coop-kill', kind: 'publish' });
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
