import { checkVnText } from '../arguments.js';
import { foldAccents, normalizeToneMarks, searchKey, toNfc } from '../text.js';

/*
 * Name keys for tolerant matching. Names in the data carry no type prefix ("Vĩnh Linh"), users
 * write them with one ("Xã Vĩnh Linh", "X. Vĩnh Linh", "TT. Hồ Xá"), without accents ("vinh linh"),
 * with either tone placement ("Vĩnh Thuỷ"), with numbers written "Phường 04", "P4" or "Phường IV".
 */

/** Type prefixes, written with accents: unambiguous ("quận " never starts "Quan Hóa"). */
const ACCENTED_PREFIX =
  /^(thành phố|tp\.|tp(?=\s)|tỉnh|quận|q\.|huyện|h\.|thị xã|tx\.|tx(?=\s)|phường|p\.|xã|x\.|thị trấn|tt\.|tt(?=\s)|đặc khu|đk\.)\s*/u;

/** Same prefixes folded: only tried after the name as written failed ("Quan Hóa" is a huyện). */
const FOLDED_PREFIX = /^(thanh pho|tp|tinh|quan|q|huyen|h|thi xa|tx|phuong|p|xa|x|thi tran|tt|dac khu|dk)\s+/;

/** "P4", "Q.1", "p.04", "Phường IV" → number-named unit. */
const NUMBERED = /^(p|q|phuong|quan)\.?\s*(\d+|[ivx]+)$/;

const PREFIX_TYPES: Record<string, string> = {
  'thành phố': 'thành phố',
  'tp.': 'thành phố',
  tp: 'thành phố',
  tỉnh: 'tỉnh',
  quận: 'quận',
  'q.': 'quận',
  huyện: 'huyện',
  'h.': 'huyện',
  'thị xã': 'thị xã',
  'tx.': 'thị xã',
  tx: 'thị xã',
  phường: 'phường',
  'p.': 'phường',
  xã: 'xã',
  'x.': 'xã',
  'thị trấn': 'thị trấn',
  'tt.': 'thị trấn',
  tt: 'thị trấn',
  'đặc khu': 'đặc khu',
  'đk.': 'đặc khu',
};

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

function romanToNumber(text: string): number | undefined {
  if (!/^[ivxl]+$/.test(text)) return undefined;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN[text[i] ?? ''] ?? 0;
    const next = ROMAN[text[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 && total <= 50 ? total : undefined;
}

/**
 * The folded key a name is indexed under: no accents, no case, no punctuation, no spaces;
 * "04" → "4"; a name that is only a Roman numeral ("IV") → "4".
 */
export function nameKey(name: string): string {
  const tokens = searchKey(name)
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => (/^\d+$/.test(t) ? String(Number(t)) : t));
  if (tokens.length === 1) {
    const roman = romanToNumber(tokens[0] ?? '');
    if (roman !== undefined) return String(roman);
  }
  return tokens.join('');
}

/** Key that keeps accents (tone placement unified): breaks ties between "Hà" and "Hạ". */
export function accentedKey(name: string): string {
  return normalizeToneMarks(toNfc(name))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface ParsedQuery {
  /** Keys to try, most specific first. */
  keys: string[];
  /** Accented key of the name without its type prefix. */
  accented: string;
  /** Unit type named by the prefix, if any ("phường"). */
  typeHint?: string;
}

/** Splits a user-written unit name into lookup keys and the type its prefix names. */
export function parseQuery(text: string): ParsedQuery {
  checkVnText(text, 'text');
  const written = normalizeToneMarks(toNfc(text))
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  const keys: string[] = [];
  let typeHint: string | undefined;

  const folded = foldAccents(written)
    .replace(/[-–—,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const numbered = NUMBERED.exec(folded);
  if (numbered !== null) {
    const [, prefix = '', number = ''] = numbered;
    typeHint = prefix.startsWith('p') ? 'phường' : 'quận';
    keys.push(nameKey(number));
  }

  const accentedPrefix = ACCENTED_PREFIX.exec(written);
  const bare = accentedPrefix === null ? written : written.slice(accentedPrefix[0].length);
  if (accentedPrefix !== null) typeHint ??= PREFIX_TYPES[accentedPrefix[1] ?? ''];
  keys.push(nameKey(bare));
  keys.push(nameKey(written));
  const foldedPrefix = FOLDED_PREFIX.exec(folded.replace(/\./g, '. ').replace(/\s+/g, ' '));
  if (foldedPrefix !== null) {
    keys.push(nameKey(folded.replace(/\./g, '. ').replace(/\s+/g, ' ').slice(foldedPrefix[0].length)));
  }
  const unique = [...new Set(keys.filter((k) => k !== ''))];
  const parsed: ParsedQuery = { keys: unique, accented: accentedKey(bare) };
  if (typeHint !== undefined) parsed.typeHint = typeHint;
  return parsed;
}

const FULL_NAME_PREFIX: Record<string, string> = {
  tỉnh: 'Tỉnh',
  'thành phố': 'Thành phố',
  quận: 'Quận',
  huyện: 'Huyện',
  'thị xã': 'Thị xã',
  phường: 'Phường',
  xã: 'Xã',
  'thị trấn': 'Thị trấn',
  'đặc khu': 'Đặc khu',
};

/** "Tỉnh Quảng Trị", "Xã Vĩnh Linh", "Phường 4". */
export function fullName(type: string, name: string): string {
  return `${FULL_NAME_PREFIX[type] ?? type} ${name}`;
}
