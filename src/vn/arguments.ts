/**
 * The Vietnamese helpers' argument checks: a wrong-typed argument is a VnInputError (kind
 * `validation`, code `invalid_argument`) naming it in Vietnamese and English, never a TypeError
 * from deep inside. (`vn/` may not use core's guards: it sits below them.)
 */
import type { AddressEra } from '../model/address.js';
import { argumentProblem, isPlainObject, MODEL_OBJECT, MODEL_TEXT } from '../model/argument-check.js';
import { nearestName } from '../model/nearest-name.js';
import { VnInputError, type VnInputErrorDetails } from './errors.js';

/** The error a helper throws for a wrong argument: VnInputError, or its own subclass (VnPhoneError). */
export type VnArgumentError = new (details: VnInputErrorDetails) => VnInputError;

/** What a value must be, and the same in words (both languages). */
export interface VnExpected {
  readonly fits: (value: unknown) => boolean;
  readonly vi: string;
  readonly en: string;
}

function refuse(
  name: string,
  value: unknown,
  expected: { vi: string; en: string },
  ErrorClass: VnArgumentError = VnInputError,
): never {
  const problem = argumentProblem(name, value, expected);
  throw new ErrorClass({
    code: 'invalid_argument',
    messageVi: problem.vi,
    messageEn: problem.en,
    input: value,
  });
}

export function checkVnText(
  value: unknown,
  name: string,
  ErrorClass: VnArgumentError = VnInputError,
): asserts value is string {
  if (typeof value !== 'string') refuse(name, value, MODEL_TEXT, ErrorClass);
}

/** A value `expected` accepts, else a VnInputError (code `invalid_argument`) naming `name`. */
export function checkVnArgument(value: unknown, name: string, expected: VnExpected): void {
  if (!expected.fits(value)) refuse(name, value, expected);
}

/** One of `choices`, or left out. */
export function oneOf(choices: readonly unknown[]): VnExpected {
  const listed = choices.map((choice) => JSON.stringify(choice)).join(', ');
  return {
    fits: (value) => value === undefined || choices.includes(value),
    vi: `một trong ${listed} (hoặc bỏ trống)`,
    en: `one of ${listed} (or left out)`,
  };
}

export const A_VN_BOOLEAN_OR_NOTHING: VnExpected = {
  fits: (value) => value === undefined || typeof value === 'boolean',
  vi: 'true hoặc false (hoặc bỏ trống)',
  en: 'true or false (or left out)',
};

export const A_VN_TEXT_OR_NOTHING: VnExpected = {
  fits: (value) => value === undefined || (typeof value === 'string' && value !== ''),
  vi: 'một chuỗi không rỗng (hoặc bỏ trống)',
  en: 'a non-empty string (or left out)',
};

export const A_VN_POSITIVE_INTEGER_OR_NOTHING: VnExpected = {
  fits: (value) => value === undefined || (Number.isSafeInteger(value) && (value as number) >= 1),
  vi: 'một số nguyên ≥ 1 (hoặc bỏ trống)',
  en: 'an integer ≥ 1 (or left out)',
};

/**
 * Options: an object (or left out) whose every name the table lists (an unknown one is named with the
 * nearest known name) and whose every listed option is what its entry says. Every problem in one
 * VnInputError (code `invalid_argument`).
 */
export function checkVnOptionTable(
  value: unknown,
  table: Readonly<Record<string, VnExpected>>,
  name = 'options',
): void {
  checkVnOptions(value, name);
  if (value === undefined) return;
  const own = value as Readonly<Record<string, unknown>>;
  const known = Object.keys(table);
  const problems: { vi: string; en: string }[] = [];
  for (const key of Object.keys(own)) {
    if (Object.hasOwn(table, key)) continue;
    const near = nearestName(key, known);
    problems.push({
      vi: `${name}.${key}: không có tùy chọn này${near ? ` (có phải "${near}"?)` : ''}`,
      en: `${name}.${key}: no such option${near ? ` (did you mean "${near}"?)` : ''}`,
    });
  }
  for (const [key, expected] of Object.entries(table)) {
    if (!expected.fits(own[key])) problems.push(argumentProblem(`${name}.${key}`, own[key], expected));
  }
  if (problems.length === 0) return;
  throw new VnInputError({
    code: 'invalid_argument',
    messageVi: problems.map((problem) => problem.vi).join('; '),
    messageEn: problems.map((problem) => problem.en).join('; '),
    input: value,
  });
}

/** Options: an object, or left out. */
export function checkVnOptions(value: unknown, name = 'options'): void {
  if (value !== undefined && !isPlainObject(value))
    refuse(name, value, { vi: `${MODEL_OBJECT.vi} (hoặc bỏ trống)`, en: `${MODEL_OBJECT.en} (or left out)` });
}

const ERAS: readonly AddressEra[] = ['2025', 'legacy'];

/** An address era ('2025' or 'legacy'), or left out. */
export function checkVnEra(value: unknown, name = 'era'): void {
  if (value !== undefined && !ERAS.includes(value as AddressEra))
    refuse(name, value, {
      vi: '"2025" hoặc "legacy" (hoặc bỏ trống)',
      en: '"2025" or "legacy" (or left out)',
    });
}
