import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import {
  CATEGORIES,
  createImagePreparer,
  loadSeedCatalog,
  type Platforms,
  startPlatforms,
} from './helpers.js';

describe('publish before match on a shop that already sells by hand', () => {
  let platforms: Platforms;
  let store: StateStore;
  let connector: Connector;

  beforeEach(async () => {
    platforms = await startPlatforms({ sandbox: { handMadeListings: 'ocop-seeds', rateLimitRps: false } });
    store = createMemoryStore();
    connector = createConnector({
      marketplaces: platforms.adapters,
      store,
      categories: CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
  });
  afterEach(async () => {
    await connector.close();
    await platforms.close();
  });

  const counts = () => ({
    voso: platforms.vosoSandbox.state.listings().length,
    postmart: platforms.postmartSandbox.state.listings().length,
  });

  it('creates nothing: every create is held (link.not_matched, vi+en, the listing count), dry run says the same', async () => {
    const catalog = loadSeedCatalog();
    const before = counts();
    expect(before.voso).toBeGreaterThan(0);

    const dry = await connector.publish(catalog, { dryRun: true });
    const report = await connector.publish(catalog);
    expect(counts()).toEqual(before);
    expect(report.ok).toBe(false);
    for (const r of [dry, report]) {
      expect(r.items.filter((i) => i.outcome === 'created' || i.outcome === 'planned')).toEqual([]);
      const voso = r.platforms.find((p) => p.platform === 'voso')!;
      expect(voso.held).toBeGreaterThan(0);
    }
    const held = report.items.find((i) => i.platform === 'voso' && i.outcome === 'held')!;
    const issue = held.issues![0]!;
    expect(issue.code).toBe('link.not_matched');
    expect(issue.messageVi).toContain(`đã có ${before.voso} tin đăng: chạy match trước`);
    expect(issue.messageEn).toContain(`already has ${before.voso} listings: run match first`);
  });

  it('after match on one platform only: that platform creates only unmatched products, the other still holds every create', async () => {
    const catalog = loadSeedCatalog();
    const before = counts();
    const matched = await connector.matchListings(catalog, { platforms: ['voso'] });
    const report = await connector.publish(catalog);

    const postmartItems = report.items.filter((i) => i.platform === 'postmart');
    expect(postmartItems.some((i) => i.outcome === 'created')).toBe(false);
    expect(postmartItems.some((i) => i.issues?.[0]?.code === 'link.not_matched')).toBe(true);
    expect(platforms.postmartSandbox.state.listings().length).toBe(before.postmart);

    // Voso: what match proposed is held as pending, never created a second time.
    const proposed = new Set(
      matched.matches.filter((m) => m.platform === 'voso' && m.productSku).map((m) => m.productSku!),
    );
    const created = report.items.filter((i) => i.platform === 'voso' && i.outcome === 'created');
    for (const item of created) expect(proposed.has(item.sku)).toBe(false);
    expect(
      report.items.some((i) => i.platform === 'voso' && i.issues?.[0]?.code === 'link.not_matched'),
    ).toBe(false);
    expect(platforms.vosoSandbox.state.listings().length).toBe(before.voso + created.length);

    // Another process reading the same store sees that match ran for voso.
    const other = createConnector({
      marketplaces: platforms.adapters,
      store,
      categories: CATEGORIES,
      images: createImagePreparer({ concurrency: 2 }),
    });
    const dry = await other.publish(catalog, { dryRun: true, to: ['voso'] });
    expect(dry.items.some((i) => i.issues?.[0]?.code === 'link.not_matched')).toBe(false);
  });

  it('assumeNoExistingListings: the caller opts out explicitly and the products are created', async () => {
    const catalog = loadSeedCatalog();
    const before = counts();
    const report = await connector.publish(catalog, { assumeNoExistingListings: true, to: ['voso'] });
    const created = report.items.filter((i) => i.outcome === 'created');
    expect(created.length).toBeGreaterThan(0);
    expect(platforms.vosoSandbox.state.listings().length).toBe(before.voso + created.length);
  });

  it('a manual link does not switch the guard off for the account: every other create stays held', async () => {
    const catalog = loadSeedCatalog();
    const hand = platforms.vosoSandbox.state.listings().find((l) => l.id === 100009)!;
    expect(hand).toBeDefined();
    const linked = await connector.linkListings(
      [
        {
          platform: 'voso',
          remoteId: '100009',
          accept: true,
          productSku: 'VL-MO',
          variants: { '500016': 'VL-MO' },
        },
      ],
      { catalog },
    );
    expect(linked.items.map((i) => i.outcome)).toEqual(['linked']);
    const before = counts();
    const report = await connector.publish(catalog, { to: ['voso'] });
    expect(platforms.vosoSandbox.state.listings().length).toBe(before.voso);
    expect(report.items.filter((i) => i.outcome === 'created')).toEqual([]);
    const held = report.items.filter((i) => i.outcome === 'held');
    expect(held.length).toBe(
      report.items.filter((i) => i.sku !== 'VL-MO' && i.outcome !== 'unchanged' && i.outcome !== 'invalid')
        .length,
    );
    for (const item of held) expect(item.issues?.[0]?.code).toBe('link.not_matched');
    expect(report.items.find((i) => i.sku === 'VL-MO')!.outcome).not.toBe('held');
  });

  it('match on a subset of the catalog releases only the SKUs it examined', async () => {
    const catalog = loadSeedCatalog();
    const subset = catalog.filter((p) => ['VL-MO', 'VL-TBN', 'VL-DL'].includes(p.sku));
    expect(subset.length).toBe(3);
    await connector.matchListings(subset, { platforms: ['voso'] });
    const before = counts();
    const report = await connector.publish(catalog, { to: ['voso'] });
    const created = report.items.filter((i) => i.outcome === 'created');
    for (const item of created) expect(subset.map((p) => p.sku)).toContain(item.sku);
    expect(platforms.vosoSandbox.state.listings().length).toBe(before.voso + created.length);
    const notMatched = report.items.filter((i) => i.issues?.[0]?.code === 'link.not_matched');
    expect(notMatched.map((i) => i.sku).sort()).toEqual(
      report.items
        .filter(
          (i) => !subset.some((p) => p.sku === i.sku) && i.outcome !== 'unchanged' && i.outcome !== 'invalid',
        )
        .map((i) => i.sku)
        .sort(),
    );
    expect(notMatched.length).toBeGreaterThan(0);

    // Matching the rest later releases them (the examined SKUs of both runs are kept).
    await connector.matchListings(catalog, { platforms: ['voso'] });
    const again = await connector.publish(catalog, { dryRun: true, to: ['voso'] });
    expect(again.items.some((i) => i.issues?.[0]?.code === 'link.not_matched')).toBe(false);
  });

  it('a listing scored below minConfidence still holds its product until a person rejects it (#19 trial 3)', async () => {
    const catalog = loadSeedCatalog();
    // A strict threshold: every name match of the hand-made shop falls below it.
    const report = await connector.matchListings(catalog, { platforms: ['voso'], minConfidence: 0.99 });
    const candidates = report.matches.filter((m) => m.candidate && !m.productSku);
    expect(candidates.length).toBeGreaterThan(5);
    const sku = candidates.find((m) => m.candidate!.method === 'name')!.candidate!.productSku;
    // Not "not on the platform": the product is not reported as what the next publish creates.
    expect(report.unmatchedProducts.map((p) => p.sku)).not.toContain(sku);
    const before = counts();
    const published = await connector.publish(catalog, { to: ['voso'] });
    const item = published.items.find((i) => i.sku === sku)!;
    expect([item.outcome, item.issues?.[0]?.code]).toEqual(['held', 'link.pending']);
    expect(item.issues![0]!.messageVi).toContain('dưới ngưỡng đề xuất');
    expect(item.issues![0]!.messageVi).toContain('"tạo mới" (không phải sản phẩm này)');
    expect(item.issues![0]!.messageEn).toContain('below the proposal threshold');
    expect(platforms.vosoSandbox.state.listingBySku(sku)).toBeUndefined();

    // Only an explicit rejection of every listing held for it lets the create go ahead.
    const mine = candidates.filter((m) => m.candidate!.productSku === sku);
    const rejected = await connector.linkListings(
      mine.map((m) => ({ platform: 'voso', remoteId: m.listing.remoteId, accept: false })),
    );
    expect(rejected.items.map((i) => i.outcome)).toEqual(mine.map(() => 'rejected'));
    const again = await connector.publish(catalog, { to: ['voso'] });
    expect(again.items.find((i) => i.sku === sku)!.outcome).toBe('created');
    expect(platforms.vosoSandbox.state.listingBySku(sku)).toBeDefined();
    expect(platforms.vosoSandbox.state.listings().length).toBeGreaterThan(before.voso);
  });
});
