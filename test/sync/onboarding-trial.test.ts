import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import type { SandboxHandMadeListing } from '../../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { readReviewSheet } from '../../src/sync/onboarding/review-sheet.js';
import { CATEGORIES, loadSeedCatalog, type Platforms, startPlatforms } from './helpers.js';

/** Defects an independent trial of #19 found, each proven against the sandbox and the store. */

function handMade(
  listing: Partial<SandboxHandMadeListing> & Pick<SandboxHandMadeListing, 'title' | 'variants'>,
) {
  return {
    description: `${listing.title}. Hàng nhà làm.`,
    category: 'Gạo & ngũ cốc',
    weightGrams: 600,
    ...listing,
  } satisfies SandboxHandMadeListing;
}

let platforms: Platforms | undefined;
let connector: Connector | undefined;
let store: StateStore;

async function start(listings: SandboxHandMadeListing[]): Promise<Connector> {
  platforms = await startPlatforms({ sandbox: { handMadeListings: listings, rateLimitRps: false } });
  store = createMemoryStore();
  connector = createConnector({
    marketplaces: platforms.adapters.filter((a) => a.platform === 'voso'),
    store,
    categories: CATEGORIES,
  });
  return connector;
}

afterEach(async () => {
  await connector?.close();
  await platforms?.close();
  connector = undefined;
  platforms = undefined;
});

describe('a SKU typed on the wrong pack', () => {
  it('swapped tiers: proposed for review (not 1.00), explained, paired by the size buyers see; linking writes the right SKUs', async () => {
    const c = await start([
      handMade({
        title: 'Bột đậu xanh Vĩnh Linh',
        tiers: [{ name: 'Quy cách', options: ['1kg', '500g'] }],
        variants: [
          { sku: 'VL-BDX-500', tierIndex: [0], priceVnd: 130_000, stock: 4 },
          { sku: 'VL-BDX-1KG', tierIndex: [1], priceVnd: 70_000, stock: 9 },
        ],
      }),
      handMade({
        title: 'Bột sắn dây Vĩnh Linh',
        sellerSku: 'VL-BSD',
        variants: [{ sku: 'VL-BSD', priceVnd: 120_000, stock: 5 }],
      }),
      handMade({
        title: 'Tinh bột nghệ Vĩnh Linh hũ 500g',
        variants: [{ sku: 'VL-TBN-100', priceVnd: 85_000, stock: 3 }],
      }),
    ]);
    const catalog = loadSeedCatalog();
    const report = await c.matchListings(catalog, { autoAcceptAt: 0.9 });
    const [swapped, plain, single] = report.matches;
    expect([swapped!.productSku, swapped!.method, swapped!.suggestion]).toEqual(['VL-BDX', 'sku', 'review']);
    expect(swapped!.confidence).toBeLessThanOrEqual(0.6);
    const conflicts = swapped!.reasons.filter((r) => r.code === 'sku-conflict').map((r) => r.detail);
    expect(conflicts).toHaveLength(2);
    expect(conflicts[0]).toContain('"1kg": SKU VL-BDX-500 là 500g nhưng tin đăng ghi 1kg');
    expect(swapped!.variants.map((v) => [v.label, v.offerSku])).toEqual([
      ['1kg', 'VL-BDX-1KG'],
      ['500g', 'VL-BDX-500'],
    ]);
    // One variant whose SKU is the 100 g jar, titled 500 g.
    expect([single!.productSku, single!.suggestion, single!.variants[0]!.offerSku]).toEqual([
      'VL-TBN',
      'review',
      'VL-TBN-500',
    ]);
    const conflict = single!.reasons.find((r) => r.code === 'sku-conflict')!;
    expect(conflict.detail).toContain('SKU VL-TBN-100 là 100g nhưng tin đăng ghi 500g');
    expect(conflict.detailEn).toContain('SKU VL-TBN-100 is 100g but the listing says 500g');
    // A SKU nothing contradicts stays certain.
    expect([plain!.productSku, plain!.confidence, plain!.suggestion]).toEqual(['VL-BSD', 1, 'accept']);

    // The person accepts the proposal as shown: the platform's SKUs now follow the packs buyers order.
    const linked = await c.linkListings(
      [
        {
          platform: 'voso',
          remoteId: swapped!.listing.remoteId,
          accept: true,
          productSku: 'VL-BDX',
          variants: Object.fromEntries(swapped!.variants.map((v) => [v.remoteId, v.offerSku!])),
        },
      ],
      { catalog },
    );
    expect(linked.items.map((i) => i.outcome)).toEqual(['linked']);
    const listing = platforms!.vosoSandbox.state
      .listings()
      .find((l) => String(l.id) === swapped!.listing.remoteId)!;
    expect(listing.variants.map((v) => [listing.tiers[0]!.options[v.tierIndex[0]!], v.sku])).toEqual([
      ['1kg', 'VL-BDX-1KG'],
      ['500g', 'VL-BDX-500'],
    ]);
    const record = await store.getListing({ platform: 'voso', account: 'htx-demo', sku: 'VL-BDX' });
    expect(record!.variantRemoteIds).toEqual({
      'VL-BDX-1KG': swapped!.variants[0]!.remoteId,
      'VL-BDX-500': swapped!.variants[1]!.remoteId,
    });
  });
});

