import { describe, expect, it } from 'vitest';
import type { SandboxHandMadeListing } from '../../src/sandbox/index.js';
import { loadSeedCatalog } from './helpers.js';
import { withVosoShop } from './onboarding-fixture.js';

function handMade(
  title: string,
  category: string,
  sellerSku: string | undefined,
  priceVnd: number,
  stock: number,
): SandboxHandMadeListing {
  return {
    ...(sellerSku ? { sellerSku } : {}),
    title,
    description: `${title}. Hàng nhà làm.`,
    category,
    weightGrams: 600,
    variants: [{ priceVnd, stock }],
  };
}

describe('a listing that is several catalog products (#19 trial 5, HIGH 1)', () => {
  it('SKU of one product, title of another; a combo naming two: all held until decided, then no second listing', async () => {
    await withVosoShop(
      {
        rateLimitRps: false,
        handMadeListings: [
          // The tinh bột nghệ's SKU pasted on the bột sắn dây listing.
          handMade('Bột sắn dây Vĩnh Linh nguyên chất', 'Gạo & ngũ cốc', 'VL-TBN', 120_000, 15),
          handMade('Combo mật ong rừng Vĩnh Hà + trà rau má Vĩnh Khê', 'Mật ong', undefined, 300_000, 4),
        ],
      },
      async ({ sandbox, connector }) => {
        const wanted = new Set(['VL-TBN', 'VL-BSD', 'VL-MO', 'VL-TRM', 'VL-MNS']);
        const catalog = loadSeedCatalog().filter((p) => wanted.has(p.sku));
        const titled = (word: RegExp) => sandbox.state.listings().filter((l) => word.test(l.title));
        const report = await connector.matchListings(catalog);
        const [wrongSku, combo] = ['Bột sắn dây', 'Combo'].map(
          (t) => report.matches.find((m) => m.listing.title.startsWith(t))!,
        );
        expect(wrongSku!.productSku).toBe('VL-TBN');
        expect(wrongSku!.otherProducts?.map((o) => [o.productSku, o.code])).toEqual([
          ['VL-BSD', 'sku-title-conflict'],
        ]);
        expect(wrongSku!.suggestion).toBe('review');
        expect(wrongSku!.reasons.map((r) => r.code)).toContain('sku-title-conflict');
        const comboHolds = [
          combo!.productSku ?? combo!.candidate?.productSku,
          ...(combo!.otherProducts ?? []).map((o) => o.productSku),
        ];
        expect(comboHolds.sort()).toEqual(['VL-MO', 'VL-TRM']);
        expect(combo!.reasons.map((r) => r.code)).toContain('several-products');
        expect(report.unmatchedProducts.map((p) => p.sku)).toEqual(['VL-MNS']);

        // Before any decision: only the product no listing names is created.
        const first = await connector.publish(catalog);
        const outcome = (sku: string, r = first) => r.items.find((i) => i.sku === sku)?.outcome;
        expect(['VL-TBN', 'VL-BSD', 'VL-MO', 'VL-TRM'].map((s) => outcome(s))).toEqual([
          'held',
          'held',
          'held',
          'held',
        ]);
        expect(outcome('VL-MNS')).toBe('created');
        expect(titled(/sắn dây/i)).toHaveLength(1);
        expect(titled(/mật ong/i)).toHaveLength(1);

        // The person says: the first listing is the bột sắn dây (its SKU was wrong); the combo is none.
        const linked = await connector.linkListings([
          { platform: 'voso', remoteId: wrongSku!.listing.remoteId, accept: true, productSku: 'VL-BSD' },
          { platform: 'voso', remoteId: combo!.listing.remoteId, accept: false },
        ]);
        expect(linked.items.map((i) => i.outcome)).toEqual(['linked', 'rejected']);
        const second = await connector.publish(catalog);
        expect(outcome('VL-BSD', second)).toBe('updated');
        expect(['VL-TBN', 'VL-MO', 'VL-TRM'].map((s) => outcome(s, second))).toEqual([
          'created',
          'created',
          'created',
        ]);
        // One listing per product: the hand-made one now carries VL-BSD; nothing listed twice.
        expect(titled(/sắn dây/i).map((l) => l.sellerSku)).toEqual(['VL-BSD']);
        expect(sandbox.state.listings().filter((l) => l.sellerSku === 'VL-TBN')).toHaveLength(1);
        expect(titled(/^Combo/)).toHaveLength(1);
      },
    );
  }, 60_000);
});

