import type { ShopListing } from '../../platforms/types.js';
import { type CatalogEntry, type CatalogIndex, variantLabel } from './catalog-index.js';
import { markDuplicates } from './match-duplicates.js';
import {
  bestProduct,
  CONFLICT_CODES,
  isCandidate,
  REVIEW_CAP,
  type Scored,
  scoreByName,
} from './name-score.js';
import { REASON_VI } from './reason-labels.js';
import type { ListingMatch, MatchCandidate, MatchReason, OtherProductMatch } from './types.js';
import { matchVariants } from './variant-pairing.js';

/** @see MatchListingsOptions.minConfidence */
export const DEFAULT_MIN_MATCH_CONFIDENCE = 0.55;

/** Where a title joins several products: "A + B", "A & B", "A, B", "A và B", "A kèm B". */
const PRODUCT_SEPARATOR = /\s*(?:\+|&|,|;|\||(?<![\p{L}\d])(?:và|kèm|cùng|with|and)(?![\p{L}\d]))\s*/iu;

/**
 * Catalog products other than `primary` the listing credibly names (#19 trial 5): with a seller SKU of
 * `primary`, the product its title names by itself (`sku-title-conflict`: "Bột sắn dây" carrying
 * VL-TBN); and any listing, the products the parts of a title joined by "+", "&", ",", "và", "kèm"
 * name ("Combo tinh bột nghệ + bột sắn dây"), or whose every own word the title writes
 * (`several-products`). Each must be a proposal by itself (at least `minConfidence`, sharing words of
 * its name other than places), so a listing naming one product with its province names only that one.
 */
function otherNamedProducts(
  index: CatalogIndex,
  listing: ShopListing,
  primary: Scored | undefined,
  minConfidence: number,
): Array<{ scored: Scored; code: OtherProductMatch['code'] }> {
  const found = new Map<CatalogEntry, { scored: Scored; code: OtherProductMatch['code'] }>();
  const credible = (scored: Scored | undefined): scored is Scored =>
    !!scored &&
    scored.entry !== primary?.entry &&
    scored.confidence >= minConfidence &&
    (scored.kin?.length ?? 0) > 0;
  const bestByName = (title: string): Scored | undefined => {
    const part = { ...listing, title, sku: undefined, variants: [] };
    let best: Scored | undefined;
    for (const entry of index.entries) {
      const scored = scoreByName(index, entry, part);
      if (!best || scored.confidence > best.confidence) best = scored;
    }
    return best;
  };
  if (primary?.method === 'sku') {
    const named = bestByName(listing.title);
    if (credible(named)) found.set(named.entry, { scored: named, code: 'sku-title-conflict' });
  }
  const parts = listing.title
    .split(PRODUCT_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length > 1)
    for (const part of parts) {
      const named = bestByName(part);
      if (credible(named) && !found.has(named.entry))
        found.set(named.entry, { scored: named, code: 'several-products' });
    }
  // No separator ("Tinh bột nghệ bột sắn dây"): a product whose every word but its places the title
  // writes, and which is not just the proposed product's words again.
  const words = new Set(index.analyse(listing.title).tokens);
  const primaryWords = new Set(primary?.entry.text.tokens ?? []);
  for (const entry of index.entries) {
    if (entry === primary?.entry || found.has(entry)) continue;
    const placeWords = new Set(entry.places.inName.flatMap((p) => p.key.split(' ')));
    const own = entry.text.tokens.filter((t) => !placeWords.has(t));
    if (own.length < 2 || !own.every((t) => words.has(t)) || own.every((t) => primaryWords.has(t))) continue;
    const named = scoreByName(index, entry, { ...listing, sku: undefined, variants: [] });
    found.set(entry, { scored: named, code: 'several-products' });
  }
  return [...found.values()];
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
  const matches = proposeEach(index, listings, options);
  markDuplicates(matches);
  return matches;
}

