import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/cli/config.js';
import { MARKETPLACES, openPlatforms } from '../../../src/cli/platforms.js';

describe('the CLI knows Shopee (`--to shopee`)', () => {
  it('opens the Shopee sandbox when no credentials are configured, and publishes nothing real', async () => {
    expect(MARKETPLACES).toContain('shopee');
    const platforms = await openPlatforms({}, { marketplaces: ['shopee'], carrier: false });
    try {
      expect(platforms.sandbox).toBe(true);
      expect(platforms.marketplaces.map((m) => m.platform)).toEqual(['shopee']);
      expect(platforms.sandboxUrls.shopee).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const categories = await platforms.marketplaces[0]!.getCategories();
      expect(categories.find((c) => c.id === '100001')).toMatchObject({ leaf: true });
    } finally {
      await platforms.close();
    }
  });

  it('reads Shopee credentials from the config file or OCOP_SHOPEE_* variables', async () => {
    const env = {
      OCOP_SHOPEE_PARTNER_ID: '2009876',
      OCOP_SHOPEE_PARTNER_KEY: 'k',
      OCOP_SHOPEE_SHOP_ID: '770022',
      OCOP_SHOPEE_ACCESS_TOKEN: 'a',
      OCOP_SHOPEE_REFRESH_TOKEN: 'r',
    };
    const config = await loadConfig(undefined, env);
    expect(config.shopee).toMatchObject({ partnerId: '2009876', shopId: '770022' });
    const platforms = await openPlatforms(config, { marketplaces: ['shopee'], carrier: false });
    try {
      expect(platforms.sandbox).toBe(false);
      expect(platforms.marketplaces[0]).toMatchObject({ platform: 'shopee', account: '770022' });
    } finally {
      await platforms.close();
    }
  });
});
