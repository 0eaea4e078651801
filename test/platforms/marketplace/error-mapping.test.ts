import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from '../../../src/core/errors.js';
import { mapHttpStatus } from '../../../src/core/http-error-mapper.js';
import { createProfileErrorMapper } from '../../../src/platforms/marketplace/error-mapping.js';
import { parseProfile } from '../../../src/platforms/marketplace/profile.js';

import { POSTMART_PROFILE } from '../../../src/platforms/postmart/index.js';
import { VOSO_PROFILE, voso as vosoAdapter } from '../../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../../src/sandbox/index.js';

const NOW = Date.UTC(2026, 10, 27, 7, 0, 0);
const voso = createProfileErrorMapper(parseProfile(VOSO_PROFILE), () => NOW);
const postmart = createProfileErrorMapper(parseProfile(POSTMART_PROFILE), () => NOW);
const ctx = (
  status: number,
  body: unknown,
  operation = 'createListing',
  headers: Record<string, string> = {},
) => ({
  platform: 'x',
  operation,
  status,
  headers,
  body,
});

describe('profile error mapping', () => {
  it('accepts a successful envelope', () => {
    expect(voso(ctx(200, { status: 200, error: false, message: 'OK', data: {} }))).toBeUndefined();
    expect(postmart(ctx(200, { success: true, code: 'SUCCESS', result: {} }))).toBeUndefined();
  });

  it('classifies errors carried inside HTTP 200 by the body code (Voso)', () => {
    const notFound = voso(ctx(200, { status: 404, error: true, message: 'Không tìm thấy', data: null }));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({
      platformCode: '404',
      platformMessage: 'Không tìm thấy',
      retriable: false,
    });
    const invalid = voso(
      ctx(200, {
        status: 400,
        error: true,
        message: 'Dữ liệu không hợp lệ',
        data: { ERRORS: [{ FIELD: 'PRODUCT_NAME', RULE: 'MAX_LENGTH', MESSAGE: 'Tên tối đa 120 ký tự' }] },
      }),
    );
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid?.message).toContain('PRODUCT_NAME MAX_LENGTH');
    expect(voso(ctx(200, { status: 409, error: true, message: 'Trùng SKU', data: null }))).toBeInstanceOf(
      ConflictError,
    );
    expect(voso(ctx(200, { status: 403, error: true, message: 'Sai mật khẩu', data: null }))).toBeInstanceOf(
      AuthenticationError,
    );
  });

  it('reads Retry-After on throttling and marks 5xx retriable', () => {
    const throttled = voso(
      ctx(429, { status: 429, error: true, message: 'Vượt quá giới hạn', data: null }, 'getOrder', {
        'retry-after': '2',
      }),
    );
    expect(throttled).toBeInstanceOf(RateLimitedError);
    expect((throttled as RateLimitedError).retryAfterMs).toBe(2000);
    const down = postmart(
      ctx(503, { success: false, code: 'SERVICE_UNAVAILABLE', message: 'Tạm ngưng', result: null }),
    );
    expect(down).toBeInstanceOf(ServerError);
    expect(down?.retriable).toBe(true);
  });

  it('maps Postmart string codes and falls back to the HTTP status for unknown codes', () => {
    expect(
      postmart(ctx(401, { success: false, code: 'TOKEN_EXPIRED', message: 'Hết hạn', result: null })),
    ).toBeInstanceOf(AuthenticationError);
    expect(
      postmart(ctx(409, { success: false, code: 'DUPLICATE_SKU', message: 'Trùng', result: null })),
    ).toBeInstanceOf(ConflictError);
    expect(
      postmart(ctx(404, { success: false, code: 'SOMETHING_NEW', message: '?', result: null })),
    ).toBeInstanceOf(NotFoundError);
    // Unknown code inside an HTTP 200 failure: the profile's default kind.
    expect(
      postmart(ctx(200, { success: false, code: 'SOMETHING_NEW', message: '?', result: null })),
    ).toBeInstanceOf(InvalidRequestError);
  });

  it('agrees with the core table on plain HTTP statuses (408 timeout, 410 not found, 501 final)', () => {
    const cases: Array<[number, new (...args: never[]) => Error, boolean]> = [
      [408, TimeoutError, true],
      [410, NotFoundError, false],
      [418, InvalidRequestError, false],
      [501, ServerError, false],
      [502, ServerError, true],
    ];
    for (const [status, type, retriable] of cases) {
      const core = mapHttpStatus(ctx(status, { message: '?' }));
      expect(core, `core ${status}`).toBeInstanceOf(type);
      expect(core?.retriable, `core ${status}`).toBe(retriable);
      // A failure envelope whose code the profile does not know: the HTTP status decides, as in core.
      const mpt = postmart(
        ctx(status, { success: false, code: 'SOMETHING_NEW', message: '?', result: null }),
      );
      expect(mpt, `postmart ${status}`).toBeInstanceOf(type);
      expect(mpt?.retriable, `postmart ${status}`).toBe(retriable);
      const vs = voso(ctx(status, { status: 'NEW', error: true, message: '?', data: null }));
      expect(vs, `voso ${status}`).toBeInstanceOf(type);
      expect(vs?.retriable, `voso ${status}`).toBe(retriable);
    }
  });

  it('the profile code table wins over the HTTP status', () => {
    // Voso reports a wrong password as body status 403 (authentication), whatever the HTTP status.
    const error = voso(ctx(408, { status: 403, error: true, message: 'Sai mật khẩu', data: null }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.retriable).toBe(false);
  });

  it('accepts the flat Postmart login answer and rejects its failure', () => {
    expect(postmart(ctx(200, { success: true, token: 't', expiresIn: 3600 }, 'login'))).toBeUndefined();
    expect(
      postmart(
        ctx(401, { success: false, code: 'INVALID_CREDENTIALS', message: 'Sai', result: null }, 'login'),
      ),
    ).toBeInstanceOf(AuthenticationError);
  });

  it('treats a 2xx answer that is not a JSON object as a contract violation', () => {
    expect(voso(ctx(200, 'OK'))?.kind).toBe('contract_violation');
  });
});

// Trial 2 of #18, item 16.
describe('a refused login', () => {
  it('a wrong Voso password: messageVi without the English "voso login failed:", messageEn as before', async () => {
    const box = await startVosoSandbox();
    try {
      const adapter = vosoAdapter({
        baseUrl: box.baseUrl,
        credentials: { ...box.credentials, password: 'sai-mat-khau' },
        retry: { retries: 0 },
      });
      const error = await adapter.getOrder('X').then(
        () => undefined,
        (e: unknown) => e as { kind: string; messageVi: string; messageEn: string },
      );
      await adapter.close();
      expect(error?.kind).toBe('authentication');
      expect(error?.messageVi).toMatch(/^voso: đăng nhập không thành công: Sai tên đăng nhập hoặc mật khẩu/);
      expect(error?.messageVi).not.toContain('login failed');
      expect(error?.messageEn).toMatch(/^voso login failed: /);
    } finally {
      await box.close();
    }
  });
});
