import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { CliError } from '../../src/cli/errors.js';
import { SANDBOX_CONFIG_CATEGORIES } from '../../src/cli/sandbox-categories.js';
import { createConnector } from '../../src/connector.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { voso } from '../../src/platforms/voso/index.js';
import { SANDBOX_CATEGORIES, startVosoSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createImagePreparer, loadSeedCatalog } from '../sync/helpers.js';

describe('SANDBOX_CATEGORIES has the shape of `categories` (#19 trial 5, MEDIUM 5)', () => {
  it('is keyed platform → category: createConnector({ categories: SANDBOX_CATEGORIES }) lists the seeds', async () => {
    expect(Object.keys(SANDBOX_CATEGORIES).sort()).toEqual(['postmart', 'shopee', 'voso']);
    const sandbox = await startVosoSandbox({ rateLimitRps: false });
    const connector = createConnector({
      marketplaces: [voso({ baseUrl: sandbox.baseUrl, credentials: { ...sandbox.credentials } })],
      store: createMemoryStore(),
      categories: SANDBOX_CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
    try {
      const catalog = loadSeedCatalog().filter((p) => p.sku === 'VL-MO' || p.sku === 'VL-TBN');
      const report = await connector.publish(catalog);
      expect(report.items.map((i) => [i.sku, i.outcome])).toEqual([
        ['VL-TBN', 'created'],
        ['VL-MO', 'created'],
      ]);
      expect(sandbox.state.listingBySku('VL-MO')?.categoryId).toBe(1001);
    } finally {
      await connector.close();
      await sandbox.close();
    }
  });

  it('a map keyed the other way round (or by an unknown name) is refused, never silently empty', async () => {
    const marketplaces = [
      voso({ baseUrl: 'http://127.0.0.1:9', credentials: { username: 'u', password: 'p' } }),
    ];
    const turned = { 'Mật ong': { voso: { categoryId: '1001' } } };
    const refused = (() => {
      try {
        createConnector({ marketplaces, store: createMemoryStore(), categories: turned });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigurationError);
    expect((refused as Error).message).toContain('"Mật ong" is not a marketplace');
    expect((refused as Error).message).toContain('không phải tên sàn');
    expect(() =>
      createConnector({
        marketplaces,
        store: createMemoryStore(),
        categories: { voso: { 'Mật ong': {} } } as never,
      }),
    ).toThrow(/categories\.voso\["Mật ong"\]: needs a categoryId/);

    // The CLI's config file is keyed your category → platform: the library's shape there is refused too.
    const dir = await mkdtemp(join(tmpdir(), 'ocop-categories-'));
    const file = join(dir, 'ocop-connect.config.json');
    await writeFile(file, JSON.stringify({ categories: SANDBOX_CATEGORIES }));
    const error = await loadConfig(file, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect(String((error as CliError).message)).toMatch(/categories\."voso"/);
    // Its own shape loads.
    await writeFile(file, JSON.stringify({ categories: SANDBOX_CONFIG_CATEGORIES }));
    expect((await loadConfig(file, {})).categories?.['Mật ong']?.voso?.categoryId).toBe('1001');
  });
});
