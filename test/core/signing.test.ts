import { describe, expect, it } from 'vitest';
import {
  lazadaBaseString,
  lazadaSign,
  lazadaSigningAuth,
  shopeeBaseString,
  shopeeSign,
  shopeeSigningAuth,
} from '../../src/core/index.js';

// Vectors computed independently with `openssl dgst -sha256 -hmac <key>` over the base strings
// below, then pinned.
describe('Shopee-style signing', () => {
  const shop = {
    partnerId: 2001887,
    path: '/api/v2/shop/get_shop_info',
    timestampSeconds: 1655714431,
    accessToken: '5a4e6e4f6a6c6d4c',
    shopId: 14701711,
  };

  it('builds partner_id + path + timestamp + access_token + shop_id', () => {
    expect(shopeeBaseString(shop)).toBe(
      '2001887/api/v2/shop/get_shop_info16557144315a4e6e4f6a6c6d4c14701711',
    );
  });

  it('matches the pinned shop-level vector', () => {
    expect(shopeeSign(shop, 'test-partner-key')).toBe(
      '4abf483724ac61f10854825954c32af6b9546a2e404ca4dd8888b145e2807463',
    );
  });

  it('matches the pinned public (no token) vector', () => {
    const { accessToken: _a, shopId: _s, ...publicCall } = shop;
    expect(shopeeSign(publicCall, 'test-partner-key')).toBe(
      '405a60179280e8635a02d79b98db231ae1d554e15c487023711bc618df996277',
    );
  });

  it('the strategy adds partner_id, timestamp in SECONDS and the signature', async () => {
    const strategy = shopeeSigningAuth({ partnerId: 2001887, partnerKey: 'test-partner-key' });
    const applied = await strategy.applyAuth({
      operation: 'getShopInfo',
      method: 'GET',
      path: '/api/v2/shop/get_shop_info',
      query: {},
      headers: {},
      nowMs: 1655714431_999,
    });
    expect(applied.query).toEqual({
      partner_id: '2001887',
      timestamp: '1655714431',
      sign: '405a60179280e8635a02d79b98db231ae1d554e15c487023711bc618df996277',
    });
  });
});

describe('Lazada-style signing', () => {
  const params = {
    app_key: '123456',
    timestamp: '1517820392000',
    sign_method: 'sha256',
    access_token: 'tok_abc',
    offset: '0',
    limit: '10',
  };

  it('sorts parameters by name and concatenates after the API path', () => {
    expect(lazadaBaseString({ apiPath: '/product/get', params })).toBe(
      '/product/getaccess_tokentok_abcapp_key123456limit10offset0sign_methodsha256timestamp1517820392000',
    );
  });

  it('matches the pinned vector (uppercase hex) and ignores an existing sign parameter', () => {
    const expected = '896448661DDC401BA74769E617282CC49E50729B00AC0868EE77DAD2CB7A18E0';
    expect(lazadaSign({ apiPath: '/product/get', params }, 'test-app-secret')).toBe(expected);
    expect(
      lazadaSign({ apiPath: '/product/get', params: { ...params, sign: 'old' } }, 'test-app-secret'),
    ).toBe(expected);
  });

  it('the strategy signs the business parameters with timestamp in MILLISECONDS', async () => {
    const strategy = lazadaSigningAuth({
      appKey: '123456',
      appSecret: 'test-app-secret',
      tokenManager: {
        getToken: async () => ({ value: 'tok_abc', obtainedAtMs: 0 }),
        invalidate: async () => {},
        peek: () => undefined,
      },
    });
    const applied = await strategy.applyAuth({
      operation: 'listProducts',
      method: 'GET',
      path: '/product/get',
      query: { offset: '0', limit: '10' },
      headers: {},
      nowMs: 1517820392000,
    });
    expect(applied.query?.sign).toBe('896448661DDC401BA74769E617282CC49E50729B00AC0868EE77DAD2CB7A18E0');
    expect(applied.credential).toBe('tok_abc');
  });
});
