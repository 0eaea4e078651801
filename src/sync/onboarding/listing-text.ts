import { searchKey } from '../../vn/text.js';

/**
 * Text of a product or listing reduced to what identifies the product: folded tokens (accents, case and
 * punctuation gone, regional synonyms unified), pack quantities parsed out ("500g", "500 g", "0,5 kg" →
 * 500 g), OCOP rating and marketing words dropped. Pure; the matcher weighs the tokens.
 */
export interface ListingText {
  /** Identifying tokens, folded. */
  tokens: string[];
  /** Pack quantities found, in grams or millilitres. */
  quantities: Quantity[];
  /** OCOP stars named in the text ("OCOP 4 sao", "4*"), if any. */
  ocopStars?: number;
  /** Colour words (đỏ, trắng, đen …): a different colour means a different product. */
  colours: string[];
}

export interface Quantity {
  value: number;
  unit: 'g' | 'ml';
}

const UNIT_FACTORS: Record<string, Quantity> = {
  mg: { value: 0.001, unit: 'g' },
  g: { value: 1, unit: 'g' },
  gr: { value: 1, unit: 'g' },
  gram: { value: 1, unit: 'g' },
  gam: { value: 1, unit: 'g' },
  kg: { value: 1000, unit: 'g' },
  kilo: { value: 1000, unit: 'g' },
  ml: { value: 1, unit: 'ml' },
  l: { value: 1000, unit: 'ml' },
  lit: { value: 1000, unit: 'ml' },
  litre: { value: 1000, unit: 'ml' },
  liter: { value: 1000, unit: 'ml' },
};

// After searchKey a decimal comma became a space ("0,5kg" → "0 5kg"), so the number is re-read from the
// NFC text before folding punctuation away.
const QUANTITY = /(\d+(?:[.,]\d+)?)\s*(mg|kg|kilo|gram|gam|gr|g|ml|lít|lit|litre|liter|l)(?![\p{L}\d])/giu;
const OCOP_STARS = /(?:ocop\s*)?([345])\s*(?:sao|\*|★)/iu;

/** Words that say nothing about which product it is: packaging, OCOP, marketing. Folded. */
const NOISE = new Set([
  'ocop',
  'sao',
  'hang',
  'hu',
  'chai',
  'can',
  'tui',
  'hop',
  'thung',
  'goi',
  'lo',
  'binh',
  'bich',
  'loai',
  'nguyen',
  'chat',
  'dac',
  'san',
  'chinh',
  'hieu',
  'cao',
  'cap',
  'thu',
  'cong',
  'nha',
  'lam',
  'sach',
  'tu',
  'nhien',
  'ngon',
  'chuan',
  'xin',
  'gia',
  're',
  'si',
  'le',
  'freeship',
  'mien',
  'phi',
  'ship',
  'qua',
  'tang',
  'de',
  'la',
  'va',
  'cua',
  'cho',
  'voi',
  'va',
  'tai',
  'htx',
  'hop',
  'tac',
  'xa',
  '1',
  '2',
  '3',
  '4',
  '5',
  'i',
  'ii',
]);
// Words of a product's own name are never noise for it ("Miến", "Cao chè vằng", "Gạo sạch", "Cửa Tùng",
// "Hồ Xá"): `keep` carries them so only the listing's extra words are dropped.

/** Regional and spelling variants written to one form (folded). */
const SYNONYMS: Record<string, string> = {
  phong: 'lac', // "đậu phộng" (South) = "lạc" (North); "dau" stays
  phung: 'lac',
  gao: 'gao',
};

/** Colour words, matched on the accented text ("vằng" of "chè vằng" is not "vàng"). */
const COLOURS = new Set(['đỏ', 'trắng', 'đen', 'vàng', 'xanh', 'tím', 'nâu', 'hồng']);

export function parseQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const match of text.normalize('NFC').matchAll(QUANTITY)) {
    const value = Number(match[1]!.replace(',', '.'));
    const factor = UNIT_FACTORS[match[2]!.toLowerCase().replace('í', 'i')];
    if (!factor || !Number.isFinite(value) || value <= 0) continue;
    out.push({ value: Math.round(value * factor.value * 1000) / 1000, unit: factor.unit });
  }
  return out;
}

export function sameQuantity(a: Quantity, b: Quantity): boolean {
  return a.unit === b.unit && Math.abs(a.value - b.value) < 0.001;
}

/** `keep`: folded words never dropped as noise (the catalog's own name words). */
export function analyseText(text: string, keep: ReadonlySet<string> = new Set()): ListingText {
  const nfc = text.normalize('NFC');
  const quantities = parseQuantities(nfc);
  const stars = OCOP_STARS.exec(nfc);
  const withoutNumbers = nfc.replace(QUANTITY, ' ').replace(OCOP_STARS, ' ');
  const raw = searchKey(withoutNumbers).split(' ').filter(Boolean);
  const tokens: string[] = [];
  const colours: string[] = [];
  for (const word of withoutNumbers.toLowerCase().split(/[^\p{L}]+/u))
    if (COLOURS.has(word)) colours.push(word);
  raw.forEach((word, index) => {
    let token = SYNONYMS[word] ?? word;
    // "đậu phộng" → "dau lac"; only after "dau".
    if ((word === 'phong' || word === 'phung') && raw[index - 1] !== 'dau') token = word;
    if (NOISE.has(token) && !keep.has(token)) return;
    if (/^\d+$/.test(token)) return;
    if (!tokens.includes(token)) tokens.push(token);
  });
  return {
    tokens,
    quantities,
    ...(stars ? { ocopStars: Number(stars[1]) } : {}),
    colours: [...new Set(colours)],
  };
}
