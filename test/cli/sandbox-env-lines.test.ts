/**
 * `ocop-connect sandbox` prints env lines to paste into another terminal (#10 trial item 1). Exactly
 * those lines, run through a real shell, must be enough for a second CLI process to list, quote and
 * ship against the running sandbox — the sender included (outside embedded mode `ship` needs one) —
 * and to keep its state in the run's own folder, never in the real `.ocop-connect`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/index.js';
import { CLI_MAIN, runCli, TSX_BIN, TSX_ENV } from './helpers.js';

let dir: string;
let sandbox: ReturnType<typeof spawn>;
let exited: Promise<number | null>;
let stdout = '';

/** The environment of a fresh terminal: nothing of ours set. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...TSX_ENV };
  for (const key of Object.keys(env)) if (key.startsWith('OCOP_')) delete env[key];
  return env;
}

/** The printed `export …` lines, pasted into sh, then the CLI run in that shell. */
function inPastedShell(lines: string[], args: string[]): Promise<{ code: number; out: string }> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${lines.join('\n')}\nexec "$TSX" "$MAIN" ${quoted}\n`;
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', script],
      { cwd: dir, env: { ...cleanEnv(), TSX: TSX_BIN, MAIN: CLI_MAIN }, timeout: 90_000 },
      (error, out, err) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, out: `${out}${err}` });
      },
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-envlines-'));
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
  sandbox = spawn(TSX_BIN, [CLI_MAIN, 'sandbox'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...cleanEnv(), OCOP_LANG: 'vi' },
  });
  sandbox.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  exited = new Promise((resolve) => sandbox.once('close', resolve));
  const deadline = Date.now() + 60_000;
  while (!stdout.includes('Người gửi mẫu') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
}, 90_000);

afterAll(async () => {
  if (sandbox.exitCode === null) sandbox.kill('SIGKILL');
});

describe('the sandbox command’s env lines, pasted into a shell', { timeout: 180_000 }, () => {
  it('list, quote and ship with them alone; the second ship of a reference is refused; SIGTERM exits 143', async () => {
    const lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('  export '))
      .map((line) => line.trim());
    expect(lines.some((line) => line.startsWith('export OCOP_SENDER_NAME='))).toBe(true);
    const stateDir = /export OCOP_STATE_DIR=(\S+)/.exec(stdout)?.[1];
    expect(stateDir).toMatch(/\.ocop-connect-sandbox/);

    const list = await inPastedShell(lines, ['list', 'danh-muc-san-pham.csv', '--to', 'voso,postmart']);
    expect(list.code, list.out).toBe(0);
    expect(list.out).not.toContain('SANDBOX');
    expect(list.out).toMatch(/voso\s+1\s+0/);
    expect(list.out).toMatch(/postmart\s+1\s+0/);

    const quote = await inPastedShell(lines, [
      'quote',
      '--to',
      'Phường Hoàn Kiếm, Hà Nội',
      '--weight',
      '500',
    ]);
    expect(quote.code, quote.out).toBe(0);
    expect(quote.out).toContain('ViettelPost');

    const shipArgs = [
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
      'DH-ENV-1',
    ];
    const ship = await inPastedShell(lines, shipArgs);
    expect(ship.code, ship.out).toBe(0);
    const shipped = JSON.parse(ship.out.slice(ship.out.indexOf('{'))) as {
      sandbox: boolean;
      shipment: { trackingNumber: string };
    };
    const waybill = shipped.shipment.trackingNumber;
    expect(waybill).toMatch(/^\d+$/);
    expect(shipped.sandbox).toBe(false);
    // Recorded in the run's own folder; the real state folder untouched.
    const store = await createFileStore({ dir: stateDir! });
    const recorded = await store.listShipments();
    expect(recorded.map((s) => s.reference)).toEqual(['DH-ENV-1']);
    expect(recorded[0]?.waybill).toBe(waybill);
    await store.close();
    expect(existsSync(join(dir, '.ocop-connect'))).toBe(false);

    const again = await inPastedShell(lines, shipArgs.slice(1));
    expect(again.code).toBe(1);
    expect(again.out).toContain(`DH-ENV-1`);
    expect(again.out).toContain(waybill);
    expect(again.out).toContain('Đã có vận đơn ViettelPost cho mã tham chiếu "DH-ENV-1"');

    sandbox.kill('SIGTERM');
    expect(await exited).toBe(143);
  });
});
