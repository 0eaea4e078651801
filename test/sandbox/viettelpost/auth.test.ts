import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';
import { type Envelope, longToken, vtpClient } from './helpers.js';

interface TokenData {
  userId: number;
  token: string;
  partner: number;
  phone: string;
  expired: number;
  source: number;
}

describe('ViettelPost sandbox: authentication', () => {
  let sandbox: ViettelPostSandbox;
  let clockMs = Date.UTC(2026, 10, 27, 3, 0, 0);

  beforeAll(async () => {
    sandbox = await startViettelPostSandbox({
      stepMs: 0,
      now: () => clockMs,
      loginTokenTtlMs: 60_000,
      ownerTokenTtlMs: 3_600_000,
    });
  });
  afterAll(() => sandbox.close());

  it('Login then ownerconnect yields a long token that business calls accept', async () => {
    const client = vtpClient(sandbox);
    const creds = { USERNAME: sandbox.credentials.username, PASSWORD: sandbox.credentials.password };
    const login = await client.post<Envelope<TokenData>>('/v2/user/Login', creds);
    expect(login).toMatchObject({ status: 200, error: false, message: 'OK' });
    expect(login.data.token.split('.')).toHaveLength(3);
    expect(login.data.expired).toBe(clockMs + 60_000);
    expect(login.data.partner).toBe(login.data.userId);
    expect(login.data.source).toBe(5);

    const owner = await client.post<Envelope<TokenData>>('/v2/user/ownerconnect', creds, login.data.token);
    expect(owner.error).toBe(false);
    expect(owner.data.expired).toBe(clockMs + 3_600_000);
    expect(owner.data.token).not.toBe(login.data.token);

    const inventory = await client.get<Envelope<Array<Record<string, unknown>>>>(
      '/v2/user/listInventory',
      owner.data.token,
    );
    expect(inventory.error).toBe(false);
    expect(inventory.data[0]).toMatchObject({
      groupaddressId: expect.any(Number),
      cusId: owner.data.userId,
      wardsId: expect.any(Number),
    });
    expect(sandbox.state.loginCount()).toBeGreaterThanOrEqual(1);
    expect(sandbox.state.ownerConnectCount()).toBeGreaterThanOrEqual(1);
  });

  it('refuses the short Login token on business endpoints (401 in the body, HTTP 200)', async () => {
    const client = vtpClient(sandbox);
    const login = await client.post<Envelope<TokenData>>('/v2/user/Login', {
      USERNAME: sandbox.credentials.username,
      PASSWORD: sandbox.credentials.password,
    });
    const answer = await client.call<Envelope>('GET', '/v2/user/listInventory', { token: login.data.token });
    expect(answer.httpStatus).toBe(200);
    expect(answer.body).toEqual({ status: 401, error: true, message: 'Token invalid', data: null });
  });

  it('answers wrong credentials, missing and unknown tokens with the documented envelopes', async () => {
    const client = vtpClient(sandbox);
    const bad = await client.post<Envelope>('/v2/user/Login', {
      USERNAME: sandbox.credentials.username,
      PASSWORD: 'nope',
    });
    expect(bad).toEqual({
      status: 205,
      error: true,
      message: 'Invalid owner account or password!',
      data: null,
    });
    expect(await client.get('/v2/user/listInventory')).toEqual({
      status: 401,
      error: true,
      message: 'Header Token is required',
      data: null,
    });
    expect(await client.get('/v2/user/listInventory', 'abc.def.ghi')).toMatchObject({
      status: 401,
      error: true,
      message: 'Token invalid',
    });
  });

  it('expires tokens on the configured clock: Login quickly, ownerconnect later', async () => {
    const client = vtpClient(sandbox);
    const creds = { USERNAME: sandbox.credentials.username, PASSWORD: sandbox.credentials.password };
    const login = await client.post<Envelope<TokenData>>('/v2/user/Login', creds);
    const owner = await client.post<Envelope<TokenData>>('/v2/user/ownerconnect', creds, login.data.token);
    clockMs += 61_000;
    expect(await client.post('/v2/user/ownerconnect', creds, login.data.token)).toMatchObject({
      status: 401,
      error: true,
      message: 'Token invalid or expired',
    });
    expect(await client.get<Envelope>('/v2/user/listInventory', owner.data.token)).toMatchObject({
      error: false,
    });
    clockMs += 3_600_000;
    expect(await client.get('/v2/user/listInventory', owner.data.token)).toEqual({
      status: 401,
      error: true,
      message: 'Token invalid or expired',
      data: null,
    });
  });

  it('expireTokens() invalidates every issued token', async () => {
    const client = vtpClient(sandbox);
    const token = await longToken(client, sandbox.credentials);
    sandbox.expireTokens();
    expect(await client.get('/v2/user/listInventory', token)).toMatchObject({
      message: 'Token invalid or expired',
    });
    const fresh = await longToken(client, sandbox.credentials);
    expect(await client.get('/v2/user/listInventory', fresh)).toMatchObject({ error: false });
  });

  it('lets the partner delegate into its member, but not a member into another account', async () => {
    const client = vtpClient(sandbox);
    const partnerLogin = await client.post<Envelope<TokenData>>('/v2/user/Login', {
      USERNAME: sandbox.credentials.username,
      PASSWORD: sandbox.credentials.password,
    });
    const member = {
      USERNAME: sandbox.memberCredentials.username,
      PASSWORD: sandbox.memberCredentials.password,
    };
    const delegated = await client.post<Envelope<TokenData>>(
      '/v2/user/ownerConnect',
      member,
      partnerLogin.data.token,
    );
    expect(delegated.error).toBe(false);
    expect(delegated.data.partner).toBe(partnerLogin.data.userId);
    expect(delegated.data.userId).not.toBe(partnerLogin.data.userId);

    const memberLogin = await client.post<Envelope<TokenData>>('/v2/user/Login', member);
    const sideways = await client.post<Envelope>(
      '/v2/user/ownerconnect',
      { USERNAME: sandbox.credentials.username, PASSWORD: sandbox.credentials.password },
      memberLogin.data.token,
    );
    expect(sideways).toMatchObject({ error: true, message: 'Invalid owner account or password!' });
  });

  it('LoginVTP takes a lower-case token key and returns partner -1', async () => {
    const client = vtpClient(sandbox);
    const ok = await client.post<Envelope<TokenData>>('/v2/user/LoginVTP', { token: sandbox.loginVtpSecret });
    expect(ok.error).toBe(false);
    expect(ok.data.partner).toBe(-1);
    expect(await client.get<Envelope>('/v2/user/listInventory', ok.data.token)).toMatchObject({
      error: false,
    });
    expect(await client.post('/v2/user/LoginVTP', { token: 'wrong' })).toMatchObject({
      error: true,
      status: 401,
    });
  });

  it('treats paths and header names case-insensitively and ignores unknown cookies', async () => {
    const client = vtpClient(sandbox);
    const token = await longToken(client, sandbox.credentials);
    const res = await fetch(`${sandbox.url}/V2/USER/listinventory`, {
      headers: { TOKEN: token, Cookie: 'SERVERID=A; other=1' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 200, error: false });
    const lower = await client.post<Envelope>('/v2/user/login', {
      username: sandbox.credentials.username,
      password: sandbox.credentials.password,
    });
    expect(lower.error).toBe(false);
  });

  it('can answer token errors with HTTP 401 when configured', async () => {
    const strict = await startViettelPostSandbox({ stepMs: 0, authErrorHttpStatus: 401 });
    try {
      const answer = await vtpClient(strict).call<Envelope>('GET', '/v2/user/listInventory', { token: 'x' });
      expect(answer.httpStatus).toBe(401);
      expect(answer.body).toMatchObject({ status: 401, error: true, message: 'Token invalid' });
    } finally {
      await strict.close();
    }
  });

  it('adds accounts at run time, with an optional delegating partner', async () => {
    const client = vtpClient(sandbox);
    const info = sandbox.addAccount({
      username: 'htx-cua-tung@example.vn',
      password: 'p@ss-1',
      partner: sandbox.credentials.username,
    });
    expect(info.partner).toBe(sandbox.credentials.username);
    const own = await longToken(client, { username: info.username, password: info.password });
    const inventory = await client.get<Envelope<unknown[]>>('/v2/user/listInventory', own);
    expect(inventory).toMatchObject({ error: false, data: [] });
  });

  it('honours loginTokenBusinessAccess and pricingWithoutToken', async () => {
    const lenient = await startViettelPostSandbox({
      stepMs: 0,
      loginTokenBusinessAccess: true,
      pricingWithoutToken: true,
    });
    try {
      const client = vtpClient(lenient);
      const login = await client.post<Envelope<TokenData>>('/v2/user/Login', {
        USERNAME: lenient.credentials.username,
        PASSWORD: lenient.credentials.password,
      });
      expect(await client.get<Envelope>('/v2/user/listInventory', login.data.token)).toMatchObject({
        error: false,
      });
      const body = {
        SENDER_PROVINCE: 1,
        SENDER_DISTRICT: 1,
        RECEIVER_PROVINCE: 2,
        RECEIVER_DISTRICT: 0,
        TYPE: 1,
      };
      const priced = await client.post<unknown>('/v2/order/getPriceAll', body, 'fake-token');
      // The token was not checked: the answer is about the address, not about authentication.
      expect(priced).toMatchObject({ error: true, message: 'Incorrect data: RECEIVER_DISTRICT' });
      const districts = await client.get<Envelope<Array<Record<string, number>>>>(
        '/v2/categories/listDistrict?provinceId=2',
      );
      const withDistrict = { ...body, RECEIVER_DISTRICT: districts.data[0]!.DISTRICT_ID };
      expect(Array.isArray(await client.post('/v2/order/getPriceAll', withDistrict, 'fake-token'))).toBe(
        true,
      );
      // Orders still need a real token.
      expect(await client.post('/v2/order/createOrder', {}, 'fake-token')).toMatchObject({
        status: 401,
        error: true,
      });
    } finally {
      await lenient.close();
    }
  });
});
