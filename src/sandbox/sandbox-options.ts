/**
 * The sandboxes' option checks, one table per start function: an options value that is not an object,
 * a name the table does not have (with the nearest known name) and a wrong-typed value are refused
 * before anything starts, all problems in one bilingual error of the library's tree (kind
 * `configuration`, naming each option). The sandbox layer may not import `core/` (an emulator shares no
 * code with the client it checks), so this is the root error with the model's wording of a wrong type.
 */
import { argumentProblem, isPlainObject } from '../model/argument-check.js';
import { OcopConnectError } from '../model/error-root.js';
import type { BilingualText } from '../model/messages.js';
import { nearestName } from '../model/nearest-name.js';

/** What an option must be: a test, and the same in words. */
export interface OptionRule extends BilingualText {
  readonly fits: (value: unknown) => boolean;
}

/** A rule from its test and its words. */
export const rule = (fits: (value: unknown) => boolean, vi: string, en: string): OptionRule => ({
  fits,
  vi,
  en,
});

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const PORT = rule(
  (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535,
  'số cổng từ 0 đến 65535 (0 = cổng trống bất kỳ)',
  'a port number from 0 to 65535 (0 = any free port)',
);
export const A_NUMBER = rule(isNumber, 'một số', 'a number');
export const NON_NEGATIVE = rule((v) => isNumber(v) && v >= 0, 'một số không âm', 'a number, 0 or more');
export const WHOLE_NUMBER = rule(
  (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  'một số nguyên không âm',
  'a whole number, 0 or more',
);
export const RATE_OR_FALSE = rule(
  (v) => v === false || (isNumber(v) && v > 0),
  'một số lớn hơn 0, hoặc false (không giới hạn)',
  'a number greater than 0, or false (no limit)',
);
export const A_TEXT = rule(
  (v) => typeof v === 'string' && v !== '',
  'một chuỗi không rỗng',
  'a non-empty string',
);
export const A_BOOLEAN = rule((v) => typeof v === 'boolean', 'true hoặc false', 'true or false');
export const A_FUNCTION = rule((v) => typeof v === 'function', 'một hàm', 'a function');
export const AN_OBJECT = rule(isPlainObject, 'một đối tượng', 'an object');
export const A_LIST = rule(Array.isArray, 'một mảng', 'an array');
export const NUMBER_LIST = rule(
  (v) => Array.isArray(v) && v.every((n) => isNumber(n) && n >= 0),
  'một mảng các số không âm',
  'an array of numbers, 0 or more',
);
export const HAND_MADE = rule(
  (v) => v === 'ocop-seeds' || Array.isArray(v),
  "'ocop-seeds' hoặc một mảng tin đăng",
  "'ocop-seeds' or an array of listings",
);

/** One of `values` (strings or numbers), named in the refusal. */
export function oneOf(values: readonly (string | number)[]): OptionRule {
  const shown = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
  return rule((v) => values.includes(v as string | number), `một trong ${shown}`, `one of ${shown}`);
}

/** A start function's table: every option it takes (all optional: `undefined` always passes). */
export type OptionTable<Options> = { readonly [K in keyof Required<Options>]: OptionRule };

/**
 * `options` of `operation` (e.g. "startVosoSandbox") against its table; throws one configuration
 * error listing every problem. `undefined` (no options) passes.
 */
export function checkSandboxOptions<Options>(
  operation: string,
  options: unknown,
  table: OptionTable<Options>,
): asserts options is Options | undefined {
  if (options === undefined) return;
  const rules: Readonly<Record<string, OptionRule>> = table;
  const problems: BilingualText[] = [];
  if (!isPlainObject(options)) {
    problems.push(argumentProblem('options', options, AN_OBJECT));
  } else {
    for (const name of Object.keys(options)) {
      if (Object.hasOwn(rules, name)) continue;
      const near = nearestName(name, Object.keys(rules));
      problems.push({
        vi: `${name}: không có tùy chọn này${near ? ` (có phải "${near}"?)` : ''}`,
        en: `${name}: no such option${near ? ` (did you mean "${near}"?)` : ''}`,
      });
    }
    for (const [name, expected] of Object.entries(rules)) {
      const value = options[name];
      if (value !== undefined && !expected.fits(value)) problems.push(argumentProblem(name, value, expected));
    }
  }
  refuseOptions(operation, problems);
}

/** Throws, when `problems` is not empty, one configuration error of `operation` listing them all. */
export function refuseOptions(operation: string, problems: readonly BilingualText[]): void {
  if (problems.length === 0) return;
  throw new OcopConnectError(
    'configuration',
    {
      vi: `${operation}: tùy chọn không hợp lệ: ${problems.map((p) => p.vi).join('; ')}`,
      en: `${operation}: invalid options: ${problems.map((p) => p.en).join('; ')}`,
    },
    { operation },
  );
}
