/**
 * Matching quality, on two sets.
 *
 * 1. `seeds`: both sandboxes start with the hand-made listings of the
 * seeds catalog (`handMadeListings: 'ocop-seeds'`, 22 per platform: missing and different SKUs, names
 * without accents, "0,5kg" / "500 gram" / "1 lít", "đậu phộng" for "lạc", partial variant sets, one
 * product typed twice, look-alikes not in the catalog). Every listing carries the link a careful person
 * would make (`intended`); a proposal is correct when its product AND its variant mapping equal that.
 *    This set was written together with the matcher.
 * 2. `hand-typed` (bench/match-data/hand-typed.json): 68 listings written apart from the matcher —
 *    abbreviations, missing accents, typos, units written every way, marketing words, wrong-case SKUs,
 *    pack sizes the catalog lacks, multi-packs, and 20 look-alikes that must not be linked. Matched
 *    directly (no download); the same scoring.
 *
 *   npm run bench:match            (--verbose: every listing, not only the wrong ones)
 *
 * One line per set, then last the whole: `match listings N precision X recall Y` (precision = correct /
 * proposals made; recall = correct / listings that have a catalog product).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateCatalog } from '../src/model/validation.js';
import { postmart } from '../src/platforms/postmart/index.js';
import type { MarketplaceAdapter, ShopListing } from '../src/platforms/types.js';
import { voso } from '../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../src/sandbox/index.js';
import { ocopSeedsHandMadeListings } from '../src/sandbox/marketplace/hand-made-seeds.js';
import { CatalogIndex } from '../src/sync/onboarding/catalog-index.js';
import { DEFAULT_MIN_MATCH_CONFIDENCE, proposeMatches } from '../src/sync/onboarding/match-listings.js';

const seeds = fileURLToPath(new URL('../seeds/catalog.json', import.meta.url));
const catalog = validateCatalog(JSON.parse(readFileSync(seeds, 'utf8')) as unknown[]);
if (catalog.issues.length > 0) throw new Error('seeds/catalog.json does not validate');
const index = new CatalogIndex(catalog.products);

const sandboxes = await Promise.all([
  startVosoSandbox({ handMadeListings: 'ocop-seeds', rateLimitRps: false }),
  startPostmartSandbox({ handMadeListings: 'ocop-seeds', rateLimitRps: false }),
]);
const adapters: MarketplaceAdapter[] = sandboxes.map((sandbox) =>
  (sandbox.platform === 'voso' ? voso : postmart)({
    baseUrl: sandbox.baseUrl,
    credentials: sandbox.credentials,
  }),
);

interface Intended {
  productSku: string;
  variantSkus: Array<string | null>;
}
interface Tally {
  total: number;
  proposals: number;
  correct: number;
  positives: number;
}
const tally = (): Tally => ({ total: 0, proposals: 0, correct: 0, positives: 0 });
const verbose = process.argv.includes('--verbose');

function score(
  sets: Tally[],
  listings: ShopListing[],
  truth: Array<Intended | null>,
  platform: string,
): void {
  const matches = proposeMatches(index, listings, { minConfidence: DEFAULT_MIN_MATCH_CONFIDENCE });
  matches.forEach((match, i) => {
    const intended = truth[i] ?? null;
    const add = (f: (t: Tally) => void) => {
      for (const t of sets) f(t);
    };
    add((t) => {
      t.total += 1;
    });
    if (intended)
      add((t) => {
        t.positives += 1;
      });
    if (!match.productSku) {
      if (verbose || intended)
        console.log(
          `${intended ? 'MISS' : 'ok  '} ${platform} "${match.listing.title}" → — (${match.confidence}) ${intended ? `want ${intended.productSku}` : ''}`,
        );
      return;
    }
    add((t) => {
      t.proposals += 1;
    });
    const variantsRight =
      intended !== null &&
      match.variants.every((v, k) => (v.offerSku ?? null) === (intended.variantSkus[k] ?? null));
    const right = intended !== null && match.productSku === intended.productSku && variantsRight;
    if (right)
      add((t) => {
        t.correct += 1;
      });
    if (verbose || !right)
      console.log(
        `${right ? 'ok  ' : 'BAD '} ${platform} "${match.listing.title}" → ${match.productSku} [${match.variants.map((v) => v.offerSku ?? '-').join(', ')}] (${match.confidence} ${match.method}${match.duplicateOf ? ' duplicate' : ''}; ${match.reasons.map((r) => `${r.code}: ${r.detail}`).join('; ')}) ${right ? '' : `want ${intended ? `${intended.productSku} [${intended.variantSkus.join(', ')}]` : 'none'}`}`,
      );
  });
}

function line(name: string, t: Tally): string {
  const precision = t.proposals === 0 ? 0 : t.correct / t.proposals;
  const recall = t.positives === 0 ? 0 : t.correct / t.positives;
  return `${name}listings ${t.total} precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}`;
}

const all = tally();
const seedSet = tally();
const handSet = tally();
try {
  for (const adapter of adapters) {
    const listings: ShopListing[] = [];
    for await (const listing of adapter.downloadListings!()) listings.push(listing);
    const truth = ocopSeedsHandMadeListings(adapter.platform as 'voso' | 'postmart');
    if (truth.length !== listings.length)
      throw new Error(`${adapter.platform}: listing count differs from the fixture`);
    score(
      [all, seedSet],
      listings,
      truth.map((t) => t.intended ?? null),
      adapter.platform,
    );
  }
} finally {
  await Promise.all(adapters.map((a) => a.close()));
  await Promise.all(sandboxes.map((s) => s.close()));
}

interface HandTyped {
  title: string;
  sku?: string;
  tiers?: string[];
  variants?: Array<{ options: string[]; sku?: string }>;
  intended: Intended | null;
}
const handTyped = (
  JSON.parse(
    readFileSync(fileURLToPath(new URL('./match-data/hand-typed.json', import.meta.url)), 'utf8'),
  ) as { listings: HandTyped[] }
).listings;
const shopListings = handTyped.map((h, i): ShopListing => {
  const tiers = h.tiers ?? [];
  const variants = h.variants ?? [{ options: [] }];
  return {
    platform: 'hand-typed',
    // One shop per listing: several listings of one product are not duplicates of each other here.
    account: `shop-${i}`,
    remoteId: String(9000 + i),
    ...(h.sku !== undefined ? { sku: h.sku } : {}),
    title: h.title,
    description: '',
    attributes: {},
    facts: {},
    imageIds: [],
    imageUrls: [],
    tiers,
    variants: variants.map((v, k) => ({
      remoteId: `${9000 + i}-${k}`,
      ...(v.sku !== undefined ? { sku: v.sku } : {}),
      options: Object.fromEntries(v.options.map((o, t) => [tiers[t] ?? `tier${t}`, o])),
      priceVnd: 100_000,
      stock: 10,
    })),
    review: 'APPROVED',
  };
});
score(
  [all, handSet],
  shopListings,
  handTyped.map((h) => h.intended),
  'hand-typed',
);

console.log(line('match seeds ', seedSet));
console.log(line('match hand-typed ', handSet));
console.log(line('match ', all));