describe('a second match computes fresh duplicate reasons (#19 trial 5, MEDIUM 4)', () => {
  it('after the primary listing is rejected, or linked to another product, the other is no longer its duplicate', async () => {
    await withVosoShop(
      {
        rateLimitRps: false,
        handMadeListings: [
          handMade('Mật ong rừng Vĩnh Hà nguyên chất', 'Mật ong', undefined, 250_000, 14),
          handMade('Mat ong rung Vinh Ha', 'Mật ong', undefined, 245_000, 3),
          handMade('Mật ong rừng Vĩnh Hà hũ nhỏ', 'Mật ong', undefined, 120_000, 5),
        ],
      },
      async ({ connector }) => {
        const catalog = loadSeedCatalog().filter((p) => p.sku === 'VL-MO' || p.sku === 'VL-TRM');
        const duplicates = (r: Awaited<ReturnType<typeof connector.matchListings>>) =>
          r.matches.filter((m) => m.duplicateOf || m.reasons.some((x) => x.code === 'duplicate'));
        const first = await connector.matchListings(catalog);
        const primary = first.matches.find((m) => m.productSku === 'VL-MO' && !m.duplicateOf)!;
        expect(duplicates(first)).toHaveLength(2);
        // "Not this product" for the primary one: the next match proposes one of the two others, fresh.
        await connector.linkListings([
          { platform: 'voso', remoteId: primary.listing.remoteId, accept: false },
        ]);
        const second = await connector.matchListings(catalog);
        const rejected = second.matches.find((m) => m.listing.remoteId === primary.listing.remoteId)!;
        expect(rejected.rejectedBefore).toBe(true);
        const fresh = second.matches.filter((m) => m !== rejected && !m.duplicateOf);
        expect(fresh).toHaveLength(1);
        expect(fresh[0]!.reasons.map((r) => r.code)).not.toContain('duplicate');
        // Every duplicate names the fresh proposal, none the rejected listing.
        for (const d of duplicates(second).filter((m) => m !== rejected)) {
          expect(d.duplicateOf).toBe(fresh[0]!.listing.remoteId);
          expect(
            d.reasons
              .filter((r) => r.code === 'duplicate')
              .map((r) => r.detail)
              .join(),
          ).not.toContain(primary.listing.remoteId);
        }
        // The fresh one linked to another product (a person knows better): honey is free again.
        const linked = await connector.linkListings([
          { platform: 'voso', remoteId: fresh[0]!.listing.remoteId, accept: true, productSku: 'VL-TRM' },
        ]);
        expect(linked.items[0]!.outcome).toBe('linked');
        const third = await connector.matchListings(catalog);
        const asTea = third.matches.find((m) => m.listing.remoteId === fresh[0]!.listing.remoteId)!;
        expect(asTea.linkedTo).toBe('VL-TRM');
        // Its reasons are this run's: the link first, no duplicate of anything.
        expect(asTea.reasons[0]!.code).toBe('linked');
        expect(asTea.duplicateOf).toBeUndefined();
        expect(asTea.reasons.map((r) => r.code)).not.toContain('duplicate');
        const honey = third.matches.filter(
          (m) => m.productSku === 'VL-MO' && m.listing.remoteId !== primary.listing.remoteId,
        );
        expect(honey).toHaveLength(1);
        expect(honey[0]!.duplicateOf).toBeUndefined();
        expect(honey[0]!.reasons.map((r) => r.code)).not.toContain('duplicate');
      },
    );
  }, 60_000);
});

