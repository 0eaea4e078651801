/**
 * #18 (helper C): a mistyped credential key (`pasword`, `tokne`, `partnerKy`) was accepted by the adapter
 * factories — kept unused while the right name stayed unset (or, beside a valid set, silently ignored).
 * Each factory now refuses it in its bilingual ConfigurationError, naming the key and the nearest known
 * one, before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { failure } from '../core/helpers/failure.js';

const BASE = 'http://127.0.0.1:9';

async function refusal(build: () => unknown): Promise<ConfigurationError> {
  const error = await failure(build);
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

/** One problem line: both halves name the key; the Vietnamese half says it in Vietnamese. */
function expectKeyProblem(error: ConfigurationError, path: string, near: string): void {
  expect(error.problems).toContain(
    `${path}: không có tùy chọn này (có phải "${near}"?) / ${path}: no such option (did you mean "${near}"?)`,
  );
  expect(error.messageVi).toContain(`${path}: không có tùy chọn này (có phải "${near}"?)`);
  expect(error.messageEn).toContain(`${path}: no such option (did you mean "${near}"?)`);
}

describe('unknown credential keys are refused with the nearest known one', () => {
  it('voso: { username, password, pasword } (a valid set plus a typo)', async () => {
    const error = await refusal(() =>
      voso({ baseUrl: BASE, credentials: { username: 'u', password: 'p', pasword: 'q' } as never }),
    );
    expectKeyProblem(error, 'credentials.pasword', 'password');
  });

  it('postmart: { usernme } beside the missing username', async () => {
    const error = await refusal(() =>
      postmart({ baseUrl: BASE, credentials: { usernme: 'u', password: 'p' } as never }),
    );
    expectKeyProblem(error, 'credentials.usernme', 'username');
  });

  it('shopee: { partnerKy }', async () => {
    const error = await refusal(() =>
      shopee({
        baseUrl: BASE,
        credentials: {
          partnerId: 1,
          partnerKey: 'k',
          partnerKy: 'k2',
          shopId: 2,
          accessToken: 'a',
          refreshToken: 'r',
        } as never,
      }),
    );
    expectKeyProblem(error, 'credentials.partnerKy', 'partnerKey');
  });

  it('viettelpost: { username, pasword } and { token, tokne }; partner { username, pasword }', async () => {
    const a = await refusal(() =>
      viettelpost({ baseUrl: BASE, credentials: { username: 'u', pasword: 'p' } as never }),
    );
    expectKeyProblem(a, 'credentials.pasword', 'password');
    const b = await refusal(() =>
      viettelpost({ baseUrl: BASE, credentials: { token: 'x', tokne: 'y' } as never }),
    );
    expectKeyProblem(b, 'credentials.tokne', 'token');
    const c = await refusal(() =>
      viettelpost({
        baseUrl: BASE,
        credentials: { username: 'u', password: 'p' },
        partner: { username: 'a', password: 'b', pasword: 'c' } as never,
      }),
    );
    expectKeyProblem(c, 'partner.pasword', 'password');
  });

  it('vnpost: { token, customerCode, customercode }', async () => {
    const error = await refusal(() =>
      vnpost({
        baseUrl: BASE,
        credentials: { token: 't', customerCode: 'C1', customercode: 'C2' } as never,
      }),
    );
    expectKeyProblem(error, 'credentials.customercode', 'customerCode');
  });

  it('the right keys still build an adapter', async () => {
    const adapters = [
      voso({ baseUrl: BASE, credentials: { username: 'u', password: 'p' } }),
      viettelpost({ baseUrl: BASE, credentials: { token: 't' } }),
      vnpost({ baseUrl: BASE, credentials: { token: 't', customerCode: 'C1' } }),
      shopee({
        baseUrl: BASE,
        credentials: { partnerId: 1, partnerKey: 'k', shopId: 2, accessToken: 'a', refreshToken: 'r' },
      }),
    ];
    for (const adapter of adapters) await adapter.close();
  });
});
