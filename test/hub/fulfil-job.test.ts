/**
 * #17 trial item 1: fulfilment runs as a hub job (`fulfil`), under the cooperative's lock, with per-order
 * counts in the result and the log; a re-run after a worker died between the carrier's commit and its
 * answer creates no second parcel at ViettelPost.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { type CooperativeConfig, createHub, createJobQueue, startWorker } from '../../src/hub/index.js';
import {
  startViettelPostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
} from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { serviceAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/services.js';
import { CATEGORIES, makeJpeg, makeProduct } from '../sync/helpers.js';

const available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));

describe.runIf(available)('hub fulfil job', () => {
  let shop: MarketplaceSandbox;
  let vtp: ViettelPostSandbox;
  const scopePrefix = `test-fulfil-job-${randomUUID().slice(0, 8)}-`;

  beforeAll(async () => {
    shop = await startVosoSandbox({ rateLimitRps: 50 });
    vtp = await startViettelPostSandbox({ stepMs: 0 });
  });
  afterAll(async () => {
    await shop?.close();
    await vtp?.close();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query('DELETE FROM ocop_state_records WHERE scope LIKE $1', [`${scopePrefix}%`]);
    await client.query('DELETE FROM ocop_state_heads WHERE scope LIKE $1', [`${scopePrefix}%`]);
    await client.end();
  });

  it('ships every ready order once; a re-run after a lost carrier answer makes no second parcel', async () => {
    const queueName = `test-${randomUUID()}`;
    const cooperatives: CooperativeConfig[] = [
      {
        id: 'coop-ship',
        marketplaces: [
          {
            platform: 'voso',
            account: 'ship',
            baseUrl: shop.baseUrl,
            credentials: { username: shop.credentials.username, password: shop.credentials.password },
            retry: { initialDelayMs: 5 },
          },
        ],
        carriers: [
          {
            platform: 'viettelpost',
            baseUrl: vtp.url,
            credentials: vtp.memberCredentials,
            retry: { initialDelayMs: 5 },
          },
        ],
        categories: CATEGORIES,
        sender: SENDER_2025,
      },
      {
        id: 'coop-no-carrier',
        marketplaces: [
          {
            platform: 'voso',
            account: 'nc',
            baseUrl: shop.baseUrl,
            credentials: { username: shop.credentials.username, password: shop.credentials.password },
          },
        ],
        categories: CATEGORIES,
      },
    ];
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const hub = createHub({
      cooperatives,
      store: (id) =>
        createPostgresStore({ connectionString: TEST_DATABASE_URL, scope: `${scopePrefix}${id}` }),
    });
    await (await hub.connector('coop-ship')).publish([
      makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
    ]);
    const first = shop.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
    const second = shop.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 2 });
    if (!first.ok || !second.ok) throw new Error('orders not placed');

    const worker = await startWorker({
      hub,
      redisUrl: TEST_REDIS_URL,
      queueName,
      logger: createLogger({ level: 'info', destination: stream }),
    });
    const queue = await createJobQueue({ redisUrl: TEST_REDIS_URL, queueName });
    try {
      // The worker dies between ViettelPost's commit and its answer for the first create: the carrier
      // holds the parcel, the job did not learn its waybill.
      vtp.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
      const { id } = await queue.add({ cooperative: 'coop-ship', kind: 'fulfil' });
      const result = await queue.waitFor(id, 60_000);
      expect(result.kind).toBe('fulfil');
      expect(result.orders?.failed).toBe(0);
      expect((result.orders?.shipped ?? 0) + (result.orders?.waybill_pending ?? 0)).toBe(2);
      const live = () => vtp.state.orders().filter((o) => !o.deleted);
      expect(live()).toHaveLength(2);

      // Re-run (what a retried or re-added job does): no second parcel for either order.
      const again = await queue.waitFor(
        (await queue.add({ cooperative: 'coop-ship', kind: 'fulfil' })).id,
        60_000,
      );
      expect(again.orders?.failed).toBe(0);
      expect(again.orders?.shipped).toBe(0);
      const third = await queue.waitFor(
        (await queue.add({ cooperative: 'coop-ship', kind: 'fulfil' })).id,
        60_000,
      );
      expect(third.orders?.shipped).toBe(0);
      expect(live()).toHaveLength(2);
      const references = new Set(live().map((o) => o.reference));
      expect(references.size).toBe(2);
      for (const reference of references) expect(vtp.state.ordersByReference(reference)).toHaveLength(1);

      const status = await queue.status(id);
      expect(status?.state).toBe('completed');
      expect(status?.progress?.orders).toEqual(result.orders);
      const ended = lines.filter((l) => l.msg === 'job finished' && l.job === id);
      expect(ended).toEqual([
        expect.objectContaining({ kind: 'fulfil', outcome: 'completed', orders: result.orders }),
      ]);

      // No carrier configured: failed once, not retried, saying what to do.
      const { id: bad } = await queue.add({ cooperative: 'coop-no-carrier', kind: 'fulfil' });
      // The reason in each language on its own (a run in one language shows one).
      await expect(queue.waitFor(bad, 30_000)).rejects.toMatchObject({
        messageVi: expect.stringMatching(/HTX coop-no-carrier không có hãng vận chuyển/),
        messageEn: expect.stringMatching(/cooperative coop-no-carrier has no carriers/),
      });
      expect((await queue.status(bad))?.attemptsMade).toBe(1);
    } finally {
      await queue.close();
      await worker.close();
      await hub.close();
    }
  }, 120_000);
});
