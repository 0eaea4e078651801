import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../../src/connector.js';
import { ConflictError } from '../../../src/core/errors.js';
import type { ProfileMarketplaceAdapter } from '../../../src/platforms/marketplace/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { type ShopeeSandbox, startShopeeSandbox } from '../../../src/sandbox/index.js';
import { ocopSeedsHandMadeListings } from '../../../src/sandbox/marketplace/hand-made-seeds.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { honeyProduct, jpegUpload } from '../../contract/fixtures.js';
import { CATEGORIES, createImagePreparer, loadSeedCatalog } from '../../sync/helpers.js';

/**
 * Listing download on Shopee (issue #15): get_item_list → get_item_base_info (by 50) → get_model_list,
 * decoded by the engine's strict listing codec; seller SKUs written with update_item / update_model.
 * Onboarding (matchListings, exportCatalog) then works on a Shopee shop as on Voso and Postmart.
 */
const retry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 };

describe('shopee listing download', () => {
  let sandbox: ShopeeSandbox;
  let adapter: ProfileMarketplaceAdapter;
  beforeEach(async () => {
    sandbox = await startShopeeSandbox({
      rateLimitRps: false,
      handMadeListings: [
        {
          title: 'Mật ong hoa nhãn Hưng Yên',
          description: 'Mật ong hoa nhãn thu hoạch vụ xuân',
          category: 'Mật ong',
          attributes: { 'Xuất xứ (tỉnh/thành)': 'Hưng Yên' },
          weightGrams: 650,
          variants: [{ priceVnd: 120_000, stock: 8 }],
        },
        {
          sellerSku: 'TRA-TAY',
          title: 'Trà shan tuyết',
          description: 'Trà cổ thụ',
          category: 'Mật ong',
          weightGrams: 200,
          tiers: [{ name: 'Gói', options: ['100g', '250g'] }],
          variants: [
            { tierIndex: [0], priceVnd: 90_000, stock: 4 },
            { sku: 'TRA-TAY-250', tierIndex: [1], priceVnd: 200_000, stock: 2 },
          ],
        },
      ],
    });
    adapter = shopee({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry });
  });
  afterEach(async () => {
    await adapter.close();
    await sandbox.close();
  });

  it('downloads every listing in full, hand-made ones included, in canonical units', async () => {
    expect(adapter.capabilities.listingDownload).toBe(true);
    expect(adapter.capabilities.sellerSkuUpdate).toBe(true);
    const product = honeyProduct('DL');
    const image = await adapter.uploadImage(await jpegUpload());
    await adapter.createListing({
      product,
      categoryId: '100001',
      attributes: adapter.resolveAttributes(product, { categoryId: '100001' }),
      imageIds: [image.imageId],
    });
    sandbox.resetStats();
    const listings = [];
    for await (const listing of adapter.downloadListings!()) listings.push(listing);
    expect(listings.map((l) => [l.title, l.sku ?? null])).toEqual([
      ['Mật ong hoa nhãn Hưng Yên', null],
      ['Trà shan tuyết', 'TRA-TAY'],
      [product.name, 'DL-MO'],
    ]);
    // Three items: one base-info call for all of them, one model list each.
    expect(sandbox.stats.requests.getListing).toBe(1);
    expect(sandbox.stats.requests.getModelList).toBe(3);

    const [handMade, tea, honey] = listings;
    expect(handMade).toMatchObject({
      platform: 'shopee',
      account: sandbox.credentials.shopId,
      description: 'Mật ong hoa nhãn thu hoạch vụ xuân',
      categoryId: '100001',
      attributes: { '100010': 'Hưng Yên' },
      facts: { origin: 'Hưng Yên' },
      weightGrams: 650,
      tiers: [],
      review: 'APPROVED',
    });
    expect(handMade!.variants).toEqual([{ remoteId: '0', options: {}, priceVnd: 120_000, stock: 8 }]);
    expect(handMade!.imageUrls[0]).toContain('/media/');
    expect(tea!.tiers).toEqual(['Gói']);
    expect(tea!.variants.map((v) => [v.sku ?? null, v.options, v.priceVnd, v.stock])).toEqual([
      [null, { Gói: '100g' }, 90_000, 4],
      ['TRA-TAY-250', { Gói: '250g' }, 200_000, 2],
    ]);
    // The API-created listing reads back as it was sent: grams (Shopee holds kilograms), options, facts.
    expect(honey).toMatchObject({ weightGrams: 700, tiers: ['Dung tích'], facts: { origin: 'Hà Giang' } });
    expect(honey!.variants.map((v) => [v.sku, v.options])).toEqual([
      ['DL-MO-250', { 'Dung tích': '250ml' }],
      ['DL-MO-500', { 'Dung tích': '500ml' }],
    ]);
  });

  it('writes seller SKUs with update_item and update_model; stock then reaches them', async () => {
    const listings = [];
    for await (const listing of adapter.downloadListings!()) listings.push(listing);
    const [handMade, tea] = listings;
    const single = await adapter.setListingSkus!(handMade!.remoteId, {
      sku: 'HY-MO',
      variants: [{ remoteId: '0', sku: 'HY-MO' }],
    });
    expect(single.sku).toBe('HY-MO');
    expect(single.variants.map((v) => v.sku)).toEqual(['HY-MO']);
    const teaNow = await adapter.setListingSkus!(tea!.remoteId, {
      sku: 'TRA-TAY',
      variants: tea!.variants.map((v, i) => ({
        remoteId: v.remoteId,
        sku: `TRA-TAY-${i === 0 ? '100' : '250'}`,
      })),
    });
    expect(teaNow.variants.map((v) => v.sku)).toEqual(['TRA-TAY-100', 'TRA-TAY-250']);
    expect(sandbox.stats.requests.updateModel).toBe(1);
    // Ids unchanged: the same models now carry the SKUs.
    expect(teaNow.variants.map((v) => v.remoteId)).toEqual(tea!.variants.map((v) => v.remoteId));
    expect(
      await adapter.setStock([
        { sku: 'HY-MO', quantity: 3 },
        { sku: 'TRA-TAY-100', quantity: 11 },
      ]),
    ).toEqual([
      { sku: 'HY-MO', ok: true },
      { sku: 'TRA-TAY-100', ok: true },
    ]);
    expect(sandbox.state.stockOf('HY-MO')).toBe(3);
    expect(sandbox.state.stockOf('TRA-TAY-100')).toBe(11);
    // A SKU another item holds is refused by Shopee, not overwritten.
    const taken = await adapter.setListingSkus!(handMade!.remoteId, {
      sku: 'TRA-TAY',
      variants: [{ remoteId: '0', sku: 'TRA-TAY' }],
    }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    expect(sandbox.state.listingBySku('TRA-TAY')!.title).toBe('Trà shan tuyết');
  });
});

describe('onboarding a Shopee shop that sells by hand', () => {
  let sandbox: ShopeeSandbox;
  let connector: Connector;
  let dir: string;
  beforeEach(async () => {
    sandbox = await startShopeeSandbox({ handMadeListings: 'ocop-seeds', rateLimitRps: false });
    connector = createConnector({
      marketplaces: [
        shopee({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry, account: 'htx-demo' }),
      ],
      store: createMemoryStore(),
      categories: CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
    dir = mkdtempSync(join(tmpdir(), 'ocop-shopee-onboard-'));
  });
  afterEach(async () => {
    await connector.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matchListings proposes the intended product for every hand-made listing', async () => {
    const report = await connector.matchListings(loadSeedCatalog());
    expect(report.platforms.map((p) => [p.platform, p.listings])).toEqual([['shopee', 22]]);
    const truth = ocopSeedsHandMadeListings('voso');
    const matches = report.matches.filter((m) => m.platform === 'shopee');
    matches.forEach((match, i) => {
      expect([match.listing.title, match.productSku ?? null]).toEqual([
        truth[i]!.title,
        truth[i]!.intended?.productSku ?? null,
      ]);
    });
  });

  it('exportCatalog builds the spreadsheet from the Shopee shop', async () => {
    const result = await connector.exportCatalog('shopee', { dir });
    expect([result.products, result.rows]).toEqual([22, 30]);
    const raw = readFileSync(result.files.csv, 'utf8');
    expect(raw).toContain('Tinh bot nghe Vinh Linh nguyen chat');
    expect(raw).toContain('340.000');
  });
});
