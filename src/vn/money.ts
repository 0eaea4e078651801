import { checkVnOptionTable, oneOf, type VnExpected } from './arguments.js';
import { VndParseError, type VnInputErrorCode } from './errors.js';
import { toNfc } from './text.js';

/*
 * Rules for reading Vietnamese money text (documented in the README section "Money text"):
 *
 * 1. VND has no minor unit: a price is a whole number of đồng. A non-zero fractional part is an
 *    error (`fractional`), never rounded. A zero fraction as spreadsheets export it ("45000.00",
 *    "1.250.000,00") is accepted.
 * 2. Vietnamese writing uses "." as the thousands separator and "," as the decimal mark, but
 *    English-style "45,000" is just as common on shop pages. So either character may group
 *    thousands. A separator is read as a thousands separator when every group after it has exactly
 *    three digits and the first group has one to three digits ("45.000", "45,000", "1.250.000",
 *    "1,250" = 1 250). Otherwise a single separator is a decimal mark ("1,5" → fractional error).
 *    When both characters occur, the one that comes last (once) is the decimal mark
 *    ("1.250.000,50", "1,250,000.00").
 * 3. Spaces (also no-break and thin spaces) may group thousands: "1 250 000".
 * 4. Currency markers are ignored before or after the number: ₫, đ, d, VND, VNĐ, đồng, dong.
 * 5. Multipliers: k / nghìn / ngàn (×1 000), tr / triệu (×1 000 000), tỷ / tỉ (×1 000 000 000).
 *    With a multiplier a single separator is a decimal mark ("1,2tr" = 1 200 000,
 *    "1.5k" = 1 500), except a separator followed by exactly three digits ("1.250tr"), which is
 *    refused as `ambiguous`. Spoken-style "1tr2" means 1.2 triệu and "45k5" means 45 500.
 * 6. Refused: negatives (`negative`), nothing but currency or blanks (`empty`), no digits
 *    (`not_a_number`), anything else unreadable (`malformed`), values above
 *    Number.MAX_SAFE_INTEGER (`too_large`).
 */

const UNITS: ReadonlyArray<readonly [RegExp, bigint]> = [
  [/(nghìn|nghin|ngàn|ngan|k)$/, 1_000n],
  [/(triệu|trieu|tr)$/, 1_000_000n],
  [/(tỷ|tỉ|ty|ti)$/, 1_000_000_000n],
];
const SPOKEN_UNIT = /^(\d+)(k|tr|tỷ|tỉ)(\d{1,3})$/;
const SPOKEN_FACTORS: Record<string, bigint> = {
  k: 1_000n,
  tr: 1_000_000n,
  tỷ: 1_000_000_000n,
  tỉ: 1_000_000_000n,
};
const CURRENCY_SUFFIX = /\s*(₫|vnđ|vnd|đồng|dong|đ|d)$/;
const CURRENCY_PREFIX = /^(₫|vnđ|vnd|đ)\s*/;
const SPACES = /[\s\u00a0\u2007\u2009\u202f]+/g;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

interface Digits {
  integer: string;
  fraction: string;
}

function fail(code: VnInputErrorCode, input: unknown, messageVi: string, messageEn: string): never {
  throw new VndParseError({ code, input, messageVi, messageEn });
}

function quote(input: unknown): string {
  return typeof input === 'string' ? `"${input}"` : String(input);
}

function isGrouping(groups: string[]): boolean {
  const [first, ...rest] = groups;
  return (
    first !== undefined &&
    /^[1-9]\d{0,2}$/.test(first) &&
    rest.length > 0 &&
    rest.every((g) => /^\d{3}$/.test(g))
  );
}

/** Spaces are only allowed as thousands separators: each must be followed by exactly 3 digits. */
function removeGroupingSpaces(text: string, input: unknown): string {
  const parts = text.split(' ');
  for (const part of parts.slice(1)) {
    if (!/^\d{3}(\D|$)/.test(part)) {
      fail(
        'malformed',
        input,
        `Không đọc được số tiền ${quote(input)}.`,
        `Cannot read the amount ${quote(input)}.`,
      );
    }
  }
  return parts.join('');
}

