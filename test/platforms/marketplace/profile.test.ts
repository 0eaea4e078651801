import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors.js';
import { createMarketplaceAdapter, mergeProfile } from '../../../src/platforms/marketplace/index.js';
import { parseProfile, resolveProfile } from '../../../src/platforms/marketplace/profile.js';
import { POSTMART_PROFILE } from '../../../src/platforms/postmart/index.js';
import { VOSO_PROFILE, voso } from '../../../src/platforms/voso/index.js';

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('marketplace profiles', () => {
  it('the built-in profiles are valid', () => {
    expect(parseProfile(VOSO_PROFILE).platform).toBe('voso');
    expect(parseProfile(POSTMART_PROFILE).idempotency).toEqual({ mode: 'lookup-by-sku' });
  });

  it('rejects unknown keys and reports every problem at once, with paths', () => {
    const broken = mergeProfile(VOSO_PROFILE, {
      baseUrl: 'not a url',
      endpoints: { createListing: { paht: '/x' } },
      rules: { titleMaxChars: -1 },
    });
    const problems = problemsOf(() => parseProfile(broken));
    expect(problems.some((p) => p.startsWith('baseUrl:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('endpoints.createListing:') && p.includes('paht'))).toBe(true);
    expect(problems.some((p) => p.startsWith('rules.titleMaxChars:'))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects an adapter whose profile lacks an operation that no hook implements', () => {
    const { markShipped: _dropped, ...endpoints } = VOSO_PROFILE.endpoints;
    const profile = { ...VOSO_PROFILE, endpoints };
    const credentials = { username: 'u', password: 'p' };
    const problems = problemsOf(() => createMarketplaceAdapter(profile, { credentials }));
    expect(problems).toContain(
      'endpoints.markShipped: bắt buộc nhưng chưa có (hãy khai báo endpoint này hoặc hook markShipped) / endpoints.markShipped: missing (give the endpoint or a markShipped hook)',
    );
    const withHook = createMarketplaceAdapter(
      profile,
      { credentials },
      {
        markShipped: async () => {
          throw new Error('not called here');
        },
      },
    );
    expect(withHook.platform).toBe('voso');
  });

  it('cross-checks rules zod cannot express', () => {
    const problems = problemsOf(() =>
      resolveProfile(VOSO_PROFILE, { rules: { skuPattern: '([', titleMinChars: 500 } }),
    );
    expect(problems).toContain(
      'rules.skuPattern: không phải biểu thức chính quy hợp lệ / rules.skuPattern: not a valid regular expression',
    );
    expect(problems).toContain(
      'rules.titleMinChars: lớn hơn titleMaxChars / rules.titleMinChars: greater than titleMaxChars',
    );
  });

  it('rules.trackingNumber: the shipped profiles carry 6–30 with "-"; unknown keys, bad symbols and min > max are refused', () => {
    for (const profile of [VOSO_PROFILE, POSTMART_PROFILE])
      expect(parseProfile(profile).rules.trackingNumber).toEqual({
        minLength: 6,
        maxLength: 30,
        symbols: '-',
      });
    expect(
      resolveProfile(VOSO_PROFILE, { rules: { trackingNumber: null } }).rules.trackingNumber,
    ).toBeUndefined();
    const unknown = problemsOf(() =>
      resolveProfile(VOSO_PROFILE, { rules: { trackingNumber: { pattern: '^[0-9]+$' } as never } }),
    );
    expect(unknown.some((p) => p.startsWith('rules.trackingNumber:') && p.includes('pattern'))).toBe(true);
    for (const symbols of ['a-', ' ', '-đ'])
      expect(
        problemsOf(() => resolveProfile(VOSO_PROFILE, { rules: { trackingNumber: { symbols } } })).some(
          (p) => p.startsWith('rules.trackingNumber.symbols:') && p.includes('ASCII punctuation only'),
        ),
      ).toBe(true);
    expect(
      problemsOf(() => resolveProfile(VOSO_PROFILE, { rules: { trackingNumber: { minLength: 31 } } })),
    ).toContain(
      'rules.trackingNumber.minLength: lớn hơn maxLength / rules.trackingNumber.minLength: greater than maxLength',
    );
  });

  it('deep-merges overrides: objects key by key, arrays and scalars replaced', () => {
    const merged = resolveProfile(VOSO_PROFILE, {
      endpoints: { getListingBySku: { path: '/v2/items/{sku}' } },
      statuses: { order: { ON_HOLD: 'PENDING_CONFIRM' } },
      rules: { prohibitedPhrases: ['thuốc tiên'] },
    });
    expect(merged.endpoints.getListingBySku).toEqual({ method: 'GET', path: '/v2/items/{sku}' });
    expect(merged.endpoints.createListing?.path).toBe('/products');
    expect(merged.statuses.order.ON_HOLD).toBe('PENDING_CONFIRM');
    expect(merged.statuses.order.WAITING_CONFIRM).toBe('PENDING_CONFIRM');
    expect(merged.rules.prohibitedPhrases).toEqual(['thuốc tiên']);
  });

  it('replaces a whole block when its discriminator changes', () => {
    const merged = resolveProfile(VOSO_PROFILE, { auth: { type: 'hmac', style: 'shopee' } });
    expect(merged.auth).toEqual({ type: 'hmac', style: 'shopee' });
  });

  it('adapter construction reports option, profile and credential problems together', () => {
    const problems = problemsOf(() =>
      createMarketplaceAdapter(VOSO_PROFILE, {
        credentials: { username: 'htx' },
        timeoutMs: -5,
        profile: { rules: { maxStock: 0 } },
      }),
    );
    expect(problems.some((p) => p.startsWith('timeoutMs:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('rules.maxStock:'))).toBe(true);
    const withProfileOk = problemsOf(() => voso({ credentials: { username: 'htx' } }));
    expect(withProfileOk).toEqual([
      'credentials.password: bắt buộc với hồ sơ voso (login-token) / credentials.password: required by the voso profile (login-token)',
    ]);
  });

  it('postmart needs the VNPost customer code as a credential', () => {
    expect(() =>
      createMarketplaceAdapter(POSTMART_PROFILE, { credentials: { username: 'a', password: 'b' } }),
    ).toThrow(/credentials\.customerCode/);
  });

  it('ignores credential keys left undefined (e.g. from an optional config field)', async () => {
    const adapter = voso({ credentials: { username: 'a', password: 'b', customerCode: undefined } });
    expect(adapter.account).toBe('a');
    await adapter.close();
  });
});
