import type { ShopListing } from '../../platforms/types.js';
import { type CatalogEntry, type CatalogIndex, listingSkus, skuKey } from './catalog-index.js';
import { analyseText, multiPack, parseQuantities, sameQuantity } from './listing-text.js';
import type { MatchReason } from './types.js';
import { quantityText, skuSizeConflicts } from './variant-pairing.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface Scored {
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

export function scoreByName(index: CatalogIndex, entry: CatalogEntry, listing: ShopListing): Scored {
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
  if (otherWords.length > 0 && lacking.length > 0) {
    capAt(CONFLICT_CAP, { code: 'word-conflict', detail: `${otherWords.join(' ')} ≠ ${lacking.join(' ')}` });
    // Another product of the same place ("Bột đậu xanh Vĩnh Linh" for "Tinh bột nghệ Vĩnh Linh"): the
    // shared place says nothing about the product, so only the other words it shares count.
    const placeOfName = new Set(entry.places.inName.flatMap((p) => p.key.split(' ')));
    if (placeOfName.size > 0) {
      const without = (tokens: Iterable<string>) => [...tokens].filter((t) => !placeOfName.has(t));
      const own = sum(without(names.present)) - sum(without(differ)) / 2;
      const ownProduct = sum(without(entry.text.tokens));
      const ownListing = own + sum(names.extra) + sum(without(differ)) / 2;
      const ownConfidence =
        0.6 * (ownProduct > 0 ? own / ownProduct : 0) + 0.4 * (ownListing > 0 ? own / ownListing : 0);
      confidence = Math.min(confidence, ownConfidence);
    }
  }
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

export function bestProduct(index: CatalogIndex, listing: ShopListing): Scored | undefined {
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

/**
 * A nearest product worth a person's look: the listing carries one of its SKUs, or writes a word of its
 * name other than a place ("mật ong", "gạo"). A listing sharing only a place or near-spellings with the
 * catalog holds nothing back.
 */
export function isCandidate(best: Scored): boolean {
  return best.method === 'sku' || (best.kin?.length ?? 0) > 0;
}
