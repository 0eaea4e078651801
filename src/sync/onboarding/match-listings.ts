import type { Product } from '../../model/product.js';
import { productOffers } from '../../model/product.js';
import type { ShopListing } from '../../platforms/types.js';
import { searchKey } from '../../vn/text.js';
import {
  analyseText,
  type ListingText,
  parseQuantities,
  type Quantity,
  sameQuantity,
} from './listing-text.js';
import type { ListingMatch, MatchReason, UnmatchedProduct, VariantMatch } from './types.js';

/** @see MatchListingsOptions.minConfidence */
export const DEFAULT_MIN_MATCH_CONFIDENCE = 0.55;

interface OfferEntry {
  sku: string;
  options: Record<string, string>;
  words: Set<string>;
  quantities: Quantity[];
}

interface CatalogEntry {
  product: Product;
  text: ListingText;
  /** Folded words of the option values: explain listing words such as "đen", "sọ". */
  optionWords: Set<string>;
  offers: OfferEntry[];
  skus: Set<string>;
}

/** The catalog, read once: per-product tokens and token weights (rare words weigh more). */
export class CatalogIndex {
  readonly entries: CatalogEntry[];
  readonly #weights = new Map<string, number>();
  readonly #unknownWeight: number;
  readonly #keep: Set<string>;

