import { afterEach, describe, expect, it } from 'vitest';
import {
  type AuthEvent,
  AuthenticationError,
  type AuthToken,
  createTokenManager,
  InternalError,
  loginTokenAuth,
  MemoryTokenStore,
  oauth2Auth,
  type PlatformClient,
  tokenStoreKey,
} from '../../src/core/index.js';
import { closeAllClients, testClient } from './helpers/client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await closeAllClients();
  await server?.close();
  server = undefined;
});

const HOUR_MS = 3_600_000;

/**
 * A ViettelPost-like server: POST /login issues token `tok-<n>`; other paths need the current
 * token in the `Token` header and answer HTTP 200 with `{error:true}` otherwise (as VTP does).
 */
async function startLoginServer(options: { loginDelayMs?: number } = {}) {
  let issued = 0;
  let valid = new Set<string>();
  const started = await startTestServer(async (req) => {
    if (req.path === '/login') {
      if (options.loginDelayMs) await new Promise((r) => setTimeout(r, options.loginDelayMs));
      issued++;
      const token = `tok-${issued}-secretvalue`;
      valid = new Set([token]);
      return { json: { status: 200, error: false, data: { token, expired: Date.now() + HOUR_MS } } };
    }
    const token = req.headers.token;
    if (typeof token !== 'string' || !valid.has(token)) {
      return { json: { status: 401, error: true, message: 'Token invalid or expired', data: null } };
    }
    return { json: { status: 200, error: false, data: { path: req.path } } };
  });
  return {
    server: started,
    logins: () => started.requests.filter((r) => r.path === '/login').length,
    revokeAll: () => valid.clear(),
  };
}

