/**
 * #18 trial 5 (items 14, 15, 17, 20), run as a user runs the bin:
 * - `list --to voso,postmart` with Voso's login refused stopped the whole run (exit 3, one line, Postmart
 *   not published); now Postmart is published, the table and the report have both platforms, Voso's
 *   items failed with the login reason (said once), exit 3 as the README's exit codes say;
 * - `list --report` had no row for a product the file's checks refused, and the .json report counted
 *   it 0 while the table showed 1;
 * - `fulfil` in Vietnamese printed the "Kết quả" column in English (`shipped`);
 * - `--to vosso` had no did-you-mean.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { SANDBOX_CONFIG_CATEGORIES } from '../../src/cli/sandbox-categories.js';
import { type MarketplaceSandbox, startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

async function seedsIn(dir: string): Promise<void> {
  await mkdir(join(dir, 'images'), { recursive: true });
  for (const image of await readdir(join(SEEDS, 'images')))
    await copyFile(join(SEEDS, 'images', image), join(dir, 'images', image));
  await copyFile(join(SEEDS, 'catalog.csv'), join(dir, 'catalog.csv'));
  await writeFile(
    join(dir, 'ocop-connect.config.json'),
    JSON.stringify({ categories: SANDBOX_CONFIG_CATEGORIES }),
  );
}

const csvRows = async (file: string) =>
  (await readFile(file, 'utf8'))
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .slice(1);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ocop-cli-trial5-'));
});

describe('list with one platform refusing the login', { timeout: 120_000 }, () => {
  let vosoBox: MarketplaceSandbox;
  let postmartBox: MarketplaceSandbox;
  beforeAll(async () => {
    vosoBox = await startVosoSandbox();
    postmartBox = await startPostmartSandbox();
  });
  afterAll(async () => {
    await Promise.all([vosoBox?.close(), postmartBox?.close()]);
  });

  it('publishes to the other platform, reports both per platform, says the login once, exit 3', async () => {
    const dir = await mkdtemp(join(work, 'login-'));
    await seedsIn(dir);
    const active = (await readCatalog(join(dir, 'catalog.csv'))).products.filter(
      (p) => p.status === 'active',
    );
    const run = await runCli(['list', 'catalog.csv', '--to', 'voso,postmart', '--report', 'bao-cao.csv'], {
      cwd: dir,
      env: {
        OCOP_VOSO_BASE_URL: vosoBox.baseUrl,
        OCOP_VOSO_USERNAME: vosoBox.credentials.username,
        OCOP_VOSO_PASSWORD: 'not-the-password',
        OCOP_POSTMART_BASE_URL: postmartBox.baseUrl,
        OCOP_POSTMART_USERNAME: postmartBox.credentials.username,
        OCOP_POSTMART_PASSWORD: postmartBox.credentials.password,
        OCOP_POSTMART_CUSTOMER_CODE: postmartBox.credentials.customerCode ?? '',
      },
    });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    // Postmart is published all the same.
    expect(postmartBox.state.listings()).toHaveLength(active.length);
    expect(vosoBox.state.listings()).toHaveLength(0);
    // One row per platform: Voso's products failed, Postmart's created.
    expect(run.stdout).toMatch(new RegExp(`voso\\s+0\\s+0\\s+0\\s+${active.length}\\s+0\\s+\\d+\\s+0`));
    expect(run.stdout).toMatch(new RegExp(`postmart\\s+${active.length}\\s+0\\s+0\\s+0\\s+0\\s+\\d+\\s+0`));
    // The refused login is said once for Voso, naming how many products it kept off.
    const loginLines = run.stdout.split('\n').filter((l) => l.includes('đăng nhập không thành công'));
    expect(loginLines).toHaveLength(1);
    expect(loginLines[0]).toContain(`[voso] ${active.length} sản phẩm (`);
    // The report has both platforms' rows; Voso's say why.
    const rows = await csvRows(join(dir, 'bao-cao.csv'));
    const voso = rows.filter((r) => r.split(',')[2] === 'voso' && r.includes('lỗi khi gửi'));
    expect(voso).toHaveLength(active.length);
    for (const row of voso) expect(row).toContain('đăng nhập bị từ chối');
    expect(rows.filter((r) => r.split(',')[2] === 'postmart' && r.includes('đã tạo'))).toHaveLength(
      active.length,
    );
  });
});

describe('list --report with a product the file refuses (sandbox mode)', { timeout: 120_000 }, () => {
  it('has a row per platform for it, and the .json report counts it as the table does', async () => {
    const dir = await mkdtemp(join(work, 'invalid-'));
    await seedsIn(dir);
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
});

describe('small CLI words', { timeout: 120_000 }, () => {
  it('--to vosso: did you mean voso?', async () => {
    const run = await runCli(['list', 'catalog.csv', '--to', 'vosso,postmart'], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to: không biết sàn vosso (có phải "voso"?)');
    const en = await runCli(['--lang', 'en', 'validate', 'x.csv', '--to', 'postmrt'], { cwd: work });
    expect(en.stderr).toContain('--to: unknown platform postmrt (did you mean "postmart"?)');
  });

  it('fulfil in Vietnamese: the "Kết quả" column in Vietnamese', async () => {
    const dir = await mkdtemp(join(work, 'fulfil-'));
    const run = await runCli(['fulfil'], { cwd: dir, timeoutMs: 90_000 });
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.split('\n').filter((l) => /^(voso|postmart)\//.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toContain('đã giao');
      expect(row).not.toMatch(/\bshipped\b/);
    }
  });

  it('sandbox mode: the day commands say their demo shop is their own; stock set names what it holds', async () => {
    const dir = await mkdtemp(join(work, 'stock-'));
    const run = await runCli(['stock', 'set', 'VL-TBN-500', '7'], { cwd: dir, timeoutMs: 90_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'SANDBOX: các lệnh hằng ngày (orders, sync, fulfil, stock, webhooks) dùng một cửa hàng mẫu riêng',
    );
    expect(run.stderr).toContain(
      'chưa có trong sổ tồn kho (chưa đăng bán hay nhập từ danh mục). SANDBOX: cửa hàng mẫu của các lệnh hằng ngày chỉ có DEMO-GAO-5KG, DEMO-MAT-ONG',
    );
  });
});
