import { defineErrorField, OcopConnectError } from '../model/error-root.js';
import { VnInputError } from '../vn/errors.js';
import { parseVnd } from '../vn/money.js';
import { searchKey } from '../vn/text.js';

/** A cell could not be read; becomes a ValidationIssue naming the row and the column. */
export class CellError extends OcopConnectError {
  declare readonly code: string;
  constructor(code: string, messageVi: string, messageEn: string) {
    super('validation', { vi: messageVi, en: messageEn });
    defineErrorField(this, 'code', code);
  }
}

export type CellValue = string | number | boolean | Date | null | undefined;

export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  return String(value).normalize('NFC').trim();
}

function isoDate(date: Date): string {
  // Excel dates arrive as UTC midnight; use UTC parts so a date never shifts by the local zone.
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

export function readMoney(value: CellValue): number | undefined {
  if (typeof value === 'number') return value;
  const text = cellText(value);
  if (text === '') return undefined;
  try {
    return parseVnd(text);
  } catch (error) {
    if (error instanceof VnInputError)
      throw new CellError(`money.${error.code}`, error.messageVi, error.messageEn);
    throw error;
  }
}

/** What a whole-number column counts, for a value with a fractional part. */
const WHOLE = {
  g: {
    vi: 'khối lượng ghi bằng số gam nguyên, ví dụ 1500 (không phải 1,5 kg)',
    en: 'the weight is written in whole grams, e.g. 1500 (not 1.5 kg)',
  },
  cm: {
    vi: 'kích thước ghi bằng số xentimét nguyên, ví dụ 15',
    en: 'sizes are written in whole centimetres, e.g. 15',
  },
  none: { vi: 'cột này nhận số nguyên, ví dụ 12', en: 'this column takes a whole number, e.g. 12' },
} as const;

/**
 * Whole numbers written the Vietnamese way ("1.000" is one thousand). A unit the header already states
 * ("600 g", "15 cm") is tolerated.
 */
export function readWholeNumber(value: CellValue, unit?: 'g' | 'cm'): number | undefined {
  if (typeof value === 'number') return value;
  let text = cellText(value);
  if (text === '') return undefined;
  if (unit) text = text.replace(new RegExp(`\\s*${unit}$`, 'i'), '');
  if (/^[-−–]\s*\d/.test(text)) {
    throw new CellError(
      'number.negative',
      `"${text}" là số âm; hãy ghi số 0 hoặc lớn hơn`,
      `"${text}" is negative; write 0 or more`,
    );
  }
  if (!/^[\d.,\s]+$/.test(text)) {
    throw new CellError(
      'number.not_a_number',
      `"${cellText(value)}" không phải là số`,
      `"${cellText(value)}" is not a number`,
    );
  }
  try {
    return parseVnd(text);
  } catch (error) {
    if (error instanceof VnInputError && error.code === 'fractional') {
      // "1,5" in the grams column is not money: say what the column counts (#18).
      const whole = WHOLE[unit ?? 'none'];
      throw new CellError(
        'number.fractional',
        `"${cellText(value)}" có phần lẻ: ${whole.vi}`,
        `"${cellText(value)}" has a fractional part: ${whole.en}`,
      );
    }
    if (error instanceof VnInputError) {
      throw new CellError(
        `number.${error.code}`,
        error.messageVi.replace(/số tiền/gi, 'số'),
        error.messageEn.replace(/amount/gi, 'number'),
      );
    }
    throw error;
  }
}

/** "15/09/2023", "15-09-2023", "2023-09-15" or an Excel date → "2023-09-15". */
export function readDate(value: CellValue): string | undefined {
  if (value instanceof Date) return isoDate(value);
  const text = cellText(value);
  if (text === '') return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : dmy
      ? { day: Number(dmy[1]), month: Number(dmy[2]), year: Number(dmy[3]) }
      : undefined;
  if (!parts) {
    throw new CellError(
      'date.format',
      `Ngày "${text}" không đúng dạng ngày/tháng/năm dd/mm/yyyy (ví dụ 15/09/2023)`,
      `Date "${text}" is not written as day/month/year, dd/mm/yyyy (e.g. 15/09/2023)`,
    );
  }
  const { day, month, year } = parts;
  // The message quotes the cell as typed: "31/02/2028", never a reformatted "2028-02-31".
  if (month < 1 || month > 12) {
    const swapped = !iso && day >= 1 && day <= 12 && month <= 31;
    throw new CellError(
      'date.format',
      swapped
        ? `Ngày "${text}" có tháng ${month}: có vẻ đang ghi tháng/ngày (kiểu Mỹ); mẫu ghi ngày/tháng/năm dd/mm/yyyy, tức là "${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}"`
        : `Ngày "${text}" có tháng ${month}, không có tháng đó; hãy ghi ngày/tháng/năm dd/mm/yyyy (ví dụ 15/09/2023)`,
      swapped
        ? `Date "${text}" has month ${month}: it looks written month/day (US style); the template takes day/month/year, dd/mm/yyyy, i.e. "${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}"`
        : `Date "${text}" has month ${month}, which does not exist; write day/month/year, dd/mm/yyyy (e.g. 15/09/2023)`,
    );
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    throw new CellError(
      'date.format',
      `Ngày "${text}" không có thật: tháng ${month} năm ${year} có ${daysInMonth} ngày (mẫu ghi ngày/tháng/năm dd/mm/yyyy)`,
      `Date "${text}" does not exist: month ${month} of ${year} has ${daysInMonth} days (the template takes day/month/year, dd/mm/yyyy)`,
    );
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NET_UNITS: Record<string, 'g' | 'kg' | 'ml' | 'l' | 'piece'> = {
  g: 'g',
  gr: 'g',
  gam: 'g',
  gram: 'g',
  kg: 'kg',
  ml: 'ml',
  l: 'l',
  lit: 'l',
  lít: 'l',
  cai: 'piece',
  cái: 'piece',
  qua: 'piece',
  quả: 'piece',
  piece: 'piece',
};

/** "500 g", "1,5 kg", "500ml" → `{ value, unit }`. */
export function readNetContent(
  value: CellValue,
): { value: number; unit: 'g' | 'kg' | 'ml' | 'l' | 'piece' } | undefined {
  const text = cellText(value).toLowerCase();
  if (text === '') return undefined;
  const match = /^(\d+(?:[.,]\d+)?)\s*([\p{L}]+)$/u.exec(text);
  const unit = match ? NET_UNITS[match[2] ?? ''] : undefined;
  if (!match || !unit) {
    throw new CellError(
      'net_content.format',
      `Khối lượng tịnh "${cellText(value)}" phải có số và đơn vị, ví dụ "500 g", "1 kg", "500 ml"`,
      `Net content "${cellText(value)}" needs a number and a unit, e.g. "500 g", "1 kg", "500 ml"`,
    );
  }
  return { value: Number((match[1] ?? '').replace(',', '.')), unit };
}

const PRODUCER_TYPES: Record<string, 'cooperative' | 'cooperative_group' | 'enterprise' | 'household'> = {
  htx: 'cooperative',
  'hop tac xa': 'cooperative',
  cooperative: 'cooperative',
  'to hop tac': 'cooperative_group',
  tht: 'cooperative_group',
  cooperative_group: 'cooperative_group',
  'doanh nghiep': 'enterprise',
  'cong ty': 'enterprise',
  dn: 'enterprise',
  enterprise: 'enterprise',
  'ho kinh doanh': 'household',
  'ho gia dinh': 'household',
  'ho san xuat': 'household',
  hkd: 'household',
  household: 'household',
};

/** Header and keyword matching ignores accents, case and punctuation (the vn layer's search key). */
export const foldKey = searchKey;

export function readProducerType(value: CellValue): string | undefined {
  const text = cellText(value);
  if (text === '') return undefined;
  const type = PRODUCER_TYPES[foldKey(text)];
  if (!type) {
    throw new CellError(
      'producer_type.unknown',
      `Loại chủ thể "${text}" không rõ; hãy ghi HTX, Tổ hợp tác, Doanh nghiệp hoặc Hộ kinh doanh`,
      `Producer type "${text}" is unknown; write HTX, Tổ hợp tác, Doanh nghiệp or Hộ kinh doanh`,
    );
  }
  return type;
}

export function readStatus(value: CellValue): 'active' | 'inactive' | undefined {
  const key = foldKey(cellText(value));
  if (key === '') return undefined;
  if (['dang ban', 'active', 'ban', 'co'].includes(key)) return 'active';
  if (['ngung ban', 'inactive', 'tam ngung', 'an'].includes(key)) return 'inactive';
  throw new CellError(
    'status.unknown',
    `Trạng thái "${cellText(value)}" không rõ; hãy ghi "Đang bán" hoặc "Ngừng bán"`,
    `Status "${cellText(value)}" is unknown; write "Đang bán" (on sale) or "Ngừng bán" (off sale)`,
  );
}

export function readStars(value: CellValue): number | undefined {
  const text = cellText(value).replace(/\s*(sao|\*|★|stars?)$/i, '');
  if (text === '') return undefined;
  const stars = Number(text);
  if (!Number.isInteger(stars)) {
    throw new CellError('ocop.stars', 'Hạng sao OCOP phải là 3, 4 hoặc 5', 'OCOP stars must be 3, 4 or 5');
  }
  return stars;
}

/**
 * Gift-box components: "VL-MO x1; VL-TRM x 2; VL-CCV-200" (quantity 1 when left out; "×" and "*" work
 * too). Empty cell: not a gift box.
 */
export function readBundle(
  value: CellValue,
): { components: { sku: string; quantity: number }[] } | undefined {
  const text = cellText(value);
  if (text === '') return undefined;
  const components = text
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:[x×*]\s*(\d+))?$/u.exec(part);
      if (!match) {
        throw new CellError(
          'bundle.format',
          `"${part}" không đọc được; ghi "MÃ-SKU x số lượng", cách nhau bằng dấu ;`,
          `Cannot read "${part}"; write "SKU x quantity", separated by ;`,
        );
      }
      return { sku: match[1]!, quantity: match[2] ? Number(match[2]) : 1 };
    });
  return { components };
}
