/**
 * #18 trial 6 item 9: `match` of the init template ("Tinh bột nghệ Vĩnh Linh") against the hand-made
 * sandbox shop scored Postmart's "Tinh Bột Nghệ Vàng Vĩnh Linh - Hộp 500g" 45%, below the threshold and
 * level with "Bột đậu xanh…" and "Bột sắn dây…": "vàng" read as another colour although the template's
 * own description says "củ nghệ vàng", and another product of Vĩnh Linh kept the place's weight.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ListingMatch, readCatalog, writeCatalogTemplate } from '../../../src/index.js';
import { DEFAULT_MIN_MATCH_CONFIDENCE } from '../../../src/sync/onboarding/match-listings.js';
import { type Platforms, startPlatforms } from '../helpers.js';
import { onboardingConnector } from '../onboarding-fixture.js';

let platforms: Platforms;
let matches: ListingMatch[];
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-init-match-'));
  const files = await writeCatalogTemplate(dir);
  const catalog = await readCatalog(files.csv);
  expect(catalog.products.map((p) => p.name)).toEqual(['Tinh bột nghệ Vĩnh Linh']);
  platforms = await startPlatforms({ sandbox: { handMadeListings: 'ocop-seeds', rateLimitRps: false } });
  const report = await onboardingConnector(platforms.adapters).matchListings(catalog.products);
  matches = report.matches;
}, 60_000);
afterAll(async () => {
  await platforms?.close();
});

const scoreOf = (platform: string, title: string) => {
  const m = matches.find((x) => x.platform === platform && x.listing.title === title);
  expect(m, `${platform} "${title}"`).toBeDefined();
  return { confidence: m!.confidence, sku: m!.productSku ?? m!.candidate?.productSku, match: m! };
};

describe('match of the init template against the hand-made shop', () => {
  it('the obvious listing wins clearly, above the threshold', () => {
    const turmeric = scoreOf('postmart', 'Tinh Bột Nghệ Vàng Vĩnh Linh - Hộp 500g');
    expect(turmeric.confidence).toBeGreaterThanOrEqual(0.9);
    expect(turmeric.match.productSku).toBe('TBN-VL');
    expect(turmeric.match.reasons.map((r) => r.code)).not.toContain('colour-conflict');
  });

  it('other products of Vĩnh Linh score low, well below the threshold and the real match', () => {
    for (const [platform, title] of [
      ['postmart', 'Bột đậu xanh rang xay Vĩnh Linh'],
      ['postmart', 'Bột sắn dây VĨNH LINH'],
      ['postmart', 'Bột sắn dây Vĩnh Linh nguyên chất'],
      ['voso', 'BỘT ĐẬU XANH VĨNH LINH - đặc sản Quảng Trị'],
      ['voso', 'Bột sắn dây Vĩnh Linh nguyên chất 500g'],
    ] as const) {
      const other = scoreOf(platform, title);
      expect(other.match.productSku, title).toBeUndefined();
      expect(other.confidence, title).toBeLessThanOrEqual(0.4);
      expect(other.confidence, title).toBeLessThan(DEFAULT_MIN_MATCH_CONFIDENCE);
    }
  });
});