function splitNumber(text: string, hasUnit: boolean, input: unknown): Digits {
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text) || /[.,]{2}/.test(text)) {
    fail(
      'malformed',
      input,
      `Không đọc được số tiền ${quote(input)}.`,
      `Cannot read the amount ${quote(input)}.`,
    );
  }
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  if (dots === 0 && commas === 0) return { integer: text, fraction: '' };

  if (dots > 0 && commas > 0) {
    const decimalMark = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const groupMark = decimalMark === '.' ? ',' : '.';
    const [whole = '', fraction = '', ...extra] = text.split(decimalMark);
    if (extra.length > 0 || !isGrouping(whole.split(groupMark))) {
      fail(
        'malformed',
        input,
        `Không đọc được số tiền ${quote(input)}: dấu phân cách không hợp lệ.`,
        `Cannot read the amount ${quote(input)}: inconsistent separators.`,
      );
    }
    return { integer: whole.split(groupMark).join(''), fraction };
  }

  const mark = dots > 0 ? '.' : ',';
  const groups = text.split(mark);
  if (groups.length > 2) {
    if (!isGrouping(groups)) {
      fail(
        'malformed',
        input,
        `Không đọc được số tiền ${quote(input)}: nhóm hàng nghìn phải có đúng 3 chữ số.`,
        `Cannot read the amount ${quote(input)}: thousands groups must have exactly 3 digits.`,
      );
    }
    return { integer: groups.join(''), fraction: '' };
  }
  const [before = '', after = ''] = groups;
  if (after.length === 3 && before !== '0' && (hasUnit || before.length > 3)) {
    fail(
      'ambiguous',
      input,
      `Số tiền ${quote(input)} không rõ nghĩa: "${mark}${after}" có thể là phần thập phân hoặc hàng nghìn. Hãy viết đầy đủ, ví dụ "1.250.000".`,
      `The amount ${quote(input)} is ambiguous: "${mark}${after}" may be a decimal part or a thousands group. Write it in full, e.g. "1.250.000".`,
    );
  }
  if (isGrouping(groups)) return { integer: before + after, fraction: '' };
  return { integer: before, fraction: after };
}

function toSafeNumber(value: bigint, input: unknown): number {
  if (value > MAX_SAFE) {
    fail(
      'too_large',
      input,
      `Số tiền ${quote(input)} quá lớn.`,
      `The amount ${quote(input)} is too large (above Number.MAX_SAFE_INTEGER).`,
    );
  }
  return Number(value);
}

function combine({ integer, fraction }: Digits, factor: bigint, input: unknown): number {
  const scale = 10n ** BigInt(fraction.length);
  const scaled = (BigInt(integer) * scale + BigInt(fraction === '' ? '0' : fraction)) * factor;
  if (scaled % scale !== 0n) {
    fail(
      'fractional',
      input,
      `Số tiền VND phải là số nguyên đồng: ${quote(input)} có phần lẻ.`,
      `VND amounts must be whole đồng: ${quote(input)} has a fractional part.`,
    );
  }
  return toSafeNumber(scaled / scale, input);
}

function parseNumberInput(input: number): number {
  if (!Number.isFinite(input)) {
    fail('not_a_number', input, `${quote(input)} không phải là số.`, `${quote(input)} is not a number.`);
  }
  if (input < 0)
    fail(
      'negative',
      input,
      `Số tiền không được âm: ${quote(input)}.`,
      `The amount must not be negative: ${quote(input)}.`,
    );
  if (!Number.isInteger(input)) {
    fail(
      'fractional',
      input,
      `Số tiền VND phải là số nguyên đồng: ${quote(input)} có phần lẻ.`,
      `VND amounts must be whole đồng: ${quote(input)} has a fractional part.`,
    );
  }
  if (input > Number.MAX_SAFE_INTEGER) {
    fail(
      'too_large',
      input,
      `Số tiền ${quote(input)} quá lớn.`,
      `The amount ${quote(input)} is too large (above Number.MAX_SAFE_INTEGER).`,
    );
  }
  return input === 0 ? 0 : input; // turns -0 into 0
}

