/**
 * Image URLs are checked by validate and the dry run (reachable, an image), per row; and what was left
 * in English in Vietnamese mode is Vietnamese (issue #10 trial item 6): commander's "(choices: …)" in
 * help, the raw network error suffix, a config JSON error (now with line and column, both languages).
 */
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../../src/catalog/index.js';
import { excelCsv, runCli } from './helpers.js';

let dir: string;
let server: Server;
let base: string;
const HEADERS = CATALOG_COLUMNS.map((c) => c.vi);
const row = (change: Record<string, string>) => CATALOG_COLUMNS.map((c) => change[c.vi] ?? c.example);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-vi-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
  // An image host that answers with a web page instead of a picture.
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Trang không tồn tại</body></html>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
});

describe('image URLs and the last English in Vietnamese mode', { timeout: 120_000 }, () => {
  it('validate and --dry-run read image URLs: unreachable and not-an-image are reported on their row', async () => {
    const file = join(dir, 'url-img.csv');
    await writeFile(
      file,
      excelCsv([
        HEADERS,
        row({ Ảnh: 'http://127.0.0.1:1/a.jpg' }),
        row({ 'Mã sản phẩm': 'TBN-2', 'Mã SKU phân loại': 'TBN-2-500', Ảnh: `${base}/b.jpg` }),
      ]),
    );
    const validate = await runCli(['validate', file, '--to', 'voso'], { cwd: dir });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(
      'voso · Dòng 2 · Ảnh › #1: Không kết nối được tới máy chủ ảnh (ECONNREFUSED)',
    );
    expect(validate.stdout).toContain('voso · Dòng 3 · Ảnh › #1: Không phải tệp ảnh');
    expect(validate.stdout).not.toMatch(/could not be reached|Not an image/);
    const dry = await runCli(['--json', 'list', file, '--dry-run', '--to', 'voso'], { cwd: dir });
    expect(dry.code).toBe(1);
    const items = (JSON.parse(dry.stdout) as { items: { row: number; outcome: string }[] }).items;
    expect(items.map((i) => `${i.row}:${i.outcome}`).sort()).toEqual(['2:failed', '3:invalid']);
    const list = await runCli(['list', file, '--to', 'voso'], { cwd: dir });
    expect(list.code).toBe(1);
    expect(list.stdout).toContain('Không kết nối được tới máy chủ ảnh');
    expect(list.stdout).not.toMatch(/could not be reached|Not an image/);
  });

  it('help shows commander choices in Vietnamese', async () => {
    for (const command of ['validate', 'list']) {
      const help = await runCli([command, '--help'], { cwd: dir });
      expect(help.stdout).toContain('(chọn:');
      expect(help.stdout).not.toContain('choices');
    }
  });

  it('a config that is not JSON is located by line and column, the reason in the chosen language', async () => {
    await writeFile(join(dir, 'bad.json'), '{\n  "voso": { "username": "u", "password": "p", }\n}\n');
    const vi = await runCli(['validate', 'x.csv', '--config', 'bad.json'], { cwd: dir });
    expect(vi.code).toBe(2);
    expect(vi.stderr).toContain('Tệp cấu hình bad.json không phải JSON hợp lệ ở dòng 2, cột 47');
    expect(vi.stderr).not.toMatch(/Expected|position/);
    const en = await runCli(['--lang', 'en', 'validate', 'x.csv', '--config', 'bad.json'], { cwd: dir });
    expect(en.stderr).toContain('Config file bad.json is not valid JSON at line 2, column 47');
  });

  it('a platform that cannot be reached is described in Vietnamese (what, which host, the code)', async () => {
    await writeFile(
      join(dir, 'down.json'),
      JSON.stringify({
        voso: { username: 'htx-that', password: 'mat-khau-that', baseUrl: 'http://127.0.0.1:1' },
        categories: { 'Bột - tinh bột': { voso: { categoryId: '1002' } } },
      }),
    );
    const run = await runCli(['validate', 'danh-muc-san-pham.csv', '--config', 'down.json', '--to', 'voso'], {
      cwd: dir,
    });
    expect(run.code).not.toBe(0);
    const said = run.stdout + run.stderr;
    expect(said).toContain('Không kết nối được tới máy chủ');
    expect(said).toContain('mã lỗi ECONNREFUSED');
    expect(said).not.toContain('network failure');
  });
});
