import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { startVosoSandbox } from '../../src/sandbox/voso/index.js';
import { serviceAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/services.js';
import { CATEGORIES, makeJpeg, makeProduct } from '../sync/helpers.js';
import { runCli } from './helpers.js';

const available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

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
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query('DELETE FROM ocop_state_records WHERE scope = $1', [coop]);
    await client.query('DELETE FROM ocop_state_heads WHERE scope = $1', [coop]);
    await client.end();
  });

  it('a worker started from hub.json runs a publish job added by `jobs add --wait`; secrets come from env:', async () => {
    const products = [];
    for (let i = 0; i < 3; i += 1) {
      await writeFile(join(dir, `p${i}.jpg`), await makeJpeg(400 + i, 600));
      products.push(makeProduct(400 + i, [], { images: [{ path: `p${i}.jpg` }] }));
    }
    await writeFile(join(dir, 'catalog.json'), JSON.stringify(products));
    const queue = `cli-${randomUUID()}`;
    const hubFile = join(dir, 'hub.json');
    await writeFile(
      hubFile,
      JSON.stringify({
        databaseUrl: TEST_DATABASE_URL,
        redisUrl: TEST_REDIS_URL,
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
      }),
    );
    const env = { ...process.env, OCOP_LANG: 'en', TEST_VOSO_PASSWORD: shop.credentials.password };
    // Run from the repository (tsx reads its tsconfig paths there); the hub file holds absolute paths.
    const worker = spawn(TSX, [`${ROOT}src/cli/main.ts`, 'worker', '--hub', hubFile], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let workerOut = '';
    worker.stdout.on('data', (c: Buffer) => {
      workerOut += c.toString();
    });
    worker.stderr.on('data', (c: Buffer) => {
      workerOut += c.toString();
    });
    try {
      for (let i = 0; i < 300 && !workerOut.includes('worker ready'); i += 1)
        await new Promise((r) => setTimeout(r, 50));
      expect(workerOut).toContain('worker ready: 1 cooperatives');
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
      expect(added.stdout + status.stdout + workerOut).not.toContain(shop.credentials.password);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('close', r));
    }
    expect(workerOut).toContain('worker stopped');
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
      'Thiếu biến môi trường cho: cooperatives[0].marketplaces[0].credentials.password (NOT_SET_ANYWHERE)',
    );
    await writeFile(
      hubFile,
      JSON.stringify({ databaseUrl: TEST_DATABASE_URL, cooperatives: [{ id: 'x', marketplace: [] }] }),
    );
    const en = await runCli(['--lang', 'en', 'worker', '--hub', hubFile]);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/Invalid hub file .*cooperatives\.0/);
  });
});