/**
 * Reads a VND amount written the way Vietnamese shops and spreadsheets write it, and returns an
 * integer number of đồng. Accepts 45000, "45.000", "45.000 ₫", "45,000đ", "1.250.000 VND", "45k",
 * "1,2tr", "1.2 triệu", "1tr2", "1 250 000".
 *
 * @throws {VndParseError} with `code` `empty` | `not_a_number` | `negative` | `fractional` |
 *   `ambiguous` | `malformed` | `too_large` and bilingual messages.
 */
export function parseVnd(input: string | number): number {
  if (typeof input === 'number') return parseNumberInput(input);
  if (typeof input !== 'string') {
    fail(
      'not_a_number',
      input,
      'Số tiền phải là số hoặc chuỗi ký tự.',
      'The amount must be a number or a string.',
    );
  }
  let text = toNfc(input).replace(SPACES, ' ').trim().toLowerCase();
  text = text.replace(CURRENCY_SUFFIX, '').replace(CURRENCY_PREFIX, '').trim();
  if (text === '') fail('empty', input, 'Chưa nhập số tiền.', 'The amount is empty.');
  if (/^[-−–]|^\(.*\)$/.test(text)) {
    fail(
      'negative',
      input,
      `Số tiền không được âm: ${quote(input)}.`,
      `The amount must not be negative: ${quote(input)}.`,
    );
  }
  if (!/\d/.test(text))
    fail(
      'not_a_number',
      input,
      `${quote(input)} không phải là số tiền.`,
      `${quote(input)} is not an amount of money.`,
    );

  const spoken = SPOKEN_UNIT.exec(text.replace(/ /g, ''));
  if (spoken !== null) {
    const [, integer = '', unit = '', fraction = ''] = spoken;
    return combine({ integer, fraction }, SPOKEN_FACTORS[unit] ?? 1n, input);
  }

  let factor = 1n;
  for (const [pattern, unitFactor] of UNITS) {
    if (pattern.test(text)) {
      factor = unitFactor;
      text = text.replace(pattern, '').trim();
      break;
    }
  }
  const digits = splitNumber(removeGroupingSpaces(text, input), factor !== 1n, input);
  return combine(digits, factor, input);
}

/** Like {@link parseVnd} but returns `undefined` instead of throwing. */
export function tryParseVnd(input: string | number): number | undefined {
  try {
    return parseVnd(input);
  } catch (error) {
    if (error instanceof VndParseError) return undefined;
    throw error;
  }
}

export interface FormatVndOptions {
  /**
   * Currency marker written after the number; `''` writes the bare number ("45.000").
   * @default '₫'
   */
  symbol?: '₫' | 'đ' | 'VND' | 'VNĐ' | '';
  /**
   * Separator between number and symbol. A no-break space (U+00A0) keeps "45.000 ₫" on one line
   * in labels and HTML; use `'space'` where a plain ASCII space is required.
   * @default 'nbsp'
   */
  space?: 'nbsp' | 'space' | 'none';
}

const FORMAT_VND_OPTIONS: Readonly<Record<keyof FormatVndOptions, VnExpected>> = {
  symbol: oneOf(['₫', 'đ', 'VND', 'VNĐ', '']),
  space: oneOf(['nbsp', 'space', 'none']),
};

/** Non-breaking space used by {@link formatVnd} by default. */
export const NBSP = '\u00a0';

/**
 * Writes an integer VND amount Vietnamese style: "." groups thousands, the symbol comes after:
 * `formatVnd(45000)` → "45.000 ₫" (with a no-break space). `parseVnd(formatVnd(n)) === n` for every
 * safe non-negative integer, whatever the options.
 *
 * @throws {VndParseError} `negative`, `fractional`, `too_large` or `not_a_number` for anything that
 *   is not a safe non-negative integer.
 */
export function formatVnd(amountVnd: number, options: FormatVndOptions = {}): string {
  const value = parseNumberInput(amountVnd);
  checkVnOptionTable(options, FORMAT_VND_OPTIONS);
  const digits = String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const symbol = options.symbol ?? '₫';
  if (symbol === '') return digits;
  const space = options.space ?? 'nbsp';
  const gap = space === 'nbsp' ? NBSP : space === 'space' ? ' ' : '';
  return `${digits}${gap}${symbol}`;
}