/** `proposeMatches` without the duplicates: each listing on its own. */
export function proposeEach(
  index: CatalogIndex,
  listings: readonly ShopListing[],
  options: MatchCoreOptions,
): ListingMatch[] {
  return listings.map((listing): ListingMatch => {
    const best = bestProduct(index, listing);
    const base = { platform: listing.platform, account: listing.account, listing };
    const variants = best ? matchVariants(index, best.entry, listing) : [];
    let confidence = best?.confidence ?? 0;
    const reasons = [...(best?.reasons ?? [])];
    const others = otherNamedProducts(index, listing, best, options.minConfidence);
    const otherProducts: OtherProductMatch[] = others.map(({ scored, code }) => ({
      productSku: scored.entry.product.sku,
      productName: scored.entry.product.name,
      confidence: scored.confidence,
      code,
    }));
    if (others.length > 0) confidence = Math.min(confidence, REVIEW_CAP);
    const skuTitle = others.filter((o) => o.code === 'sku-title-conflict').map((o) => o.scored.entry.product);
    if (skuTitle.length > 0 && best)
      reasons.push({
        code: 'sku-title-conflict',
        detail: `SKU là của ${best.entry.product.sku} nhưng tên tin đăng là ${skuTitle.map((p) => `${p.sku} "${p.name}"`).join(', ')}: chưa tạo mới ${[best.entry.product.sku, ...skuTitle.map((p) => p.sku)].join(', ')} — ghi mã sản phẩm đúng rồi "đồng ý", hoặc "tạo mới" nếu không phải sản phẩm nào`,
        detailEn: `the seller SKU is ${best.entry.product.sku}'s but the title names ${skuTitle.map((p) => `${p.sku} "${p.name}"`).join(', ')}: none of them is created until you link the listing to the right one or answer "tạo mới" (none of them)`,
      });
    const several = others.filter((o) => o.code === 'several-products').map((o) => o.scored.entry.product);
    if (several.length > 0) {
      const all = [...(best && isCandidate(best) ? [best.entry.product] : []), ...several];
      reasons.push({
        code: 'several-products',
        detail: `${all.map((p) => `${p.sku} "${p.name}"`).join(', ')} — chưa tạo mới sản phẩm nào trong số này: liên kết với một sản phẩm (các sản phẩm kia sẽ được tạo mới), hoặc "tạo mới" nếu tin không phải sản phẩm nào`,
        detailEn: `${all.map((p) => `${p.sku} "${p.name}"`).join(', ')}; none of them is created until you link it to one (the others are then created) or answer "tạo mới" (none of them)`,
      });
    }
    const withOthers = otherProducts.length > 0 ? { otherProducts } : {};
    for (const variant of variants) {
      if (!variant.candidates) continue;
      confidence = Math.min(confidence, REVIEW_CAP);
      reasons.push({
        code: 'variant-tie',
        detail: `"${variant.label}" hợp ngang nhau với ${variant.candidates.join(' và ')}: chưa ghép, hãy chọn một`,
        detailEn: `"${variant.label}" fits ${variant.candidates.join(' and ')} equally: not paired, choose one`,
      });
    }
    // The product as proposed (or, below the threshold, as the candidate): confidence and reasons as they end.
    const proposalOf = (scored: Scored): MatchCandidate => ({
      productSku: scored.entry.product.sku,
      productName: scored.entry.product.name,
      confidence,
      method: scored.method,
      reasons,
      variants,
    });
    if (!best || confidence < options.minConfidence) {
      const unpaired = listing.variants.map((v) => ({
        remoteId: v.remoteId,
        ...(v.sku ? { remoteSku: v.sku } : {}),
        label: variantLabel(listing, v.options),
      }));
      // Vietnamese first (the "Lý do" column), the English gloss last.
      const heldToo = reasons.filter((r) => r.code === 'several-products' || r.code === 'sku-title-conflict');
      const why = reasons
        .filter((r) => r.code !== 'name' && r.code !== 'unit' && r.code !== 'ocop' && !heldToo.includes(r))
        .map((r) => `${REASON_VI[r.code]}: ${r.detail}`)
        .join('; ');
      const whyEn = reasons
        .filter((r) => CONFLICT_CODES.has(r.code) && !heldToo.includes(r))
        .map((r) => `${r.code}: ${r.detailEn ?? r.detail}`)
        .join('; ');
      const sku = best?.entry.product.sku;
      const pct = `${Math.round(confidence * 100)}%`;
      const threshold = `${Math.round(options.minConfidence * 100)}%`;
      // Not proposed: one reason first, the held products after, no variant paired.
      const notProposed = (reason: MatchReason, candidate?: MatchCandidate): ListingMatch => ({
        ...base,
        confidence,
        method: 'none',
        reasons: [reason, ...heldToo],
        variants: unpaired,
        ...withOthers,
        ...(candidate ? { candidate } : {}),
        suggestion: 'none',
      });
      if (best && isCandidate(best)) {
        // Below the threshold is not "not on the platform": the listing shares the product's SKU or
        // name words, so it may be that product typed by hand. Shown for review and holding the
        // product back from publish until a person links or rejects it (#19 trial 3).
        return notProposed(
          {
            code: 'below-threshold',
            detail: `gần nhất: ${sku} (${pct}, dưới ngưỡng ${threshold})${why ? `; ${why}` : ''} — chưa tạo mới ${sku}: ghi "đồng ý" nếu đúng là sản phẩm này, "tạo mới" nếu không phải`,
            detailEn: `nearest ${sku} (${pct}, below the ${threshold} threshold)${whyEn ? `; ${whyEn}` : ''}: ${sku} is not created until you write "đồng ý" (link) or "tạo mới" (not this product)`,
          },
          proposalOf(best),
        );
      }
      const near = best ? ` — gần nhất: ${sku} (${pct})${why ? `; ${why}` : ''}` : '';
      return notProposed({
        code: 'no-match',
        detail: `không có sản phẩm đủ giống${near}`,
        detailEn: `no catalog product close enough${best ? ` (nearest ${sku}, ${pct})` : ''}`,
      });
    }
    // A conflict (another name, place, colour, pack, a combo, a tie) always waits for a person.
    const certain = !reasons.some((r) => CONFLICT_CODES.has(r.code));
    return {
      ...base,
      ...proposalOf(best),
      ...withOthers,
      suggestion:
        certain && options.autoAcceptAt !== undefined && confidence >= options.autoAcceptAt
          ? 'accept'
          : 'review',
    };
  });
}
