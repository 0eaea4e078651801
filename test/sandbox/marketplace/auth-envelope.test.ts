import { afterEach, describe, expect, it } from 'vitest';
import type { MarketplaceSandbox } from '../../../src/sandbox/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import { call, fakeClock, postmartLogin, vosoLogin } from './helpers.js';

let sandbox: MarketplaceSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('Voso auth and envelope', () => {
  it('starts fast and exposes url, baseUrl, platform and credentials', async () => {
    // Best of three starts, so a busy CI core does not make the budget flaky.
    const durations: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = performance.now();
      const candidate = await startVosoSandbox();
      durations.push(performance.now() - started);
      await candidate.close();
    }
    expect(Math.min(...durations)).toBeLessThan(100);
    sandbox = await startVosoSandbox();
    expect(sandbox.platform).toBe('voso');
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.baseUrl).toBe(`${sandbox.url}/api/v1/seller`);
    expect(sandbox.credentials.username).toBe('htx-demo');
  });

  it('logs in with USERNAME/PASSWORD and answers in {status,error,message,data}', async () => {
    const clock = fakeClock();
    sandbox = await startVosoSandbox({ now: clock.now });
    const result = await call(sandbox, 'POST', '/auth/login', {
      body: { USERNAME: 'htx-demo', PASSWORD: 'voso-sandbox-password' },
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ status: 200, error: false, message: 'OK' });
    expect(result.json.data.TOKEN).toMatch(/^vs_[0-9a-f]{40}$/);
    expect(result.json.data.EXPIRES_AT).toBe(Math.floor(clock.now() / 1000) + 24 * 3600);
    expect(result.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports wrong credentials inside HTTP 200 with status 403', async () => {
    sandbox = await startVosoSandbox();
    const result = await call(sandbox, 'POST', '/auth/login', {
      body: { USERNAME: 'htx-demo', PASSWORD: 'nope' },
    });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ status: 403, error: true, data: null });
  });

  it('rejects a missing token and an expired token with HTTP 401, and a fresh login works again', async () => {
    const clock = fakeClock();
    sandbox = await startVosoSandbox({ now: clock.now, tokenTtlMs: 60_000 });
    const missing = await call(sandbox, 'GET', '/categories');
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ status: 401, error: true });

    const token = await vosoLogin(sandbox);
    expect((await call(sandbox, 'GET', '/categories', { token })).json.error).toBe(false);
    clock.advance(60_001);
    const expired = await call(sandbox, 'GET', '/categories', { token });
    expect(expired.status).toBe(401);
    expect(expired.json.status).toBe(401);

    const fresh = await vosoLogin(sandbox);
    expect(fresh).not.toBe(token);
    expect((await call(sandbox, 'GET', '/categories', { token: fresh })).status).toBe(200);
  });

  it('serves the category tree and the required attributes of a food category', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const tree = await call(sandbox, 'GET', '/categories', { token });
    const food = tree.json.data.find((node: { CATEGORY_ID: number }) => node.CATEGORY_ID === 1000);
    expect(food).toMatchObject({ NAME: 'Thực phẩm', IS_LEAF: false, PARENT_ID: 0 });
    expect(food.CHILDREN.map((child: { CATEGORY_ID: number }) => child.CATEGORY_ID)).toEqual([
      1001, 1002, 1003, 1004,
    ]);

    const attributes = await call(sandbox, 'GET', '/categories/1001/attributes', { token });
    const required = attributes.json.data
      .filter((a: { REQUIRED: boolean }) => a.REQUIRED)
      .map((a: { CODE: string }) => a.CODE);
    expect(required).toEqual(['ORIGIN', 'BRAND', 'SHELF_LIFE_DAYS', 'OCOP_STARS']);
    expect(attributes.json.data.find((a: { CODE: string }) => a.CODE === 'OCOP_STARS')).toMatchObject({
      TYPE: 'NUMBER',
      MIN: 3,
      MAX: 5,
    });
    const unknown = await call(sandbox, 'GET', '/categories/9999/attributes', { token });
    expect(unknown.status).toBe(200);
    expect(unknown.json).toMatchObject({ status: 404, error: true });
  });

  it('answers an unknown path with a 404 in the envelope', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const result = await call(sandbox, 'GET', '/nothing-here', { token });
    expect(result.json).toMatchObject({ status: 404, error: true });
    expect(sandbox.stats.requests.unknown).toBe(1);
  });
});

