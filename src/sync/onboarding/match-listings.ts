import type { Product } from '../../model/product.js';
import { productOffers } from '../../model/product.js';
import type { ShopListing } from '../../platforms/types.js';
import { searchKey } from '../../vn/text.js';
import {
  analyseText,
  type ListingText,
  multiPack,
  parseQuantities,
  type Quantity,
  sameQuantity,
} from './listing-text.js';
import { PlaceDictionary, type ProductPlaces } from './places.js';
import { REASON_VI } from './reason-labels.js';
import type {
  ListingMatch,
  MatchReason,
  OtherProductMatch,
  UnmatchedProduct,
  VariantMatch,
} from './types.js';

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
  /** Folded words of where and by whom it is made: explain a listing's "Quảng Trị", never count for it. */
  contextWords: Set<string>;
  /** Colour words of that context ("nghệ vàng" in the ingredients). */
  contextColours: string[];
  /** Places its name carries and where it is made. */
  places: ProductPlaces;
}

/** The catalog, read once: per-product tokens and token weights (rare words weigh more). */
export class CatalogIndex {
  readonly entries: CatalogEntry[];
  readonly #weights = new Map<string, number>();
  readonly #unknownWeight: number;
  readonly #keep: Set<string>;
  readonly places: PlaceDictionary;

