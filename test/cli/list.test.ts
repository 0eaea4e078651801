import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { productOffers } from '../../src/model/product.js';
import { copySeeds, type MarketplaceBoxes, runCli, seedsFolder, startMarketplaceBoxes } from './helpers.js';

let work: string;
let boxes: MarketplaceBoxes;
let vosoBox: MarketplaceBoxes['voso'];
let postmartBox: MarketplaceBoxes['postmart'];
let env: NodeJS.ProcessEnv;
let activeSkus: string[];
let inactiveSkus: string[];
/** Active offers (variants, or products without) with a list price: no marketplace takes one. */
let listPriceSkus: string[];
/** Active products with such an offer: one report row per platform each. */
let listPriceProducts: number;

beforeAll(async () => {
  // The user's folder: their spreadsheet, its images and the config's category mapping, as `init`'s
  // config template asks for it.
  work = await seedsFolder('ocop-cli-list-');
  boxes = await startMarketplaceBoxes();
  ({ voso: vosoBox, postmart: postmartBox } = boxes);
  // Credentials present → the CLI talks to these URLs as it would to real platforms (durable state store).
  env = boxes.env();
  const catalog = await readCatalog(join(work, 'catalog.csv'));
  activeSkus = catalog.products.filter((p) => p.status === 'active').map((p) => p.sku);
  inactiveSkus = catalog.products.filter((p) => p.status === 'inactive').map((p) => p.sku);
  listPriceSkus = catalog.products
    .filter((p) => p.status === 'active')
    .flatMap((p) => productOffers(p))
    .filter((o) => o.listPriceVnd !== undefined)
    .map((o) => o.sku);
  listPriceProducts = catalog.products.filter(
    (p) => p.status === 'active' && productOffers(p).some((o) => o.listPriceVnd !== undefined),
  ).length;
});

afterAll(async () => {
  await boxes?.close();
});

