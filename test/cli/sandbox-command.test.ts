/**
 * `ocop-connect sandbox`: prints everything needed to use the emulators (a config file the CLI then
 * works with), stops its servers on SIGTERM, survives a closed pipe, validates --port.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SENDER } from '../../src/cli/sandbox-sender.js';
import { CLI_MAIN, runCli, TSX_BIN, TSX_ENV } from './helpers.js';

const TSX = TSX_BIN;
const MAIN = CLI_MAIN;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-sandbox-'));
});

function refuses(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('cli sandbox', { timeout: 120_000 }, () => {
  it('--once prints URLs, webhook secrets, label host and categories, and does not say Ctrl+C', async () => {
    const run = await runCli(['sandbox', '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Các sandbox đã chạy thử rồi dừng (--once):');
    expect(run.stdout).not.toContain('Ctrl+C');
    expect(run.stdout).toMatch(/export OCOP_VTP_WEBHOOK_SECRET=\S+/);
    expect(run.stdout).toMatch(/export OCOP_VTP_LABEL_HOST=http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toContain('Bột - tinh bột: voso 1002, postmart 2002');
    const json = await runCli(['--json', 'sandbox', '--once']);
    const info = JSON.parse(json.stdout) as {
      categories: Record<string, unknown>;
      webhookSecrets: Record<string, string>;
      viettelpost: { labelHost: string; baseUrl: string };
    };
    expect(Object.keys(info.webhookSecrets).sort()).toEqual(['postmart', 'shopee', 'viettelpost', 'voso']);
    expect(run.stdout).toMatch(/Shopee:\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(run.stdout).toMatch(/export OCOP_SHOPEE_PARTNER_KEY=\S+/);
    expect(run.stdout).toContain('Bột - tinh bột: voso 1002, postmart 2002, shopee 100002');
    expect(info.viettelpost.labelHost).toBe(info.viettelpost.baseUrl);
    expect(info.categories['Mật ong']).toEqual({
      voso: { categoryId: '1001' },
      postmart: { categoryId: '2001' },
      shopee: { categoryId: '100001' },
    });
  });

  it('refuses a --port that is not a port number', async () => {
    for (const port of ['abc', '70000', '-1']) {
      const run = await runCli(['sandbox', '--port', port, '--once']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `lỗi: giá trị '${port}' của tùy chọn '--port <n>' không hợp lệ. phải là số cổng`,
      );
    }
  });

  it('a closed stdout (| head) ends it quietly: no EPIPE crash, servers closed', async () => {
    const child = spawn(TSX, [MAIN, 'sandbox'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...TSX_ENV },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Read the first line, then close the pipe as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    // The next line written hits the closed pipe (EPIPE) and ends the run; should every line have been
    // written already, nothing more is written and the run is stopped as a user would.
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    const timer = setTimeout(() => child.kill('SIGTERM'), 5_000);
    const code = await closed;
    clearTimeout(timer);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toContain('Error');
    expect(code === 0 || code === 143).toBe(true);
  });

  it('Ctrl+C (SIGINT) stops it with exit code 130', async () => {
    const child = spawn(TSX, [MAIN, 'sandbox'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OCOP_LANG: 'vi', ...TSX_ENV },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('Ánh xạ danh mục mẫu') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const vosoUrl = /Voso:\s+(\S+)/.exec(stdout)?.[1];
    expect(vosoUrl).toBeTruthy();
    // tsx forwards the signal to the CLI process, as a terminal's Ctrl+C reaches it.
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await refuses(vosoUrl!)).toBe(true);
  });

  it('writes a config the CLI works with while it runs (Shopee and the sample sender included), never against a real host; SIGTERM stops every server with 143', async () => {
    const configFile = join(dir, 'sandbox.config.json');
    const child = spawn(TSX, [MAIN, 'sandbox', '--write-config', configFile], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OCOP_LANG: 'vi', ...TSX_ENV },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('chỉ dùng được khi lệnh sandbox này còn chạy') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toContain('Các sandbox đang chạy (Ctrl+C để dừng):');
    expect(stdout).toContain('⚠ Cấu hình này chỉ dùng được khi lệnh sandbox này còn chạy');
    const text = await readFile(configFile, 'utf8');
    const config = JSON.parse(text) as {
      sandbox: boolean;
      sender: { name: string };
      stateDir: string;
      voso: { baseUrl: string };
      postmart: { baseUrl: string };
      shopee: { baseUrl: string };
      viettelpost: { baseUrl: string };
    };
    expect(config.sandbox).toBe(true);
    expect(config.sender.name).toBe(SANDBOX_SENDER.name);
    const init = await runCli(['init', join(dir, 'shop')]);
    expect(init.code).toBe(0);
    // Credentials in the file: "real" mode against the emulators, with their category mapping; Shopee too.
    const dry = await runCli(
      [
        '--config',
        configFile,
        'list',
        join(dir, 'shop', 'danh-muc-san-pham.csv'),
        '--dry-run',
        '--to',
        'voso,postmart,shopee',
      ],
      { cwd: dir },
    );
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stderr).not.toContain('SANDBOX');
    expect(dry.stdout).toMatch(/voso\s+1\s+0/);
    expect(dry.stdout).toMatch(/shopee\s+1\s+0/);
    // The sample sender works here: ViettelPost is the local emulator.
    const ship = await runCli(
      [
        '--config',
        configFile,
        '--json',
        'ship',
        '--to',
        'Phường Hoàn Kiếm, Hà Nội',
        '--name',
        'Nguyễn Văn An',
        '--phone',
        '0987654321',
        '--weight',
        '500',
        '--reference',
        'DH-WC-1',
      ],
      { cwd: dir },
    );
    expect(ship.code, ship.stderr).toBe(0);
    expect((JSON.parse(ship.stdout) as { sandbox: boolean }).sandbox).toBe(false);

    // Pointed at a real host, the file is refused before anything is sent: edited, or by the environment.
    const edited = join(dir, 'edited.config.json');
    await writeFile(
      edited,
      text
        .replace(config.viettelpost.baseUrl, 'https://partner.viettelpost.vn')
        .replace(/"labelHost": "[^"]*",/, ''),
    );
    const quoteArgs = ['quote', '--to', 'Phường Hoàn Kiếm, Hà Nội', '--weight', '500'];
    const refused = await runCli(['--config', edited, ...quoteArgs], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'là cấu hình sandbox ("sandbox": true) nhưng viettelpost.baseUrl không trỏ tới máy này',
    );
    const byEnv = await runCli(['--config', configFile, ...quoteArgs], {
      cwd: dir,
      env: { OCOP_SHOPEE_BASE_URL: 'https://partner.shopeemobile.com' },
    });
    expect(byEnv.code).toBe(2);
    expect(byEnv.stderr).toContain('shopee.baseUrl không trỏ tới máy này');
    // The sample sender copied into a config without the marker, with ViettelPost's real host: refused.
    const copied = join(dir, 'copied.config.json');
    await writeFile(
      copied,
      JSON.stringify({ viettelpost: { username: 'u', password: 'p' }, sender: config.sender }),
    );
    const noSample = await runCli(['--config', copied, ...quoteArgs], { cwd: dir });
    expect(noSample.code).toBe(2);
    expect(noSample.stderr).toContain('Người gửi trong cấu hình là người gửi mẫu của sandbox');

    child.kill('SIGTERM');
    // As documented: 143 after SIGTERM, with every server closed first.
    expect(await exited).toBe(143);
    for (const url of [
      config.voso.baseUrl,
      config.postmart.baseUrl,
      config.viettelpost.baseUrl,
      config.shopee.baseUrl,
    ]) {
      expect(await refuses(url)).toBe(true);
    }
  });
});
