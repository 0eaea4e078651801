import { searchKey } from '../../vn/text.js';

/**
 * Text of a product or listing reduced to what identifies the product: folded tokens (accents, case and
 * punctuation gone, regional synonyms unified), pack quantities parsed out ("500g", "500 g", "0,5 kg" →
 * 500 g), OCOP rating and marketing words dropped. Pure; the matcher weighs the tokens.
 */
export interface ListingText {
  /** Identifying tokens, folded. */
  tokens: string[];
  /**
   * For a text written with accents: each token as written ("dầu" for `dau`), when it is the word
   * itself (not a synonym). Two accented texts sharing a folded token written differently ("dầu" oil,
   * "đậu" bean) agree less than on the word as written.
   */
  written?: Map<string, string>;
  /**
   * Tokens read as generic here (packaging, marketing), kept in `tokens` only when a catalog name uses
   * them. Accent-aware: in a text written with accents "thu" is a word ("cá thu"), "thủ" is generic.
   */
  generic: Set<string>;
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
  // "3 kí", "1 ký", "2 ki": the kilogram as said in the market.
  ki: { value: 1000, unit: 'g' },
  ky: { value: 1000, unit: 'g' },
  kilogram: { value: 1000, unit: 'g' },
};

// After searchKey a decimal comma became a space ("0,5kg" → "0 5kg"), so the number is re-read from the
// NFC text before folding punctuation away.
const QUANTITY =
  /(\d+(?:[.,]\d+)?)\s*(mg|kg|kilogram|kilo|ki\s*lô|gram|gam|gr|g|ml|lít|lit|litre|liter|l|kí|ký|ki|ky)(?![\p{L}\d])/giu;
const OCOP_STARS = /(?:ocop\s*)?([345])\s*(?:sao|\*|★)/iu;

/**
 * Words that say nothing about which product it is: packaging, OCOP, marketing — as written with their
 * accents. Folded, many are also real product words ("thủ công" / "cá thu", "quà" / "quả", "lá" / "là",
 * "dê" / "để"): a text written with accents is read as written, one written without is read folded.
 */
const NOISE_WORDS = [
  'ocop',
  'sao',
  'hàng',
  'hũ',
  'hủ',
  'chai',
  'can',
  'túi',
  'hộp',
  'thùng',
  'gói',
  'lọ',
  'bình',
  'bịch',
  'loại',
  'nguyên',
  'chất',
  'đặc',
  'sản',
  'chính',
  'hiệu',
  'hãng',
  'cao',
  'cấp',
  'thủ',
  'công',
  'nhà',
  'làm',
  'sạch',
  'tự',
  'nhiên',
  'ngon',
  'chuẩn',
  'xịn',
  'giá',
  'rẻ',
  'sỉ',
  'lẻ',
  'freeship',
  'miễn',
  'phí',
  'ship',
  'quà',
  'tặng',
  'để',
  'là',
  'và',
  'của',
  'cho',
  'với',
  'tại',
  'htx',
  'hợp',
  'tác',
  'xã',
  'i',
  'ii',
  // How it is made or sold, said of any product: "ép thủ công", "truyền thống", "đặc biệt", "uy tín".
  'ép',
  'mộc',
  'lạnh',
  'truyền',
  'thống',
  'biệt',
  'thơm',
  'tốt',
  'uy',
  'tín',
  'lượng',
  'giao',
  'toàn',
  'quốc',
  'mua',
  'bán',
  'shop',
  'sale',
  'combo',
  'set',
  'sức',
  'khỏe',
  'khoẻ',
  'mới',
  'siêu',
];
const NOISE_ACCENTED = new Set(NOISE_WORDS.map((w) => w.normalize('NFC')));
const NOISE = new Set([...NOISE_WORDS.map((w) => searchKey(w)), '1', '2', '3', '4', '5']);

/** A word that says nothing about which product it is (packaging, OCOP, marketing), folded. */
export function isGenericWord(token: string): boolean {
  return NOISE.has(token);
}

// Words of a product's own name are never noise for it ("Miến", "Cao chè vằng", "Gạo sạch", "Cửa Tùng",
// "Hồ Xá"): `keep` carries them so only the listing's extra words are dropped.

/**
 * Several packs sold as one ("Combo 2 hộp", "2 chai", "x3", "lốc 6"): such a listing is not the
 * catalog's single pack, whatever size it names. Returns the words that say so, or undefined.
 */
