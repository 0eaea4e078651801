/**
 * Trial 18b, defect N5: an adapter used after `close()` throws ClosedError (kind `closed`), as the README
 * says of everything used after close — not AbortedError, and not a per-item ABORTED from a bulk call.
 * The adapters point at a port where nothing listens: a call that tried to send would be a NetworkError.
 */
import { ClosedError, type OcopConnectError } from 'ocop-connect';
import { postmart } from 'ocop-connect/postmart';
import { shopee } from 'ocop-connect/shopee';
import { viettelpost } from 'ocop-connect/viettelpost';
import { vnpost } from 'ocop-connect/vnpost';
import { voso } from 'ocop-connect/voso';
import { describe, expect, it } from 'vitest';
import { PARCEL, RECEIVER, SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { failure } from './helpers/failure.js';

const NOWHERE = 'http://127.0.0.1:9';
const login = { username: 'u', password: 'p' };

function expectClosed(error: unknown, platform: string): void {
  expect(error).toBeInstanceOf(ClosedError);
  expect((error as OcopConnectError).kind).toBe('closed');
  expect((error as OcopConnectError).platform).toBe(platform);
  expect((error as OcopConnectError).messageVi).toContain('đã đóng');
  expect((error as OcopConnectError).messageEn).toContain('closed');
}

describe('an adapter used after close() throws ClosedError (N5)', () => {
  it('ViettelPost: listWarehouses and quoteService', async () => {
    const adapter = viettelpost({ baseUrl: NOWHERE, credentials: login });
    await adapter.close();
    expectClosed(await failure(() => adapter.listWarehouses()), 'viettelpost');
    const request = { from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL };
    expectClosed(await failure(() => adapter.quoteService(request, 'VCN')), 'viettelpost');
  });

  it('VNPost: getShipment', async () => {
    const adapter = vnpost({ baseUrl: NOWHERE, credentials: { ...login, customerCode: 'C1' } });
    await adapter.close();
    expectClosed(await failure(() => adapter.getShipment('EB1VN')), 'vnpost');
  });

  it.each([
    ['voso', () => voso({ baseUrl: NOWHERE, credentials: login })],
    ['postmart', () => postmart({ baseUrl: NOWHERE, credentials: { ...login, customerCode: 'C1' } })],
    [
      'shopee',
      () =>
        shopee({
          baseUrl: NOWHERE,
          credentials: { partnerId: 1, partnerKey: 'k', shopId: 2, accessToken: 'a', refreshToken: 'r' },
        }),
    ],
  ] as const)('%s: getOrder, and setStock refuses the whole call (no per-item ABORTED)', async (platform, make) => {
    const adapter = make();
    await adapter.close();
    expectClosed(await failure(() => adapter.getOrder('1')), platform);
    expectClosed(await failure(() => adapter.setStock([{ sku: 'VL-TBN-500', quantity: 3 }])), platform);
  });
});
