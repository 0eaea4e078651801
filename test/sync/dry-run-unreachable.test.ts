import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { voso } from '../../src/platforms/voso/index.js';
import { startPostmartSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { publish } from '../../src/sync/index.js';
import { adaptersFor, CATEGORIES, makeProduct } from './helpers.js';

/**
 * #14 trial MEDIUM 2: a dry run against an unreachable platform retried for every product (4,000 items
 * failed with NetworkError after 14.6 s of retries). It now fails once per platform: the first read that
 * finds the platform unreachable marks it, every later item there fails at once with that one bilingual
 * error and sends nothing; the other platform is planned as usual.
 */
describe('dry run with one platform unreachable', () => {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('fails once per platform, quickly, and plans the other platform', async () => {
    // A host that accepts each connection and drops it at once: every request is a network failure.
    let connections = 0;
    server = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const pm = await startPostmartSandbox();
    const down = voso({
      baseUrl: `http://127.0.0.1:${port}`,
      credentials: { username: 'htx', password: 'secret-pass' },
      retry: { retries: 4, initialDelayMs: 50, maxDelayMs: 200 },
    });
    const { adapters, close } = adaptersFor(
      { baseUrl: 'http://127.0.0.1:1', credentials: { username: 'x', password: 'y' } },
      pm,
    );
    const postmart = adapters[1]!;
    const rows = 400;
    const catalog = Array.from({ length: rows }, (_, i) =>
      makeProduct(i, [], { images: [{ url: `https://cdn.example.vn/${i}.jpg` }] }),
    );
    try {
      const report = await publish(catalog, {
        to: [down, postmart],
        store: createMemoryStore(),
        categories: CATEGORIES,
        dryRun: true,
      });
      const vosoItems = report.items.filter((i) => i.platform === 'voso');
      const pmItems = report.items.filter((i) => i.platform === 'postmart');
      expect(pmItems.filter((i) => i.outcome === 'planned')).toHaveLength(rows);
      expect(vosoItems).toHaveLength(rows);
      expect(vosoItems.every((i) => i.outcome === 'failed' && i.error?.kind === 'network')).toBe(true);
      // One error for the platform, said in both languages, naming it.
      expect(new Set(vosoItems.map((i) => i.error))).toHaveProperty('size', 1);
      expect(vosoItems[0]!.error!.message).toMatch(/Không kết nối được sàn voso/);
      expect(vosoItems[0]!.error!.message).toMatch(/voso \(.*\) is unreachable: item not planned/);
      // A handful of attempts for the whole catalog, not a retry chain per product.
      expect(connections).toBeLessThanOrEqual(12);
    } finally {
      await down.close();
      await close();
      await pm.close();
    }
  });
});
