import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  ContractViolationError,
  InvalidRequestError,
  NotFoundError,
  OcopConnectError,
  OutcomeUnknownError,
  type RetryEvent,
  ServerError,
  TimeoutError,
} from '../../src/core/index.js';
import { closeAllClients, testClient } from './helpers/client.js';
import { scripted, startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await closeAllClients();
  await server?.close();
  server = undefined;
});

async function expectError<E extends OcopConnectError>(
  promise: Promise<unknown>,
  type: new (...a: never[]) => E,
) {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

describe('transport basics', () => {
  it('sends User-Agent, JSON body and query, and returns typed data', async () => {
    server = await startTestServer(() => ({
      status: 200,
      json: { id: 7 },
      headers: { 'x-request-id': 'req-42' },
    }));
    const client = testClient(server.url);
    const response = await client.request<{ id: number }>({
      operation: 'createThing',
      method: 'POST',
      path: '/things',
      query: { shop: 'a b', skip: undefined, n: 3 },
      body: { name: 'Nước mắm' },
      idempotent: true,
    });
    expect(response).toMatchObject({ status: 200, data: { id: 7 }, attempts: 1, requestId: 'req-42' });
    const received = server.requests[0]!;
    expect(received.headers['user-agent']).toBe('ocop-connect/0.1.0');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.url).toBe('/things?shop=a+b&n=3');
    expect(JSON.parse(received.body)).toEqual({ name: 'Nước mắm' });
  });

  it('maps HTTP statuses to error classes with platform, status, message and request summary', async () => {
    server = await startTestServer(({ path }) => {
      if (path === '/missing') return { status: 404, json: { code: 'E404', message: 'không tìm thấy' } };
      if (path === '/dup') return { status: 409, json: { message: 'exists' } };
      return { status: 400, json: { error_code: 'bad_sku', message: 'SKU invalid' } };
    });
    const client = testClient(server.url);
    const missing = await expectError(
      client.request({ operation: 'getThing', method: 'GET', path: '/missing' }),
      NotFoundError,
    );
    expect(missing).toMatchObject({
      platform: 'testplatform',
      operation: 'getThing',
      httpStatus: 404,
      platformCode: 'E404',
      platformMessage: 'không tìm thấy',
      request: { method: 'GET', url: '/missing', operation: 'getThing', attempt: 1 },
    });
    await expectError(
      client.request({ operation: 'make', method: 'POST', path: '/dup', body: {} }),
      ConflictError,
    );
    const invalid = await expectError(
      client.request({ operation: 'make', method: 'GET', path: '/bad' }),
      InvalidRequestError,
    );
    expect(invalid.platformCode).toBe('bad_sku');
    // 4xx is never retried.
    expect(server.requests.filter((r) => r.path === '/bad')).toHaveLength(1);
  });

  it('reads errors inside HTTP 200 bodies through the platform mapper', async () => {
    server = await startTestServer(() => ({
      status: 200,
      json: { status: 205, error: true, message: 'Invalid owner account or password!' },
    }));
    const client = testClient(server.url, {
      mapError: ({ body }) => {
        const envelope = body as { error?: boolean; status?: number; message?: string };
        if (envelope?.error !== true) return undefined;
        return new AuthenticationError(envelope.message ?? 'error', {
          platformCode: String(envelope.status),
          platformMessage: envelope.message,
        });
      },
    });
    const error = await expectError(
      client.request({
        operation: 'login',
        method: 'POST',
        path: '/v2/user/Login',
        body: {},
        authenticated: false,
      }),
      AuthenticationError,
    );
    expect(error).toMatchObject({ httpStatus: 200, platformCode: '205', platform: 'testplatform' });
  });

  it('reports a 2xx body that is not JSON as a contract violation', async () => {
    server = await startTestServer(() => ({ status: 200, text: '<html>maintenance</html>' }));
    const client = testClient(server.url);
    const error = await expectError(
      client.request({ operation: 'list', method: 'GET', path: '/x' }),
      ContractViolationError,
    );
    expect(error.responseBody).toBe('<html>maintenance</html>');
  });

  it('rejects bad options at construction, listing every problem', () => {
    let caught: unknown;
    try {
      testClient('not a url', {
        platform: '',
        timeoutMs: -1,
        rateLimits: { read: { requestsPerSecond: 0 } },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    const problems = (caught as ConfigurationError).problems.join('\n');
    expect(problems).toMatch(/platform/);
    expect(problems).toMatch(/baseUrl/);
    expect(problems).toMatch(/timeoutMs/);
    expect(problems).toMatch(/rateLimits\.read\.requestsPerSecond/);
  });
});

describe('retries', () => {
  it('503, 503, 200 → success after 3 attempts, with the attempts visible', async () => {
    server = await startTestServer(
      scripted({ status: 503, json: { message: 'busy' } }, { status: 503 }, { status: 200, json: { ok: 1 } }),
    );
    const client = testClient(server.url);
    const retries: RetryEvent[] = [];
    client.events.on('retry', (event) => retries.push(event));
    const response = await client.request({ operation: 'list', method: 'GET', path: '/orders' });
    expect(response.attempts).toBe(3);
    expect(response.data).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => [r.attempt, r.httpStatus, r.errorKind])).toEqual([
      [1, 503, 'server'],
      [2, 503, 'server'],
    ]);
  });

  it('gives up after the retry budget with a ServerError', async () => {
    server = await startTestServer(() => ({ status: 502 }));
    const client = testClient(server.url, { retry: { initialDelayMs: 1, retries: 2, jitter: 'none' } });
    const error = await expectError(
      client.request({ operation: 'list', method: 'GET', path: '/o' }),
      ServerError,
    );
    expect(error.httpStatus).toBe(502);
    expect(server.requests).toHaveLength(3);
  });

  it('per-call retries override the client default', async () => {
    server = await startTestServer(() => ({ status: 503 }));
    const client = testClient(server.url);
    await expectError(
      client.request({ operation: 'list', method: 'GET', path: '/o' }, { retries: 0 }),
      ServerError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('honours Retry-After in seconds', async () => {
    server = await startTestServer(
      scripted({ status: 429, headers: { 'retry-after': '1' } }, { status: 200, json: {} }),
    );
    const client = testClient(server.url);
    const response = await client.request({ operation: 'list', method: 'GET', path: '/o' });
    expect(response.attempts).toBe(2);
    const waitedMs = server.requests[1]!.receivedAtMs - server.requests[0]!.receivedAtMs;
    expect(waitedMs).toBeGreaterThanOrEqual(950);
    expect(waitedMs).toBeLessThan(2500);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    // HTTP-dates have 1-second resolution: aim ~2 s ahead on a whole second.
    const retryAt = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
    server = await startTestServer(
      scripted({ status: 503, headers: { 'retry-after': retryAt.toUTCString() } }, { status: 200, json: {} }),
    );
    const client = testClient(server.url);
    const response = await client.request({ operation: 'list', method: 'GET', path: '/o' });
    expect(response.attempts).toBe(2);
    const [first, second] = server.requests;
    // The first answer came well before the date, so the retry waited for it (and not much longer).
    expect(retryAt.getTime() - first!.receivedAtWallMs).toBeGreaterThan(900);
    expect(second!.receivedAtWallMs).toBeGreaterThanOrEqual(retryAt.getTime() - 5);
    expect(second!.receivedAtWallMs).toBeLessThan(retryAt.getTime() + 1500);
  });

  it('a timed-out read is retried', async () => {
    server = await startTestServer(
      scripted({ status: 200, json: {}, delayMs: 500 }, { status: 200, json: { ok: 2 } }),
    );
    const client = testClient(server.url);
    const response = await client.request(
      { operation: 'list', method: 'GET', path: '/o' },
      { timeoutMs: 100 },
    );
    expect(response).toMatchObject({ attempts: 2, data: { ok: 2 } });
  });
});

describe('timeouts and adapter bugs', () => {
  it('the timeout covers the whole attempt, even when the server trickles bytes', async () => {
    const trickle = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      const interval = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(interval));
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
    try {
      const client = testClient(`http://127.0.0.1:${(trickle.address() as AddressInfo).port}`);
      const startedMs = Date.now();
      const error = await expectError(
        client.request({ operation: 'get', method: 'GET', path: '/' }, { timeoutMs: 300, retries: 0 }),
        TimeoutError,
      );
      expect(error.timeoutMs).toBe(300);
      expect(Date.now() - startedMs).toBeLessThan(2000);
    } finally {
      trickle.closeAllConnections();
      await new Promise((resolve) => trickle.close(resolve));
    }
  });

  it('a throwing platform mapper surfaces its own error, not a misleading "closed"', async () => {
    server = await startTestServer(() => ({ status: 200, json: {} }));
    const client = testClient(server.url, {
      mapError: () => {
        throw new TypeError('mapper bug');
      },
    });
    await expect(client.request({ operation: 'get', method: 'GET', path: '/' })).rejects.toThrow(
      'mapper bug',
    );
  });
});

describe('writes after a lost response', () => {
  it('a non-idempotent POST whose response is lost is NOT repeated and says outcome unknown', async () => {
    server = await startTestServer(() => ({ destroySocket: true }));
    const client = testClient(server.url);
    const error = await expectError(
      client.request({ operation: 'createShipment', method: 'POST', path: '/orders', body: { ref: 'OC1' } }),
      OutcomeUnknownError,
    );
    expect(server.requests).toHaveLength(1);
    expect(error.message).toMatch(/response was lost, and it was not repeated/);
    expect(error.cause).toBeInstanceOf(OcopConnectError);
    expect((error.cause as OcopConnectError).kind).toBe('network');
  });

  it('a timed-out non-idempotent POST is not repeated either', async () => {
    server = await startTestServer(() => ({ status: 200, json: {}, delayMs: 400 }));
    const client = testClient(server.url);
    const error = await expectError(
      client.request(
        { operation: 'createShipment', method: 'POST', path: '/orders', body: {} },
        { timeoutMs: 100 },
      ),
      OutcomeUnknownError,
    );
    expect(error.cause as OcopConnectError).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it('an idempotent write (unique reference) is retried after a lost response', async () => {
    server = await startTestServer(
      scripted({ destroySocket: true }, { status: 200, json: { created: true } }),
    );
    const client = testClient(server.url);
    const response = await client.request({
      operation: 'createShipment',
      method: 'POST',
      path: '/orders',
      body: { ORDER_NUMBER: 'OC1', CHECK_UNIQUE: true },
      idempotent: true,
    });
    expect(response).toMatchObject({ attempts: 2, data: { created: true } });
    expect(server.requests).toHaveLength(2);
  });

  it('with an idempotency key the same key is sent on every attempt', async () => {
    server = await startTestServer(scripted({ destroySocket: true }, { status: 201, json: {} }));
    const client = testClient(server.url, { idempotencyHeader: 'Idempotency-Key' });
    await client.request(
      { operation: 'createListing', method: 'POST', path: '/l', body: {} },
      { idempotencyKey: 'k-1' },
    );
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
  });

  it('with recover returning the object, the call resolves without a second POST', async () => {
    server = await startTestServer(() => ({ destroySocket: true }));
    const client = testClient(server.url);
    let lookups = 0;
    const response = await client.request({
      operation: 'createShipment',
      method: 'POST',
      path: '/orders',
      body: { ref: 'OC1' },
      recover: async () => {
        lookups++;
        return { orderNumber: 'VTP123', ref: 'OC1' };
      },
    });
    expect(response).toMatchObject({ recovered: true, data: { orderNumber: 'VTP123' }, attempts: 1 });
    expect(lookups).toBe(1);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('with recover finding nothing, the write is sent again', async () => {
    server = await startTestServer(
      scripted({ destroySocket: true }, { status: 200, json: { orderNumber: 'VTP9' } }),
    );
    const client = testClient(server.url);
    const response = await client.request({
      operation: 'createShipment',
      method: 'POST',
      path: '/orders',
      body: {},
      recover: async () => undefined,
    });
    expect(response).toMatchObject({ attempts: 2, data: { orderNumber: 'VTP9' } });
    expect(response.recovered).toBeUndefined();
  });

  it('when the lookup itself fails, the outcome stays unknown and nothing is re-sent', async () => {
    server = await startTestServer(() => ({ destroySocket: true }));
    const client = testClient(server.url);
    const error = await expectError(
      client.request({
        operation: 'createShipment',
        method: 'POST',
        path: '/orders',
        body: {},
        recover: async () => {
          throw new NotFoundError('lookup endpoint missing');
        },
      }),
      OutcomeUnknownError,
    );
    expect(error.message).toMatch(/looking it up by reference failed/);
    expect(error.cause).toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(1);
  });

  it('a POST refused with 429 is repeated (the platform did not process it)', async () => {
    server = await startTestServer(
      scripted({ status: 429, headers: { 'retry-after': '0' } }, { status: 200, json: {} }),
    );
    const client = testClient(server.url);
    const response = await client.request({ operation: 'create', method: 'POST', path: '/x', body: {} });
    expect(response.attempts).toBe(2);
  });
});

describe('lifecycle', () => {
  it('close() rejects later calls and leaves no timers behind', async () => {
    server = await startTestServer();
    const client = testClient(server.url);
    await client.request({ operation: 'ping', method: 'GET', path: '/' });
    await client.close();
    // Used after close(): kind closed, like every closed object (trial 18b N5), and nothing sent.
    await expect(client.request({ operation: 'ping', method: 'GET', path: '/' })).rejects.toMatchObject({
      kind: 'closed',
      name: 'ClosedError',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('an aborted signal stops the call with AbortedError', async () => {
    server = await startTestServer(() => ({ status: 200, json: {}, delayMs: 2000 }));
    const client = testClient(server.url);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      client.request({ operation: 'slow', method: 'GET', path: '/' }, { signal: controller.signal }),
    ).rejects.toMatchObject({ kind: 'aborted' });
  });
});
