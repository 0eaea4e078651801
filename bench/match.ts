/**
 * Matching quality on a deliberately messy shop: both sandboxes start with the hand-made listings of the
 * seeds catalog (`handMadeListings: 'ocop-seeds'`, 22 per platform: missing and different SKUs, names
 * without accents, "0,5kg" / "500 gram" / "1 lít", "đậu phộng" for "lạc", partial variant sets, one
 * product typed twice, look-alikes not in the catalog). Every listing carries the link a careful person
 * would make (`intended`); a proposal is correct when its product AND its variant mapping equal that.
 *
 *   npm run bench:match
 *
 * Last line: `match listings N precision X recall Y` (precision = correct / proposals made; recall =
 * correct / listings that have a catalog product).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateCatalog } from '../src/model/validation.js';
import { postmart } from '../src/platforms/postmart/index.js';
import type { MarketplaceAdapter, ShopListing } from '../src/platforms/types.js';
import { voso } from '../src/platforms/voso/index.js';
import { ocopSeedsHandMadeListings } from '../src/sandbox/marketplace/hand-made-seeds.js';
import { startPostmartSandbox } from '../src/sandbox/postmart/index.js';
import { startVosoSandbox } from '../src/sandbox/voso/index.js';
import {
  CatalogIndex,
  DEFAULT_MIN_MATCH_CONFIDENCE,
  proposeMatches,
} from '../src/sync/onboarding/match-listings.js';

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

let total = 0;
let proposals = 0;
let correct = 0;
let positives = 0;
const verbose = process.argv.includes('--verbose');
try {
  for (const adapter of adapters) {
    const listings: ShopListing[] = [];
    for await (const listing of adapter.downloadListings!()) listings.push(listing);
    const truth = ocopSeedsHandMadeListings(adapter.platform as 'voso' | 'postmart');
    if (truth.length !== listings.length)
      throw new Error(`${adapter.platform}: listing count differs from the fixture`);
    const matches = proposeMatches(index, listings, { minConfidence: DEFAULT_MIN_MATCH_CONFIDENCE });
    matches.forEach((match, i) => {
      const intended = truth[i]!.intended ?? null;
      total += 1;
      if (intended) positives += 1;
      if (!match.productSku) {
        if (verbose || intended)
          console.log(
            `${intended ? 'MISS' : 'ok  '} ${adapter.platform} "${match.listing.title}" → — (${match.confidence}) ${intended ? `want ${intended.productSku}` : ''}`,
          );
        return;
      }
      proposals += 1;
      const variantsRight =
        intended !== null &&
        match.variants.every((v, k) => (v.offerSku ?? null) === (intended.variantSkus[k] ?? null));
      const right = intended !== null && match.productSku === intended.productSku && variantsRight;
      if (right) correct += 1;
      if (verbose || !right)
        console.log(
          `${right ? 'ok  ' : 'BAD '} ${adapter.platform} "${match.listing.title}" → ${match.productSku} [${match.variants.map((v) => v.offerSku ?? '-').join(', ')}] (${match.confidence} ${match.method}${match.duplicateOf ? ' duplicate' : ''}) ${right ? '' : `want ${intended ? `${intended.productSku} [${intended.variantSkus.join(', ')}]` : 'none'}`}`,
        );
    });
  }
} finally {
  await Promise.all(adapters.map((a) => a.close()));
  await Promise.all(sandboxes.map((s) => s.close()));
}
const precision = proposals === 0 ? 0 : correct / proposals;
const recall = positives === 0 ? 0 : correct / positives;
console.log(`match listings ${total} precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}`);
