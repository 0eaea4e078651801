/**
 * A cancel reason, checked before anything is read or sent: one check for every way to cancel — an
 * adapter's `cancelOrder` (through `encodeCancel`) and `Connector.cancelOrder`.
 */
import { ValidationError } from '../../core/errors.js';
import { describeValue, describeValueIn, isPlainObject } from '../../model/argument-check.js';
import { nearestName } from '../../model/nearest-name.js';
import { type CancelReason, CancelReasonSchema } from '../../model/order.js';

/** The codes a cancel reason can have, with what each means in Vietnamese (the words shown to a clerk). */
const REASON_WORDS: readonly (readonly [string, string, string])[] = [
  ['OUT_OF_STOCK', 'hết hàng', 'out of stock'],
  ['BUYER_REQUEST', 'người mua yêu cầu hủy', 'the buyer asked'],
  ['WRONG_PRICE', 'sai giá', 'wrong price'],
  ['CANNOT_SHIP', 'không giao được', 'cannot ship'],
];

const REASON_CODES: readonly string[] = [...REASON_WORDS.map(([c]) => c), 'OTHER'];

/** Vietnamese words for a reason, written without accents too, as a clerk types them. */
const VIETNAMESE_REASONS: Readonly<Record<string, string>> = {
  'het hang': 'OUT_OF_STOCK',
  'khong co hang': 'OUT_OF_STOCK',
  'khong con hang': 'OUT_OF_STOCK',
  'nguoi mua yeu cau huy': 'BUYER_REQUEST',
  'khach huy': 'BUYER_REQUEST',
  'sai gia': 'WRONG_PRICE',
  'khong giao duoc': 'CANNOT_SHIP',
};

/** The code a mistyped reason most likely means: a code a few letters off, or its Vietnamese words. */
function nearestReason(reason: unknown): string | undefined {
  const text = typeof reason === 'string' ? reason : isPlainObject(reason) ? reason.code : undefined;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const words = VIETNAMESE_REASONS[folded];
  if (words) return words;
  const code = folded.toUpperCase().replace(/ /g, '_');
  if (REASON_CODES.includes(code) && code !== text) return code;
  return nearestName(code, REASON_CODES);
}

/** A code written in another case or with spaces around it (`'out_of_stock'`, `' Other'`): the code itself. */
function canonicalCode(code: unknown): unknown {
  if (typeof code !== 'string') return code;
  const upper = code.trim().toUpperCase();
  return REASON_CODES.includes(upper) ? upper : code;
}

/**
 * The reason with its code in the canonical case: `'out_of_stock'` → `'OUT_OF_STOCK'`,
 * `{ code: 'other', note }` → `{ code: 'OTHER', note }`. Anything else is returned as given.
 */
function canonicalReason(reason: unknown): unknown {
  if (typeof reason === 'string') return canonicalCode(reason);
  if (isPlainObject(reason) && 'code' in reason) return { ...reason, code: canonicalCode(reason.code) };
  return reason;
}

/** Whether `reason` is a cancel reason as checkCancelReason takes it (a code in any case included). */
export function isCancelReason(reason: unknown): boolean {
  return CancelReasonSchema.safeParse(canonicalReason(reason)).success;
}

/** Fields of `{ code, note }` besides those two (`{ code, reason }`): named with the nearest field. */
function checkReasonFields(reason: unknown, at: { platform?: string }): void {
  if (!isPlainObject(reason)) return;
  const unknown = Object.keys(reason).filter((k) => k !== 'code' && k !== 'note');
  if (unknown.length === 0) return;
  throw new ValidationError(
    { vi: 'Lý do hủy đơn không hợp lệ', en: 'Invalid cancel reason' },
    unknown.map((field) => {
      const near = nearestName(field, ['code', 'note']);
      return {
        path: `reason.${field}`,
        value: reason[field],
        code: 'unknown_field',
        messageVi: `reason.${field}: không có trường này; lý do hủy là { code, note }${near ? ` (có phải "reason.${near}"?)` : ''}`,
        messageEn: `reason.${field}: no such field; a cancel reason is { code, note }${near ? ` (did you mean "reason.${near}"?)` : ''}`,
        ...at,
      };
    }),
  );
}