export function multiPack(text: string): string | undefined {
  const nfc = text.normalize('NFC');
  const found =
    /(?<![\p{L}\d])(?:combo|set|bộ|lốc|lố)\s*(?:\d+|hai|ba|bốn|năm)(?![\p{L}\d])/iu.exec(nfc) ??
    /(?<![\p{L}\d.,])([2-9]|[1-9]\d)\s*(?:hộp|chai|hũ|hủ|túi|gói|lọ|can|thùng|bịch|bao|hũ|cái|hộp quà)(?![\p{L}\d])/iu.exec(
      nfc,
    ) ??
    /(?<![\p{L}\d])[x×]\s*([2-9]|[1-9]\d)(?![\p{L}\d])|(?<![\p{L}\d.,])([2-9]|[1-9]\d)\s*[x×]\s*(?=\d)/iu.exec(
      nfc,
    );
  return found?.[0].trim();
}

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
    const unit = searchKey(match[2]!).replace(/\s+/g, '');
    const factor = UNIT_FACTORS[unit];
    if (!factor || !Number.isFinite(value) || value <= 0) continue;
    out.push({ value: Math.round(value * factor.value * 1000) / 1000, unit: factor.unit });
  }
  return out;
}

export function sameQuantity(a: Quantity, b: Quantity): boolean {
  return a.unit === b.unit && Math.abs(a.value - b.value) < 0.001;
}

/**
 * Colour words a text writes right after a word of `nameWords` (folded): "củ nghệ vàng" in the
 * description of "Tinh bột nghệ" says which turmeric it is; "màu vàng óng" alone says nothing.
 */
export function coloursOfNameWords(text: string, nameWords: ReadonlySet<string>): string[] {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}]+/u);
  const found = words.filter(
    (word, i) => i > 0 && COLOURS.has(word) && nameWords.has(searchKey(words[i - 1]!)),
  );
  return [...new Set(found)];
}

/** `keep`: folded words never dropped as noise (the catalog's own name words). */
export function analyseText(text: string, keep: ReadonlySet<string> = new Set()): ListingText {
  const nfc = text.normalize('NFC');
  const quantities = parseQuantities(nfc);
  const stars = OCOP_STARS.exec(nfc);
  const withoutNumbers = nfc.replace(QUANTITY, ' ').replace(OCOP_STARS, ' ');
  // Each folded word beside the word as written (the same split as searchKey, word by word).
  const written = withoutNumbers
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((w) => {
      const folded = searchKey(w).split(' ').filter(Boolean);
      return folded.map((f) => ({ folded: f, as: folded.length === 1 ? w : f }));
    });
  const raw = written.map((w) => w.folded);
  // Written with accents (some letter outside ASCII): every word is read as written.
  const withAccents = /[^\p{ASCII}]/u.test(withoutNumbers.replace(/[^\p{L}]/gu, ''));
  const generic = new Set<string>();
  const tokens: string[] = [];
  const colours: string[] = [];
  const asWritten = new Map<string, string>();
  for (const word of withoutNumbers.toLowerCase().split(/[^\p{L}]+/u))
    if (COLOURS.has(word)) colours.push(word);
  raw.forEach((word, index) => {
    let token = SYNONYMS[word] ?? word;
    // "đậu phộng" → "dau lac"; only after "dau".
    if ((word === 'phong' || word === 'phung') && raw[index - 1] !== 'dau') token = word;
    // "đỗ" (North) = "đậu" (bean): "Bột đỗ xanh" is "Bột đậu xanh" (#19 trial 4). Only as written with
    // its accents: folded "do" is also "đỏ" (red), "đồ", "độ".
    if (written[index]!.as === 'đỗ') token = 'dau';
    // "hạt tiêu" (peppercorns) is the same product as "hồ tiêu".
    if (word === 'hat' && raw[index + 1] === 'tieu') token = 'ho';
    const isNoise = withAccents
      ? NOISE_ACCENTED.has(written[index]!.as) || /^\d+$/.test(token)
      : NOISE.has(token);
    if (isNoise) generic.add(token);
    if (isNoise && !keep.has(token)) return;
    if (/^\d+$/.test(token)) return;
    if (!tokens.includes(token)) {
      tokens.push(token);
      if (withAccents && token === word) asWritten.set(token, written[index]!.as);
    }
  });
  return {
    tokens,
    ...(withAccents ? { written: asWritten } : {}),
    generic,
    quantities,
    ...(stars ? { ocopStars: Number(stars[1]) } : {}),
    colours: [...new Set(colours)],
  };
}
