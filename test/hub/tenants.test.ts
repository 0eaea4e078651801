import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createLogger } from '../../src/core/logger.js';
import { type CooperativeConfig, createHub, type Hub } from '../../src/hub/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/index.js';
import { CATEGORIES, makeJpeg, makeProduct } from '../sync/helpers.js';

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

const vosoAccount = (box: MarketplaceSandbox, account: string) => ({
  platform: 'voso' as const,
  account,
  baseUrl: box.baseUrl,
  credentials: { username: box.credentials.username, password: box.credentials.password },
  retry: { initialDelayMs: 5 },
});

describe('hub: many cooperatives in one deployment', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });

  it('keeps cooperatives apart: own accounts, own state, own log lines — even with the same SKU', async () => {
    const shopA = await startVosoSandbox({
      credentials: { username: 'htx-vinh-linh', password: 'pw-a-secret' },
    });
    const shopB = await startVosoSandbox({
      credentials: { username: 'htx-gio-linh', password: 'pw-b-secret' },
    });
    open.push(shopA, shopB);
    const stores = new Map<string, MemoryStore>();
    const { lines, logger } = lineCollector();
    const cooperatives: CooperativeConfig[] = [
      { id: 'htx-vinh-linh', marketplaces: [vosoAccount(shopA, 'shop-a')], categories: CATEGORIES },
      { id: 'htx-gio-linh', marketplaces: [vosoAccount(shopB, 'shop-b')], categories: CATEGORIES },
    ];
    const hub: Hub = createHub({
      cooperatives,
      logger,
      store: async (id) => {
        const store = createMemoryStore();
        stores.set(id, store);
        return store;
      },
    });
    open.push(hub);

    const same = makeProduct(1, [await makeJpeg(1)]);
    const a = await hub.connector('htx-vinh-linh');
    const reportA = await a.publish([{ ...same, name: `${same.name} Vĩnh Linh` }]);
    expect(reportA.items.map((i) => i.outcome)).toEqual(['created']);
    // B has not published: nothing of A's is in B's shop or B's store.
    expect(shopB.state.listings()).toHaveLength(0);
    const b = await hub.connector('htx-gio-linh');
    const reportB = await b.publish([{ ...same, name: `${same.name} Gio Linh` }]);
    expect(reportB.items.map((i) => i.outcome)).toEqual(['created']); // not "unchanged" from A's record

    expect(shopA.state.listings().map((l) => l.title)).toEqual([expect.stringContaining('Vĩnh Linh')]);
    expect(shopB.state.listings().map((l) => l.title)).toEqual([expect.stringContaining('Gio Linh')]);
    const recordA = await stores
      .get('htx-vinh-linh')!
      .getListing({ platform: 'voso', account: 'shop-a', sku: same.sku });
    const recordB = await stores
      .get('htx-gio-linh')!
      .getListing({ platform: 'voso', account: 'shop-b', sku: same.sku });
    expect(recordA?.remoteListingId).toBe(String(shopA.state.listings()[0]!.id));
    expect(recordB?.remoteListingId).toBe(String(shopB.state.listings()[0]!.id));
    expect(await stores.get('htx-gio-linh')!.listListings('voso', 'shop-a')).toEqual([]);

    // Every line says whose work it is, and lines about one account never name the other cooperative.
    expect(lines.some((l) => l.account === 'shop-a')).toBe(true);
    expect(lines.some((l) => l.account === 'shop-b')).toBe(true);
    for (const line of lines) {
      expect(line.cooperative).toMatch(/^htx-(vinh|gio)-linh$/);
      if (line.account === 'shop-a') expect(line.cooperative).toBe('htx-vinh-linh');
      if (line.account === 'shop-b') expect(line.cooperative).toBe('htx-gio-linh');
    }
    const text = JSON.stringify(lines);
    expect(text).not.toContain('pw-a-secret');
    expect(text).not.toContain('pw-b-secret');

    // The connectors hold only their own cooperative's adapters.
    expect(a.marketplaces.map((m) => m.account)).toEqual(['shop-a']);
    expect(b.marketplaces.map((m) => m.account)).toEqual(['shop-b']);
    await expect(hub.connector('htx-cam-lo')).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('refuses a bad configuration with every problem named (and no credential value)', () => {
    const error = (() => {
      try {
        createHub({
          store: async () => createMemoryStore(),
          cooperatives: [
            { id: 'a', marketplaces: [] },
            {
              id: 'a',
              marketplaces: [{ platform: 'voso', credentials: { username: 'u', password: 'p-secret' } }],
            },
            {
              id: 'bad id!',
              marketplaces: [
                { platform: 'lazada' as 'voso', credentials: { username: 'u', password: 'p-secret' } },
              ],
              carriers: [
                { platform: 'dhl' as 'viettelpost', credentials: { username: 'u', password: 'p-secret' } },
              ],
            },
          ],
        });
      } catch (e) {
        return e as ConfigurationError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.problems).toEqual([
      'cooperatives[0].marketplaces: cần ít nhất một tài khoản sàn / cooperatives[0].marketplaces: needs at least one account',
      'cooperatives[1].id: mã HTX "a" bị dùng hai lần / cooperatives[1].id: cooperative id "a" is used twice',
      'cooperatives[2].id: mã HTX "bad id!" không hợp lệ: 1–200 ký tự, chỉ chữ, số và các dấu . _ : @ - \'/\' / cooperatives[2].id: cooperative id "bad id!" is invalid: 1–200 letters, digits and the signs . _ : @ - \'/\' only',
      'cooperatives[2].marketplaces: sàn "lazada" không được hỗ trợ / cooperatives[2].marketplaces: unknown platform "lazada"',
      'cooperatives[2].carriers: hãng vận chuyển "dhl" không được hỗ trợ / cooperatives[2].carriers: unknown platform "dhl"',
    ]);
    expect(String(error?.message)).not.toContain('p-secret');
  });
});
