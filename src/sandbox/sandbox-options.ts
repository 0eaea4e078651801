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
  /**
   * The problems of a value that does not fit, each naming its own path under `name` (an object's rule
   * names the field, or the key it does not know); without it, one problem names `name` and the rule.
   */
  readonly problemsOf?: (name: string, value: unknown) => BilingualText[];
}

/** Why `value`, given as `name`, breaks `expected`: nothing when it fits. */
export function problemsOf(name: string, value: unknown, expected: OptionRule): BilingualText[] {
  if (expected.problemsOf) return expected.problemsOf(name, value);
  return expected.fits(value) ? [] : [argumentProblem(name, value, expected)];
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

/** An http(s) URL (a webhook's target). */
export const A_URL = rule(
  (v) => typeof v === 'string' && /^https?:$/.test(URL.parse(v)?.protocol ?? ''),
  'một URL http(s) đầy đủ (http://…)',
  'a full http(s) URL (http://…)',
);

/**
 * `name.key: no such field (did you mean …?)`, in both languages; with no near name, the fields there
 * are (`faults.latencyMs` on Shopee: "(fields: failNext, dropAfterCommit)").
 */
export function unknownFieldProblem(path: string, key: string, known: readonly string[]): BilingualText {
  const near = nearestName(key, known);
  if (near)
    return {
      vi: `${path}.${key}: không có trường này (có phải "${near}"?)`,
      en: `${path}.${key}: no such field (did you mean "${near}"?)`,
    };
  const listed = known.join(', ');
  return {
    vi: `${path}.${key}: không có trường này${listed ? ` (các trường: ${listed})` : ''}`,
    en: `${path}.${key}: no such field${listed ? ` (fields: ${listed})` : ''}`,
  };
}

/**
 * An object whose fields `fields` must fit their rules (each may be left out unless `required`), and
 * which has no other key: a typo (`{ failnext: … }`) is refused with the nearest known field, not
 * ignored (`others: 'allowed'` lets other keys through). Each problem names its field
 * (`faults.failNext.createOrdr`).
 */
export function objectWith(
  fields: Readonly<Record<string, OptionRule>>,
  required: readonly string[] = [],
  { others = 'refused', words }: { others?: 'refused' | 'allowed'; words?: BilingualText } = {},
): OptionRule {
  const known = Object.keys(fields);
  // A field with rules of its own (an object, a list) is only named: its problems name its own fields.
  const list = (pick: (r: OptionRule) => string) =>
    Object.entries(fields)
      .map(([name, r]) => (r.problemsOf ? name : `${name}: ${pick(r)}`))
      .join(', ');
  const whole = words ?? {
    vi: `một đối tượng { ${list((r) => r.vi)} }`,
    en: `an object { ${list((r) => r.en)} }`,
  };
  const problems = (name: string, value: unknown): BilingualText[] => {
    if (!isPlainObject(value)) return [argumentProblem(name, value, whole)];
    return [
      ...Object.keys(value)
        .filter((key) => others === 'refused' && !Object.hasOwn(fields, key) && value[key] !== undefined)
        .map((key) => unknownFieldProblem(name, key, known)),
      ...required
        .filter((key) => value[key] === undefined)
        .map((key) => ({
          vi: `${name}.${key}: bắt buộc nhưng chưa có (${fields[key]?.vi})`,
          en: `${name}.${key}: is required but missing (${fields[key]?.en})`,
        })),
      ...Object.entries(fields).flatMap(([key, r]) =>
        value[key] === undefined ? [] : problemsOf(`${name}.${key}`, value[key], r),
      ),
    ];
  };
  return { ...whole, fits: (v) => problems('', v).length === 0, problemsOf: problems };
}

/** Counts per name (`{ createOrder: 1 }`): each key one of `names`, each count a whole number, 0 or more. */
export function countsOf(names: readonly string[]): OptionRule {
  return objectWith(Object.fromEntries(names.map((name) => [name, WHOLE_NUMBER])), [], {
    words: {
      vi: 'một đối tượng { tên thao tác: số lần (số nguyên không âm) }',
      en: 'an object { operation name: count (a whole number, 0 or more) }',
    },
  });
}

/** An array whose every item fits `item`; each wrong item is named by its index. */
export function listOf(item: OptionRule): OptionRule {
  const problems = (name: string, value: unknown): BilingualText[] =>
    Array.isArray(value)
      ? value.flatMap((v, index) => problemsOf(`${name}[${index}]`, v, item))
      : [argumentProblem(name, value, { vi: `một mảng (${item.vi})`, en: `an array (of ${item.en})` })];
  return {
    vi: `một mảng (${item.vi})`,
    en: `an array (of ${item.en})`,
    fits: (v) => problems('', v).length === 0,
    problemsOf: problems,
  };
}

/** One of `values` (strings or numbers), named in the refusal; a misspelt text with the nearest one. */
export function oneOf(values: readonly (string | number)[]): OptionRule {
  const shown = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
  const fits = (v: unknown) => values.includes(v as string | number);
  const words = { vi: `một trong ${shown}`, en: `one of ${shown}` };
  const names = values.filter((v): v is string => typeof v === 'string');
  return {
    ...words,
    fits,
    problemsOf: (name, value) => {
      if (fits(value)) return [];
      const near = typeof value === 'string' ? nearestName(value, names) : undefined;
      if (!near) return [argumentProblem(name, value, words)];
      return [
        {
          vi: `${name}: phải là ${words.vi} (nhận được '${value}') — có phải '${near}'?`,
          en: `${name}: must be ${words.en} (got '${value}') — did you mean '${near}'?`,
        },
      ];
    },
  };
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
      if (value !== undefined) problems.push(...problemsOf(name, value, expected));
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
