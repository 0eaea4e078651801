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
});
