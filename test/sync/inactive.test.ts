import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/index.js';
import type { StateStore } from '../../src/store/state-store.js';
import { publish } from '../../src/sync/index.js';
import {
  CATEGORIES,
  createImagePreparer,
  makeJpeg,
  makeProduct,
  type Platforms,
  startPlatforms,
} from './helpers.js';

let platforms: Platforms;
let store: StateStore;

beforeEach(async () => {
  platforms = await startPlatforms();
  store = createMemoryStore();
});
afterEach(async () => {
  await platforms.close();
});

const writesOf = (p: Platforms) => p.vosoSandbox.stats.writes + p.postmartSandbox.stats.writes;

describe('inactive products', () => {
  it('are never created where they were not listed: nothing is sent', async () => {
    const report = await publish([makeProduct(1, [], { status: 'inactive' })], {
      to: platforms.adapters,
      store,
      categories: CATEGORIES,
    });
    expect(report.items.map((i) => [i.platform, i.action, i.outcome])).toEqual([
      ['voso', 'skip', 'unchanged'],
      ['postmart', 'skip', 'unchanged'],
    ]);
    expect(report.ok).toBe(true);
    expect(writesOf(platforms)).toBe(0);
    expect(platforms.vosoSandbox.state.listings()).toHaveLength(0);
  });

  it('are taken off sale where listed: stock 0 through the bulk stock call, then a rerun sends nothing', async () => {
    const active = makeProduct(2, [await makeJpeg(2)]);
    const images = createImagePreparer();
    const first = await publish([active], { to: platforms.adapters, store, categories: CATEGORIES, images });
    expect(
      first.items.map((i) => i.outcome),
      JSON.stringify(first.items.map((i) => i.error?.message ?? i.issues)),
    ).toEqual(['created', 'created']);
    expect(platforms.vosoSandbox.state.stockOf(active.sku)).toBe(active.stock);

    const before = { ...platforms.vosoSandbox.stats.requests };
    const report = await publish([{ ...active, status: 'inactive' }], {
      to: platforms.adapters,
      store,
      categories: CATEGORIES,
      images,
    });
    expect(report.items.map((i) => [i.platform, i.outcome, i.changes])).toEqual([
      ['voso', 'updated', ['stock']],
      ['postmart', 'updated', ['stock']],
    ]);
    for (const box of [platforms.vosoSandbox, platforms.postmartSandbox]) {
      expect(box.state.stockOf(active.sku)).toBe(0);
      expect(box.state.listings()).toHaveLength(1);
    }
    const after = platforms.vosoSandbox.stats.requests;
    expect((after.updateStock ?? 0) - (before.updateStock ?? 0)).toBe(1);
    expect((after.updateListing ?? 0) - (before.updateListing ?? 0)).toBe(0);

    const writes = writesOf(platforms);
    const rerun = await publish([{ ...active, status: 'inactive' }], {
      to: platforms.adapters,
      store,
      categories: CATEGORIES,
      images,
    });
    expect(rerun.items.every((i) => i.outcome === 'unchanged')).toBe(true);
    expect(writesOf(platforms)).toBe(writes);
  });
});
