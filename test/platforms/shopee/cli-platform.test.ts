import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/cli/config.js';
import type { CliConfig } from '../../../src/cli/config-schema.js';
import { MARKETPLACES } from '../../../src/cli/platform-types.js';
import { openPlatforms } from '../../../src/cli/platforms.js';
import type { MarketplaceAdapter } from '../../../src/platforms/types.js';
import { startShopeeSandbox } from '../../../src/sandbox/index.js';
import { createFileStore } from '../../../src/store/file-store.js';
import { HAND_MADE_TURMERIC } from '../../support/hand-made-listing.js';

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

  it('a real-mode CLI run keeps the carrier it shipped a Shopee order with in its store: the next run reports it', async () => {
    const ids = { partnerId: '2005555', shopId: '660033' };
    const sandbox = await startShopeeSandbox({
      credentials: {
        ...ids,
        partnerKey: 'cli-partner-key',
        accessToken: 'cli-access',
        refreshToken: 'cli-refresh',
      },
      handMadeListings: [HAND_MADE_TURMERIC],
    });
    const dir = mkdtempSync(join(tmpdir(), 'ocop-cli-shopee-'));
    const config = {
      stateDir: dir,
      shopee: { ...sandbox.credentials, baseUrl: sandbox.baseUrl },
    } as unknown as CliConfig;
    try {
      const placed = sandbox.buyers.placeOrder({ sku: 'VL-TBN-500' });
      if (!placed.ok) throw new Error(placed.reason);
      const run = async (work: (shop: MarketplaceAdapter) => Promise<void>) => {
        const store = await createFileStore({ dir: join(dir, 'state') });
        const platforms = await openPlatforms(config, {
          marketplaces: ['shopee'],
          carrier: false,
          marketplaceStore: store,
        });
        try {
          expect(platforms.sandbox).toBe(false);
          await work(platforms.marketplaces[0]!);
        } finally {
          await platforms.close();
          await store.close();
        }
      };
      await run(async (shop) => {
        await shop.markShipped(placed.order.id, { carrier: 'viettelpost', trackingNumber: 'VTP555666777' });
      });
      await run(async (shop) => {
        expect((await shop.getOrder(placed.order.id)).tracking).toEqual({
          carrier: 'viettelpost',
          trackingNumber: 'VTP555666777',
        });
      });
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
