/**
 * #17 trial item 2: held products of a hub cooperative are resolved from the CLI — the job's reason names
 * the hub commands; `match --hub --cooperative` records the proposals in that cooperative's PostgreSQL
 * scope (where the workers look), `link --hub --cooperative` records the decisions there, and
 * `jobs add publish --assume-no-existing-listings` creates without match.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { serviceAvailable } from '../support/services.js';
import { CATEGORIES } from '../sync/helpers.js';
import { runCli, writeCatalogWithImages } from './helpers.js';
import { forgetHubScopes, startHubWorker, writeHubFile } from './hub-worker.js';

const available = (await serviceAvailable('PostgreSQL')) && (await serviceAvailable('Redis'));

describe.runIf(available)('CLI: resolving held products of a hub cooperative', () => {
  let dir: string;
  const coops = [`cli-hubonb-${randomUUID().slice(0, 8)}`, `cli-hubonb-${randomUUID().slice(0, 8)}`];
  const shops: MarketplaceSandbox[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ocop-cli-hubonb-'));
  });
  afterAll(async () => {
    for (const s of shops) await s.close();
    await rm(dir, { recursive: true, force: true });
    await forgetHubScopes(coops);
  });

  it('held reason names the hub commands; match/link --hub and --assume-no-existing-listings resolve it', async () => {
    const products = await writeCatalogWithImages(dir, 'catalog.json', 'p', 470, 2);
    // Each shop sells the first product, typed by hand with its SKU, before the hub publishes.
    const handMade = () =>
      startVosoSandbox({
        handMadeListings: [
          {
            sellerSku: products[0]!.sku,
            title: products[0]!.name,
            description: 'Nhập tay.',
            category: 'Mật ong',
            weightGrams: 600,
            variants: [{ priceVnd: 120_000, stock: 2 }],
          },
        ],
      });
    shops.push(await handMade(), await handMade());
    const account = (shop: MarketplaceSandbox, name: string) => ({
      platform: 'voso',
      account: name,
      baseUrl: shop.baseUrl,
      credentials: { username: shop.credentials.username, password: shop.credentials.password },
    });
    const hubFile = join(dir, 'hub.json');
    await writeHubFile(hubFile, {
      queue: `cli-hubonb-${randomUUID()}`,
      cooperatives: coops.map((id, i) => ({
        id,
        catalog: 'catalog.json',
        categories: CATEGORIES,
        marketplaces: [account(shops[i]!, `shop-${i}`)],
      })),
    });
    const worker = startHubWorker(hubFile);
    const publish = (coop: string, ...more: string[]) =>
      runCli([
        '--lang',
        'en',
        'jobs',
        'add',
        'publish',
        '--hub',
        hubFile,
        '--cooperative',
        coop,
        '--wait',
        ...more,
      ]);
    try {
      await worker.ready();
      const [first, second] = coops as [string, string];

      // Held: the reason tells the hub operator what to run, with this cooperative's id.
      const held = await publish(first);
      expect(held.code).toBe(1);
      expect(held.stdout).toContain(
        `run "ocop-connect match <catalog> --hub <hub.json> --cooperative ${first}", then "ocop-connect link <sheet> --catalog <catalog> --hub <hub.json> --cooperative ${first}", or add the job with "jobs add publish --assume-no-existing-listings"`,
      );
      // One language per run (--lang en): the Vietnamese half of the reason is not printed.
      expect(held.stdout).not.toContain('chạy "ocop-connect match');
      expect(shops[0]!.state.listings()).toHaveLength(1);

      // match on the hub: the proposals land in the cooperative's PostgreSQL scope.
      const sheet = join(dir, 'review.csv');
      const match = await runCli([
        '--lang',
        'en',
        'match',
        join(dir, 'catalog.json'),
        '--hub',
        hubFile,
        '--cooperative',
        first,
        '--out',
        sheet,
      ]);
      expect(match.code).toBe(0);
      expect(match.stdout).not.toContain('SANDBOX');
      expect(match.stdout).toContain(`--hub ${hubFile} --cooperative ${first}`);
      const rows = parse(await readFile(sheet, 'utf8'), { columns: true, bom: true }) as Record<
        string,
        string
      >[];
      expect(
        rows.map(
          (r) => r['Mã SKU sản phẩm'] ?? r['Mã SKU'] ?? Object.values(r).find((v) => v === products[0]!.sku),
        ),
      ).toContain(products[0]!.sku);

      // link on the hub: the clerk accepts the proposal; the next publish job updates it, creates the other.
      for (const r of rows) r['Quyết định'] = 'đồng ý';
      const headers = Object.keys(rows[0]!);
      await writeFile(
        sheet,
        [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
          .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
          .join('\n'),
        'utf8',
      );
      const link = await runCli([
        '--lang',
        'en',
        'link',
        sheet,
        '--catalog',
        join(dir, 'catalog.json'),
        '--hub',
        hubFile,
        '--cooperative',
        first,
      ]);
      expect(link.code).toBe(0);
      const after = await publish(first);
      expect(after.code).toBe(0);
      expect(after.stdout).toMatch(/voso\/shop-0\s+1\s+1\s+0\s+0\s+0\s+0/);
      expect(
        shops[0]!.state
          .listings()
          .map((l) => l.sellerSku)
          .sort(),
      ).toEqual(products.map((p) => p.sku).sort());

      // The other cooperative: no match, the operator is sure — nothing held: the listing carrying the
      // first product's SKU is taken over (updated), the second product created.
      const assumed = await publish(second, '--assume-no-existing-listings');
      expect(assumed.code).toBe(0);
      expect(assumed.stdout).toMatch(/voso\/shop-1\s+1\s+1\s+0\s+0\s+0\s+0/);
      expect(
        shops[1]!.state
          .listings()
          .map((l) => l.sellerSku)
          .sort(),
      ).toEqual(products.map((p) => p.sku).sort());

      // One without the other is a usage error.
      const lone = await runCli(['--lang', 'en', 'match', join(dir, 'catalog.json'), '--hub', hubFile]);
      expect(lone.code).toBe(2);
      expect(lone.stdout + lone.stderr).toContain('--hub and --cooperative go together');
    } finally {
      await worker.stop();
    }
  }, 150_000);
});
