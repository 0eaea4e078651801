import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OcopConnectError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/logger.js';
import { VIETTELPOST_DEVELOPMENT_BASE_URL, viettelpost } from '../../../src/platforms/viettelpost/index.js';

const BASE = VIETTELPOST_DEVELOPMENT_BASE_URL;
const PASSWORD = 'Mat-Khau-HTX-2026!';
const PARTNER_PASSWORD = 'Partner-Secret-Pw-77';
const LOGIN_TOKENS = ['short-LOGIN-token-aaaa1111', 'short-LOGIN-token-bbbb2222'];
const OWNER_TOKENS = ['LONG-owner-token-cccc3333', 'LONG-owner-token-dddd4444'];
const WEBHOOK_SECRET = 'webhook-SECRET-eeee5555';
const SECRETS = [PASSWORD, PARTNER_PASSWORD, ...LOGIN_TOKENS, ...OWNER_TOKENS, WEBHOOK_SECRET];

const ok = (data: unknown) => ({ status: 200, error: false, message: 'OK', data });
const fail = (message: string, status = 205) => ({ status, error: true, message, data: null });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function captureLogs() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

function everythingAbout(error: unknown): string {
  const parts = [inspect(error, { depth: 10 }), String(error)];
  if (error instanceof OcopConnectError) parts.push(JSON.stringify(error.toJSON()), error.stack ?? '');
  return parts.join('\n');
}

function expectNoSecrets(text: string): void {
  for (const secret of SECRETS) expect(text, `leaked ${secret}`).not.toContain(secret);
}

describe('secrets never reach logs or errors', () => {
  it('login, re-login, server errors and a refused password leave no password or token behind', async () => {
    let login = 0;
    let owner = 0;
    nock(BASE)
      .persist()
      .post('/v2/user/Login')
      .reply(200, () => ok({ userId: 1, token: LOGIN_TOKENS[Math.min(login++, 1)], expired: 0 }))
      .post('/v2/user/ownerconnect')
      .reply(200, () => ok({ userId: 2, token: OWNER_TOKENS[Math.min(owner++, 1)], expired: 0 }));
    nock(BASE)
      .get('/v2/user/listInventory')
      .reply(200, fail('Token invalid or expired', 401))
      .get('/v2/user/listInventory')
      .reply(200, ok([]))
      .post('/v2/order/UpdateOrder')
      .times(3)
      .reply(200, fail('System error'))
      .post('/v2/order/printing-code')
      .reply(500, { message: `echo ${OWNER_TOKENS[1]}` });

    const { logger, lines } = captureLogs();
    const adapter = viettelpost({
      environment: 'development',
      credentials: { username: '0905000002', password: PASSWORD },
      partner: { username: '0905000001', password: PARTNER_PASSWORD },
      webhookSecret: WEBHOOK_SECRET,
      logger,
      retry: { retries: 2, initialDelayMs: 1, maxDelayMs: 2, jitter: 'none' },
    });
    await adapter.listWarehouses();
    expect(login).toBe(2);
    const errors: unknown[] = [];
    errors.push(await adapter.updateOrder('15878180012', 'cancel').catch((e: unknown) => e));
    errors.push(await adapter.labelUrl(['15878180012'], 'A6', { retries: 0 }).catch((e: unknown) => e));
    expect(
      adapter.verifyWebhook(JSON.stringify({ DATA: {}, TOKEN: 'forged' }), { authorization: 'forged' }),
    ).toBe(false);
    await adapter.close();

    nock.cleanAll();
    nock(BASE).post('/v2/user/Login').reply(200, fail('Invalid owner account or password!'));
    const refused = viettelpost({
      environment: 'development',
      credentials: { username: '0905000002', password: PASSWORD },
      logger,
    });
    errors.push(await refused.listWarehouses().catch((e: unknown) => e));
    await refused.close();
    expect(nock.isDone()).toBe(true);
    expect((errors[2] as Error).name).toBe('AuthenticationError');

    expect(errors.every((e) => e instanceof OcopConnectError)).toBe(true);
    expect(lines.length).toBeGreaterThan(5);
    // The log did record the calls (so the check below is meaningful) ...
    expect(lines.join('\n')).toMatch(/ownerconnect/);
    // ... and holds no secret, nor does any error.
    expectNoSecrets(lines.join('\n'));
    for (const error of errors) expectNoSecrets(everythingAbout(error));
  });
});