function vtpLikeClient(url: string, store: MemoryTokenStore, key = tokenStoreKey('testplatform', 'coop-1')) {
  let client: PlatformClient;
  const auth = loginTokenAuth({
    key,
    store,
    headerName: 'Token',
    login: async () => {
      const response = await client.request<{ data: { token: string; expired: number } }>({
        operation: 'login',
        method: 'POST',
        path: '/login',
        body: { USERNAME: '0987654321', PASSWORD: 'pw' },
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
  client = testClient(url, {
    auth,
    mapError: ({ body }) => {
      const envelope = body as { error?: boolean; status?: number; message?: string };
      if (envelope?.error !== true) return undefined;
      return envelope.status === 401 ? new AuthenticationError(envelope.message ?? 'auth') : undefined;
    },
  });
  return { client, auth };
}

describe('token manager through the pipeline', () => {
  it('20 concurrent calls with an expired token → exactly 1 login reaches the server', async () => {
    const login = await startLoginServer({ loginDelayMs: 50 });
    server = login.server;
    const store = new MemoryTokenStore();
    const key = tokenStoreKey('testplatform', 'coop-1');
    await store.set(key, { value: 'tok-old-expired', expiresAtMs: Date.now() - 1000, obtainedAtMs: 0 });
    const { client } = vtpLikeClient(server.url, store, key);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.request({ operation: 'get', method: 'GET', path: `/r/${i}` }),
      ),
    );
    expect(results).toHaveLength(20);
    expect(login.logins()).toBe(1);
    const used = new Set(server.requests.filter((r) => r.path !== '/login').map((r) => r.headers.token));
    expect([...used]).toEqual(['tok-1-secretvalue']);
    expect((await store.get(key))?.value).toBe('tok-1-secretvalue');
  });

  it('a token restored from the store is used without logging in', async () => {
    const login = await startLoginServer();
    server = login.server;
    const store = new MemoryTokenStore();
    const first = vtpLikeClient(server.url, store);
    await first.client.request({ operation: 'get', method: 'GET', path: '/a' });
    const second = vtpLikeClient(server.url, store);
    await second.client.request({ operation: 'get', method: 'GET', path: '/b' });
    expect(login.logins()).toBe(1);
  });

  it('on an auth error (even inside HTTP 200) re-authenticates once and succeeds', async () => {
    const login = await startLoginServer();
    server = login.server;
    const { client } = vtpLikeClient(server.url, new MemoryTokenStore());
    const events: AuthEvent[] = [];
    client.events.on('auth', (e) => events.push(e));
    await client.request({ operation: 'get', method: 'GET', path: '/a' });
    login.revokeAll();
    const response = await client.request<{ data: { path: string } }>({
      operation: 'get',
      method: 'GET',
      path: '/b',
    });
    expect(response.data.data.path).toBe('/b');
    expect(login.logins()).toBe(2);
    expect(events.map((e) => e.action)).toEqual(['reauthenticate']);
  });

  it('20 concurrent calls hitting a revoked token cause ONE re-login', async () => {
    const login = await startLoginServer({ loginDelayMs: 30 });
    server = login.server;
    const { client } = vtpLikeClient(server.url, new MemoryTokenStore());
    await client.request({ operation: 'get', method: 'GET', path: '/warm' });
    login.revokeAll();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.request({ operation: 'get', method: 'GET', path: `/r/${i}` }),
      ),
    );
    expect(login.logins()).toBe(2);
  });

  it('fails with AuthenticationError when the fresh token is refused too (no loop)', async () => {
    server = await startTestServer((req) =>
      req.path === '/login'
        ? { json: { error: false, data: { token: `t-${Math.random()}`, expired: Date.now() + HOUR_MS } } }
        : { json: { status: 401, error: true, message: 'Token invalid or expired' } },
    );
    const { client } = vtpLikeClient(server.url, new MemoryTokenStore());
    const events: AuthEvent[] = [];
    client.events.on('auth', (e) => events.push(e));
    await expect(client.request({ operation: 'get', method: 'GET', path: '/a' })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(server.requests.filter((r) => r.path === '/login')).toHaveLength(2);
    expect(server.requests.filter((r) => r.path === '/a')).toHaveLength(2);
    expect(events.map((e) => e.action)).toEqual(['reauthenticate', 'failed']);
  });
});

describe('token expiring while requests queue', () => {
  it('a request whose token expired in the queue gives its slot back instead of deadlocking the login', async () => {
    let logins = 0;
    server = await startTestServer(async (req) => {
      if (req.path === '/login') {
        logins++;
        // The first token dies after 400 ms, while later requests are still queued.
        const expired = logins === 1 ? Date.now() + 400 : Date.now() + HOUR_MS;
        return { json: { error: false, data: { token: `tok-${logins}-abcdef`, expired } } };
      }
      await new Promise((r) => setTimeout(r, 150));
      return { json: { error: false, data: { token: req.headers.token } } };
    });
    let client: PlatformClient;
    const auth = loginTokenAuth({
      key: 'k',
      headerName: 'Token',
      refreshBeforeExpiryMs: 0,
      login: async () => {
        const response = await client.request<{ data: { token: string; expired: number } }>({
          operation: 'login',
          method: 'POST',
          path: '/login',
          body: {},
          authenticated: false,
          trafficClass: 'auth',
          idempotent: true,
        });
        return {
          value: response.data.data.token,
          expiresAtMs: response.data.data.expired,
          obtainedAtMs: Date.now(),
        };
      },
    });
    // One global quota, one request at a time: the login needs the same single slot.
    client = testClient(server.url, {
      auth,
      rateLimits: { shared: { requestsPerSecond: 50, maxConcurrent: 1 } },
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client.request<{ data: { token: string } }>({ operation: 'get', method: 'GET', path: `/r/${i}` }),
      ),
    );
    expect(logins).toBe(2);
    const tokens = results.map((r) => r.data.data.token);
    // How many requests the first token serves depends on the machine's speed (it dies after 400 ms);
    // what matters: the first ones used it, the login that replaced it got the single slot, and every
    // later request carried the new token (none was sent with the dead one).
    expect(tokens[0]).toBe('tok-1-abcdef');
    const firstNew = tokens.indexOf('tok-2-abcdef');
    expect(firstNew).toBeGreaterThan(0);
    expect(tokens.slice(firstNew).every((t) => t === 'tok-2-abcdef')).toBe(true);
  }, 10_000);
});

describe('token manager unit behaviour', () => {
  it('refreshes before the known expiry', async () => {
    let now = 1_000_000;
    let fetches = 0;
    const manager = createTokenManager({
      key: 'k',
      refreshBeforeExpiryMs: 60_000,
      now: () => now,
      fetchToken: async () => ({ value: `t${++fetches}`, expiresAtMs: now + 600_000, obtainedAtMs: now }),
    });
    expect((await manager.getToken()).value).toBe('t1');
    now += 500_000; // 100 s before expiry: still fresh
    expect((await manager.getToken()).value).toBe('t1');
    now += 50_000; // 50 s before expiry: inside the refresh margin
    expect((await manager.getToken()).value).toBe('t2');
  });

  it('a failed login is shared by all waiters and the next call tries again', async () => {
    let attempts = 0;
    const manager = createTokenManager({
      key: 'k',
      fetchToken: async () => {
        attempts++;
        if (attempts === 1) throw new Error('login down');
        return { value: 'ok-token', obtainedAtMs: 0 };
      },
    });
    const results = await Promise.allSettled([manager.getToken(), manager.getToken(), manager.getToken()]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // A plain Error from the login function is not a refusal by the platform: a bug, InternalError (N8).
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(InternalError);
    expect((results[1] as PromiseRejectedResult).reason).toBe((results[0] as PromiseRejectedResult).reason);
    expect((await manager.getToken()).value).toBe('ok-token');
    expect(attempts).toBe(2);
  });

  it('invalidate ignores a stale value that was already replaced', async () => {
    let n = 0;
    const manager = createTokenManager({
      key: 'k',
      fetchToken: async () => ({ value: `v${++n}`, obtainedAtMs: 0 }),
    });
    await manager.getToken();
    await manager.invalidate('v1');
    expect((await manager.getToken()).value).toBe('v2');
    await manager.invalidate('v1');
    expect((await manager.getToken()).value).toBe('v2');
  });
});

describe('token persistence', () => {
  it('a refused token is persisted as expired, so the next run logs in instead of reusing it', async () => {
    const store = new MemoryTokenStore();
    let n = 0;
    const fetchToken = async () => ({ value: `v${++n}-long-token`, obtainedAtMs: 0 });
    const first = createTokenManager({ key: 'vtp:a', store, fetchToken });
    await first.getToken();
    await first.invalidate('v1-long-token');
    expect(await store.get('vtp:a')).toMatchObject({ value: 'v1-long-token', expiresAtMs: 0 });
    const nextRun = createTokenManager({ key: 'vtp:a', store, fetchToken });
    expect((await nextRun.getToken()).value).toBe('v2-long-token');
  });

  it('MemoryTokenStore hands out copies', async () => {
    const store = new MemoryTokenStore();
    await store.set('k', { value: 'abc', obtainedAtMs: 1, meta: { userId: '7' } });
    const copy = (await store.get('k'))!;
    copy.meta!.userId = 'tampered';
    expect((await store.get('k'))?.meta?.userId).toBe('7');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('oauth2 with rotating refresh tokens', () => {
  it('refreshes with the current refresh token, single-flight, and persists the rotated one', async () => {
    const store = new MemoryTokenStore();
    const usedRefreshTokens: string[] = [];
    let n = 0;
    const { tokenManager } = oauth2Auth({
      key: 'shop:1',
      store,
      initialToken: { value: 'a0', refreshToken: 'r0', expiresAtMs: Date.now() - 1, obtainedAtMs: 0 },
      refresh: async (refreshToken) => {
        usedRefreshTokens.push(refreshToken);
        await new Promise((r) => setTimeout(r, 20));
        n++;
        return {
          value: `a${n}`,
          refreshToken: `r${n}`,
          expiresAtMs: Date.now() + HOUR_MS,
          obtainedAtMs: Date.now(),
        };
      },
    });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => tokenManager.getToken()));
    expect(new Set(tokens.map((t) => t.value))).toEqual(new Set(['a1']));
    await tokenManager.invalidate('a1');
    expect((await tokenManager.getToken()).value).toBe('a2');
    expect(usedRefreshTokens).toEqual(['r0', 'r1']);
    expect((await store.get('shop:1')) as AuthToken).toMatchObject({ value: 'a2', refreshToken: 'r2' });
  });

  it('sends Authorization: Bearer through the pipeline', async () => {
    server = await startTestServer(() => ({ json: {} }));
    const auth = oauth2Auth({
      key: 'shop:2',
      initialToken: { value: 'access-xyz', refreshToken: 'r', obtainedAtMs: 0 },
      refresh: async () => {
        throw new Error('not expected');
      },
    });
    const client = testClient(server.url, { auth });
    await client.request({ operation: 'get', method: 'GET', path: '/' });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer access-xyz');
  });
});

describe('a bug in the user login function (trial 18b N8)', () => {
  it('a TypeError thrown by loginTokenAuth login is InternalError (kind internal, cause kept), nothing sent', async () => {
    server = await startTestServer(async () => ({ json: { ok: true } }));
    const bug = new TypeError("Cannot read properties of undefined (reading 'token')");
    const auth = loginTokenAuth({
      key: 'k',
      headerName: 'Token',
      login: async () => {
        throw bug;
      },
    });
    const client = testClient(server.url, { auth });
    const error = await client.request({ operation: 'get', method: 'GET', path: '/r' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InternalError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect((error as InternalError).kind).toBe('internal');
    expect((error as InternalError).cause).toBe(bug);
    expect(server.requests).toHaveLength(0);
  });

  it("the login's own refusal stays an AuthenticationError", async () => {
    server = await startTestServer(async () => ({ json: { ok: true } }));
    const auth = loginTokenAuth({
      key: 'k',
      headerName: 'Token',
      login: async () => {
        throw new AuthenticationError({ vi: 'Sai mật khẩu', en: 'Wrong password' });
      },
    });
    const client = testClient(server.url, { auth });
    const error = await client.request({ operation: 'get', method: 'GET', path: '/r' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).messageVi).toBe('Sai mật khẩu');
  });
});
