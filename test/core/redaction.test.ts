import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createLogger,
  InvalidRequestError,
  loginTokenAuth,
  MemoryTokenStore,
  OcopConnectError,
  type PlatformClient,
  REDACTED,
  redactBody,
  redactHeaders,
  redactUrl,
} from '../../src/core/index.js';
import { closeAllClients, testClient } from './helpers/client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await closeAllClients();
  await server?.close();
  server = undefined;
});

const SECRETS = {
  password: 'Pw-S3cret-ViettelPost!',
  token: 'tok-LONG-abcdef1234567890',
  queryToken: 'qs-token-987654321',
  partnerKey: 'pk-7777777777abc',
  refreshToken: 'rt-5555555555xyz',
};

function captureLogs() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'trace', destination: stream }), text: () => chunks.join('') };
}

function everythingAbout(error: unknown): string {
  const parts = [String(error), inspect(error, { depth: 10, showHidden: false })];
  if (error instanceof OcopConnectError) parts.push(JSON.stringify(error.toJSON()), error.stack ?? '');
  return parts.join('\n');
}

describe('no credential ever reaches a log line or an error', () => {
  it('a full run with login, authenticated calls, echoed secrets and failures leaks nothing', async () => {
    server = await startTestServer((req) => {
      if (req.path === '/v2/user/Login') {
        return {
          json: {
            status: 200,
            error: false,
            data: { token: SECRETS.token, expired: Date.now() + 3_600_000 },
          },
        };
      }
      if (req.path === '/echo-token') {
        // A platform that quotes the credential back in its error message.
        return {
          status: 400,
          json: { message: `Token ${String(req.headers.token)} is not valid for this shop` },
        };
      }
      if (req.path === '/echo-body') {
        return { status: 422, json: { message: 'bad', received: JSON.parse(req.body || '{}') } };
      }
      if (req.path === '/server-error') return { status: 500, text: `upstream failed for ${req.url}` };
      if (req.path === '/hangup') return { destroySocket: true };
      if (req.path === '/denied')
        return { json: { status: 401, error: true, message: 'Token invalid or expired' } };
      return { json: { status: 200, error: false, data: {} } };
    });
    const logs = captureLogs();
    let client: PlatformClient;
    const auth = loginTokenAuth({
      key: 'vtp:coop',
      store: new MemoryTokenStore(),
      headerName: 'Token',
      login: async () => {
        const response = await client.request<{ data: { token: string; expired: number } }>({
          operation: 'login',
          method: 'POST',
          path: '/v2/user/Login',
          body: { USERNAME: '0987654321', PASSWORD: SECRETS.password },
          authenticated: false,
          trafficClass: 'auth',
        });
        return {
          value: response.data.data.token,
          expiresAtMs: response.data.data.expired,
          obtainedAtMs: Date.now(),
        };
      },
    });
    client = testClient(server.url, {
      logger: logs.logger,
      auth,
      retry: { retries: 1, initialDelayMs: 1, jitter: 'none' },
      mapError: ({ body }) => {
        const envelope = body as { error?: boolean; status?: number; message?: string } | undefined;
        if (envelope?.error === true && envelope.status === 401)
          return new AuthenticationError(envelope.message!);
        return undefined;
      },
    });

    const errors: unknown[] = [];
    const attempt = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        errors.push(error);
      }
    };
    await client.request({
      operation: 'ok',
      method: 'GET',
      path: '/ok',
      query: { access_token: SECRETS.queryToken },
    });
    await attempt(client.request({ operation: 'echoToken', method: 'GET', path: '/echo-token' }));
    await attempt(
      client.request({
        operation: 'echoBody',
        method: 'POST',
        path: '/echo-body',
        body: {
          partner_key: SECRETS.partnerKey,
          nested: { refresh_token: SECRETS.refreshToken, PASSWORD: SECRETS.password },
        },
      }),
    );
    await attempt(
      client.request({
        operation: 'fail',
        method: 'GET',
        path: '/server-error',
        query: { sign: 'x', access_token: SECRETS.queryToken },
      }),
    );
    await attempt(
      client.request({
        operation: 'create',
        method: 'POST',
        path: '/hangup',
        body: { PASSWORD: SECRETS.password },
      }),
    );
    await attempt(client.request({ operation: 'denied', method: 'GET', path: '/denied' }));

    // The run did what we think: errors of the expected kinds, and log lines were written.
    expect(errors.map((e) => (e as OcopConnectError).kind)).toEqual([
      'invalid_request',
      'invalid_request',
      'server',
      'outcome_unknown',
      'authentication',
    ]);
    expect(errors[0]).toBeInstanceOf(InvalidRequestError);
    const logText = logs.text();
    expect(logText).toContain('"event":"request"');
    expect(logText).toContain('"event":"retry"');
    expect(logText).toContain(REDACTED);

    for (const secret of Object.values(SECRETS)) {
      expect(logText, `log leaks ${secret.slice(0, 4)}…`).not.toContain(secret);
      for (const error of errors) {
        expect(everythingAbout(error), `error leaks ${secret.slice(0, 4)}…`).not.toContain(secret);
      }
    }
    // The echoed token was replaced, but the rest of the platform's message survived.
    expect((errors[0] as OcopConnectError).platformMessage).toBe(
      `Token ${REDACTED} is not valid for this shop`,
    );
  });
});

describe('redaction helpers', () => {
  it('redacts credential headers case-insensitively', () => {
    expect(redactHeaders({ Token: 'a', authorization: 'Bearer b', 'X-Shop': 'c' })).toEqual({
      Token: REDACTED,
      authorization: REDACTED,
      'X-Shop': 'c',
    });
  });

  it('redacts secret body fields at any depth, including names that merely contain them', () => {
    expect(
      redactBody({
        USERNAME: 'u',
        PASSWORD: 'p',
        data: [{ access_token: 't', app_secret: 's', NEW_PASSWORD: 'n', name: 'Mật ong' }],
      }),
    ).toEqual({
      USERNAME: 'u',
      PASSWORD: REDACTED,
      data: [{ access_token: REDACTED, app_secret: REDACTED, NEW_PASSWORD: REDACTED, name: 'Mật ong' }],
    });
  });

  it('redacts secret query parameters and keeps the rest', () => {
    expect(redactUrl('/api/v2/x?partner_id=1&access_token=abc&sign=def&shop_id=2')).toBe(
      `/api/v2/x?partner_id=1&access_token=${REDACTED}&sign=${REDACTED}&shop_id=2`,
    );
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