  constructor(products: readonly Product[]) {
    this.#keep = new Set(products.flatMap((p) => searchKey(p.name).split(' ')));
    this.places = new PlaceDictionary(products);
    this.entries = products.map((product) => {
      const offers = productOffers(product).map((offer) => {
        const optionText = Object.values(offer.options).join(' ');
        const quantities = offerPackSizes(product, offer.options);
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
        ...productContext(product),
        places: this.places.productPlaces(product),
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

  /** True for a word some catalog product's name uses. */
  knows(token: string): boolean {
    return this.#weights.has(token);
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
 * The pack size of one catalog offer: from its option values ("Hũ 100 g"), or for a product without
 * variants its net content. Empty when neither says.
 */
export function offerPackSizes(product: Product, options: Record<string, string>): Quantity[] {
  const quantities = parseQuantities(Object.values(options).join(' '));
  if (quantities.length === 0 && product.variants.length === 0 && product.food) {
    const { value, unit } = product.food.netContent;
    quantities.push(...parseQuantities(`${value}${unit === 'piece' ? '' : unit}`));
  }
  return quantities;
}

function productContext(product: Product): { contextWords: Set<string>; contextColours: string[] } {
  const address = product.producer.address;
  // Where and by whom: a listing naming the province or the commune says nothing against the product.
  const place = [product.origin, address.ward, address.district, address.province, product.producer.name]
    .concat(product.brand ?? [])
    .join(' ');
  // The ingredients only vouch for a colour ("100% tinh bột nghệ vàng"), not for other words.
  const colours = analyseText(`${place} ${product.food?.ingredients ?? ''}`).colours;
  return { contextWords: new Set(searchKey(place).split(' ').filter(Boolean)), contextColours: colours };
}

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
  /**
   * Words of the product's name the listing writes as such, other than the places in it: "mật ong",
   * "thanh long ruột" — not "Vĩnh Linh" alone, not a near-spelling ("lang ≈ long").
   */
  kin?: string[];
}

/**
 * Reasons that say the listing may be another product or another pack: a match carrying one is never
 * auto-accepted, whatever `autoAcceptAt` says, and a seller-SKU match carrying one is capped at
 * `REVIEW_CAP`.
 */
export const CONFLICT_CODES: ReadonlySet<MatchReason['code']> = new Set<MatchReason['code']>([
  'sku-conflict',
  'word-conflict',
  'place-conflict',
  'colour-conflict',
  'pack-conflict',
  'multi-pack',
  'variant-tie',
  'sku-title-conflict',
  'several-products',
]);

/** A different product: below the default `minConfidence`, so not proposed (the reason still says why). */
export const CONFLICT_CAP = 0.45;
/** Perhaps the product but not this pack or colour: proposed for a person, never near an accept threshold. */
export const REVIEW_CAP = 0.6;

/**
 * Spelled one keystroke apart (a letter changed, added, dropped or two swapped): "ngệ" for "nghệ",
 * "xamh" for "xanh". Folded Vietnamese words are short and many real words are one letter apart
 * ("tôm" / "cơm"), so a changed letter counts only in words of 4 letters or more, and two-letter words
 * only as a dropped last letter ("cử" for "cửa").
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  if (short.length < 3 && !(short.length === 2 && long.startsWith(short) && long.length === 3)) return false;
  if (short.length === long.length) {
    if (short.length < 4) return false;
    const diff = [...short].map((c, i) => (c === long[i] ? -1 : i)).filter((i) => i >= 0);
    if (diff.length === 1) return true;
    return (
      diff.length === 2 &&
      diff[1] === diff[0]! + 1 &&
      short[diff[0]!] === long[diff[1]!] &&
      short[diff[1]!] === long[diff[0]!]
    );
  }
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

interface NameComparison {
  /** Product words the listing has (directly, abbreviated or misspelt). */
  present: Set<string>;
  /** Listing words the product neither has nor explains. */
  extra: string[];
  /** Product words the listing lacks. */
  missing: string[];
  /** "vl = vinh linh", "nge ≈ nghe". */
  explained: string[];
}

/**
 * Listing words against the product's: the same word, an abbreviation of a run of product words
 * ("VL" = Vĩnh Linh), a word one keystroke away ("ngệ" = nghệ), an option value ("Tiêu đen"), or a word
 * of where and by whom it is made (origin, producer's address and name, brand, ingredients) — the last
 * two explain a listing word without counting as evidence.
 */
function compareNames(
  entry: CatalogEntry,
  listingTokens: readonly string[],
  known: (word: string) => boolean,
): NameComparison {
  const product = entry.text.tokens;
  const productSet = new Set(product);
  const present = new Set(listingTokens.filter((t) => productSet.has(t)));
  let extra = listingTokens.filter(
    (t) => !productSet.has(t) && !entry.optionWords.has(t) && !entry.contextWords.has(t),
  );
  const explained: string[] = [];
  for (const word of [...extra]) {
    if (word.length < 2 || word.length > 4 || !/^[a-z]+$/.test(word)) continue;
    for (let i = 0; i + word.length <= product.length; i++) {
      const run = product.slice(i, i + word.length);
      if (run.some((r) => present.has(r)) || run.map((r) => r[0]).join('') !== word) continue;
      for (const r of run) present.add(r);
      extra = extra.filter((x) => x !== word);
      explained.push(`${word} = ${run.join(' ')}`);
      break;
    }
  }
  for (const word of [...extra]) {
    // A word the catalog itself uses is that word, not a typo of another ("ruốc" is not "nước").
    if (known(word)) continue;
    const near = product.find((p) => !present.has(p) && oneEditApart(word, p));
    if (!near) continue;
    present.add(near);
    extra = extra.filter((x) => x !== word);
    explained.push(`${word} ≈ ${near}`);
  }
  return { present, extra, missing: product.filter((t) => !present.has(t)), explained };
}

/**
 * Another place where the product's name has its own (or, for a name without one, a place that is not
 * where it is made): "Tinh bột nghệ Quảng Bình" is not "Tinh bột nghệ Vĩnh Linh" — a different
 * product, not proposed. A place of the producer's own address instead of the name's ("Gạo sạch Vĩnh
 * Linh" for "Gạo sạch Vĩnh Long", whose commune lies in Vĩnh Linh) may be the same product: proposed
 * for a person, never near an accept threshold. Words of the place count whole: "Quảng" of "Quảng
 * Bình" is not explained by the producer's "Quảng Trị".
 */
function placeConflict(
  index: CatalogIndex,
  entry: CatalogEntry,
  title: string,
  present: ReadonlySet<string>,
): { cap: number; detail: string; detailEn?: string } | undefined {
  const { inName, chain } = entry.places;
  // The listing names the product's own place (spelled out, abbreviated "VL" or misspelt).
  if (inName.some((p) => p.key.split(' ').every((w) => present.has(w)))) return undefined;
  const nameWords = new Set(entry.text.tokens);
  const others = index.places
    .find(title)
    .filter((p) => !inName.some((n) => n.key === p.key) && !p.key.split(' ').every((w) => nameWords.has(w)));
  if (others.length === 0) return undefined;
  const foreign = others.filter((p) => !chain.has(p.key));
  const made = [...chain.values()]
    .sort((a, b) => b.level - a.level)
    .map((c) => c.name)
    .filter((name, i, all) => all.indexOf(name) === i)
    .join(', ');
  const own = inName.map((p) => p.name).join(', ');
  if (foreign.length > 0)
    return {
      cap: CONFLICT_CAP,
      detail: own
        ? `${foreign.map((p) => p.name).join(', ')} ≠ ${own}`
        : `${foreign.map((p) => p.name).join(', ')} ≠ ${made} (nơi sản xuất / where it is made)`,
    };
  if (!own) return undefined;
  return {
    cap: REVIEW_CAP,
    detail: `${others.map((p) => p.name).join(', ')} ≠ ${own} (tên sản phẩm ghi ${own}; ${others.map((p) => p.name).join(', ')} là nơi sản xuất)`,
    detailEn: `${others.map((p) => p.name).join(', ')} ≠ ${own} (the product's name says ${own}; ${others.map((p) => p.name).join(', ')} is where it is made)`,
  };
}

function scoreByName(index: CatalogIndex, entry: CatalogEntry, listing: ShopListing): Scored {
  const text = index.analyse(listing.title);
  const optionText = listing.variants.map((v) => Object.values(v.options).join(' ')).join(' ');
  const names = compareNames(entry, text.tokens, (word) => index.knows(word));
  const sum = (tokens: Iterable<string>) => [...tokens].reduce((total, t) => total + index.weight(t), 0);
  const productWeight = sum(entry.text.tokens);
  // Accented on both sides but written differently ("Dầu mè" against "đậu"): half a match.
  const differ = [...names.present].filter((t) => {
    const mine = entry.text.written?.get(t);
    const theirs = text.written?.get(t);
    return mine !== undefined && theirs !== undefined && mine !== theirs;
  });
  const shared = sum(names.present) - sum(differ) / 2;
  const listingWeight = shared + sum(names.extra) + sum(differ) / 2;
  const productCoverage = productWeight > 0 ? shared / productWeight : 0;
  const listingCoverage = listingWeight > 0 ? shared / listingWeight : 0;
  let confidence = 0.6 * productCoverage + 0.4 * listingCoverage;
  const reasons: MatchReason[] = [];
  let cap = 1;
  const capAt = (value: number, reason: MatchReason) => {
    cap = Math.min(cap, value);
    reasons.push(reason);
  };
  if (names.present.size > 0)
    reasons.push({
      code: 'name',
      detail:
        [...names.present].join(' ') + (names.explained.length > 0 ? ` (${names.explained.join(', ')})` : ''),
    });

  // A word of its own where the product has another ("dầu mè" for "dầu lạc", "gạo lứt" for "gạo sạch",
  // "Hội An" for "Vĩnh Khê"): another product. Generic listing words (nguyên chất, ép thủ công) do not
  // count; a listing that only leaves words out, or only adds some, is not contradicted.
  const otherWords = names.extra.filter((t) => !text.generic.has(t));
  const lacking = names.missing;
  if (otherWords.length > 0 && lacking.length > 0)
    capAt(CONFLICT_CAP, { code: 'word-conflict', detail: `${otherWords.join(' ')} ≠ ${lacking.join(' ')}` });
  const place = placeConflict(index, entry, listing.title, names.present);
  if (place)
    capAt(place.cap, {
      code: 'place-conflict',
      detail: place.detail,
      ...(place.detailEn ? { detailEn: place.detailEn } : {}),
    });

  const explainedColours = new Set([
    ...entry.text.colours,
    ...entry.offers.flatMap((o) => analyseText(Object.values(o.options).join(' ')).colours),
    ...entry.contextColours,
  ]);
  const listingColours = text.colours.filter((c) => !explainedColours.has(c));
  if (listingColours.length > 0) {
    if (entry.text.colours.length > 0)
      capAt(CONFLICT_CAP, {
        code: 'colour-conflict',
        detail: `${listingColours.join(', ')} ≠ ${entry.text.colours.join(', ')}`,
      });
    else
      capAt(CONFLICT_CAP, {
        code: 'colour-conflict',
        detail: `${listingColours.join(', ')}: không có trong tên sản phẩm`,
        detailEn: `${listingColours.join(', ')}: not in the product's name`,
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
  const conflicting = quantities.filter((q) => !offerQuantities.some((o) => sameQuantity(o, q)));
  if (fitting.length > 0 && conflicting.length === 0) {
    confidence += 0.05;
    reasons.push({ code: 'unit', detail: fitting.map(quantityText).join(', ') });
  }
  if (conflicting.length > 0 && offerQuantities.length > 0)
    capAt(REVIEW_CAP, {
      code: 'pack-conflict',
      detail: `${conflicting.map(quantityText).join(', ')} ≠ ${offerQuantities.map(quantityText).join(', ')}`,
    });
  const packs = multiPack(`${listing.title} ${optionText}`);
  if (packs) capAt(REVIEW_CAP, { code: 'multi-pack', detail: packs });
  const placeWords = new Set(entry.places.inName.flatMap((p) => p.key.split(' ')));
  const listingWords = new Set(text.tokens);
  const kin = entry.text.tokens.filter((t) => listingWords.has(t) && !placeWords.has(t));
  return { entry, confidence: Math.min(0.99, cap, round2(confidence)), method: 'name', reasons, kin };
}

export function quantityText(q: Quantity): string {
  if (q.unit === 'g' && q.value >= 1000) return `${q.value / 1000}kg`;
  if (q.unit === 'ml' && q.value >= 1000) return `${q.value / 1000}l`;
  return `${q.value}${q.unit}`;
}

function bestProduct(index: CatalogIndex, listing: ShopListing): Scored | undefined {
  const skus = listingSkus(listing);
  const bySku = index.entries.find((entry) => skus.some((sku) => entry.skus.has(skuKey(sku))));
  if (bySku) {
    const hits = skus.filter((sku) => bySku.skus.has(skuKey(sku)));
    const reasons: MatchReason[] = [{ code: 'sku', detail: hits.join(', ') }];
    // A SKU typed on the wrong pack ("…-500" on the 1 kg variant, tiers swapped): the product is
    // right, the pairing is not certain — a person looks.
    for (const c of skuSizeConflicts(bySku, listing))
      reasons.push({
        code: 'sku-conflict',
        detail: `"${c.label}": SKU ${c.sku} là ${c.theirs} nhưng tin đăng ghi ${c.own} — ghép theo quy cách, hãy kiểm tra`,
        detailEn: `"${c.label}": SKU ${c.sku} is ${c.theirs} but the listing says ${c.own}: paired by pack size, please check`,
      });
    // A right SKU on the wrong listing ("Dầu mè" carrying the peanut oil's SKU, a combo or a 3-pack
    // carrying the single pack's, another place): the name rules still speak, and the match waits for
    // a person with the conflict as its reason — never certain, never auto-accepted (#19 trial 3).
    const named = scoreByName(index, bySku, listing);
    for (const reason of named.reasons) if (CONFLICT_CODES.has(reason.code)) reasons.push(reason);
    return {
      entry: bySku,
      confidence: reasons.length > 1 ? REVIEW_CAP : 1,
      method: 'sku',
      reasons,
    };
  }
  let best: Scored | undefined;
  for (const entry of index.entries) {
    const scored = scoreByName(index, entry, listing);
    if (!best || scored.confidence > best.confidence) best = scored;
  }
  return best;
}

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

/**
 * Listing variants whose seller SKU is a catalog offer of another pack size than the variant (or, without
 * options, the listing title) names: "Bột đậu xanh 1kg" carrying VL-BDX-500.
 */
function skuSizeConflicts(
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
      if (best && isCandidate(best)) {
        // Below the threshold is not "not on the platform": the listing shares the product's SKU or
        // name words, so it may be that product typed by hand. Shown for review and holding the
        // product back from publish until a person links or rejects it (#19 trial 3).
        return {
          ...base,
          confidence,
          method: 'none',
          reasons: [
            {
              code: 'below-threshold',
              detail: `gần nhất: ${sku} (${pct}, dưới ngưỡng ${threshold})${why ? `; ${why}` : ''} — chưa tạo mới ${sku}: ghi "đồng ý" nếu đúng là sản phẩm này, "tạo mới" nếu không phải`,
              detailEn: `nearest ${sku} (${pct}, below the ${threshold} threshold)${whyEn ? `; ${whyEn}` : ''}: ${sku} is not created until you write "đồng ý" (link) or "tạo mới" (not this product)`,
            },
            ...heldToo,
          ],
          variants: unpaired,
          ...withOthers,
          candidate: {
            productSku: best.entry.product.sku,
            productName: best.entry.product.name,
            confidence,
            method: best.method,
            reasons,
            variants,
          },
          suggestion: 'none',
        };
      }
      const near = best ? ` — gần nhất: ${sku} (${pct})${why ? `; ${why}` : ''}` : '';
      return {
        ...base,
        confidence,
        method: 'none',
        reasons: [
          {
            code: 'no-match',
            detail: `không có sản phẩm đủ giống${near}`,
            detailEn: `no catalog product close enough${best ? ` (nearest ${sku}, ${pct})` : ''}`,
          },
          ...heldToo,
        ],
        variants: unpaired,
        ...withOthers,
        suggestion: 'none',
      };
    }
    // A conflict (another name, place, colour, pack, a combo, a tie) always waits for a person.
    const certain = !reasons.some((r) => CONFLICT_CODES.has(r.code));
    return {
      ...base,
      productSku: best.entry.product.sku,
      productName: best.entry.product.name,
      confidence,
      method: best.method,
      reasons,
      variants,
      ...withOthers,
      suggestion:
        certain && options.autoAcceptAt !== undefined && confidence >= options.autoAcceptAt
          ? 'accept'
          : 'review',
    };
  });
}

/**
 * A nearest product worth a person's look: the listing carries one of its SKUs, or writes a word of its
 * name other than a place ("mật ong", "gạo"). A listing sharing only a place or near-spellings with the
 * catalog holds nothing back.
 */
function isCandidate(best: Scored): boolean {
  return best.method === 'sku' || (best.kin?.length ?? 0) > 0;
}

/**
 * Two listings of one account for one product: the weaker is a duplicate (reported, never linked). A
 * listing already linked to the product is always the one kept (and a below-threshold candidate of it
 * is a duplicate too); a listing a person rejected for the product (`rejectedFor`) is never the one
 * kept (the others are not its duplicates), though it may be a duplicate of the one kept. Run
 * on fresh proposals only: every `duplicate` reason is this run's (#19 trial 5).
 */
export function markDuplicates(
  matches: ListingMatch[],
  rejectedFor: (match: ListingMatch, sku: string) => boolean = () => false,
): void {
  const groups = new Map<string, ListingMatch[]>();
  const keyOf = (m: ListingMatch, sku: string) => `${m.platform}\u0000${m.account}\u0000${sku}`;
  for (const match of matches) {
    if (!match.productSku) continue;
    const key = keyOf(match, match.productSku);
    groups.set(key, [...(groups.get(key) ?? []), match]);
  }
  const linkedOf = new Map<string, ListingMatch>();
  // One listing per pack size ("Bột nghệ 100g", "Bột nghệ 500g"): single-pack listings of different
  // packs are no duplicates of each other — each is proposed for its own pack (linked per pack); only
  // listings of the same pack are (#19 trial 5).
  for (const [key, group] of [...groups]) {
    const packOf = (m: ListingMatch) => (m.variants.length === 1 ? m.variants[0]!.offerSku : undefined);
    const packs = new Set(group.map(packOf));
    if (group.length < 2 || packs.has(undefined) || packs.size < 2) continue;
    groups.delete(key);
    for (const pack of packs) {
      const same = group.filter((m) => packOf(m) === pack);
      groups.set(`${key}\u0000${pack}`, same);
      for (const m of same)
        m.reasons.push({
          code: 'pack-listing',
          detail: `tin này bán riêng quy cách ${pack}; ${[...packs].filter((p) => p !== pack).join(', ')} ở tin khác — liên kết theo quy cách, mỗi tin một quy cách`,
          detailEn: `this listing sells pack ${pack} alone; ${[...packs].filter((p) => p !== pack).join(', ')} on another listing: linked per pack, one pack per listing`,
        });
    }
  }
  for (const group of groups.values()) {
    if (group.length < 2) {
      if (group[0]?.linkedTo) linkedOf.set(keyOf(group[0], group[0].linkedTo), group[0]);
      continue;
    }
    const mapped = (m: ListingMatch) => m.variants.filter((v) => v.offerSku).length;
    const rejected = (m: ListingMatch) => Number(!m.linkedTo && rejectedFor(m, m.productSku!));
    const sorted = [...group].sort(
      (a, b) =>
        Number(!!b.linkedTo) - Number(!!a.linkedTo) ||
        rejected(a) - rejected(b) ||
        b.confidence - a.confidence ||
        mapped(b) - mapped(a) ||
        b.listing.variants.reduce((n, v) => n + v.stock, 0) -
          a.listing.variants.reduce((n, v) => n + v.stock, 0) ||
        a.listing.remoteId.localeCompare(b.listing.remoteId),
    );
    const primary = sorted[0]!;
    if (primary.linkedTo) linkedOf.set(keyOf(primary, primary.linkedTo), primary);
    // Every listing of the group rejected for the product: none is the original of the others.
    if (rejected(primary)) continue;
    for (const other of sorted.slice(1)) markDuplicate(other, primary);
  }
  // A candidate below the threshold of a product already linked holds nothing: a duplicate too —
  // unless a person already said it is not that product (#19 re-trial MEDIUM 2). Either way the
  // "not created yet" hint no longer applies: the product has its listing.
  for (const match of matches) {
    const sku = match.candidate?.productSku;
    if (match.productSku || match.linkedTo || !sku) continue;
    const linked = linkedOf.get(keyOf(match, sku));
    if (!linked) continue;
    settledHint(match, sku, linked);
    if (!rejectedFor(match, sku)) markDuplicate(match, linked);
  }
}

/** The below-threshold reason of a candidate whose product is linked to `linked`: no "chưa tạo mới" hint. */
function settledHint(match: ListingMatch, sku: string, linked: ListingMatch): void {
  for (const reason of match.reasons) {
    if (reason.code !== 'below-threshold') continue;
    reason.detail = reason.detail.replace(
      / — chưa tạo mới [^:]+:.*$/,
      ` — ${sku} đã liên kết với tin ${linked.listing.remoteId}`,
    );
    if (reason.detailEn)
      reason.detailEn = reason.detailEn.replace(
        /: \S+ is not created until .*$/,
        `: ${sku} is linked to listing ${linked.listing.remoteId}`,
      );
  }
}

function markDuplicate(match: ListingMatch, primary: ListingMatch): void {
  match.duplicateOf = primary.listing.remoteId;
  match.suggestion = 'review';
  const linked = primary.linkedTo !== undefined;
  match.reasons.push({
    code: 'duplicate',
    detail: `cùng sản phẩm với tin ${primary.listing.remoteId} "${primary.listing.title}"${linked ? ' (đã liên kết)' : ''}`,
    detailEn: `the same product as listing ${primary.listing.remoteId} "${primary.listing.title}"${linked ? ' (already linked)' : ''}`,
  });
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
        .filter((m) => m.platform === platform && m.account === account)
        .flatMap((m) => [
          ...[m.productSku ?? m.candidate?.productSku ?? []].flat(),
          ...(m.otherProducts ?? []).map((o) => o.productSku),
        ]),
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
