/**
 * Files the CLI writes never replace the user's work without asking (#10 trial: --report, --out and
 * --write-config overwrote the catalog, a config holding passwords or a filled review sheet). The
 * catalog and the config file are never overwritten, not even with --force; any other existing file
 * only with --force. Through the CLI, in a folder made by `init`.
 */
import { link, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

let dir: string;
const CATALOG = 'danh-muc-san-pham.csv';
const CONFIG = 'ocop-connect.config.json';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-may-write-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
});

const read = (name: string) => readFile(join(dir, name), 'utf8');

describe('the CLI never overwrites a file without asking', { timeout: 120_000 }, () => {
  it('list --report refuses the catalog and the config file, even with --force; both stay as they were', async () => {
    const catalogBefore = await read(CATALOG);
    const configBefore = await read(CONFIG);
    for (const target of [CATALOG, `./${CATALOG}`, CONFIG]) {
      for (const force of [[], ['--force']]) {
        const run = await runCli(['list', CATALOG, '--dry-run', '--report', target, ...force], { cwd: dir });
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stderr).toContain('không bao giờ ghi đè');
      }
    }
    const en = await runCli(['list', CATALOG, '--dry-run', '--report', CATALOG], {
      cwd: dir,
      env: { OCOP_LANG: 'en' },
    });
    expect(en.stderr).toContain('catalog file this command reads; it is never overwritten');
    expect(await read(CATALOG)).toBe(catalogBefore);
    expect(await read(CONFIG)).toBe(configBefore);
  });

  it('a hard link to the catalog or the config is the same file: refused even with --force (#10 trial 3)', async () => {
    const catalogBefore = await read(CATALOG);
    const configBefore = await read(CONFIG);
    await link(join(dir, CATALOG), join(dir, 'hard-catalog.csv'));
    await link(join(dir, CONFIG), join(dir, 'hard-config.json'));
    for (const target of ['hard-catalog.csv', 'hard-config.json']) {
      const run = await runCli(['list', CATALOG, '--dry-run', '--report', target, '--force'], { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toContain('không bao giờ ghi đè');
    }
    expect(await read(CATALOG)).toBe(catalogBefore);
    expect(await read(CONFIG)).toBe(configBefore);
  });

  it('list --report refuses any other existing file without --force and replaces it with --force', async () => {
    await writeFile(join(dir, 'notes.csv'), 'my own notes\n');
    const refused = await runCli(['list', CATALOG, '--dry-run', '--report', 'notes.csv'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--report notes.csv: tệp đã có; không ghi đè. Dùng --force');
    expect(await read('notes.csv')).toBe('my own notes\n');
    const forced = await runCli(['list', CATALOG, '--dry-run', '--report', 'notes.csv', '--force'], {
      cwd: dir,
    });
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(await read('notes.csv')).toContain('Mã sản phẩm');
  });

  it('match --out refuses a filled review sheet without --force and the catalog even with --force', async () => {
    const filled = 'Quyết định\nđồng ý\n';
    await writeFile(join(dir, 'doi-chieu.csv'), filled);
    const refused = await runCli(['match', CATALOG, '--to', 'voso', '--out', 'doi-chieu.csv'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--out doi-chieu.csv: tệp đã có; không ghi đè');
    expect(await read('doi-chieu.csv')).toBe(filled);
    const catalogBefore = await read(CATALOG);
    const catalog = await runCli(['match', CATALOG, '--to', 'voso', '--out', CATALOG, '--force'], {
      cwd: dir,
    });
    expect(catalog.code).toBe(1);
    expect(catalog.stderr).toContain('không bao giờ ghi đè');
    expect(await read(CATALOG)).toBe(catalogBefore);
    const forced = await runCli(['match', CATALOG, '--to', 'voso', '--out', 'doi-chieu.csv', '--force'], {
      cwd: dir,
    });
    expect(forced.stderr).not.toContain('không ghi đè');
    expect(await read('doi-chieu.csv')).not.toBe(filled);
    expect(await read('doi-chieu.csv')).toContain('Tên trên sàn');
  });

  it('sandbox --write-config refuses an existing config (real credentials) without --force; --once warns', async () => {
    const real = `${JSON.stringify({ voso: { username: 'htx', password: 'that-su' } })}\n`;
    await writeFile(join(dir, 'real.config.json'), real);
    const refused = await runCli(['sandbox', '--once', '--write-config', 'real.config.json'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--write-config real.config.json: tệp đã có; không ghi đè');
    expect(refused.stdout).not.toContain('Voso:');
    expect(await read('real.config.json')).toBe(real);
    const forced = await runCli(['sandbox', '--once', '--write-config', 'real.config.json', '--force'], {
      cwd: dir,
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(await read('real.config.json'))).toMatchObject({ sandbox: true });
    expect(forced.stdout).toContain('Các sandbox đã dừng (--once)');
  });
});
