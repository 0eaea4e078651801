import { describe, expect, it } from 'vitest';
import type { SandboxHandMadeListing } from '../../src/sandbox/index.js';
import { loadSeedCatalog } from './helpers.js';
import { withVosoShop } from './onboarding-fixture.js';

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
    await withVosoShop(
      {
        rateLimitRps: false,
        handMadeListings: [
          handMade('Bột đậu xanh Vĩnh Linh túi 500g', 60_000, 11),
          handMade('Bột đậu xanh Vĩnh Linh túi 1kg', 110_000, 5),
        ],
      },
      async ({ sandbox, connector }) => {
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
      },
    );
  }, 60_000);
});

describe('link and match messages (#19 re-trial, LOW 7)', () => {
  it('a linked item says what happened; "several products" says its label once; rejecting a gift box never promises to create an inactive product', async () => {
    await withVosoShop(
      {
        rateLimitRps: false,
        handMadeListings: [
          handMade('Mật ong rừng Vĩnh Hà 500ml', 240_000, 5),
          handMade(
            'Hộp quà OCOP Quảng Trị: khoai deo Vĩnh Hoàng, miến ngũ sắc Hồ Xá và cao chè vằng Vĩnh Khê',
            450_000,
            2,
          ),
        ],
      },
      async ({ connector }) => {
        const wanted = new Set(['VL-MO', 'VL-KD', 'VL-MNS', 'VL-CCV']);
        const catalog = loadSeedCatalog().filter((p) => wanted.has(p.sku));
        expect(catalog.find((p) => p.sku === 'VL-KD')!.status).toBe('inactive');
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
      },
    );
  }, 60_000);
});

describe('a look-alike rejected beside the link (#19 re-trial, MEDIUM 2)', () => {
  it('stays "rejected before" on the next match: no duplicate of the linked listing, no "chưa tạo mới" hint', async () => {
    await withVosoShop(
      {
        rateLimitRps: false,
        handMadeListings: [
          handMade('Nước mắm cá cơm Cửa Tùng chai 500ml', 90_000, 8),
          handMade('Nước mắm Phú Quốc 40 độ đạm', 120_000, 3),
        ],
      },
      async ({ connector }) => {
        const catalog = loadSeedCatalog().filter((p) => p.sku === 'VL-NMCC' || p.sku === 'VL-MO');
        const report = await connector.matchListings(catalog);
        const [own, alike] = ['Nước mắm cá cơm', 'Nước mắm Phú Quốc'].map(
          (t) => report.matches.find((m) => m.listing.title.startsWith(t))!,
        );
        expect(own!.productSku).toBe('VL-NMCC');
        expect(alike!.productSku).toBeUndefined();
        expect(alike!.candidate?.productSku).toBe('VL-NMCC');
        // The sheet's order: the link first, then "tạo mới" for the look-alike.
        const linked = await connector.linkListings(
          [
            {
              platform: 'voso',
              remoteId: own!.listing.remoteId,
              accept: true,
              productSku: 'VL-NMCC',
              variants: Object.fromEntries(own!.variants.map((v) => [v.remoteId, v.offerSku!])),
            },
            { platform: 'voso', remoteId: alike!.listing.remoteId, accept: false },
          ],
          { catalog },
        );
        expect(linked.items.map((i) => [i.remoteId, i.outcome])).toEqual([
          [own!.listing.remoteId, 'linked'],
          [alike!.listing.remoteId, 'rejected'],
        ]);
        const again = await connector.matchListings(catalog);
        const alikeAgain = again.matches.find((m) => m.listing.remoteId === alike!.listing.remoteId)!;
        expect(alikeAgain.rejectedBefore).toBe(true);
        expect(alikeAgain.duplicateOf).toBeUndefined();
        expect(alikeAgain.reasons.map((r) => r.code)).not.toContain('duplicate');
        for (const r of alikeAgain.reasons) expect(r.detail).not.toMatch(/chưa tạo mới VL-NMCC/);
      },
    );
  }, 60_000);
});
