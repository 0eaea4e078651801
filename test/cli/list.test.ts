import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/index.js';
import { SANDBOX_CONFIG_CATEGORIES } from '../../src/cli/sandbox-categories.js';
import type { MarketplaceSandbox } from '../../src/sandbox/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

let work: string;
let vosoBox: MarketplaceSandbox;
let postmartBox: MarketplaceSandbox;
let env: NodeJS.ProcessEnv;
let activeSkus: string[];
let inactiveSkus: string[];

/** The user's folder: their spreadsheet and its images, as they would keep them. */
async function copySeeds(dir: string): Promise<void> {
  await mkdir(join(dir, 'images'), { recursive: true });
  await copyFile(join(SEEDS, 'catalog.csv'), join(dir, 'catalog.csv'));
  for (const image of await readdir(join(SEEDS, 'images'))) {
    await copyFile(join(SEEDS, 'images', image), join(dir, 'images', image));
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ocop-cli-list-'));
  await copySeeds(work);
  // The user's own category mapping, as `init`'s config template asks for it.
  await writeFile(
    join(work, 'ocop-connect.config.json'),
    JSON.stringify({ categories: SANDBOX_CONFIG_CATEGORIES }),
  );
  vosoBox = await startVosoSandbox();
  postmartBox = await startPostmartSandbox();
  // Credentials present → the CLI talks to these URLs as it would to real platforms (durable state store).
  env = {
    OCOP_VOSO_BASE_URL: vosoBox.baseUrl,
    OCOP_VOSO_USERNAME: vosoBox.credentials.username,
    OCOP_VOSO_PASSWORD: vosoBox.credentials.password,
    OCOP_POSTMART_BASE_URL: postmartBox.baseUrl,
    OCOP_POSTMART_USERNAME: postmartBox.credentials.username,
    OCOP_POSTMART_PASSWORD: postmartBox.credentials.password,
    OCOP_POSTMART_CUSTOMER_CODE: postmartBox.credentials.customerCode ?? '',
  };
  const catalog = await readCatalog(join(work, 'catalog.csv'));
  activeSkus = catalog.products.filter((p) => p.status === 'active').map((p) => p.sku);
  inactiveSkus = catalog.products.filter((p) => p.status === 'inactive').map((p) => p.sku);
});

afterAll(async () => {
  await Promise.all([vosoBox?.close(), postmartBox?.close()]);
});

describe('cli list', () => {
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
    const wrong = { ...env, OCOP_VOSO_PASSWORD: 'not-the-password' };
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

  it('without credentials runs against the embedded sandbox and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-nocreds-'));
    await copySeeds(dir);
    const run = await runCli(['--lang', 'en', 'list', 'catalog.csv', '--to', 'voso'], { cwd: dir });
    expect(run.stderr).toContain('running against the embedded SANDBOX');
    expect(run.stdout).toMatch(new RegExp(`voso\\s+${activeSkus.length}\\s`));
  });
});
