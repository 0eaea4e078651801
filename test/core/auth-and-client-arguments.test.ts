/**
 * #18 (helper S): the token store, the auth strategies, the platform client's `request` and the
 * ViettelPost error mapper given bad arguments answer with the library's bilingual errors naming the
 * argument — the caller's mistake, not an InternalError ("please report it") nor a raw TypeError — and
 * nothing is kept or sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  bearerAuth,
  ConfigurationError,
  createTokenManager,
  headerTokenAuth,
  InternalError,
  lazadaSigningAuth,
  loginTokenAuth,
  MemoryTokenStore,
  type OcopConnectError,
  oauth2Auth,
  shopeeSigningAuth,
  ValidationError,
} from '../../src/index.js';
import { mapViettelPostError } from '../../src/platforms/viettelpost/index.js';
import { closeAllClients, testClient } from './helpers/client.js';
import { bad, refusal } from './helpers/failure.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

describe('MemoryTokenStore refuses a key or token of the wrong type, keeping nothing', () => {
  it.each([
    ['set(5, 5)', 'key', 'number', (s: MemoryTokenStore) => s.set(bad(5), bad(5))],
    ['set("k", 5)', 'token', 'number', (s: MemoryTokenStore) => s.set('k', bad(5))],
    ['set("k", { value: 5 })', 'token', 'object', (s: MemoryTokenStore) => s.set('k', bad({ value: 5 }))],
    ['get(undefined)', 'key', 'undefined', (s: MemoryTokenStore) => s.get(bad(undefined))],
    ['delete(null)', 'key', 'null', (s: MemoryTokenStore) => s.delete(bad(null))],
  ])('%s: a ValidationError naming %s', async (_call, name, got, run) => {
    const store = new MemoryTokenStore();
    const error = await refusal(() => run(store));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toMatch(new RegExp(`^${name}: phải là .* \\(nhận được ${got}\\)$`));
    expect(error.messageEn).toMatch(new RegExp(`^${name}: must be .* \\(got ${got}\\)$`));
    expect(await store.get('k')).toBeUndefined();
  });

  it('a good token is kept and copied', async () => {
    const store = new MemoryTokenStore();
    await store.set('voso:a', { value: 't', obtainedAtMs: 1 });
    expect(await store.get('voso:a')).toEqual({ value: 't', obtainedAtMs: 1 });
  });
});

describe('the auth strategies name a missing or wrong-typed option when made, not when first used', () => {
  const manager = () =>
    createTokenManager({ key: 'k', fetchToken: async () => ({ value: 't', obtainedAtMs: Date.now() }) });

  it.each([
    ['bearerAuth({})', 'tokenManager', () => bearerAuth(bad({}))],
    ['bearerAuth({ tokenManager: "t" })', 'tokenManager', () => bearerAuth(bad({ tokenManager: 't' }))],
    [
      'headerTokenAuth({ tokenManager })',
      'headerName',
      () => headerTokenAuth(bad({ tokenManager: manager() })),
    ],
    [
      'loginTokenAuth({ key, headerName })',
      'login',
      () => loginTokenAuth(bad({ key: 'k', headerName: 'Token' })),
    ],
    ['oauth2Auth({ key: "k" })', 'refresh', () => oauth2Auth(bad({ key: 'k' }))],
    ['shopeeSigningAuth({ partnerId: 1 })', 'partnerKey', () => shopeeSigningAuth(bad({ partnerId: 1 }))],
    [
      'shopeeSigningAuth({ partnerId: null, partnerKey: "k" })',
      'partnerId',
      () => shopeeSigningAuth(bad({ partnerId: null, partnerKey: 'k' })),
    ],
    ['lazadaSigningAuth({ appKey: "a" })', 'appSecret', () => lazadaSigningAuth(bad({ appKey: 'a' }))],
  ])('%s: a ConfigurationError naming %s', async (_call, name, run) => {
    const error = await refusal(run);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).not.toBeInstanceOf(InternalError);
    expect(error.messageVi).toContain(`${name}: phải là`);
    expect(error.messageEn).toContain(`${name}: must be`);
  });

  it('good options still make strategies', () => {
    expect(bearerAuth({ tokenManager: manager() }).name).toBe('header-bearer');
    expect(shopeeSigningAuth({ partnerId: 1, partnerKey: 'k' }).name).toBe('hmac-shopee');
  });
});

describe('PlatformClient.request refuses a bad request or options before sending anything', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await closeAllClients();
    await server?.close();
    server = undefined;
  });

  it.each([
    ['undefined', undefined, 'request', 'request: phải là một đối tượng (nhận được undefined)'],
    ['"GET /x"', 'GET /x', 'request', 'request: phải là một đối tượng (nhận được string)'],
    ['{}', {}, 'request', 'request.operation: phải là một chuỗi không rỗng (nhận được undefined)'],
    [
      '{ method: "FETCH" }',
      { operation: 'x', method: 'FETCH', path: '/x' },
      'request',
      'request.method: phải là một trong GET, POST, PUT, PATCH, DELETE (nhận được string)',
    ],
  ])('request(%s): a ValidationError, not an InternalError', async (_label, request, _name, vi) => {
    server = await startTestServer(() => ({ status: 200, json: {} }));
    const client = testClient(server.url);
    const error = await refusal(() => client.request(bad(request)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(InternalError);
    expect(error.messageVi).toContain(vi);
    expect(error.messageEn).toMatch(/request(\.\w+)?: must be/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['null', null, 'options: must be an object (got null)'],
    ['{ retries: "3" }', { retries: '3' }, 'retries: must be an integer ≥ 0 (or left out) (got string)'],
    ['{ signal: "stop" }', { signal: 'stop' }, 'signal: must be an AbortSignal (or left out) (got string)'],
  ])('request(req, %s): a ConfigurationError naming the option', async (_label, options, en) => {
    server = await startTestServer(() => ({ status: 200, json: {} }));
    const client = testClient(server.url);
    const error = await refusal(() =>
      client.request({ operation: 'getThing', method: 'GET', path: '/things' }, bad(options)),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageEn).toContain(en);
    expect(error.messageVi).toContain(en.split(':')[0]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('mapViettelPostError refuses what is not an ErrorMappingContext', () => {
  it.each([
    [
      'undefined',
      undefined,
      'context: phải là một đối tượng (nhận được undefined)',
      'context: must be an object',
    ],
    ['"boom"', 'boom', 'context: phải là một đối tượng (nhận được string)', 'context: must be an object'],
    [
      '{ body }',
      { body: { error: true, message: 'x' } },
      'context.operation: phải là một chuỗi không rỗng',
      'context.status: must be an HTTP status code (100–599)',
    ],
  ])('mapViettelPostError(%s): a ValidationError naming context', (_label, context, vi, en) => {
    let error: OcopConnectError | undefined;
    try {
      mapViettelPostError(bad(context));
    } catch (thrown) {
      error = thrown as OcopConnectError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.messageVi).toContain(vi);
    expect(error!.messageEn).toContain(en);
  });

  it('a real context is still mapped', () => {
    const context = { platform: 'viettelpost', operation: 'createOrder', status: 200, headers: {} };
    expect(
      mapViettelPostError({ ...context, body: { status: 200, error: false, data: {} } }),
    ).toBeUndefined();
    expect(
      mapViettelPostError({ ...context, body: { status: 205, error: true, message: 'System error' } })?.kind,
    ).toBe('server');
  });
});
