/**
 * `init` in a folder that already holds some of its files (#10 trial item 6): what exists is kept
 * (an edited catalog, a config with passwords), what is missing is written, and both are listed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('init into a folder with existing files', { timeout: 120_000 }, () => {
  it('keeps the edited catalog, writes the missing files, and lists both (exit 1: an overwrite was refused)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-init-'));
    const edited = '\ufeffMã sản phẩm,Tên sản phẩm\r\nMY-1,Mật ong của tôi\r\n';
    await writeFile(join(dir, 'danh-muc-san-pham.csv'), edited);
    const run = await runCli(['init'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(await readFile(join(dir, 'danh-muc-san-pham.csv'), 'utf8')).toBe(edited);
    for (const name of [
      'danh-muc-san-pham.xlsx',
      'ocop-connect.config.json',
      join('images', 'tinh-bot-nghe.jpg'),
    ])
      expect(existsSync(join(dir, name))).toBe(true);
    const created = run.stdout.slice(run.stdout.indexOf('Đã tạo:'), run.stdout.indexOf('Giữ nguyên'));
    expect(created).toContain('danh-muc-san-pham.xlsx');
    expect(created).toContain('ocop-connect.config.json');
    expect(created).toContain('tinh-bot-nghe.jpg');
    expect(created).not.toContain('danh-muc-san-pham.csv');
    const keptPart = run.stdout.slice(run.stdout.indexOf('Giữ nguyên (đã có, không ghi đè):'));
    expect(keptPart).toContain('danh-muc-san-pham.csv');
    expect(run.stderr).toContain('Không ghi đè tệp đã có: danh-muc-san-pham.csv. Dùng --force để ghi đè');

    // Everything there now: nothing written, all four kept; --json says which is which.
    const config = join(dir, 'ocop-connect.config.json');
    await writeFile(config, JSON.stringify({ voso: { username: 'htx', password: 'mat-khau' } }));
    const again = await runCli(['--json', 'init'], { cwd: dir });
    expect(again.code).toBe(1);
    const result = JSON.parse(again.stdout) as {
      ok: boolean;
      wrote: string[];
      kept: string[];
      existing: string[];
    };
    expect(result.ok).toBe(false);
    expect(result.wrote).toEqual([]);
    expect(result.kept.map((p) => p.replace(/\\/g, '/')).sort()).toEqual([
      'danh-muc-san-pham.csv',
      'danh-muc-san-pham.xlsx',
      'images/tinh-bot-nghe.jpg',
      'ocop-connect.config.json',
    ]);
    expect(result.existing).not.toContain(join('images', 'tinh-bot-nghe.jpg'));
    expect(JSON.parse(await readFile(config, 'utf8'))).toEqual({
      voso: { username: 'htx', password: 'mat-khau' },
    });
    const english = await runCli(['init'], { cwd: dir, env: { OCOP_LANG: 'en' } });
    expect(english.stdout).toContain('No new file written.');
    expect(english.stdout).toContain('Kept as they were (already there, not overwritten):');
  });

  it('--force overwrites the catalog and config, never a photo already in images/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-init-force-'));
    await mkdir(join(dir, 'images'));
    await writeFile(join(dir, 'images', 'tinh-bot-nghe.jpg'), 'my own photo');
    await writeFile(join(dir, 'danh-muc-san-pham.csv'), 'old');
    const run = await runCli(['init', '--force'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(dir, 'danh-muc-san-pham.csv'), 'utf8')).toContain('Mã sản phẩm');
    expect(await readFile(join(dir, 'images', 'tinh-bot-nghe.jpg'), 'utf8')).toBe('my own photo');
    expect(run.stdout).toMatch(/Giữ nguyên \(đã có, không ghi đè\):\n\s+images\/tinh-bot-nghe\.jpg/);
  });
});
