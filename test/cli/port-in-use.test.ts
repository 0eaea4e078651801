/** A port already taken is named with its number (issue #10 trial item 16), through the bin. */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('sandbox on a busy port', { timeout: 60_000 }, () => {
  it('says which address and port is in use', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    try {
      const run = await runCli(['sandbox', '--port', String(port), '--once']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Cổng ${port} đang được dùng (127.0.0.1:${port})`);
      // The library's configuration error (trial 1 of #18, items 5 and 8): `--json` code `config`.
      const json = await runCli(['--json', '--lang', 'en', 'sandbox', '--port', String(port), '--once']);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        exitCode: 2,
        error: { code: 'config', message: { en: expect.stringContaining(`Port ${port} is in use`) } },
      });
    } finally {
      server.close();
    }
  });
});
