/**
 * #18 trial 6 item 9 and the CLI sandbox leftovers, run as a user runs the bin on the init template with
 * the hand-made sandbox shop (OCOP_SANDBOX_SHOP=hand-made):
 * - `link` of a sheet whose every listing is refused ("tạo mới") said "0 tin đăng không được liên kết";
 * - `link` of a sheet naming a platform it cannot link threw a plain Error (exit "internal");
 * - `list --assume-no-existing-listings` then `stock set` did not find the SKU the list had counted:
 *   the run's stock book was not carried to the next sandbox run;
 * - `list` with a refused login showed "[voso] 2/0" on its progress lines.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CONFIG_CATEGORIES } from '../../src/cli/sandbox-categories.js';
import { type MarketplaceSandbox, startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import { runCli } from './helpers.js';

type Row = Record<string, string>;
const HAND_MADE = { OCOP_SANDBOX_SHOP: 'hand-made' };

async function initDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const init = await runCli(['init', '.'], { cwd: dir, env: HAND_MADE });
  expect(init.code, init.stdout + init.stderr).toBe(0);
  return dir;
}

async function writeSheet(file: string, rows: Row[]): Promise<void> {
  const headers = Object.keys(rows[0]!);
  const csv = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
    .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
    .join('\n');
  await writeFile(file, csv, 'utf8');
}

describe('link on the init template with the hand-made sandbox shop', { timeout: 180_000 }, () => {
  let dir: string;
  let rows: Row[];
  beforeAll(async () => {
    dir = await initDir('ocop-cli-t6-link-');
    const match = await runCli(['match', 'danh-muc-san-pham.xlsx', '--out', 'ds.csv'], {
      cwd: dir,
      env: HAND_MADE,
    });
    expect(match.code, match.stdout + match.stderr).toBe(0);
    rows = parse(await readFile(join(dir, 'ds.csv'), 'utf8'), { columns: true, bom: true }) as Row[];
  });

  it('the summary counts the listings it refused as not linked', async () => {
    await writeSheet(
      join(dir, 'all-new.csv'),
      rows.map((r) => ({ ...r, 'Quyết định': 'tạo mới' })),
    );
    const run = await runCli(['link', 'all-new.csv', '--catalog', 'danh-muc-san-pham.xlsx'], {
      cwd: dir,
      env: HAND_MADE,
    });
    const listings = new Set(rows.map((r) => `${r['Sàn']}/${r['Mã tin đăng']}`));
    expect(listings.size).toBeGreaterThan(10);
    expect(run.stdout).toContain('từ chối');
    expect(run.stdout).toContain(`${listings.size} tin đăng không được liên kết`);
    expect(run.stdout).not.toMatch(/(^|\n)0 tin đăng không được liên kết/);
  });

  it('a platform it cannot link is a ValidationError naming the row and the platform, nothing linked', async () => {
    const first = rows[0]!;
    await writeSheet(
      join(dir, 'shopee.csv'),
      rows.map((r) =>
        r === first ? { ...r, Sàn: 'shopee', 'Quyết định': 'tạo mới' } : { ...r, 'Quyết định': 'tạo mới' },
      ),
    );
    const run = await runCli(['--json', 'link', 'shopee.csv', '--catalog', 'danh-muc-san-pham.xlsx'], {
      cwd: dir,
      env: HAND_MADE,
    });
    const doc = JSON.parse(run.stdout) as {
      ok: boolean;
      error: { code: string; message: { vi: string; en: string } };
    };
    expect(doc.ok).toBe(false);
    expect(doc.error.code).toBe('input');
    expect(doc.error.message.vi).toContain('shopee');
    expect(doc.error.message.vi).toContain('dòng 2, cột "Sàn"');
    expect(doc.error.message.vi).not.toMatch(/unknown|platform/);
    expect(doc.error.message.en).toContain('row 2, column "Sàn": platform "shopee" cannot be linked');
    // Refused before anything ran: no per-listing result at all.
    expect(run.stdout).not.toContain('"items"');
  });
});

describe('sandbox stock book after list (hand-made shop)', { timeout: 180_000 }, () => {
  // Not yet: `stock set` after a sandbox `list` with OCOP_SANDBOX_SHOP=hand-made (saving that shop without a
  // match broke the list-before-match onboarding case; the change was taken back — see the #18 closing note).
  it.todo('stock set finds the SKU the list counted, and pushes it to both listings');
});

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

describe('list progress with a refused login', { timeout: 120_000 }, () => {
  let vosoBox: MarketplaceSandbox;
  let postmartBox: MarketplaceSandbox;
  beforeAll(async () => {
    vosoBox = await startVosoSandbox();
    postmartBox = await startPostmartSandbox();
  });
  afterAll(async () => {
    await Promise.all([vosoBox?.close(), postmartBox?.close()]);
  });

  it('never shows more done than the total ("2/0")', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-t6-progress-'));
    await mkdir(join(dir, 'images'));
    for (const image of await readdir(join(SEEDS, 'images')))
      await copyFile(join(SEEDS, 'images', image), join(dir, 'images', image));
    await copyFile(join(SEEDS, 'catalog.csv'), join(dir, 'catalog.csv'));
    await writeFile(
      join(dir, 'ocop-connect.config.json'),
      JSON.stringify({ categories: SANDBOX_CONFIG_CATEGORIES }),
    );
    const run = await runCli(['list', 'catalog.csv', '--to', 'voso,postmart'], {
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
    const lines = run.stderr.split('\n').filter((l) => /^\[(voso|postmart)\] \d+\/\d+ /.test(l));
    expect(lines.filter((l) => l.startsWith('[voso]')).length).toBeGreaterThan(3);
    for (const line of lines) {
      const [, done, total] = /^\[\w+\] (\d+)\/(\d+) /.exec(line)!;
      expect(Number(done), line).toBeLessThanOrEqual(Number(total));
      expect(Number(total), line).toBeGreaterThan(0);
    }
  });
});
