import { describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector.js';
import { voso } from '../../src/platforms/voso/index.js';
import { type SandboxHandMadeListing, startVosoSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { CATEGORIES, createImagePreparer, loadSeedCatalog } from './helpers.js';

function handMade(title: string, priceVnd: number, stock: number): SandboxHandMadeListing {
  return {
    title,
    description: `${title}. Hàng của HTX, giao toàn quốc.`,
    category: 'Dược liệu khô',
    weightGrams: 600,
    variants: [{ priceVnd, stock }],
  };
}

describe('one pack listing linked before the other (#19 re-trial, HIGH 1)', () => {
  it('the other pack is held (not added to the linked listing, not created); its own listing links later; stock per pack', async () => {
    const sandbox = await startVosoSandbox({
      rateLimitRps: false,
      handMadeListings: [
        handMade('Bột đậu xanh Vĩnh Linh túi 500g', 60_000, 11),
        handMade('Bột đậu xanh Vĩnh Linh túi 1kg', 110_000, 5),
      ],
    });
    const adapter = voso({ baseUrl: sandbox.baseUrl, credentials: { ...sandbox.credentials } });
    const connector = createConnector({
      marketplaces: [adapter],
      store: createMemoryStore(),
      categories: CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
    const catalog = loadSeedCatalog().filter((p) => p.sku === 'VL-BDX');
    const bdx = catalog[0]!;
    const decisionOf = (m: (typeof report.matches)[number]) => ({
      platform: m.platform,
      remoteId: m.listing.remoteId,
      accept: true,
      productSku: m.productSku!,
      variants: Object.fromEntries(m.variants.map((v) => [v.remoteId, v.offerSku!])),
    });
    const report = await connector.matchListings(catalog);
    try {
      const [small, large] = ['500g', '1kg'].map(
        (t) => report.matches.find((m) => m.listing.title.endsWith(t))!,
      );
      expect(small!.variants.map((v) => v.offerSku)).toEqual(['VL-BDX-500']);
      expect(large!.variants.map((v) => v.offerSku)).toEqual(['VL-BDX-1KG']);
      // Only the 500 g listing is decided ("đồng ý"); the 1 kg one is left for later.
      const first = await connector.linkListings([decisionOf(small!)], { catalog });
      expect(first.items.map((i) => i.outcome)).toEqual(['linked']);
      // The 1 kg pack has a listing of its own: nothing is "missing" from the 500 g listing.
      expect(first.items[0]!.missingOffers).toBeUndefined();

      const published = await connector.publish(catalog);
      expect(published.items.map((i) => [i.sku, i.outcome]).sort()).toEqual([
        ['VL-BDX-1KG', 'held'],
        ['VL-BDX-500', 'updated'],
      ]);
      // The shop holds no second 1 kg: the 500 g listing sells the 500 g pack alone, the 1 kg one is untouched.
      expect(sandbox.state.listings()).toHaveLength(2);
      const smallNow = sandbox.state.listings().find((l) => String(l.id) === small!.listing.remoteId)!;
      expect(smallNow.variants.map((v) => v.sku)).toEqual(['VL-BDX-500']);
      const largeNow = sandbox.state.listings().find((l) => String(l.id) === large!.listing.remoteId)!;
      expect(largeNow.title).toBe('Bột đậu xanh Vĩnh Linh túi 1kg');

      // Later the 1 kg listing is linked too: accepted, per pack.
      const second = await connector.linkListings([decisionOf(large!)], { catalog });
      expect(second.items.map((i) => [i.outcome, i.missingOffers])).toEqual([['linked', undefined]]);
      const again = await connector.publish(catalog);
      expect(again.items.map((i) => [i.sku, i.outcome]).sort()).toEqual([
        ['VL-BDX-1KG', 'updated'],
        ['VL-BDX-500', 'unchanged'],
      ]);
      expect(sandbox.state.listings()).toHaveLength(2);
      expect(
        sandbox.state
          .listings()
          .find((l) => String(l.id) === large!.listing.remoteId)!
          .variants.map((v) => v.sku),
      ).toEqual(['VL-BDX-1KG']);
      // Stock per pack: each listing follows its own pack.
      await connector.setStockCount('VL-BDX-1KG', 9);
      const synced = await connector.syncInventory({ catalog });
      expect(synced.ok).toBe(true);
      expect(sandbox.state.stockOf('VL-BDX-1KG')).toBe(9);
      expect(sandbox.state.stockOf('VL-BDX-500')).toBe(bdx.variants![0]!.stock);
    } finally {
      await connector.close();
      await sandbox.close();
    }
  }, 60_000);
});

describe('link and match messages (#19 re-trial, LOW 7)', () => {
  it('a linked item says what happened; "several products" says its label once; rejecting a gift box never promises to create an inactive product', async () => {
    const sandbox = await startVosoSandbox({
      rateLimitRps: false,
      handMadeListings: [
        handMade('Mật ong rừng Vĩnh Hà 500ml', 240_000, 5),
        handMade(
          'Hộp quà OCOP Quảng Trị: khoai deo Vĩnh Hoàng, miến ngũ sắc Hồ Xá và cao chè vằng Vĩnh Khê',
          450_000,
          2,
        ),
      ],
    });
    const adapter = voso({ baseUrl: sandbox.baseUrl, credentials: { ...sandbox.credentials } });
    const connector = createConnector({
      marketplaces: [adapter],
      store: createMemoryStore(),
      categories: CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
    const wanted = new Set(['VL-MO', 'VL-KD', 'VL-MNS', 'VL-CCV']);
    const catalog = loadSeedCatalog().filter((p) => wanted.has(p.sku));
    expect(catalog.find((p) => p.sku === 'VL-KD')!.status).toBe('inactive');
    try {
      const report = await connector.matchListings(catalog);
      const [honey, box] = ['Mật ong', 'Hộp quà'].map(
        (t) => report.matches.find((m) => m.listing.title.startsWith(t))!,
      );
      const several = box!.reasons.find((r) => r.code === 'several-products')!;
      expect(several).toBeDefined();
      expect(several.detail).not.toMatch(/tin đăng ghi nhiều sản phẩm/);
      expect(several.detail).toContain('VL-KD');
      const linked = await connector.linkListings(
        [
          { platform: 'voso', remoteId: honey!.listing.remoteId, accept: true, productSku: 'VL-MO' },
          { platform: 'voso', remoteId: box!.listing.remoteId, accept: false },
        ],
        { catalog },
      );
      expect(linked.items.map((i) => i.outcome)).toEqual(['linked', 'rejected']);
      expect(linked.items[0]!.messageVi).toContain('VL-MO');
      expect(linked.items[0]!.message).toContain('VL-MO');
      const rejected = linked.items[1]!;
      expect(rejected.messageVi).not.toMatch(/VL-KD[^;]*lần đăng tới sẽ tạo mới/);
      expect(rejected.messageVi).toMatch(/VL-KD[^;]*không được tạo mới/);
      expect(rejected.message).toMatch(/VL-KD[^;]*inactive/);
    } finally {
      await connector.close();
      await sandbox.close();
    }
  }, 60_000);
});
