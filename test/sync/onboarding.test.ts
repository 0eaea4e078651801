import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/read-catalog.js';
import type { Connector } from '../../src/connector.js';
import type { MarketplaceAdapter } from '../../src/platforms/types.js';
import { ocopSeedsHandMadeListings } from '../../src/sandbox/marketplace/hand-made-seeds.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import type { LinkDecision, ListingMatch } from '../../src/sync/onboarding/types.js';
import { loadSeedCatalog, type Platforms, startPlatforms } from './helpers.js';
import { COOPERATIVE_FILLS, onboardingConnector } from './onboarding-fixture.js';

const decisionOf = (m: ListingMatch): LinkDecision => ({
  platform: m.platform,
  account: m.account,
  remoteId: m.listing.remoteId,
  accept: true,
  productSku: m.productSku!,
  variants: Object.fromEntries(m.variants.filter((v) => v.offerSku).map((v) => [v.remoteId, v.offerSku!])),
});

describe('onboarding a shop that sells by hand (hand-made listings in both sandboxes)', () => {
  let platforms: Platforms;
  let store: StateStore;
  let connector: Connector;
  let dir: string;

  beforeEach(async () => {
    platforms = await startPlatforms({ sandbox: { handMadeListings: 'ocop-seeds', rateLimitRps: false } });
    store = createMemoryStore();
    connector = onboardingConnector(platforms.adapters, store);
    dir = mkdtempSync(join(tmpdir(), 'ocop-onboard-'));
  });
  afterEach(async () => {
    await connector.close();
    await platforms.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('proposes the intended product and variants for every hand-made listing, and links nothing', async () => {
    const report = await connector.matchListings(loadSeedCatalog());
    expect(report.platforms.map((p) => [p.platform, p.listings])).toEqual([
      ['voso', 22],
      ['postmart', 22],
    ]);
    for (const platform of ['voso', 'postmart'] as const) {
      const truth = ocopSeedsHandMadeListings(platform);
      const matches = report.matches.filter((m) => m.platform === platform);
      matches.forEach((match, i) => {
        const intended = truth[i]!.intended ?? null;
        expect([match.listing.title, match.productSku ?? null]).toEqual([
          truth[i]!.title,
          intended?.productSku ?? null,
        ]);
        if (intended) expect(match.variants.map((v) => v.offerSku ?? null)).toEqual(intended.variantSkus);
        expect(match.reasons.length).toBeGreaterThan(0);
      });
      expect(await store.listListings(platform, 'htx-demo')).toEqual([]);
    }
    const bySku = report.matches.find((m) => m.listing.title === 'Miến ngũ sắc Hồ Xá OCOP 3 sao')!;
    expect([bySku.method, bySku.confidence, bySku.reasons[0]!.code]).toEqual(['sku', 1, 'sku']);
    const duplicates = report.matches.filter((m) => m.duplicateOf);
    expect(duplicates.map((m) => [m.platform, m.listing.title, m.productSku])).toEqual([
      ['voso', 'Mat ong rung Vinh Ha nguyen chat', 'VL-MO'],
      ['postmart', 'Bột sắn dây Vĩnh Linh nguyên chất', 'VL-BSD'],
    ]);
    // Postmart holds no listing of the inactive sweet potato candy, but its purple sweet potato look-alike
    // shares its name words: below the threshold, a candidate to review, not "not on the platform"
    // (#19 trial 3), so no product is reported unmatched.
    const potato = report.matches.find(
      (m) => m.platform === 'postmart' && m.candidate?.productSku === 'VL-KD',
    )!;
    expect([potato.productSku ?? null, potato.suggestion, potato.reasons[0]!.code]).toEqual([
      null,
      'none',
      'below-threshold',
    ]);
    expect(report.unmatchedProducts).toEqual([]);
  });

  it('auto-accepts only what reaches the threshold', async () => {
    const report = await connector.matchListings(loadSeedCatalog(), { autoAcceptAt: 1 });
    const accepted = report.matches.filter((m) => m.suggestion === 'accept').map((m) => m.listing.title);
    expect(accepted.sort()).toEqual([
      'Hồ tiêu Vĩnh Linh loại 1',
      'Miến ngũ sắc Hồ Xá OCOP 3 sao',
      'Nước mắm cá cơm Cửa Tùng - OCOP 4 sao',
    ]);
  });

  it('link then publish creates nothing already listed, and stock sync covers the linked listings', async () => {
    // The seeds plus one product the cooperative never listed by hand.
    const seeds = loadSeedCatalog();
    const honey = seeds.find((p) => p.sku === 'VL-MO')!;
    const catalog = [...seeds, { ...honey, sku: 'VL-RUOU', name: 'Rượu ngô men lá Hướng Hóa' }];
    const report = await connector.matchListings(catalog);
    // Every proposal a person would accept: not a duplicate, and some variant is the catalog's pack (the
    // 200 g jar of shrimp paste is not the catalog's 500 g: it stays unlinked, its product held back).
    const accepted = report.matches.filter(
      (m) => m.productSku && !m.duplicateOf && m.variants.some((v) => v.offerSku),
    );
    const before = new Map(
      [platforms.vosoSandbox, platforms.postmartSandbox].map((s) => [
        s.platform,
        s.state.listings().map((l) => l.id),
      ]),
    );
    const linked = await connector.linkListings(accepted.map(decisionOf), { catalog });
    expect(linked.items.map((i) => i.outcome)).toEqual(accepted.map(() => 'linked'));
    expect(linked.ok).toBe(true);
    // Every listing typed without our SKUs now carries them on the platform.
    expect(platforms.vosoSandbox.state.listingBySku('VL-MO')!.title).toBe(
      'Mật ong rừng Vĩnh Hà - chai 500ml',
    );
    // Duplicates and products the catalog lacks are reported, not touched.
    expect(linked.unlinkedListings.filter((l) => l.platform === 'voso').map((l) => l.title)).toContain(
      'Mat ong rung Vinh Ha nguyen chat',
    );

    const published = await connector.publish(catalog);
    const creates = published.items.filter((i) => i.action === 'create').map((i) => `${i.platform}:${i.sku}`);
    expect(published.items.filter((i) => i.outcome === 'held').map((i) => `${i.platform}:${i.sku}`)).toEqual([
      'voso:VL-MR',
    ]);
    // Created: only the catalog products no listing was linked to (Postmart's sweet potato is inactive).
    const unmatched = report.unmatchedProducts.filter((p) => p.active).map((p) => `${p.platform}:${p.sku}`);
    expect(unmatched).toEqual(['voso:VL-RUOU', 'postmart:VL-RUOU']);
    expect(creates.sort()).toEqual([...unmatched].sort());
    // The sweet potato candy is inactive in the catalog: its linked Voso listing is taken off sale by
    // stock alone, like any inactive product — its body (whose category wants an attribute the catalog
    // row lacks) is not written, so no run reports it invalid (#19 trial: it did, every run).
    expect(published.items.filter((i) => i.outcome === 'invalid')).toEqual([]);
    expect(
      published.items
        .filter((i) => i.sku === 'VL-KD')
        .map((i) => [i.platform, i.action, i.changes, i.outcome]),
    ).toEqual([
      ['voso', 'update', ['stock'], 'updated'],
      ['postmart', 'skip', [], 'unchanged'],
    ]);
    expect(platforms.vosoSandbox.state.listingBySku('VL-KD')!.variants.map((v) => v.stock)).toEqual([0]);
    expect(platforms.vosoSandbox.state.listingBySku('VL-KD')!.title).toBe('Khoai deo Vĩnh Hoàng');
    expect(published.items.filter((i) => i.action === 'update')).toHaveLength(accepted.length);
    const again = await connector.publish(catalog);
    expect(again.items.filter((i) => i.outcome === 'invalid' || i.outcome === 'failed')).toEqual([]);
    expect(again.items.filter((i) => i.sku === 'VL-KD').map((i) => [i.action, i.outcome])).toEqual([
      ['unchanged', 'unchanged'],
      ['skip', 'unchanged'],
    ]);
    for (const sandbox of [platforms.vosoSandbox, platforms.postmartSandbox]) {
      const ids = sandbox.state.listings().map((l) => l.id);
      // Nothing deleted, and one new listing: the product no listing was linked to.
      expect(ids.slice(0, before.get(sandbox.platform)!.length)).toEqual(before.get(sandbox.platform));
      expect(
        sandbox.state
          .listings()
          .slice(before.get(sandbox.platform)!.length)
          .map((l) => l.sellerSku),
      ).toEqual(['VL-RUOU']);
      const linkedHere = accepted.filter((m) => m.platform === sandbox.platform);
      for (const match of linkedHere) {
        const listing = sandbox.state.listings().find((l) => String(l.id) === match.listing.remoteId)!;
        expect([listing.sellerSku, listing.title]).toEqual([
          match.productSku,
          catalog.find((p) => p.sku === match.productSku)!.name,
        ]);
      }
    }

    // A buyer takes 2 jars of the hand-made honey listing on Voso: Postmart's linked listing follows.
    const order = platforms.vosoSandbox.buyers.placeOrder({ sku: 'VL-MO', quantity: 2 });
    expect(order.ok).toBe(true);
    const synced = await connector.syncInventory({ catalog });
    expect(synced.ok).toBe(true);
    const ledger = new Map(synced.stock.map((s) => [s.sku, s.available]));
    const honeyStock = catalog.find((p) => p.sku === 'VL-MO')!.stock!;
    expect(ledger.get('VL-MO')).toBe(honeyStock - 2);
    for (const sandbox of [platforms.vosoSandbox, platforms.postmartSandbox]) {
      for (const match of accepted.filter((m) => m.platform === sandbox.platform)) {
        for (const v of match.variants.filter((x) => x.offerSku)) {
          expect([v.offerSku, sandbox.state.stockOf(v.offerSku!)]).toEqual([
            v.offerSku,
            ledger.get(v.offerSku!),
          ]);
        }
      }
    }
  }, 120_000);

  it('refuses a link whose SKUs differ when writing SKUs is off, and leaves rejected listings alone', async () => {
    const report = await connector.matchListings(loadSeedCatalog());
    const handTyped = report.matches.find((m) => m.listing.title === 'Trà rau má Vĩnh Khê')!;
    const distractor = report.matches.find((m) => m.listing.title === 'Gạo ST25 Sóc Trăng')!;
    const result = await connector.linkListings(
      [decisionOf(handTyped), { platform: 'postmart', remoteId: distractor.listing.remoteId, accept: false }],
      { setSellerSku: false },
    );
    expect(result.items.map((i) => i.outcome)).toEqual(['sku-mismatch', 'rejected']);
    expect(result.items[0]!.message).toContain('VL-TRM');
    expect(result.ok).toBe(false);
    expect(await store.listListings('postmart', 'htx-demo')).toEqual([]);
    expect(platforms.postmartSandbox.state.listingBySku('VL-TRM')).toBeUndefined();
    expect(result.unlinkedListings.filter((l) => l.platform === 'postmart')).toHaveLength(22);
  });

  it('refuses to link one product to two listings, and a SKU that is not the product’s', async () => {
    const report = await connector.matchListings(loadSeedCatalog());
    const [first, second] = report.matches.filter((m) => m.platform === 'voso' && m.productSku === 'VL-MO');
    const wrong = { ...decisionOf(report.matches.find((m) => m.listing.title === 'Khoai deo Vĩnh Hoàng')!) };
    wrong.variants = { [Object.keys(wrong.variants!)[0]!]: 'VL-MR' };
    const result = await connector.linkListings([decisionOf(first!), decisionOf(second!), wrong], {
      catalog: loadSeedCatalog(),
    });
    expect(result.items.map((i) => i.outcome)).toEqual(['linked', 'failed', 'failed']);
    expect(result.items[1]!.message).toContain('already linked');
    expect(result.items[2]!.message).toContain('VL-MR is not a SKU of product VL-KD');
    expect((await store.listListings('voso', 'htx-demo')).map((l) => l.sku)).toEqual(['VL-MO']);
  });

  it('pull-catalog never replaces a file already in images/: a photo of the user stays, the download takes the next free name; a second pull reuses its own files', async () => {
    const fs = await import('node:fs');
    const images = join(dir, 'images');
    fs.mkdirSync(images, { recursive: true });
    const mine = join(images, 'tinh-bot-nghe-vinh-linh-nguyen-chat-1.png');
    fs.writeFileSync(mine, 'my own photo');
    const first = await connector.exportCatalog('voso', { dir });
    expect(fs.readFileSync(mine, 'utf8')).toBe('my own photo');
    const raw = fs.readFileSync(first.files.csv, 'utf8');
    expect(raw).toContain(',images/tinh-bot-nghe-vinh-linh-nguyen-chat-1-2.png,');
    expect(fs.statSync(join(images, 'tinh-bot-nghe-vinh-linh-nguyen-chat-1-2.png')).size).toBeGreaterThan(0);
    const before = fs.readdirSync(images).sort();
    const second = await connector.exportCatalog('voso', { dir, baseName: 'lan-hai' });
    expect(fs.readdirSync(images).sort()).toEqual(before);
    expect(fs.readFileSync(second.files.csv, 'utf8')).toContain(
      ',images/tinh-bot-nghe-vinh-linh-nguyen-chat-1-2.png,',
    );
    expect(fs.readFileSync(mine, 'utf8')).toBe('my own photo');
  });

  it('pull-catalog leaves out an image it could not download (404 on the sandbox origin), reports row, column and reason, and validate names the column (#19 re-trial MEDIUM 1)', async () => {
    const voso = platforms.adapters.find((a) => a.platform === 'voso')!;
    const missing = new URL('/media/khong-co-anh-nay.png', platforms.vosoSandbox.baseUrl).href;
    const download = voso.downloadListings!.bind(voso);
    // The shop as the platform serves it, but the first listing's image URL answers 404.
    const listings = async function* (options?: Parameters<typeof download>[0]) {
      let first = true;
      for await (const listing of download(options)) {
        yield first ? { ...listing, imageUrls: [missing] } : listing;
        first = false;
      }
    };
    const broken = new Proxy(voso, {
      get(target, key) {
        if (key === 'downloadListings') return listings;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as MarketplaceAdapter;
    const own = onboardingConnector([broken]);
    try {
      const result = await own.exportCatalog('voso', { dir });
      const raw = (await import('node:fs')).readFileSync(result.files.csv, 'utf8');
      expect(raw).not.toContain(missing);
      expect(raw).not.toContain('127.0.0.1');
      const rows = parse(raw, { columns: true, bom: true }) as Record<string, string>[];
      const sku = rows[0]!['Mã sản phẩm']!;
      expect(rows[0]!['Ảnh']).toBe('');
      expect(result.imagesNotDownloaded).toEqual([{ sku, row: 2, url: missing, reason: 'HTTP 404' }]);
      const images = result.unfilled.find((u) => u.header === 'Ảnh')!;
      expect(images.skus).toEqual([sku]);
      expect(images.reasons).toEqual([{ sku, row: 2, reason: `${missing}: HTTP 404` }]);
      // Once the cooperative fills what no listing says, validate (the same run as list --dry-run) still
      // names "Ảnh" for that row: the image is to be added, not a dead URL that looked filled.
      const headers = Object.keys(rows[0]!);
      const complete = rows.map((r) => ({
        ...r,
        ...COOPERATIVE_FILLS,
        'Khối lượng tịnh': r['Khối lượng tịnh'] || '500 g',
        'Hạn sử dụng (ngày)': r['Hạn sử dụng (ngày)'] || '365',
      }));
      const csv = join(dir, 'da-dien.csv');
      (await import('node:fs')).writeFileSync(
        csv,
        `\ufeff${[headers, ...complete.map((r) => headers.map((h) => (r as Record<string, string>)[h] ?? ''))]
          .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
          .join('\n')}`,
        'utf8',
      );
      const read = await readCatalog(csv);
      expect(read.issues).toEqual([]);
      const check = await own.publish(read.products, { dryRun: true });
      const refused = check.items.filter((i) => i.outcome === 'invalid');
      expect(refused.map((i) => i.sku)).toEqual([sku]);
      expect(refused[0]!.issues!.map((i) => i.path)).toContain('images');
    } finally {
      await own.close();
    }
  });

  it('pull-catalog reports a category the map does not cover with the other unfilled columns, row and config entry (#19 re-trial LOW 2)', async () => {
    const result = await connector.exportCatalog('postmart', { dir });
    expect(result.unmappedCategories.length).toBeGreaterThan(0);
    const category = result.unfilled.find((u) => u.key === 'category')!;
    expect(category.header).toBe('Danh mục');
    const skus = result.unmappedCategories.flatMap((c) => c.skus);
    expect(category.skus.sort()).toEqual([...skus].sort());
    const rows = parse((await import('node:fs')).readFileSync(result.files.csv, 'utf8'), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    for (const r of category.reasons!) {
      const c = result.unmappedCategories.find((u) => u.skus.includes(r.sku))!;
      expect(rows[r.row - 2]!['Mã sản phẩm']).toBe(r.sku);
      expect(rows[r.row - 2]!['Danh mục']).toBe(c.name);
      expect(r.reason).toContain(`"categoryId": "${c.categoryId}"`);
    }
  });

  it('"Dầu mè đen ép lạnh" (oil) is nearest the peanut oil VL-DL, not a bean product: accented words written differently ("dầu" / "đậu") weigh less than the same word (#19 re-trial LOW 3)', async () => {
    const report = await connector.matchListings(loadSeedCatalog());
    const sesame = report.matches.find(
      (m) => m.platform === 'voso' && m.listing.title === 'Dầu mè đen ép lạnh',
    )!;
    expect(sesame.productSku).toBeUndefined();
    expect(sesame.candidate?.productSku).toBe('VL-DL');
  });

  it('pull-catalog: builds a spreadsheet from the shop that validate reads, naming only the columns it could not fill', async () => {
    const result = await connector.exportCatalog('voso', { dir });
    expect([result.products, result.rows]).toEqual([22, 30]);
    const headers = result.unfilled.map((u) => u.header).sort();
    expect(headers).toEqual(
      [
        'Cơ quan cấp',
        'Loại chủ thể',
        'Ngày cấp',
        'Khối lượng tịnh',
        'Phường/Xã',
        'Số chứng nhận OCOP',
        'Tên chủ thể',
        'Tỉnh/Thành phố',
      ].sort(),
    );
    for (const file of [result.files.csv, result.files.xlsx]) {
      const read = await readCatalog(file);
      expect(read.productCount).toBe(22);
      const named = [...new Set(read.issues.map((i) => i.column))].sort();
      expect(named).toEqual(headers);
    }
    const read = await readCatalog(result.files.csv);
    // What the listings do say came through: names, prices, tiers, images, origin.
    const raw = (await import('node:fs')).readFileSync(result.files.csv, 'utf8');
    expect(raw).toContain('Tinh bot nghe Vinh Linh nguyen chat');
    expect(raw).toContain('0,5kg');
    expect(raw).toContain('340.000');
    // Images downloaded beside the file (the sandbox's URLs die with it), categories as the map names them.
    expect(raw).not.toContain('/media/');
    expect(raw).toContain(',images/tinh-bot-nghe-vinh-linh-nguyen-chat-1.png,');
    expect(result.imagesDownloaded).toBe(22);
    expect(result.unmappedCategories).toEqual([]);
    expect(
      (await import('node:fs')).statSync(
        join(dirname(result.files.csv), 'images/tinh-bot-nghe-vinh-linh-nguyen-chat-1.png'),
      ).size,
    ).toBeGreaterThan(0);
    expect(read.rowCount).toBe(30);
    // Net content the listing says in its name or variants is kept (#19 trial: it was dropped): the
    // smallest pack, as the catalog writes it; only listings that say no size leave it to fill.
    const rows = parse(raw, { columns: true, bom: true }) as Record<string, string>[];
    const net = (name: string) => rows.find((r) => r['Tên sản phẩm'] === name)!['Khối lượng tịnh'];
    expect(net('Mật ong rừng Vĩnh Hà - chai 500ml')).toBe('500 ml');
    expect(net('Tinh bot nghe Vinh Linh nguyen chat')).toBe('100 g'); // 100gr / 0,5kg
    expect(net('Thanh long ruột đỏ Vĩnh Linh - thùng 5kg')).toBe('5 kg');
    expect(net('Dầu lạc Bến Quan ép thủ công')).toBe('500 ml'); // 0,5 lít / 1 lít
    expect(net('Khoai deo Vĩnh Hoàng')).toBe('');
    const unfilledNet = result.unfilled.find((u) => u.header === 'Khối lượng tịnh')!.skus;
    // Left to fill: exactly the listings that name no size anywhere (12 of 22 came through).
    expect(unfilledNet.map((sku) => rows.find((r) => r['Mã sản phẩm'] === sku)!['Tên sản phẩm'])).toEqual([
      'Miến ngũ sắc Hồ Xá OCOP 3 sao',
      'Trà rau má Vĩnh Khê túi lọc OCOP',
      'Khoai deo Vĩnh Hoàng',
      'Mat ong rung Vinh Ha nguyen chat',
      'Nước mắm Phú Quốc 40 độ đạm',
      'Mật ong hoa cà phê Đắk Lắk',
      'Khoai lang tím Vĩnh Linh',
      'Hạt điều rang muối Bình Phước',
      'Dầu mè đen ép lạnh',
      'Gạo nếp cái hoa vàng Hải Hậu',
    ]);
    for (const sku of unfilledNet) {
      const row = rows.find((r) => r['Mã sản phẩm'] === sku)!;
      expect([sku, row['Khối lượng tịnh']]).toEqual([sku, '']);
    }
  });
});
