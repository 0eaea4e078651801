import type { ShopListing } from '../../platforms/types.js';
import { type CatalogEntry, type CatalogIndex, skuKey, variantLabel } from './catalog-index.js';
import { multiPack, parseQuantities, type Quantity, sameQuantity } from './listing-text.js';
import type { VariantMatch } from './types.js';

export function quantityText(q: Quantity): string {
  if (q.unit === 'g' && q.value >= 1000) return `${q.value / 1000}kg`;
  if (q.unit === 'ml' && q.value >= 1000) return `${q.value / 1000}l`;
  return `${q.value}${q.unit}`;
}

/**
 * Listing variants whose seller SKU is a catalog offer of another pack size than the variant (or, without
 * options, the listing title) names: "Bột đậu xanh 1kg" carrying VL-BDX-500.
 */
export function skuSizeConflicts(
  entry: CatalogEntry,
  listing: ShopListing,
): Array<{ label: string; sku: string; own: string; theirs: string }> {
  const out: Array<{ label: string; sku: string; own: string; theirs: string }> = [];
  listing.variants.forEach((variant) => {
    // A single variant without its own SKU goes by the listing's (a product without variants).
    const sku = variant.sku?.trim() ? variant.sku : listing.variants.length === 1 ? listing.sku : undefined;
    if (!sku) return;
    const offer = entry.offers.find((o) => skuKey(o.sku) === skuKey(sku));
    if (!offer) return;
    const own = variantQuantities(listing, variant);
    if (own.length === 0 || offer.quantities.length === 0) return;
    if (own.some((q) => offer.quantities.some((o) => sameQuantity(o, q)))) return;
    out.push({
      label: variantLabel(listing, variant.options),
      sku,
      own: own.map(quantityText).join(', '),
      theirs: offer.quantities.map(quantityText).join(', '),
    });
  });
  return out;
}

/** The pack sizes a listing variant names: its own option values, else the listing title's. */
export function variantQuantities(
  listing: Pick<ShopListing, 'title'>,
  variant: { options: Record<string, string> },
): Quantity[] {
  const own = parseQuantities(Object.values(variant.options).join(' '));
  return own.length > 0 ? own : parseQuantities(listing.title);
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
    const quantities = variantQuantities(listing, variant);
    const words = new Set(index.analyse(text).tokens);
    // Several packs sold as one are no single catalog pack, whatever size they name.
    const packs = multiPack(text);
    entry.offers.forEach((offer, o) => {
      let score = 0;
      const sizeFits = quantities.some((q) => offer.quantities.some((oq) => sameQuantity(q, oq)));
      // A SKU the variant's own pack size contradicts (tiers swapped) pairs nothing: buyers order the
      // pack the listing shows, so the size decides (and the proposal waits for a person: sku-conflict).
      const sameSku =
        !!variant.sku &&
        skuKey(variant.sku) === skuKey(offer.sku) &&
        (sizeFits || quantities.length === 0 || offer.quantities.length === 0);
      if (sameSku) score += 10;
      else if (packs) return;
      if (sizeFits) score += 0.6;
      // A pack size that differs is another pack (250 g is not the 500 g offer), never paired by name.
      else if (quantities.length > 0 && offer.quantities.length > 0 && !sameSku) return;
      const optionWords = [...offer.words];
      if (optionWords.length > 0)
        score += (0.4 * optionWords.filter((w) => words.has(w)).length) / optionWords.length;
      // One offer, one variant, no size said against it: the same thing.
      if (entry.offers.length === 1 && listing.variants.length === 1) score += 1;
      if (score > 0) pairs.push({ v, o, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.v - b.v || a.o - b.o);
  const byVariant = new Map<number, string>();
  // A variant two free offers fit equally ("Hạt tiêu 500g": "Tiêu đen 500 g" or "Tiêu sọ 500 g"?) is
  // paired with neither: the order of the catalog would decide, and stock of one would sell as the other.
  const tied = new Map<number, string[]>();
  const used = new Set<number>();
  for (const pair of pairs) {
    if (byVariant.has(pair.v) || tied.has(pair.v) || used.has(pair.o)) continue;
    const equal = pairs.filter(
      (p) => p.v === pair.v && p.o !== pair.o && !used.has(p.o) && Math.abs(p.score - pair.score) < 1e-9,
    );
    if (equal.length > 0) {
      tied.set(
        pair.v,
        [pair, ...equal].map((p) => entry.offers[p.o]!.sku),
      );
      continue;
    }
    byVariant.set(pair.v, entry.offers[pair.o]!.sku);
    used.add(pair.o);
  }
  return listing.variants.map((variant, v) => ({
    remoteId: variant.remoteId,
    ...(variant.sku ? { remoteSku: variant.sku } : {}),
    label: variantLabel(listing, variant.options),
    ...(byVariant.has(v) ? { offerSku: byVariant.get(v)! } : {}),
    ...(tied.has(v) ? { candidates: tied.get(v)! } : {}),
  }));
}
