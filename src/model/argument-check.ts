/**
 * A wrong-typed argument of a public function, in words: the same sentence in every layer ("name: must
 * be a string (got number)", in Vietnamese and English). Each layer throws it as its own error —
 * `core/argument-guards` as a ValidationError or ConfigurationError, `vn/arguments` as a VnInputError,
 * and the model's own helpers (which may import nothing else) as the root error, kind `validation`.
 */
import { OcopConnectError } from './error-root.js';

/** A Date whose time is NaN (`new Date('hôm qua')`): it prints as "Invalid Date". */
export const isInvalidDate = (value: unknown): value is Date =>
  value instanceof Date && Number.isNaN(value.getTime());

/**
 * What a value is, as a refusal names it: "number", "null", "array", "object" … — a Date is "Date"
 * ("Invalid Date" when its time is NaN), not "object".
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return isInvalidDate(value) ? 'Invalid Date' : 'Date';
  return typeof value;
}

/**
 * What a value is in both languages, as a refusal names it: {@link describeValue}'s word, except for an
 * empty (or blank) text, which is named as such ("empty text" / "chuỗi rỗng"), not as "string", and a
 * Date whose time is NaN ("an invalid date (Invalid Date)"), not as "object".
 */
export function describeValueIn(value: unknown): { vi: string; en: string } {
  if (isInvalidDate(value))
    return { vi: 'một ngày giờ không hợp lệ (thời gian là NaN)', en: 'an invalid date (Invalid Date)' };
  if (typeof value === 'string' && value.trim() === '')
    return value === ''
      ? { vi: 'chuỗi rỗng', en: 'empty text' }
      : { vi: 'chuỗi chỉ có khoảng trắng', en: 'blank text' };
  const word = describeValue(value);
  return { vi: word, en: word };
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What `name` must be and what it was, in both languages. */
export function argumentProblem(
  name: string,
  value: unknown,
  expected: { readonly vi: string; readonly en: string },
): { vi: string; en: string } {
  const got = describeValueIn(value);
  return {
    vi: `${name}: phải là ${expected.vi} (nhận được ${got.vi})`,
    en: `${name}: must be ${expected.en} (got ${got.en})`,
  };
}

export const MODEL_TEXT = { vi: 'một chuỗi', en: 'a string' } as const;
export const MODEL_OBJECT = { vi: 'một đối tượng', en: 'an object' } as const;

/** The model helpers' refusal of a wrong-typed argument: kind `validation`, in both languages. */
export function checkModelArgument(
  fits: boolean,
  name: string,
  value: unknown,
  expected: { readonly vi: string; readonly en: string },
): void {
  if (fits) return;
  const problem = argumentProblem(name, value, expected);
  throw new OcopConnectError('validation', `${problem.vi} / ${problem.en}`);
}

/** The value at `path` inside `input` (a zod issue's path), or undefined where the path leaves the data. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
