/**
 * A long-running command started through `npx` (npm exec → sh → node) must not outlive its starter:
 * npm killed by SIGTERM leaves node reparented, still listening (issue #10 trial item 7). The command
 * notices its parent is gone and shuts down cleanly. Here a shell plays npm exec: the CLI runs as one
 * node process under it (tsx as a loader, no wrapper process), and the shell is killed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_MAIN, TSX_ENV } from './helpers.js';

const TSX_LOADER = pathToFileURL(
  fileURLToPath(new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url)),
).href;

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(test: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!test() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return test();
}

describe('long-running commands end with the process that started them', { timeout: 120_000 }, () => {
  for (const args of [
    ['sandbox', '--port', '0'],
    ['webhooks', 'serve', '--port', '0'],
  ]) {
    it(`${args.slice(0, 2).join(' ')}: its starter killed, it stops and closes its port`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ocop-cli-parent-'));
      // `sh` as npm exec: starts node in the background, reports its pid, waits.
      const starter = spawn(
        'sh',
        [
          '-c',
          'node="$0"; loader="$1"; shift; "$node" --import "$loader" "$@" & echo "pid $!"; wait',
          process.execPath,
          TSX_LOADER,
          CLI_MAIN,
          ...args,
        ],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OCOP_LANG: 'vi', ...TSX_ENV } },
      );
      let stdout = '';
      starter.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      const url = args[0] === 'sandbox' ? /Voso:\s+(\S+)/ : /Đang nhận webhook tại (http:\/\/\S+?)\/webhooks/;
      expect(await until(() => url.test(stdout), 60_000), stdout).toBe(true);
      const pid = Number(/pid (\d+)/.exec(stdout)?.[1]);
      const address = url.exec(stdout)?.[1] ?? '';
      expect(alive(pid)).toBe(true);
      expect(await refuses(address)).toBe(false);
      starter.kill('SIGKILL');
      // Reparented, it notices (it looks every second) and shuts down.
      expect(await until(() => !alive(pid), 30_000)).toBe(true);
      expect(await refuses(address)).toBe(true);
    });
  }
});
