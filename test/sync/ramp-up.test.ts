import { afterEach, describe, expect, it } from 'vitest';
import { createImagePreparer } from '../../src/images/index.js';
import type { RemoteListing } from '../../src/platforms/types.js';
import { voso } from '../../src/platforms/voso/voso.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { type PublishImagePreparer, publish } from '../../src/sync/index.js';
import { CATEGORIES, makeJpeg, makeProduct } from './helpers.js';

/**
 * What a publish does before its first upload (#17: the scale bench's first 5 s ran at 16–17 of 20
 * requests per second, steady state 18): nothing that could run alongside the first requests may wait
 * for them.
 */
describe('publish ramp-up: the first requests are not waited for one after the other', () => {
  let box: MarketplaceSandbox | undefined;
  afterEach(async () => {
    await box?.close();
    box = undefined;
  });

  it("reads the category's attributes while the shop's listings are being read, and readies the image library first", async () => {
    // 150 ms per request: one after the other, the category read could only start once the shop's
    // listing had answered.
    box = await startVosoSandbox({ rateLimitRps: false, faults: { latencyMs: 150 } });
    const adapter = voso({
      baseUrl: box.baseUrl,
      credentials: { username: box.credentials.username, password: box.credentials.password },
    });
    const events: string[] = [];
    const listListings = adapter.listListings.bind(adapter);
    adapter.listListings = async function* (options) {
      events.push('listings:start');
      const listings: RemoteListing[] = [];
      for await (const listing of listListings(options)) listings.push(listing);
      events.push('listings:end');
      yield* listings;
    };
    const getCategoryAttributes = adapter.getCategoryAttributes.bind(adapter);
    adapter.getCategoryAttributes = async (categoryId, options) => {
      events.push('category:start');
      return getCategoryAttributes(categoryId, options);
    };
    const real = createImagePreparer();
    const images: PublishImagePreparer = {
      prepare: (source, spec, options) => {
        events.push('prepare');
        return real.prepare(source, spec, options);
      },
      warmUp: () => {
        events.push('warmUp');
        return real.warmUp();
      },
    };
    try {
      const report = await publish([makeProduct(1, [await makeJpeg(1, 500)])], {
        to: [adapter],
        store: createMemoryStore(),
        images,
        categories: CATEGORIES,
      });
      expect(report.items.map((i) => i.outcome)).toEqual(['created']);
      expect(box.state.listings()).toHaveLength(1);
      // Before: listings:start, listings:end, category:start, prepare (and no warm-up).
      expect(events.indexOf('warmUp')).toBe(0);
      expect(events.indexOf('category:start')).toBeLessThan(events.indexOf('listings:end'));
      expect(events.indexOf('prepare')).toBeGreaterThan(events.indexOf('listings:end'));
    } finally {
      await adapter.close();
    }
  });
});