describe('cli list', { timeout: 120_000 }, () => {
  it('--dry-run plans every product and sends nothing', async () => {
    const run = await runCli(['--json', 'list', 'catalog.csv', '--to', 'voso,postmart', '--dry-run'], {
      cwd: work,
      env,
    });
    expect(run.stderr).not.toContain('SANDBOX');
    const result = JSON.parse(run.stdout) as {
      dryRun: boolean;
      items: { action: string; outcome: string }[];
    };
    expect(result.dryRun).toBe(true);
    expect(result.items.filter((i) => i.action === 'create')).toHaveLength(activeSkus.length * 2);
    expect(vosoBox.stats.writes).toBe(0);
    expect(postmartBox.stats.writes).toBe(0);
    expect(vosoBox.stats.imageUploads + postmartBox.stats.imageUploads).toBe(0);
    expect(vosoBox.state.listings()).toHaveLength(0);
  });

  it('publishes the catalog to both platforms and writes a per product × platform report', async () => {
    const run = await runCli(['list', 'catalog.csv', '--to', 'voso,postmart', '--report', 'report.csv'], {
      cwd: work,
      env,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Kết quả đăng bán');
    // Summary: created, updated, unchanged, failed, invalid, inactive-not-listed, held — one column each.
    expect(run.stdout).toMatch(
      /Sàn\s+Tạo mới\s+Cập nhật\s+Không đổi\s+Lỗi khi gửi\s+Không hợp lệ\s+Ngừng bán, không đăng\s+Chờ quyết định liên kết/,
    );
    for (const platform of ['voso', 'postmart']) {
      expect(run.stdout).toMatch(
        new RegExp(
          `${platform}\\s+${activeSkus.length}\\s+0\\s+0\\s+0\\s+0\\s+${inactiveSkus.length}\\s+0\\s*$`,
          'm',
        ),
      );
    }
    for (const box of [vosoBox, postmartBox]) {
      expect(
        box.state
          .listings()
          .map((l) => l.sellerSku)
          .sort(),
      ).toEqual([...activeSkus].sort());
    }
    const report = (await readFile(join(work, 'report.csv'), 'utf8'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    // Vietnamese run (the default): Vietnamese headers and values (#10 trial item 4).
    expect(report[0]).toBe('Dòng,Mã sản phẩm,Sàn,Việc,Thay đổi,Kết quả,Mã trên sàn,Khôi phục,Loại lỗi,Lý do');
    const rows = report.slice(1).map((line) => line.split(','));
    expect(inactiveSkus.length).toBeGreaterThan(0);
    expect(rows).toHaveLength((activeSkus.length + inactiveSkus.length) * 2);
    // An inactive product that was never listed is skipped: no listing, and the report says so.
    for (const row of rows.filter((r) => inactiveSkus.includes(r[1] ?? ''))) {
      expect([row[3], row[5]]).toEqual(['ngừng bán (không đăng)', 'không đổi']);
    }
    const created = rows.filter((r) => r[5] === 'đã tạo');
    expect(created).toHaveLength(activeSkus.length * 2);
    // Each created row names the platform's own listing id, as held by that sandbox.
    for (const row of created) {
      const box = row[2] === 'voso' ? vosoBox : postmartBox;
      expect(String(box.state.listingBySku(row[1] ?? '')?.id)).toBe(row[6]);
    }
    // Row numbers are the spreadsheet's: the first product starts on row 2 (row 1 is the header).
    expect(rows.find((r) => r[1] === activeSkus[0])?.[0]).toBe('2');
    // The catalog's list prices were not sent (no marketplace has one): said once per platform, counted,
    // and in the report's reason column of each such product.
    expect(listPriceSkus.length).toBeGreaterThan(1);
    for (const platform of ['voso', 'postmart']) {
      const line = `⚠ Giá niêm yết không được gửi: ${platform} không có giá niêm yết (${listPriceSkus.length} SKU)`;
      expect(
        run.stdout.split('\n').filter((l) => l.includes(`Giá niêm yết không được gửi: ${platform}`)),
      ).toEqual([line]);
    }
    const warned = report.slice(1).filter((line) => line.includes('⚠ Giá niêm yết của'));
    expect(warned).toHaveLength(listPriceProducts * 2);
  });

  it('a second run with the same catalog changes nothing: no write, no image upload', async () => {
    const writesBefore = vosoBox.stats.writes + postmartBox.stats.writes;
    const uploadsBefore = vosoBox.stats.imageUploads + postmartBox.stats.imageUploads;
    const run = await runCli(['--json', 'list', 'catalog.csv', '--to', 'voso,postmart'], { cwd: work, env });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { items: { outcome: string; sku: string }[] };
    const active = result.items.filter((i) => activeSkus.includes(i.sku));
    expect(active.every((i) => i.outcome === 'unchanged')).toBe(true);
    expect(vosoBox.stats.writes + postmartBox.stats.writes).toBe(writesBefore);
    expect(vosoBox.stats.imageUploads + postmartBox.stats.imageUploads).toBe(uploadsBefore);
  });

  it('an unchanged catalog still checks each login: a wrong password is refused per platform, exit 3', async () => {
    const wrong = boxes.env({ vosoPassword: 'not-the-password' });
    const writesBefore = vosoBox.stats.writes + postmartBox.stats.writes;
    for (const args of [
      ['list', 'catalog.csv', '--to', 'voso,postmart'],
      ['list', 'catalog.csv', '--to', 'voso,postmart', '--dry-run'],
    ]) {
      const run = await runCli(args, { cwd: work, env: wrong });
      expect(run.code, run.stdout + run.stderr).toBe(3);
      const out = run.stdout + run.stderr;
      const loginLines = out.split('\n').filter((l) => l.includes('đăng nhập không thành công'));
      expect(loginLines, out).toHaveLength(1);
      expect(loginLines[0]).toMatch(/^✗ voso: /);
      expect(loginLines[0]).toContain('không kiểm tra hay gửi được gì trên sàn này');
      expect(out).not.toContain('not-the-password');
      // Postmart's login was fine: its products are unchanged, none failed.
      expect(run.stdout).toMatch(new RegExp(`postmart\\s+0\\s+0\\s+${activeSkus.length}\\s+0\\s`));
    }
    expect(vosoBox.stats.writes + postmartBox.stats.writes).toBe(writesBefore);
  });

  it('a refused login is no "unchanged": its products are failed with the login reason, own column, --json says so', async () => {
    const wrong = boxes.env({ postmartPassword: 'not-the-password' });
    const active = activeSkus.length;
    const json = await runCli(['--json', 'list', 'catalog.csv', '--to', 'voso,postmart'], {
      cwd: work,
      env: wrong,
    });
    expect(json.code, json.stderr).toBe(3);
    const result = JSON.parse(json.stdout) as {
      platforms: { platform: string; unchanged: number; failed: number }[];
      items: { platform: string; sku: string; outcome: string; error?: { kind: string } }[];
    };
    const postmart = result.platforms.find((p) => p.platform === 'postmart')!;
    expect(postmart.failed).toBe(active);
    expect(postmart.unchanged).toBe(inactiveSkus.length);
    const items = result.items.filter((i) => i.platform === 'postmart' && activeSkus.includes(i.sku));
    expect(items).toHaveLength(active);
    for (const item of items) {
      expect(item.outcome).toBe('failed');
      expect(item.error?.kind).toBe('authentication');
    }
    // Voso's login was fine: unchanged there.
    expect(result.platforms.find((p) => p.platform === 'voso')!.failed).toBe(0);

    const table = await runCli(['list', 'catalog.csv', '--to', 'voso,postmart'], { cwd: work, env: wrong });
    expect(table.code, table.stderr).toBe(3);
    expect(table.stdout).toContain('Không kiểm tra được (đăng nhập/kết nối)');
    // created, updated, unchanged, failed to send, invalid, inactive, held, not checked
    expect(table.stdout).toMatch(
      new RegExp(`postmart\\s+0\\s+0\\s+0\\s+0\\s+0\\s+\\d+\\s+0\\s+${active}\\s`),
    );
    const lines = table.stdout.split('\n').filter((l) => l.includes('đăng nhập không thành công'));
    expect(lines, table.stdout).toHaveLength(1);
    expect(lines[0]).toContain(`(${active} sản phẩm không được kiểm tra)`);

    // A dry run: the products are in the table, and no progress line says anything was sent.
    const dry = await runCli(['list', 'catalog.csv', '--to', 'voso,postmart', '--dry-run'], {
      cwd: work,
      env: wrong,
    });
    expect(dry.code, dry.stderr).toBe(3);
    // will create, will update, unchanged, invalid, inactive, held, not checked
    expect(dry.stdout).toMatch(new RegExp(`postmart\\s+0\\s+0\\s+0\\s+0\\s+\\d+\\s+0\\s+${active}\\s`));
    expect(dry.stderr).not.toContain('lỗi khi gửi');
    expect(dry.stderr).toMatch(/\[postmart\] \d+\/\d+ \S+ không kiểm tra được/);
  });

  it('never prints a credential, even with --verbose logs, and keeps them out of the report', async () => {
    const run = await runCli(
      ['--verbose', 'list', 'catalog.csv', '--to', 'voso,postmart', '--report', 'report.json'],
      {
        cwd: work,
        env,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    // The verbose log really is on (so the scan below means something).
    expect(run.stderr).toMatch(/"platform":"voso"/);
    const report = await readFile(join(work, 'report.json'), 'utf8');
    for (const secret of [vosoBox.credentials.password, postmartBox.credentials.password]) {
      expect(secret.length).toBeGreaterThan(8);
      for (const text of [run.stdout, run.stderr, report]) expect(text).not.toContain(secret);
    }
  });

  it("stock set and sync with a refused login: exit 3, the reason in the run's language only", async () => {
    const wrong = boxes.env({ postmartPassword: 'not-the-password' });
    // A variant of the seeds' turmeric starch: stock is kept per offer.
    const sku = 'VL-TBN-100';
    const stock = await runCli(['stock', 'set', sku, '5'], { cwd: work, env: wrong });
    expect(stock.code, stock.stdout + stock.stderr).toBe(3);
    const refused = stock.stdout.split('\n').filter((l) => l.startsWith('✗ postmart/'));
    expect(refused, stock.stdout).toHaveLength(1);
    expect(refused[0]).toContain('đăng nhập không thành công');
    expect(refused[0]).not.toMatch(/login/i);
    const en = await runCli(['--lang', 'en', 'stock', 'set', sku, '5'], { cwd: work, env: wrong });
    expect(en.code).toBe(3);
    const enLine = en.stdout.split('\n').find((l) => l.startsWith('✗ postmart/'));
    expect(enLine).toMatch(/login/i);
    expect(enLine).not.toContain('đăng nhập');

    const sync = await runCli(['sync'], { cwd: work, env: wrong });
    expect(sync.code, sync.stdout + sync.stderr).toBe(3);
    const failed = sync.stdout.split('\n').filter((l) => l.startsWith('✗ postmart/'));
    expect(failed.length, sync.stdout).toBeGreaterThan(0);
    for (const line of failed) {
      expect(line).toContain('đăng nhập không thành công');
      expect(line).not.toMatch(/login| \/ /i);
    }
    expect(sync.stdout + sync.stderr).not.toContain('not-the-password');
  });

  it('a refused login with nothing to push to that platform is still said (stock set, sync; exit 3)', async () => {
    const sku = 'VL-TBN-100';
    // Every platform already holds 7: nothing is pushed anywhere by the next run.
    const good = await runCli(['stock', 'set', sku, '7'], { cwd: work, env: boxes.env() });
    expect(good.code, good.stdout + good.stderr).toBe(0);
    const wrong = boxes.env({ postmartPassword: 'not-the-password' });
    const again = await runCli(['stock', 'set', sku, '7', '--json'], { cwd: work, env: wrong });
    expect(again.code, again.stdout + again.stderr).toBe(3);
    const json = JSON.parse(again.stdout) as {
      ok: boolean;
      pushes: unknown[];
      platforms: { platform: string }[];
    };
    expect(json.pushes).toEqual([]);
    expect(json.ok).toBe(false);
    expect(json.platforms.map((p) => p.platform)).toEqual(['postmart']);
    const plain = await runCli(['stock', 'set', sku, '7'], { cwd: work, env: wrong });
    expect(plain.code).toBe(3);
    const said = plain.stdout.split('\n').filter((l) => l.startsWith('✗ postmart/'));
    expect(said, plain.stdout).toHaveLength(1);
    expect(said[0]).toContain('đăng nhập không thành công');
    const sync = await runCli(['--lang', 'en', 'sync'], { cwd: work, env: wrong });
    expect(sync.code, sync.stdout + sync.stderr).toBe(3);
    const syncSaid = sync.stdout.split('\n').filter((l) => l.startsWith('✗ postmart/'));
    expect(syncSaid.length, sync.stdout).toBeGreaterThan(0);
    expect(syncSaid.join('\n')).toMatch(/login/i);
    expect(sync.stdout + sync.stderr).not.toContain('not-the-password');
  });

  it('without credentials runs against the embedded sandbox and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-nocreds-'));
    await copySeeds(dir, { config: false });
    const run = await runCli(['--lang', 'en', 'list', 'catalog.csv', '--to', 'voso'], { cwd: dir });
    expect(run.stderr).toContain('running against the embedded SANDBOX');
    expect(run.stdout).toMatch(new RegExp(`voso\\s+${activeSkus.length}\\s`));
  });
});

const csvRows = async (file: string) =>
  (await readFile(file, 'utf8'))
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .slice(1);

describe('list with one platform refusing the login (fresh sandboxes)', { timeout: 120_000 }, () => {
  let fresh: MarketplaceBoxes;
  beforeAll(async () => {
    fresh = await startMarketplaceBoxes();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('publishes to the other platform, reports both per platform, says the login once, exit 3', async () => {
    const dir = await seedsFolder('ocop-cli-list-login-');
    const run = await runCli(['list', 'catalog.csv', '--to', 'voso,postmart', '--report', 'bao-cao.csv'], {
      cwd: dir,
      env: fresh.env({ vosoPassword: 'not-the-password' }),
    });
    const active = activeSkus.length;
    expect(run.code, run.stdout + run.stderr).toBe(3);
    // Postmart is published all the same.
    expect(fresh.postmart.state.listings()).toHaveLength(active);
    expect(fresh.voso.state.listings()).toHaveLength(0);
    // One row per platform: Voso's products failed, Postmart's created.
    expect(run.stdout).toMatch(new RegExp(`voso\\s+0\\s+0\\s+0\\s+${active}\\s+0\\s+\\d+\\s+0`));
    expect(run.stdout).toMatch(new RegExp(`postmart\\s+${active}\\s+0\\s+0\\s+0\\s+0\\s+\\d+\\s+0`));
    // The refused login is said once for Voso, naming how many products it kept off.
    const loginLines = run.stdout.split('\n').filter((l) => l.includes('đăng nhập không thành công'));
    expect(loginLines).toHaveLength(1);
    expect(loginLines[0]).toContain(`[voso] ${active} sản phẩm (`);
    expect(run.stdout + run.stderr).not.toContain('not-the-password');
    // The report has both platforms' rows; Voso's say why.
    const rows = await csvRows(join(dir, 'bao-cao.csv'));
    const voso = rows.filter((r) => r.split(',')[2] === 'voso' && r.includes('lỗi khi gửi'));
    expect(voso).toHaveLength(active);
    for (const row of voso) expect(row).toContain('đăng nhập bị từ chối');
    expect(rows.filter((r) => r.split(',')[2] === 'postmart' && r.includes('đã tạo'))).toHaveLength(active);
    // Its progress lines never show more done than the total ("[voso] 2/0").
    const progress = run.stderr.split('\n').filter((l) => /^\[(voso|postmart)\] \d+\/\d+ /.test(l));
    expect(progress.filter((l) => l.startsWith('[voso]')).length).toBeGreaterThan(3);
    for (const line of progress) {
      const [, done, total] = /^\[\w+\] (\d+)\/(\d+) /.exec(line)!;
      expect(Number(done), line).toBeLessThanOrEqual(Number(total));
      expect(Number(total), line).toBeGreaterThan(0);
    }
  });
});

describe('list --report with a product the file refuses (sandbox mode)', { timeout: 120_000 }, () => {
  it('has a row per platform for it, and the .json report counts it as the table does', async () => {
    const dir = await seedsFolder('ocop-cli-list-invalid-');
    const csv = await readFile(join(dir, 'catalog.csv'), 'utf8');
    const lines = csv.split('\r\n');
    lines[1] = lines[1]!.replace(',85.000,', ',abc,');
    await writeFile(join(dir, 'catalog.csv'), lines.join('\r\n'));
    const run = await runCli(['list', 'catalog.csv', '--report', 'r.csv'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/voso\s+\d+\s+0\s+0\s+0\s+1\s+1\s+0/);
    const rows = (await csvRows(join(dir, 'r.csv'))).filter((r) => r.includes('không hợp lệ'));
    expect(rows.map((r) => r.split(',').slice(0, 3).join(',')).sort()).toEqual([
      '2,VL-TBN,postmart',
      '2,VL-TBN,voso',
    ]);
    for (const row of rows) expect(row).toContain('"abc"" không phải là số tiền');
    // The reason is printed once, not once per platform.
    expect(run.stdout.split('không phải là số tiền')).toHaveLength(2);
    const json = await runCli(['list', 'catalog.csv', '--report', 'r.json'], { cwd: dir });
    expect(json.code).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as {
      platforms: { platform: string; invalid: number }[];
      items: { row: number; platform: string; outcome: string }[];
    };
    expect(report.platforms.map((p) => [p.platform, p.invalid])).toEqual([
      ['voso', 1],
      ['postmart', 1],
    ]);
    expect(report.items.filter((i) => i.outcome === 'invalid')).toHaveLength(2);
  });

  it('--to vosso: did you mean voso?', async () => {
    const run = await runCli(['list', 'catalog.csv', '--to', 'vosso,postmart'], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to: không biết sàn vosso (có phải "voso"?)');
    const en = await runCli(['--lang', 'en', 'validate', 'x.csv', '--to', 'postmrt'], { cwd: work });
    expect(en.stderr).toContain('--to: unknown platform postmrt (did you mean "postmart"?)');
  });
});
