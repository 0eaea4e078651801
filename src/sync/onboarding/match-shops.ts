import { ConfigurationError, ValidationError } from '../../core/errors.js';
import { pathProblem } from '../../model/option-problem.js';
import { validateCatalog } from '../../model/validation.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import type { OtherTenantListingsLookup } from '../publish/types.js';
import { CatalogIndex } from './catalog-index.js';
import { downloadOwnShop } from './download.js';
import { markDuplicates, unmatchedProducts } from './match-duplicates.js';
import { DEFAULT_MIN_MATCH_CONFIDENCE, proposeEach } from './match-listings.js';
import { recordProposals } from './proposals.js';
import type { ListingMatch, MatchListingsOptions, MatchListingsResult } from './types.js';

export interface MatchShopsInput extends MatchListingsOptions {
  marketplaces: readonly MarketplaceAdapter[];
  /**
   * Catalog products, validated here before anything is read: one invalid row refuses the call (matching
   * without it would propose its listings as another product's, or as missing from the catalog).
   */
  catalog: Iterable<unknown>;
  /**
   * Where the proposals are recorded: `publish` then holds back (does not create) a product while a
   * listing proposed for it awaits a link decision. Without a store nothing is recorded.
   */
  store?: StateStore;
  signal?: AbortSignal;
  /** Listings other tenants hold on shared accounts: left out (see `PublishOptions.otherTenantListings`). */
  otherTenantListings?: OtherTenantListingsLookup;
}

/**
 * Downloads every listing of each marketplace account (those that can: `capabilities.listingDownload`)
 * and proposes, per listing, the catalog product it is: seller SKU first, then the normalised name
 * (accents folded, "500g" = "0,5 kg", OCOP words ignored), with listing variants mapped to catalog
 * variants, a confidence and the reasons. Links nothing: pass the accepted proposals to `linkListings`.
 * The proposals are recorded in the store (`store`): until each is linked or rejected, `publish` does not
 * create the product it names.
 */
export async function matchShops(input: MatchShopsInput): Promise<MatchListingsResult> {
  const minConfidence = input.minConfidence ?? DEFAULT_MIN_MATCH_CONFIDENCE;
  const problems: string[] = [];
  if (!(minConfidence >= 0 && minConfidence <= 1))
    problems.push(pathProblem('minConfidence', 'phải là một số từ 0 đến 1', 'must be a number from 0 to 1'));
  if (input.autoAcceptAt !== undefined && !(input.autoAcceptAt >= minConfidence && input.autoAcceptAt <= 1))
    problems.push(
      pathProblem(
        'autoAcceptAt',
        'phải là một số từ minConfidence đến 1',
        'must be a number from minConfidence to 1',
      ),
    );
  const targets = input.platforms
    ? input.marketplaces.filter((m) => input.platforms!.includes(m.platform))
    : input.marketplaces;
  for (const name of input.platforms ?? [])
    if (!input.marketplaces.some((m) => m.platform === name))
      problems.push(pathProblem('platforms', `không có sàn "${name}"`, `no marketplace "${name}"`));
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: 'Tùy chọn matchListings không hợp lệ', en: 'Invalid matchListings options' },
      problems,
    );

  // Every row checked before a shop is read: a catalog with a bad row is refused, no request sent.
  const validation = validateCatalog([...input.catalog]);
  if (validation.issues.length > 0) {
    const rows = validation.invalidIndexes.map((i) => `catalog[${i}]`).join(', ');
    throw new ValidationError(
      {
        vi: `matchListings: danh mục có ${validation.invalidIndexes.length} sản phẩm không hợp lệ (${rows}), chưa đọc gì từ các sàn`,
        en: `matchListings: the catalog has ${validation.invalidIndexes.length} invalid product${validation.invalidIndexes.length > 1 ? 's' : ''} (${rows}), nothing was read from the shops`,
      },
      validation.issues.map((issue) => {
        // Each issue names where it is in the argument: catalog[0].sku.
        if (issue.row === undefined) return issue;
        const path = `catalog[${issue.row - 1}]${issue.path ? `.${issue.path}` : ''}`;
        return {
          ...issue,
          path,
          messageVi: `${path}: ${issue.messageVi}`,
          messageEn: `${path}: ${issue.messageEn}`,
        };
      }),
    );
  }
  const index = new CatalogIndex(validation.products);
  const callOptions = input.signal ? { signal: input.signal } : {};
  const shops = await Promise.all(
    targets.map((adapter) => downloadOwnShop(adapter, callOptions, input.otherTenantListings)),
  );
  const matches = shops.flatMap((shop) =>
    proposeEach(index, shop.listings, {
      minConfidence,
      ...(input.autoAcceptAt !== undefined ? { autoAcceptAt: input.autoAcceptAt } : {}),
    }),
  );
  const matched = shops.filter((s) => !s.result.error && !s.result.unsupported).map((s) => s.result);
  if (input.store) {
    await markLinked(index, matches, input.store, matched);
    // Duplicates of this run only, after the links: a listing linked to a product is the one kept, and
    // a listing rejected for a product is no longer anybody's original (#19 trial 5: stale reasons).
    const rejected = new Set<string>();
    for (const { platform, account } of matched)
      for (const record of await input.store.listLinkProposals(platform, account))
        for (const id of record.rejected)
          rejected.add(`${platform}\u0000${account}\u0000${record.sku}\u0000${id}`);
    markDuplicates(matches, (m, sku) =>
      rejected.has(`${m.platform}\u0000${m.account}\u0000${sku}\u0000${m.listing.remoteId}`),
    );
    await recordProposals(
      input.store,
      matches,
      matched,
      validation.products.map((p) => p.sku),
    );
  } else markDuplicates(matches);
  return {
    matches,
    unmatchedProducts: unmatchedProducts(index, matches, matched),
    platforms: shops.map((s) => s.result),
    invalidRows: validation.invalidIndexes.length,
  };
}

