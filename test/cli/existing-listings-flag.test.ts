/**
 * A shop that already sells by hand (and match never ran) holds every create back; the message names
 * the CLI's own flag, `--assume-no-existing-listings`, Vietnamese first, and the flag creates (issue #10
 * trial item 8). A Voso sandbox with hand-made listings stands in for the real shop, through the bin.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../../src/catalog/index.js';
import { SANDBOX_CONFIG_CATEGORIES } from '../../src/cli/sandbox-categories.js';
import { type MarketplaceSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import { excelCsv, runCli } from './helpers.js';

let dir: string;
let box: MarketplaceSandbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-held-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
  box = await startVosoSandbox({ handMadeListings: 'ocop-seeds' });
  await writeFile(
    join(dir, 'shop.json'),
    JSON.stringify({
      voso: { ...box.credentials, webhookSecret: undefined, baseUrl: box.baseUrl },
      categories: SANDBOX_CONFIG_CATEGORIES,
    }),
  );
  const header = CATALOG_COLUMNS.map((c) => c.vi);
  const row = CATALOG_COLUMNS.map((c) =>
    c.vi === 'Mã sản phẩm' ? 'MOI-1' : c.vi === 'Mã SKU phân loại' ? 'MOI-1-500' : c.example,
  );
  await writeFile(join(dir, 'moi.csv'), excelCsv([header, row]));
});
afterAll(async () => {
  await box?.close();
});

describe('list on a shop that already sells by hand', { timeout: 120_000 }, () => {
  it('holds the create, naming --assume-no-existing-listings; the flag creates it', async () => {
    const held = await runCli(['list', 'moi.csv', '--to', 'voso', '--config', 'shop.json'], { cwd: dir });
    expect(held.code, held.stdout + held.stderr).toBe(1);
    expect(held.stdout).toContain(
      'thêm --assume-no-existing-listings nếu chắc chắn không sản phẩm nào trùng',
    );
    expect(held.stdout).not.toContain('assumeNoExistingListings');
    expect(box.state.listings().some((l) => l.sellerSku === 'MOI-1')).toBe(false);
    const en = await runCli(
      ['--lang', 'en', 'list', 'moi.csv', '--to', 'voso', '--config', 'shop.json', '--dry-run'],
      {
        cwd: dir,
      },
    );
    expect(en.stdout).toContain('add --assume-no-existing-listings if none of them is a catalog product');
    const created = await runCli(
      ['list', 'moi.csv', '--to', 'voso', '--config', 'shop.json', '--assume-no-existing-listings'],
      { cwd: dir },
    );
    expect(created.code, created.stdout + created.stderr).toBe(0);
    expect(box.state.listings().some((l) => l.sellerSku === 'MOI-1')).toBe(true);
    // What the flag created is recorded in the state folder: the next plain run knows the listing
    // (unchanged, not held and not created again) — #10 re-trial: the flag also switched the store off.
    const again = await runCli(['--json', 'list', 'moi.csv', '--to', 'voso', '--config', 'shop.json'], {
      cwd: dir,
    });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as { items: { sku: string; outcome: string }[] };
    expect(report.items.filter((i) => i.sku === 'MOI-1').map((i) => i.outcome)).toEqual(['unchanged']);
    expect(box.state.listings().filter((l) => l.sellerSku === 'MOI-1')).toHaveLength(1);
  });
});

describe("the sandbox command's env lines alone", { timeout: 120_000 }, () => {
  it('map categories with the sample map (no config) and say why a product has none once', async () => {
    const env = {
      OCOP_VOSO_USERNAME: box.credentials.username,
      OCOP_VOSO_PASSWORD: box.credentials.password,
      OCOP_VOSO_BASE_URL: box.baseUrl,
    };
    const dry = await runCli(
      ['list', 'moi.csv', '--to', 'voso', '--dry-run', '--assume-no-existing-listings'],
      {
        cwd: dir,
        env,
      },
    );
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).not.toContain('danh mục voso tương ứng');
    const header = CATALOG_COLUMNS.map((c) => c.vi);
    const odd = CATALOG_COLUMNS.map((c) =>
      c.vi === 'Danh mục'
        ? 'Đồ lạ'
        : c.vi === 'Mã sản phẩm'
          ? 'LA-1'
          : c.vi === 'Mã SKU phân loại'
            ? 'LA-1-1'
            : c.example,
    );
    await writeFile(join(dir, 'la.csv'), excelCsv([header, odd]));
    const unmapped = await runCli(['list', 'la.csv', '--to', 'voso', '--dry-run'], { cwd: dir, env });
    expect(unmapped.code).toBe(1);
    expect(unmapped.stdout.split('Chưa có danh mục voso tương ứng với "Đồ lạ"').length - 1).toBe(1);
    expect(unmapped.stdout).not.toContain('Chưa ánh xạ danh mục');
  });
});