/**
 * A known code whose note is the problem (OTHER without one, an empty or blank note, not a text, too
 * long): refused naming `reason.note` and why, not as an unknown reason.
 */
function checkReasonNote(reason: unknown, at: { platform?: string }): void {
  if (!isPlainObject(reason) || !REASON_CODES.includes(String(reason.code))) return;
  if (Object.keys(reason).some((k) => k !== 'code' && k !== 'note')) return;
  const note = reason.note;
  const other = reason.code === 'OTHER';
  let why: { vi: string; en: string } | undefined;
  if (note === undefined) {
    if (other)
      why = {
        vi: 'bắt buộc khi code là "OTHER" (lời giải thích gửi cho người mua)',
        en: 'is required when code is "OTHER" (the explanation sent to the buyer)',
      };
  } else if (typeof note !== 'string') {
    const got = describeValueIn(note);
    why = { vi: `phải là một chuỗi (nhận được ${got.vi})`, en: `must be a text (got ${got.en})` };
  } else if (note.trim() === '') {
    const got = describeValueIn(note);
    why = { vi: `không được để trống (nhận được ${got.vi})`, en: `must not be empty (got ${got.en})` };
  } else if (note.trim().length > 255) why = { vi: 'dài quá 255 ký tự', en: 'is longer than 255 characters' };
  if (!why) return;
  throw new ValidationError({ vi: 'Lý do hủy đơn không hợp lệ', en: 'Invalid cancel reason' }, [
    {
      path: 'reason.note',
      value: note,
      code: 'order.cancel_reason',
      messageVi: `reason.note: ${why.vi}`,
      messageEn: `reason.note: ${why.en}`,
      ...at,
    },
  ]);
}

/**
 * The reason as the platforms are sent it, checked before anything is read or sent. A known code in
 * another case or with spaces around it (`'out_of_stock'`, `{ code: 'Other', note }`) is that code
 * (returned in its canonical case). Anything else is a ValidationError naming `reason` (or
 * `reason.note` when the note is what is wrong, `reason.<field>` for a field a reason does not have),
 * listing the known reasons with their meaning, and the nearest one (`OUT_OF_STOK`, "khong co hang" →
 * OUT_OF_STOCK).
 */
export function checkCancelReason(reason: unknown, platform?: string): CancelReason {
  const canonical = canonicalReason(reason);
  if (CancelReasonSchema.safeParse(canonical).success) return canonical as CancelReason;
  const at = platform ? { platform } : {};
  checkReasonFields(reason, at);
  checkReasonNote(canonical, at);
  const near = nearestReason(reason);
  const known = (lang: 1 | 2) =>
    `${REASON_WORDS.map((words) => `${words[0]} (${words[lang]})`).join(', ')}, ${lang === 1 ? 'hoặc' : 'or'} { code: "OTHER", note: "…" }`;
  const given =
    typeof reason === 'string'
      ? JSON.stringify(reason)
      : isPlainObject(reason) && typeof reason.code === 'string'
        ? `{ code: ${JSON.stringify(reason.code)} }`
        : describeValue(reason);
  const vi = `reason: ${given} không phải là lý do hủy; dùng ${known(1)}${near ? ` — có phải "${near}"?` : ''}`;
  const en = `reason: ${given} is not a cancel reason; use ${known(2)}${near ? ` — did you mean "${near}"?` : ''}`;
  throw new ValidationError({ vi: 'Lý do hủy đơn không hợp lệ', en: 'Invalid cancel reason' }, [
    { path: 'reason', value: reason, code: 'order.cancel_reason', messageVi: vi, messageEn: en, ...at },
  ]);
}