describe('one hand-made listing per pack size (#19 trial 5, HIGH 2)', () => {
  it('match proposes each pack listing for its own variant, link records both, publish updates both and creates nothing, stock sync covers each', async () => {
    await withVosoShop(
      {
        rateLimitRps: false,
        handMadeListings: [
          handMade('Tinh bột nghệ Vĩnh Linh hũ 100g', 'Dược liệu khô', undefined, 85_000, 40),
          handMade('Tinh bột nghệ Vĩnh Linh hộp 500g', 'Dược liệu khô', undefined, 340_000, 12),
        ],
      },
      async ({ sandbox, connector }) => {
        const catalog = loadSeedCatalog().filter((p) => p.sku === 'VL-TBN');
        const tbn = catalog[0]!;
        const report = await connector.matchListings(catalog);
        expect(
          report.matches.map((m) => [m.productSku, m.variants.map((v) => v.offerSku), m.duplicateOf ?? null]),
        ).toEqual([
          ['VL-TBN', ['VL-TBN-100'], null],
          ['VL-TBN', ['VL-TBN-500'], null],
        ]);
        for (const m of report.matches) expect(m.reasons.map((r) => r.code)).toContain('pack-listing');
        // What a person confirms in the review sheet: each listing for its pack.
        const decisions = report.matches.map((m) => ({
          platform: m.platform,
          remoteId: m.listing.remoteId,
          accept: true,
          productSku: m.productSku!,
          variants: Object.fromEntries(m.variants.map((v) => [v.remoteId, v.offerSku!])),
        }));
        const linked = await connector.linkListings(decisions, { catalog });
        expect(linked.items.map((i) => i.outcome)).toEqual(['linked', 'linked']);
        // Linking the same decisions again changes nothing.
        const again = await connector.linkListings(decisions, { catalog });
        expect(again.items.map((i) => i.outcome)).toEqual(['linked', 'linked']);

        const published = await connector.publish(catalog);
        expect(published.items.map((i) => [i.sku, i.outcome]).sort()).toEqual([
          ['VL-TBN-100', 'updated'],
          ['VL-TBN-500', 'updated'],
        ]);
        // No duplicate: the shop still holds its two listings, each now carrying its pack from the catalog.
        const listings = sandbox.state.listings();
        expect(listings).toHaveLength(2);
        for (const [i, variant] of tbn.variants!.entries()) {
          const listing = listings[i]!;
          expect(listing.sellerSku).toBe(variant.sku);
          expect(listing.variants.map((v) => [v.sku, v.priceVnd])).toEqual([[variant.sku, variant.priceVnd]]);
        }
        // Second publish: nothing to do.
        const second = await connector.publish(catalog);
        expect(second.items.map((i) => i.outcome)).toEqual(['unchanged', 'unchanged']);
        expect(sandbox.state.listings()).toHaveLength(2);

        // Stock: a buyer takes 3 of the 500 g box; the count of the 100 g jar changes. Each pack listing follows.
        expect(sandbox.buyers.placeOrder({ sku: 'VL-TBN-500', quantity: 3 }).ok).toBe(true);
        await connector.setStockCount('VL-TBN-100', 17);
        const synced = await connector.syncInventory({ catalog });
        expect(synced.ok).toBe(true);
        const available = new Map(synced.stock.map((s) => [s.sku, s.available]));
        expect(available.get('VL-TBN-100')).toBe(17);
        expect(available.get('VL-TBN-500')).toBe(tbn.variants![1]!.stock - 3);
        expect(sandbox.state.stockOf('VL-TBN-100')).toBe(17);
        expect(sandbox.state.stockOf('VL-TBN-500')).toBe(tbn.variants![1]!.stock - 3);

        // A later match shows both as linked, neither as a duplicate.
        const rematch = await connector.matchListings(catalog);
        expect(rematch.matches.map((m) => [m.linkedTo, m.duplicateOf ?? null])).toEqual([
          ['VL-TBN', null],
          ['VL-TBN', null],
        ]);
        expect(rematch.unmatchedProducts).toEqual([]);
      },
    );
  }, 60_000);
});
