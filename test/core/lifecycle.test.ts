import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { shopeeSign, shopeeSigningAuth } from '../../src/core/index.js';
import { closeAllClients, testClient } from './helpers/client.js';

afterEach(async () => {
  await closeAllClients();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('process lifecycle', () => {
  it('a CLI-like process exits on its own after close() (no dangling timers or sockets)', async () => {
    const script = fileURLToPath(new URL('./fixtures/exit-after-close.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const startedMs = Date.now();
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(tsx, [script], { timeout: 15_000 }, (error, out) => (error ? reject(error) : resolve(out)));
    });
    expect(stdout.trim()).toBe('done 2,1,1');
    // Three requests at 2/s plus one retry: well under the 15 s kill timeout.
    expect(Date.now() - startedMs).toBeLessThan(12_000);
  }, 20_000);
});

describe('signed request shape (nock)', () => {
  it('Shopee-style signing puts partner_id, timestamp, access_token, shop_id and sign in the query', async () => {
    nock.disableNetConnect();
    const token = 'shop-access-token-123';
    let captured: URLSearchParams | undefined;
    const scope = nock('https://partner.example.test')
      .get('/api/v2/product/get_item_list')
      .query((query) => {
        captured = new URLSearchParams(query as Record<string, string>);
        return true;
      })
      .reply(200, { response: { item: [] } });
    const client = testClient('https://partner.example.test', {
      auth: shopeeSigningAuth({
        partnerId: 2001887,
        partnerKey: 'test-partner-key',
        shopId: 14701711,
        tokenManager: {
          getToken: async () => ({ value: token, obtainedAtMs: 0 }),
          invalidate: async () => {},
          peek: () => undefined,
        },
      }),
    });
    await client.request({
      operation: 'listItems',
      method: 'GET',
      path: '/api/v2/product/get_item_list',
      query: { offset: 0, page_size: 50 },
    });
    expect(scope.isDone()).toBe(true);
    const query = captured!;
    const timestampSeconds = Number(query.get('timestamp'));
    expect(Math.abs(timestampSeconds - Date.now() / 1000)).toBeLessThan(5);
    expect(Object.fromEntries(query)).toEqual({
      offset: '0',
      page_size: '50',
      partner_id: '2001887',
      timestamp: String(timestampSeconds),
      access_token: token,
      shop_id: '14701711',
      sign: shopeeSign(
        {
          partnerId: 2001887,
          path: '/api/v2/product/get_item_list',
          timestampSeconds,
          accessToken: token,
          shopId: 14701711,
        },
        'test-partner-key',
      ),
    });
  });
});
