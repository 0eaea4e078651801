/**
 * Unicode helpers for Vietnamese text.
 *
 * Vietnamese arrives in two Unicode forms (precomposed NFC from most keyboards, decomposed NFD from
 * macOS file names and some Windows IMEs) and with two tone-mark placements ("Hòa"/"Hoà",
 * "Thủy"/"Thuỷ"). Two strings that look identical can therefore differ byte for byte; everything
 * here starts by converting to NFC.
 */
import { checkVnArgument, checkVnOptionTable, checkVnText, oneOf, type VnExpected } from './arguments.js';

/** Vietnamese tone marks as combining characters (huyền, sắc, ngã, hỏi, nặng). */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{M}]+/gu;

/** Returns the NFC (precomposed) form. Idempotent. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Removes every diacritic and maps đ/Đ to d/D, so "Đồng Hới" becomes "Dong Hoi".
 * Both tone-mark placements fold to the same text ("Hoà" and "Hòa" both give "Hoa").
 * Case is kept. Every Vietnamese letter folds to ASCII; other characters are only stripped of
 * combining marks. Idempotent.
 */
export function foldAccents(text: string): string {
  checkVnText(text, 'text');
  // đ/Đ have no decomposition in Unicode (U+0111/U+0110 are distinct letters), so NFD alone
  // would leave them in place.
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * A comparison key: folded, lower case, punctuation turned into spaces, whitespace collapsed.
 * "TP. Hồ Chí Minh" → "tp ho chi minh". Apostrophes vanish without a space ("H'Leo" → "hleo")
 * because ethnic-minority names are written both with and without them.
 */
export function searchKey(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when two texts are equal after {@link searchKey} (accent-, case- and punctuation-blind). */
export function equalsFolded(a: string, b: string): boolean {
  return searchKey(a) === searchKey(b);
}

/**
 * Where the tone mark goes in open syllables ending in "oa", "oe", "uy":
 * - `'classic'`: on the first vowel — "hòa", "khỏe", "thủy" (used by most GSO data and by this
 *   library's admin-unit names);
 * - `'modern'`: on the second vowel — "hoà", "khoẻ", "thuỷ".
 * Syllables with a final consonant ("hoàng", "thuyết") are written the same way in both styles and
 * are never changed.
 */
export type ToneMarkStyle = 'classic' | 'modern';

const OPEN_PAIR = /^([^aeiouy]*)(oa|oe|uy)$/;

function moveToneInWord(word: string, style: ToneMarkStyle): string {
  const decomposed = word.normalize('NFD');
  let tone = '';
  let toneless = '';
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) tone = ch;
    else toneless += ch;
  }
  if (tone === '') return word;
  const base = toneless.normalize('NFC');
  const match = OPEN_PAIR.exec(base.toLowerCase());
  // "qu" + "y" is consonant + vowel, not the "uy" pair: "quý" is the same in both styles.
  if (match === null || (match[1] ?? '').endsWith('q')) return word;
  const pairStart = (match[1] ?? '').length;
  const target = style === 'classic' ? pairStart : pairStart + 1;
  const chars = [...base];
  chars[target] = `${chars[target] ?? ''}${tone}`;
  return chars.join('').normalize('NFC');
}

/**
 * Puts tone marks of "oa", "oe", "uy" open syllables in one place, and returns NFC.
 * `normalizeToneMarks("Thuỷ Hoà")` → "Thủy Hòa" (classic, the default).
 * Idempotent for a given style.
 */
export function normalizeToneMarks(text: string, style: ToneMarkStyle = 'classic'): string {
  checkVnText(text, 'text');
  checkVnArgument(style, 'style', oneOf(['classic', 'modern']));
  return toNfc(text).replace(WORD, (word) => moveToneInWord(word, style));
}

const SLUGIFY_OPTIONS: Readonly<Record<keyof SlugifyOptions, VnExpected>> = {
  separator: {
    fits: (value) => value === undefined || typeof value === 'string',
    vi: 'một chuỗi (hoặc bỏ trống)',
    en: 'a string (or left out)',
  },
  maxLength: {
    fits: (value) => value === undefined || (Number.isInteger(value) && (value as number) >= 0),
    vi: 'một số nguyên ≥ 0 (hoặc bỏ trống)',
    en: 'an integer ≥ 0 (or left out)',
  },
};

export interface SlugifyOptions {
  /** @default '-' */
  separator?: string;
  /** Cut the slug to at most this many characters (at a separator when possible). @default no limit */
  maxLength?: number;
}

/**
 * URL slug: "Nước mắm cá cơm Cửa Tùng 500 ml" → "nuoc-mam-ca-com-cua-tung-500-ml".
 * Output holds only [a-z0-9] and the separator.
 */
export function slugify(text: string, options: SlugifyOptions = {}): string {
  checkVnText(text, 'text');
  checkVnOptionTable(options, SLUGIFY_OPTIONS);
  const separator = options.separator ?? '-';
  const words = searchKey(text)
    .split(' ')
    .filter((w) => w !== '');
  let slug = words.join(separator);
  const { maxLength } = options;
  if (maxLength !== undefined && slug.length > maxLength) {
    const cut = slug.slice(0, maxLength);
    const lastSep = separator === '' ? -1 : cut.lastIndexOf(separator);
    slug = lastSep > 0 ? cut.slice(0, lastSep) : cut;
    while (separator !== '' && slug.endsWith(separator)) slug = slug.slice(0, -separator.length);
  }
  return slug;
}
