/**
 * #17 trial item 3: a job's reason names the catalog row as `validate` and Excel number it (CSV: the
 * header is row 1, the first product row 2), not the product's position.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/read-catalog.js';
import { createHub, createJobQueue, startWorker } from '../../src/hub/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { serviceAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/services.js';

const available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));
const SEEDS = fileURLToPath(new URL('../../seeds/catalog.csv', import.meta.url));

describe.runIf(available)('hub job reasons: catalog rows', () => {
  const scope = `test-job-rows-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query('DELETE FROM ocop_state_records WHERE scope = $1', [scope]);
    await client.query('DELETE FROM ocop_state_heads WHERE scope = $1', [scope]);
    await client.end();
  });

  it('a held CSV catalog names row 2 for its first product, as validate does', async () => {
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
    // The seeds' first two products, with their images' folder (paths relative to the catalog).
    const lines = (await readFile(SEEDS, 'utf8')).split('\n');
    const dir = await mkdtemp(join(tmpdir(), 'ocop-job-rows-'));
    await symlink(join(dirname(SEEDS), 'images'), join(dir, 'images'));
    const CATALOG = join(dir, 'catalog.csv');
    await writeFile(CATALOG, lines.slice(0, 6).join('\n'));
    const catalog = await readCatalog(CATALOG);
    expect(catalog.productRows[0]).toBe(2);
    const queueName = `test-${randomUUID()}`;
    const hub = createHub({
      cooperatives: [
        {
          id: 'coop-rows',
          catalog: CATALOG,
          categories: { voso: { 'Bột - tinh bột': { categoryId: '1002' } } },
          marketplaces: [
            {
              platform: 'voso',
              account: 'rows',
              baseUrl: shop.baseUrl,
              credentials: { username: shop.credentials.username, password: shop.credentials.password },
            },
          ],
        },
      ],
      store: () => createPostgresStore({ connectionString: TEST_DATABASE_URL, scope }),
    });
    const worker = await startWorker({ hub, redisUrl: TEST_REDIS_URL, queueName });
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    try {
      const { id } = await queue.add({ cooperative: 'coop-rows', kind: 'publish' }, { attempts: 1 });
      await expect(queue.waitFor(id, 60_000)).rejects.toThrow(/held/);
      const reason = (await queue.status(id))?.failedReason ?? '';
      const sku = catalog.products[0]!.sku;
      expect(reason).toContain(`(dòng 2, SKU ${sku}, `);
      expect(reason).toContain(`(row 2, SKU ${sku}, `);

      // #17 trial item 5: a catalog file that does not exist fails on attempt 1, not retried, Vietnamese first.
      const missing = join(dir, 'khong-co.csv');
      const { id: lost } = await queue.add({ cooperative: 'coop-rows', kind: 'publish', catalog: missing });
      await expect(queue.waitFor(lost, 60_000)).rejects.toThrow(/ENOENT/);
      const lostStatus = await queue.status(lost);
      expect(lostStatus?.state).toBe('failed');
      expect(lostStatus?.attemptsMade).toBe(1);
      expect(lostStatus?.failedReason).toBe(
        `không đọc được danh mục của HTX coop-rows: ${missing} (ENOENT); việc không chạy lại: sửa đường dẫn (catalog trong hub.json hoặc --catalog) rồi thêm lại việc / cannot read the catalog of coop-rows: ${missing} (ENOENT); not retried: fix the path (catalog in hub.json or --catalog), then add the job again`,
      );
    } finally {
      await queue.close();
      await worker.close();
      await hub.close();
      await shop.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
