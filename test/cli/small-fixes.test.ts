/** Small things a new user meets (issue #10 trial items 15, 20), through the bin. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('small fixes', { timeout: 60_000 }, () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('a missing sender names the config file actually used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-sender-'));
    await writeFile(
      join(dir, 'c1.json'),
      JSON.stringify({
        viettelpost: { username: 'htx-that', password: 'mk-that', environment: 'production' },
      }),
    );
    const run = await runCli(
      ['quote', '--config', 'c1.json', '--to', 'Phường Đông Hà, Quảng Trị', '--weight', '500'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'hãy điền khóa "sender" (name, phone, address.ward, address.province) trong c1.json',
    );
  });

  it("a stopped sandbox command's config gets told so (item 14)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-stale-'));
    const init = await runCli(['init', dir]);
    expect(init.code).toBe(0);
    await writeFile(
      join(dir, 'sandbox.config.json'),
      JSON.stringify({
        sandbox: true,
        voso: {
          username: 'htx-demo',
          password: 'voso-sandbox-password',
          baseUrl: 'http://127.0.0.1:1/api/v1/seller',
        },
        categories: { 'Bột - tinh bột': { voso: { categoryId: '1002' } } },
      }),
    );
    const run = await runCli(
      ['validate', 'danh-muc-san-pham.csv', '--config', 'sandbox.config.json', '--to', 'voso'],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('lệnh "ocop-connect sandbox" đã dừng — chạy lại nó');
  });

  it('an image path outside the working folder is shown as written, not as ../../ (item 24)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-paths-'));
    const init = await runCli(['init', dir]);
    expect(init.code).toBe(0);
    const csv = (await readFile(join(dir, 'danh-muc-san-pham.csv'), 'utf8')).replace(
      'images/tinh-bot-nghe.jpg',
      '/khong-co-thu-muc-nay/anh.jpg',
    );
    await writeFile(join(dir, 'abs.csv'), csv);
    const run = await runCli(['validate', 'abs.csv', '--offline'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Không tìm thấy tệp ảnh "/khong-co-thu-muc-nay/anh.jpg"');
    expect(run.stdout).not.toContain('../');
  });
});