  constructor(products: readonly Product[]) {
    this.#keep = new Set(products.flatMap((p) => searchKey(p.name).split(' ')));
    this.entries = products.map((product) => {
      const offers = productOffers(product).map((offer) => {
        const optionText = Object.values(offer.options).join(' ');
        const quantities = parseQuantities(optionText);
        if (quantities.length === 0 && product.variants.length === 0 && product.food) {
          const { value, unit } = product.food.netContent;
          quantities.push(...parseQuantities(`${value}${unit === 'piece' ? '' : unit}`));
        }
        return {
          sku: offer.sku,
          options: offer.options,
          words: new Set(analyseText(optionText, this.#keep).tokens),
          quantities,
        };
      });
      return {
        product,
        text: analyseText(product.name, this.#keep),
        optionWords: new Set(offers.flatMap((o) => [...o.words])),
        offers,
        skus: new Set([product.sku, ...offers.map((o) => o.sku)].map(skuKey)),
      };
    });
    const documents = this.entries.length;
    const frequency = new Map<string, number>();
    for (const entry of this.entries)
      for (const token of entry.text.tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
    for (const [token, count] of frequency) this.#weights.set(token, Math.log(1 + documents / count));
    // A word the catalog never uses is as telling as its rarest word: "Bình Thuận", "ST25".
    this.#unknownWeight = Math.log(1 + Math.max(1, documents));
  }

  weight(token: string): number {
    return this.#weights.get(token) ?? this.#unknownWeight;
  }

  analyse(text: string): ListingText {
    return analyseText(text, this.#keep);
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A seller SKU as compared: NFC, trimmed, case-folded ("vl-mo " typed by hand is VL-MO). Reports keep
 * the listing's own spelling; linking writes the catalog's.
 */
export function skuKey(sku: string): string {
  return sku.normalize('NFC').trim().toLowerCase();
}

function listingSkus(listing: ShopListing): string[] {
  return [listing.sku, ...listing.variants.map((v) => v.sku)].filter((s): s is string => !!s?.trim());
}

function variantLabel(listing: ShopListing, options: Record<string, string>): string {
  const values = Object.values(options);
  return values.length > 0 ? values.join(' / ') : listing.title;
}

interface Scored {
  entry: CatalogEntry;
  confidence: number;
  method: 'sku' | 'name';
  reasons: MatchReason[];
}

function scoreByName(index: CatalogIndex, entry: CatalogEntry, listing: ShopListing): Scored {
  const text = index.analyse(listing.title);
  const optionText = listing.variants.map((v) => Object.values(v.options).join(' ')).join(' ');
  // Listing words that name one of the product's options ("Tiêu đen" of "Hồ tiêu") are explained.
  const listingTokens = text.tokens.filter((t) => !entry.optionWords.has(t) || entry.text.tokens.includes(t));
  const productTokens = new Set(entry.text.tokens);
  const common = listingTokens.filter((t) => productTokens.has(t));
  const sum = (tokens: Iterable<string>) => [...tokens].reduce((total, t) => total + index.weight(t), 0);
  const productWeight = sum(productTokens);
  const listingWeight = sum(listingTokens);
  const shared = sum(common);
  const productCoverage = productWeight > 0 ? shared / productWeight : 0;
  const listingCoverage = listingWeight > 0 ? shared / listingWeight : 0;
  let confidence = 0.6 * productCoverage + 0.4 * listingCoverage;
  const reasons: MatchReason[] = [];
  if (common.length > 0) reasons.push({ code: 'name', detail: common.join(' ') });

  const optionColours = new Set(
    entry.offers.flatMap((o) => analyseText(Object.values(o.options).join(' ')).colours),
  );
  const listingColours = text.colours.filter((c) => !optionColours.has(c));
  if (
    entry.text.colours.length > 0 &&
    listingColours.length > 0 &&
    !listingColours.some((c) => entry.text.colours.includes(c))
  ) {
    confidence *= 0.5;
    reasons.push({
      code: 'colour-conflict',
      detail: `${listingColours.join(', ')} ≠ ${entry.text.colours.join(', ')}`,
    });
  }
  const stars = text.ocopStars;
  const catalogStars = entry.product.ocop?.stars;
  if (stars !== undefined && catalogStars !== undefined) {
    if (stars === catalogStars) {
      confidence += 0.03;
      reasons.push({ code: 'ocop', detail: `${stars} sao` });
    } else {
      confidence *= 0.9;
      reasons.push({ code: 'ocop-conflict', detail: `${stars} ≠ ${catalogStars} sao` });
    }
  }
  const quantities = [...text.quantities, ...parseQuantities(optionText)];
  const offerQuantities = entry.offers.flatMap((o) => o.quantities);
  const fitting = quantities.filter((q) => offerQuantities.some((o) => sameQuantity(o, q)));
  if (fitting.length > 0 && fitting.length === quantities.length) {
    confidence += 0.05;
    reasons.push({ code: 'unit', detail: fitting.map((q) => `${q.value}${q.unit}`).join(', ') });
  }
  return { entry, confidence: Math.min(0.99, round2(confidence)), method: 'name', reasons };
}

function bestProduct(index: CatalogIndex, listing: ShopListing): Scored | undefined {
  const skus = listingSkus(listing);
  const bySku = index.entries.find((entry) => skus.some((sku) => entry.skus.has(skuKey(sku))));
  if (bySku) {
    const hits = skus.filter((sku) => bySku.skus.has(skuKey(sku)));
    return {
      entry: bySku,
      confidence: 1,
      method: 'sku',
      reasons: [{ code: 'sku', detail: hits.join(', ') }],
    };
  }
  let best: Scored | undefined;
  for (const entry of index.entries) {
    const scored = scoreByName(index, entry, listing);
    if (!best || scored.confidence > best.confidence) best = scored;
  }
  return best;
}

/**
 * Listing variants → catalog offers: same SKU first, then the pack size (500g = 0,5 kg) and the option
 * words ("Đen" → "Tiêu đen"); each offer is used once, best pairs first.
 */
export function matchVariants(
  index: CatalogIndex,
  entry: CatalogEntry,
  listing: ShopListing,
): VariantMatch[] {
  const pairs: Array<{ v: number; o: number; score: number }> = [];
  listing.variants.forEach((variant, v) => {
    const ownText = Object.values(variant.options).join(' ');
    const text = `${listing.title} ${ownText}`;
    const quantities = parseQuantities(ownText).length > 0 ? parseQuantities(ownText) : parseQuantities(text);
    const words = new Set(index.analyse(text).tokens);
    entry.offers.forEach((offer, o) => {
      let score = 0;
      if (variant.sku && skuKey(variant.sku) === skuKey(offer.sku)) score += 10;
      if (quantities.some((q) => offer.quantities.some((oq) => sameQuantity(q, oq)))) score += 0.6;
      else if (quantities.length > 0 && offer.quantities.length > 0) score -= 0.6;
      const optionWords = [...offer.words];
      if (optionWords.length > 0)
        score += (0.4 * optionWords.filter((w) => words.has(w)).length) / optionWords.length;
      // One offer, one variant: the same thing whatever the label says (a hand-typed size may be wrong).
      if (entry.offers.length === 1 && listing.variants.length === 1) score += 1;
      if (score > 0) pairs.push({ v, o, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.v - b.v || a.o - b.o);
  const byVariant = new Map<number, string>();
  const used = new Set<number>();
  for (const pair of pairs) {
    if (byVariant.has(pair.v) || used.has(pair.o)) continue;
    byVariant.set(pair.v, entry.offers[pair.o]!.sku);
    used.add(pair.o);
  }
  return listing.variants.map((variant, v) => ({
    remoteId: variant.remoteId,
    ...(variant.sku ? { remoteSku: variant.sku } : {}),
    label: variantLabel(listing, variant.options),
    ...(byVariant.has(v) ? { offerSku: byVariant.get(v)! } : {}),
  }));
}

export interface MatchCoreOptions {
  minConfidence: number;
  autoAcceptAt?: number;
}

/**
 * Proposes, for every listing of one account, the catalog product it is (SKU first, then name), with
 * a variant mapping, a confidence and the reasons. Pure: nothing is linked here.
 */
export function proposeMatches(
  index: CatalogIndex,
  listings: readonly ShopListing[],
  options: MatchCoreOptions,
): ListingMatch[] {
  const matches = listings.map((listing): ListingMatch => {
    const best = bestProduct(index, listing);
    const base = { platform: listing.platform, account: listing.account, listing };
    if (!best || best.confidence < options.minConfidence) {
      const near = best ? ` (gần nhất: ${best.entry.product.sku} ${best.confidence})` : '';
      return {
        ...base,
        confidence: best?.confidence ?? 0,
        method: 'none',
        reasons: [{ code: 'no-match', detail: `không có sản phẩm đủ giống${near}` }],
        variants: listing.variants.map((v) => ({
          remoteId: v.remoteId,
          ...(v.sku ? { remoteSku: v.sku } : {}),
          label: variantLabel(listing, v.options),
        })),
        suggestion: 'none',
      };
    }
    return {
      ...base,
      productSku: best.entry.product.sku,
      productName: best.entry.product.name,
      confidence: best.confidence,
      method: best.method,
      reasons: best.reasons,
      variants: matchVariants(index, best.entry, listing),
      suggestion:
        options.autoAcceptAt !== undefined && best.confidence >= options.autoAcceptAt ? 'accept' : 'review',
    };
  });
  markDuplicates(matches);
  return matches;
}

/** Two listings of one account for one product: the weaker is a duplicate (reported, never linked). */
function markDuplicates(matches: ListingMatch[]): void {
  const groups = new Map<string, ListingMatch[]>();
  for (const match of matches) {
    if (!match.productSku) continue;
    const key = `${match.platform}\u0000${match.account}\u0000${match.productSku}`;
    groups.set(key, [...(groups.get(key) ?? []), match]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const mapped = (m: ListingMatch) => m.variants.filter((v) => v.offerSku).length;
    const sorted = [...group].sort(
      (a, b) =>
        b.confidence - a.confidence ||
        mapped(b) - mapped(a) ||
        b.listing.variants.reduce((n, v) => n + v.stock, 0) -
          a.listing.variants.reduce((n, v) => n + v.stock, 0) ||
        a.listing.remoteId.localeCompare(b.listing.remoteId),
    );
    const primary = sorted[0]!;
    for (const other of sorted.slice(1)) {
      other.duplicateOf = primary.listing.remoteId;
      other.suggestion = 'review';
      other.reasons.push({
        code: 'duplicate',
        detail: `cùng sản phẩm với tin ${primary.listing.remoteId} "${primary.listing.title}"`,
      });
    }
  }
}

/** Catalog products no listing of the account was matched to (duplicates do not count twice). */
export function unmatchedProducts(
  index: CatalogIndex,
  matches: readonly ListingMatch[],
  accounts: ReadonlyArray<{ platform: string; account: string }>,
): UnmatchedProduct[] {
  const out: UnmatchedProduct[] = [];
  for (const { platform, account } of accounts) {
    const matched = new Set(
      matches
        .filter((m) => m.platform === platform && m.account === account && m.productSku)
        .map((m) => m.productSku),
    );
    for (const entry of index.entries) {
      if (!matched.has(entry.product.sku))
        out.push({
          platform,
          account,
          sku: entry.product.sku,
          name: entry.product.name,
          active: entry.product.status !== 'inactive',
        });
    }
  }
  return out;
}
