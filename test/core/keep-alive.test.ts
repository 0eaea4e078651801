import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTransport } from '../../src/core/transport.js';

/**
 * The keep-alive race: a server closes an idle connection at the moment the client reuses it, and the
 * request dies with ECONNRESET "socket hang up" — for a create on a platform that accepts duplicates that
 * is an outcome-unknown item (seen under load in bench/publish-utilisation). Node 20's agent honours the
 * server's `Keep-Alive: timeout=N` hint (minus 1 s) only when the agent has a `timeout` of its own, so the
 * transport must set one and let idle sockets go before the server does.
 */
describe('idle keep-alive sockets are dropped before the server announces it will close them', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(keepAliveTimeoutMs: number) {
    let connections = 0;
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    server.keepAliveTimeout = keepAliveTimeoutMs;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { baseUrl: `http://127.0.0.1:${port}`, connections: () => connections };
  }

  const send = (t: HttpTransport) =>
    t.send(
      { method: 'GET', path: '/x', query: {}, headers: {}, responseType: 'json' },
      { timeoutMs: 5_000, errorOptions: { platform: 'test' } },
    );

  /** Two requests `idleMs` apart to a server announcing `Keep-Alive: timeout=3`: the connections it saw. */
  async function connectionsForTwoRequests(idleMs: number): Promise<number> {
    const s = await serve(3_000);
    const transport = new HttpTransport({ baseUrl: s.baseUrl, userAgent: 't' });
    try {
      expect((await send(transport)).status).toBe(200);
      await new Promise((r) => setTimeout(r, idleMs));
      expect((await send(transport)).status).toBe(200);
      return s.connections();
    } finally {
      transport.close();
    }
  }

  it('a socket idle for longer than the hint minus 1 s is not reused (a new connection is opened)', async () => {
    // The server announces `Keep-Alive: timeout=3`: the client must stop reusing after about 2 s.
    expect(await connectionsForTwoRequests(2_400)).toBe(2);
  });

  it('a socket idle for less than that is reused (keep-alive still works)', async () => {
    expect(await connectionsForTwoRequests(300)).toBe(1);
  });
});
