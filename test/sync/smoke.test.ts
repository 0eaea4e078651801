import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { publish } from '../../src/sync/index.js';
import {
  CATEGORIES,
  createImagePreparer,
  makeJpeg,
  makeProduct,
  type Platforms,
  startPlatforms,
} from './helpers.js';

describe('smoke', () => {
  let platforms: Platforms;
  beforeAll(async () => {
    platforms = await startPlatforms({ rps: 50 });
  });
  afterAll(async () => {
    await platforms?.close();
  });
  it('publishes', async () => {
    const images = await Promise.all([1, 2].map((s) => makeJpeg(s)));
    const store = createMemoryStore();
    const catalog = [makeProduct(1, images), makeProduct(2, [images[1]!])];
    const report = await publish(catalog, {
      to: platforms.adapters,
      store,
      images: createImagePreparer(),
      categories: CATEGORIES,
    });
    console.log(
      JSON.stringify(
        report.items.map((i) => ({ ...i, error: i.error?.toJSON() })),
        null,
        1,
      ),
    );
    console.log(platforms.vosoSandbox.stats, platforms.postmartSandbox.stats);
    expect(report.ok).toBe(true);
  });
});
