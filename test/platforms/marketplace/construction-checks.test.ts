/**
 * Profile mistakes that used to surface only at the first call of an operation (in the middle of a
 * publish or an order read) are refused when the adapter is built, naming the profile path (#15 trial).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, OcopConnectError } from '../../../src/core/errors.js';
import {
  createMarketplaceAdapter,
  type MarketplaceHooks,
  type MarketplaceProfileOverride,
  type ProfileMarketplaceAdapter,
} from '../../../src/platforms/marketplace/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { VOSO_PROFILE, voso as vosoAdapter } from '../../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../../src/sandbox/index.js';
import { thrownBy } from '../../core/helpers/failure.js';

const SHOPEE_CREDENTIALS = {
  partnerId: 2001234,
  partnerKey: 'partner-key-for-tests',
  shopId: 880011,
  accessToken: 'access',
  refreshToken: 'refresh',
};

function built(make: () => unknown): ConfigurationError | undefined {
  try {
    make();
    return undefined;
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
}

const voso = (profile: MarketplaceProfileOverride, hooks: MarketplaceHooks = {}) =>
  createMarketplaceAdapter(
    VOSO_PROFILE,
    { credentials: { username: 'htx', password: 'pw' }, baseUrl: 'http://127.0.0.1:9', profile },
    hooks,
  );

describe('profile problems are reported at construction, naming the profile path', () => {
  const open: ProfileMarketplaceAdapter[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.close()));
  });

  it('an engine template naming a variable its operation does not give', () => {
    const error = built(() =>
      voso({ endpoints: { getOrder: { method: 'GET', path: '/orders/{orderSn}' } } }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.problems).toEqual([
      "endpoints.getOrder.path: dùng biến {orderSn} mà thao tác getOrder của bộ máy không cung cấp (có: {orderId}) / endpoints.getOrder.path: uses {orderSn}, which the engine's getOrder does not give (available: {orderId})",
    ]);
    // In a query or body too, and every one at once.
    const both = built(() =>
      voso({
        endpoints: {
          getListingBySku: { method: 'GET', path: '/products', query: { seller_sku: '{skuCode}' } },
          confirmOrder: { method: 'POST', path: '/orders/confirm', body: { ids: ['{orderIds}'] } },
        },
      }),
    );
    expect(both!.problems.map((p) => p.split(':')[0])).toEqual([
      'endpoints.getListingBySku.query',
      'endpoints.confirmOrder.body',
    ]);
  });

  it('the variables an operation does give are accepted, and the built-in profiles pass', () => {
    const adapter = voso({ endpoints: { getOrder: { method: 'GET', path: '/v2/orders/{orderId}' } } });
    open.push(adapter);
    expect(adapter.profile.endpoints.getOrder?.path).toBe('/v2/orders/{orderId}');
    open.push(shopee({ credentials: SHOPEE_CREDENTIALS }));
  });

  it('an override removing an endpoint the Shopee hooks call (null) is refused when built, not at the first order read', () => {
    const error = built(() =>
      shopee({ credentials: SHOPEE_CREDENTIALS, profile: { extraEndpoints: { getOrderDetail: null } } }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.problems).toContain(
      'extraEndpoints.getOrderDetail: bắt buộc vì hooks gọi nó (bản ghi đè không được xóa nó) / extraEndpoints.getOrderDetail: missing, and the hooks call it (an override may not remove it)',
    );
    expect(error!.message).toMatch(/^Invalid shopee adapter options: /);
  });

  it('a template of an endpoint a hook calls, naming a variable the hook does not pass', () => {
    const error = built(() =>
      shopee({
        credentials: SHOPEE_CREDENTIALS,
        profile: {
          extraEndpoints: {
            getModelList: {
              method: 'GET',
              path: '/api/v2/product/get_model_list',
              query: { item_id: '{itemId}' },
            },
          },
        },
      }),
    );
    expect(error!.problems).toEqual([
      'extraEndpoints.getModelList.query: dùng biến {itemId} mà hook không cung cấp (có: {listingId}) / extraEndpoints.getModelList.query: uses {itemId}, which the hook does not give (available: {listingId})',
    ]);
  });

  it('a hook calling an undeclared endpoint with a missing variable is told the profile path at the call', async () => {
    const sandbox = await startVosoSandbox();
    try {
      const hooks: MarketplaceHooks = {
        getOrder: async (ctx, orderId, options) => {
          // Calls with the wrong variable name: not declared in `calls`, so only the call can tell.
          await ctx.call('getOrder', { vars: { orderSn: orderId } }, options);
          throw new Error('not reached');
        },
      };
      const adapter = createMarketplaceAdapter(
        VOSO_PROFILE,
        {
          credentials: { username: sandbox.credentials.username, password: sandbox.credentials.password },
          baseUrl: sandbox.baseUrl,
        },
        hooks,
      );
      open.push(adapter);
      const error = await adapter.getOrder('VS1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain(
        'Profile template endpoints.getOrder.path ("/orders/{orderId}") uses {orderId}, which is not available here / Mẫu endpoints.getOrder.path ("/orders/{orderId}") của profile dùng biến {orderId} không có ở đây',
      );
      expect(sandbox.stats.requests.getOrder ?? 0).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});

describe('shopee() without options (trial 3, defect 6)', () => {
  it('is the bilingual ConfigurationError voso() gives', () => {
    const fromShopee = thrownBy(() => shopee(undefined as never), OcopConnectError);
    const fromVoso = thrownBy(() => vosoAdapter(undefined as never), OcopConnectError);
    expect(fromShopee).toBeInstanceOf(ConfigurationError);
    expect(fromShopee.kind).toBe('configuration');
    expect(fromShopee.messageVi).toContain('shopee');
    expect(fromShopee.messageEn).toContain('shopee');
    // The same head problem as voso(); the credential fields each profile needs follow.
    const missing = 'credentials: bắt buộc nhưng chưa có / credentials: is required but missing';
    expect((fromVoso as ConfigurationError).problems[0]).toBe(missing);
    expect((fromShopee as ConfigurationError).problems[0]).toBe(missing);
  });
});

describe('a misspelt credential name is told its nearest name only', () => {
  it('shopee({ credentials: { partnerid: 1 } }): the did-you-mean, no "must be a string" for the unknown key', () => {
    const error = thrownBy(
      () => shopee({ credentials: { partnerid: 1 } } as never),
      ConfigurationError,
    ) as ConfigurationError;
    const about = error.problems.filter((p) => p.startsWith('credentials.partnerid:'));
    expect(about).toEqual([
      'credentials.partnerid: không có tùy chọn này (có phải "partnerId"?) / credentials.partnerid: no such option (did you mean "partnerId"?)',
    ]);
    expect(error.messageEn).not.toContain('must be a string');
    expect(error.messageVi).not.toContain('phải là một chuỗi');
    // The missing partnerId is still named.
    expect(error.problems.some((p) => p.startsWith('credentials.partnerId:'))).toBe(true);
  });

  it('a wrong-typed known credential still says what it must be', () => {
    const error = thrownBy(
      () => vosoAdapter({ credentials: { username: 5, password: 'x' } } as never),
      ConfigurationError,
    ) as ConfigurationError;
    expect(error.messageEn).toContain('credentials.username: must be a string (got number)');
  });
});