describe('the review sheet as a person types it', () => {
  it('platform and SKU cells are read without regard to case ("VOSO", "vl-bdx-500"): linked under the catalog’s SKUs', async () => {
    const c = await start([
      handMade({
        title: 'Bột đậu xanh Vĩnh Linh',
        tiers: [{ name: 'Quy cách', options: ['500g', '1kg'] }],
        variants: [
          { tierIndex: [0], priceVnd: 70_000, stock: 9 },
          { tierIndex: [1], priceVnd: 130_000, stock: 4 },
        ],
      }),
    ]);
    const catalog = loadSeedCatalog();
    const [bean] = (await c.matchListings(catalog)).matches;
    const [small, large] = bean!.variants;
    const dir = mkdtempSync(join(tmpdir(), 'ocop-case-'));
    try {
      const file = join(dir, 'doi-chieu.csv');
      writeFileSync(
        file,
        [
          'Sàn,Tài khoản,Mã tin đăng,Mã biến thể trên sàn,Phân loại trên sàn,Mã sản phẩm,Mã SKU phân loại,Quyết định',
          `VOSO,htx-demo,${bean!.listing.remoteId},${small!.remoteId},500g,vl-bdx,vl-bdx-500,đồng ý`,
          ` Voso ,htx-demo,${bean!.listing.remoteId},${large!.remoteId},1kg,VL-BDX, Vl-Bdx-1kg ,Đồng ý`,
        ].join('\r\n'),
      );
      const sheet = await readReviewSheet(file);
      expect(sheet.decisions.map((d) => [d.platform, d.productSku])).toEqual([['voso', 'vl-bdx']]);
      const linked = await c.linkListings(sheet.decisions, { catalog });
      expect(linked.items.map((i) => [i.outcome, i.productSku, i.skusWritten])).toEqual([
        ['linked', 'VL-BDX', ['VL-BDX', 'VL-BDX-500', 'VL-BDX-1KG']],
      ]);
      expect(await store.getListing({ platform: 'voso', account: 'htx-demo', sku: 'VL-BDX' })).toMatchObject({
        remoteListingId: bean!.listing.remoteId,
        variantRemoteIds: { 'VL-BDX-500': small!.remoteId, 'VL-BDX-1KG': large!.remoteId },
      });
      const listing = platforms!.vosoSandbox.state
        .listings()
        .find((l) => String(l.id) === bean!.listing.remoteId)!;
      expect([listing.sellerSku, ...listing.variants.map((v) => v.sku)]).toEqual([
        'VL-BDX',
        'VL-BDX-500',
        'VL-BDX-1KG',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('linking twice, a second listing for a linked product, "new" on a linked listing', () => {
  it('say what happened and what stays, in both languages; the store keeps the one link', async () => {
    const c = await start([
      handMade({
        title: 'Mật ong rừng Vĩnh Hà chai 500ml',
        category: 'Mật ong',
        variants: [{ priceVnd: 250_000, stock: 5 }],
      }),
      handMade({
        title: 'Mat ong rung Vinh Ha',
        category: 'Mật ong',
        variants: [{ priceVnd: 245_000, stock: 2 }],
      }),
    ]);
    const catalog = loadSeedCatalog();
    const [first, second] = (await c.matchListings(catalog)).matches;
    const decide = (remoteId: string, accept: boolean) => ({
      platform: 'voso',
      remoteId,
      accept,
      productSku: 'VL-MO',
    });
    expect(
      (await c.linkListings([decide(first!.listing.remoteId, true)], { catalog })).items[0]!.outcome,
    ).toBe('linked');
    const key = { platform: 'voso', account: 'htx-demo', sku: 'VL-MO' };
    // What a publish records after updating the linked listing.
    const published = { ...(await store.getListing(key))!, contentHash: 'v9:c:i:p:s' };
    await store.putListing(published);

    const again = (await c.linkListings([decide(first!.listing.remoteId, true)], { catalog })).items[0]!;
    expect([again.outcome, again.messageVi, again.message]).toEqual([
      'linked',
      'Đã liên kết với VL-MO từ trước: không có gì thay đổi',
      'Already linked to VL-MO: nothing changed',
    ]);
    expect((await store.getListing(key))!.contentHash).toBe('v9:c:i:p:s');

    const other = (await c.linkListings([decide(second!.listing.remoteId, true)], { catalog })).items[0]!;
    expect(other.outcome).toBe('failed');
    expect(other.messageVi).toBe(
      `Sản phẩm VL-MO đã được liên kết với tin đăng ${first!.listing.remoteId} trên voso (mỗi sản phẩm chỉ liên kết một tin đăng mỗi tài khoản). Tin ${second!.listing.remoteId} không được liên kết và giữ nguyên trên sàn (không bị xoá); nếu là tin trùng, ghi "từ chối"`,
    );

    const undo = (await c.linkListings([decide(first!.listing.remoteId, false)], { catalog })).items[0]!;
    expect([undo.outcome, undo.productSku]).toEqual(['failed', 'VL-MO']);
    expect(undo.messageVi).toContain(
      `Tin đăng ${first!.listing.remoteId} đã được liên kết với VL-MO từ trước: "từ chối" không gỡ liên kết này. Liên kết vẫn giữ`,
    );
    expect(undo.message).toContain('"new" does not undo that link. The link stays');
    expect((await store.listListings('voso', 'htx-demo')).map((r) => [r.sku, r.remoteListingId])).toEqual([
      ['VL-MO', first!.listing.remoteId],
    ]);
    // Matching again: the linked listing shows as linked, the other as its duplicate (not a fresh proposal).
    const rematch = (await c.matchListings(catalog)).matches;
    expect(
      rematch.map((m) => [m.linkedTo ?? null, m.productSku, m.suggestion, m.duplicateOf ?? null]),
    ).toEqual([
      ['VL-MO', 'VL-MO', 'accept', null],
      [null, 'VL-MO', 'review', first!.listing.remoteId],
    ]);
    expect(rematch[0]!.reasons[0]).toEqual({
      code: 'linked',
      detail: 'với VL-MO ở lần link trước',
      detailEn: 'already linked to VL-MO',
    });
    // Rejecting the other (unlinked) listing is the plain "not linked".
    const plain = (await c.linkListings([decide(second!.listing.remoteId, false)], { catalog })).items[0]!;
    expect([plain.outcome, plain.messageVi]).toEqual([
      'rejected',
      'Không liên kết: tin đăng giữ nguyên (không bị xoá)',
    ]);
  });
});