/**
 * Listings an earlier `linkListings` linked are shown as such, not as fresh proposals: the link's
 * product and variants, decided (`accept`, a no-op when linked again). Linked to another product than
 * the matcher would propose, only the link speaks (the matcher's reasons are another product's).
 */
async function markLinked(
  index: CatalogIndex,
  matches: ListingMatch[],
  store: StateStore,
  accounts: ReadonlyArray<{ platform: string; account: string }>,
): Promise<void> {
  for (const { platform, account } of accounts) {
    const links = await store.listListings(platform, account);
    if (links.length === 0) continue;
    const byListing = new Map(links.map((l) => [l.remoteListingId, l]));
    for (const match of matches) {
      if (match.platform !== platform || match.account !== account) continue;
      const link = byListing.get(match.listing.remoteId);
      if (!link) continue;
      const offerOf = new Map(Object.entries(link.variantRemoteIds).map(([sku, id]) => [id, sku]));
      // Linked per pack size, the record is keyed by the pack's SKU: shown as its product's link.
      const entry =
        index.entries.find((e) => e.product.sku === link.sku) ??
        index.entries.find((e) => e.offers.some((o) => o.sku === link.sku));
      const productSku = entry?.product.sku ?? link.sku;
      const name = entry?.product.name;
      const sameProduct = match.productSku === productSku;
      match.linkedTo = productSku;
      match.productSku = productSku;
      if (name) match.productName = name;
      else delete match.productName;
      match.confidence = 1;
      match.suggestion = 'accept';
      delete match.duplicateOf;
      delete match.candidate;
      delete match.otherProducts;
      match.variants = match.variants.map(({ offerSku: _offer, candidates: _candidates, ...variant }) => {
        const sku = offerOf.get(variant.remoteId);
        return sku ? { ...variant, offerSku: sku } : variant;
      });
      match.reasons = [
        {
          code: 'linked',
          detail: `với ${link.sku} ở lần link trước`,
          detailEn: `already linked to ${link.sku}`,
        },
        ...(sameProduct
          ? match.reasons.filter(
              (r) =>
                r.code !== 'duplicate' &&
                r.code !== 'no-match' &&
                r.code !== 'below-threshold' &&
                r.code !== 'several-products' &&
                r.code !== 'sku-title-conflict',
            )
          : []),
      ];
    }
  }
}