describe('Postmart auth and envelope', () => {
  it('logs in with username/password/customerCode and answers flat {success, token, expiresIn}', async () => {
    sandbox = await startPostmartSandbox();
    expect(sandbox.baseUrl).toBe(`${sandbox.url}/api/partner`);
    const result = await call(sandbox, 'POST', '/GetAccessToken', {
      body: { username: 'htx-demo', password: 'postmart-sandbox-password', customerCode: 'C000368268' },
    });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      success: true,
      token: expect.stringMatching(/^pm_[0-9a-f]{40}$/),
      expiresIn: 3600,
    });
  });

  it('rejects wrong credentials with HTTP 401 INVALID_CREDENTIALS', async () => {
    sandbox = await startPostmartSandbox();
    const result = await call(sandbox, 'POST', '/GetAccessToken', {
      body: { username: 'htx-demo', password: 'postmart-sandbox-password', customerCode: 'C000000000' },
    });
    expect(result.status).toBe(401);
    expect(result.json).toEqual({
      success: false,
      code: 'INVALID_CREDENTIALS',
      message: expect.any(String),
      result: null,
    });
  });

  it('distinguishes UNAUTHORIZED from TOKEN_EXPIRED (header `token`)', async () => {
    const clock = fakeClock();
    sandbox = await startPostmartSandbox({ now: clock.now, tokenTtlMs: 1000 });
    const missing = await call(sandbox, 'GET', '/GetCategories');
    expect(missing.status).toBe(401);
    expect(missing.json.code).toBe('UNAUTHORIZED');
    const bearer = await call(sandbox, 'GET', '/GetCategories', {
      headers: { authorization: 'Bearer pm_x' },
    });
    expect(bearer.json.code).toBe('UNAUTHORIZED');

    const token = await postmartLogin(sandbox);
    const ok = await call(sandbox, 'GET', '/GetCategories', { token });
    expect(ok.json).toMatchObject({ success: true, code: 'SUCCESS' });
    expect(ok.json.result[0]).toEqual({
      maDanhMuc: 2000,
      tenDanhMuc: 'Thực phẩm',
      maDanhMucCha: 0,
      laDanhMucLa: false,
    });
    clock.advance(1001);
    const expired = await call(sandbox, 'GET', '/GetCategories', { token });
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe('TOKEN_EXPIRED');
    expect(sandbox.state.tokenCount()).toBe(0);
  });

  it('lists one category level per call and models OCOP stars as an ENUM of strings', async () => {
    sandbox = await startPostmartSandbox();
    const token = await postmartLogin(sandbox);
    const children = await call(sandbox, 'GET', '/GetCategories?parentId=2000', { token });
    expect(children.json.result.map((c: { maDanhMuc: number }) => c.maDanhMuc)).toEqual([
      2001, 2002, 2003, 2004,
    ]);
    const attributes = await call(sandbox, 'GET', '/GetCategoryAttributes?maDanhMuc=2001', { token });
    expect(attributes.json.result.find((a: { maThuocTinh: string }) => a.maThuocTinh === 'saoOcop')).toEqual({
      maThuocTinh: 'saoOcop',
      tenThuocTinh: 'Hạng sao OCOP',
      kieu: 'ENUM',
      batBuoc: true,
      giaTriChoPhep: ['3', '4', '5'],
    });
    const missing = await call(sandbox, 'GET', '/GetCategories?parentId=12345', { token });
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('NOT_FOUND');
  });
});
