import type { z } from 'zod';
import type { Bilingual } from './errors.js';

type Issue = z.core.$ZodIssue;

/** The kind of a value as a user would name it, never the value itself (it may be a secret). */
function kindOf(value: unknown): Bilingual {
  if (value === undefined) return { vi: 'không có', en: 'nothing' };
  if (value === null) return { vi: 'null', en: 'null' };
  if (Array.isArray(value)) return { vi: 'danh sách', en: 'a list' };
  switch (typeof value) {
    case 'string':
      return { vi: 'chữ', en: 'text' };
    case 'number':
      return { vi: 'số', en: 'a number' };
    case 'boolean':
      return { vi: 'true/false', en: 'true/false' };
    case 'object':
      return { vi: 'đối tượng { … }', en: 'an object { … }' };
    default:
      return { vi: typeof value, en: typeof value };
  }
}

const EXPECTED: Record<string, Bilingual> = {
  string: { vi: 'chữ', en: 'text' },
  number: { vi: 'số', en: 'a number' },
  int: { vi: 'số nguyên', en: 'a whole number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'đối tượng { … }', en: 'an object { … }' },
  array: { vi: 'danh sách [ … ]', en: 'a list [ … ]' },
  record: { vi: 'đối tượng { … }', en: 'an object { … }' },
};

/** The value at `path` inside `input`, to name its kind (not its content). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Messages some schemas of the library set as codes instead of words. */
const CODED: Record<string, Bilingual> = {
  'weight.positive_integer': {
    vi: 'phải là số nguyên lớn hơn 0 (gam)',
    en: 'must be a whole number greater than 0 (grams)',
  },
};

/**
 * One zod issue as a reason in both languages, for the thing called `name` (a config key path, an
 * option). Only the kind of a wrong value is named, never the value: config values may be secrets.
 */
export function zodIssueText(issue: Issue, input?: unknown): Bilingual {
  const coded = CODED[issue.message];
  if (coded) return coded;
  // Whatever the rule (a type, one of a union), a value that is not there is simply missing.
  if (input !== undefined && issue.path.length > 0 && valueAt(input, issue.path) === undefined)
    return { vi: 'bắt buộc nhưng chưa có', en: 'is required but missing' };
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(input, issue.path);
      if (got === undefined) return { vi: 'bắt buộc nhưng chưa có', en: 'is required but missing' };
      const want = EXPECTED[issue.expected] ?? { vi: issue.expected, en: issue.expected };
      const kind = kindOf(got);
      return { vi: `phải là ${want.vi}, đang là ${kind.vi}`, en: `must be ${want.en}, got ${kind.en}` };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1
          ? { vi: 'không được để trống', en: 'must not be empty' }
          : { vi: `phải có ít nhất ${min} ký tự`, en: `must have at least ${min} characters` };
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return { vi: `cần ít nhất ${min} mục`, en: `needs at least ${min} items` };
      return issue.inclusive
        ? { vi: `phải từ ${min} trở lên`, en: `must be ${min} or more` }
        : { vi: `phải lớn hơn ${min}`, en: `must be greater than ${min}` };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string')
        return { vi: `tối đa ${max} ký tự`, en: `must have at most ${max} characters` };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { vi: `tối đa ${max} mục`, en: `at most ${max} items` };
      return issue.inclusive
        ? { vi: `phải từ ${max} trở xuống`, en: `must be ${max} or less` }
        : { vi: `phải nhỏ hơn ${max}`, en: `must be less than ${max}` };
    }
    case 'invalid_format':
      if (issue.format === 'url')
        return {
          vi: 'phải là địa chỉ URL đầy đủ (https://…)',
          en: 'must be a full URL (https://…)',
        };
      return { vi: `sai định dạng (${issue.format})`, en: `wrong format (${issue.format})` };
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { vi: `phải là một trong: ${values}`, en: `must be one of: ${values}` };
    }
    case 'unrecognized_keys':
      return {
        vi: `khóa không được nhận: ${issue.keys.join(', ')}`,
        en: `unknown key: ${issue.keys.join(', ')}`,
      };
    case 'not_multiple_of':
      return { vi: `phải là bội số của ${issue.divisor}`, en: `must be a multiple of ${issue.divisor}` };
    case 'invalid_union':
      return { vi: 'giá trị không hợp lệ', en: 'is not a valid value' };
    default:
      return { vi: `không hợp lệ (${issue.message})`, en: `is invalid (${issue.message})` };
  }
}

/**
 * English phrases of zod's default messages (as the library's ConfigurationError carries them, e.g.
 * "credentials.password: Too small: expected string to have >=1 characters") in Vietnamese, for the
 * Vietnamese line; the English text is kept as it is for the English one.
 */
const PHRASES: readonly [RegExp, string | ((...groups: string[]) => string)][] = [
  [/Too small: expected string to have >=1 characters?/g, 'không được để trống'],
  [/Too small: expected string to have >=(\d+) characters?/g, 'phải có ít nhất $1 ký tự'],
  [/Too small: expected number to be >=(\S+)/g, 'phải từ $1 trở lên'],
  [/Too small: expected number to be >(\S+)/g, 'phải lớn hơn $1'],
  [/Too big: expected string to have <=(\d+) characters?/g, 'tối đa $1 ký tự'],
  [/Too big: expected number to be <=(\S+)/g, 'phải từ $1 trở xuống'],
  [/Invalid input: expected \w+, received undefined/g, 'bắt buộc nhưng chưa có'],
  [
    /Invalid input: expected (\w+), received (\w+)/g,
    (_: string, want: string, got: string) => `sai kiểu: cần ${typeVi(want)}, đang là ${typeVi(got)}`,
  ],
  [/Unrecognized keys?: /g, 'khóa không được nhận: '],
  [/Invalid option: expected one of /g, 'phải là một trong: '],
  [/Invalid URL/g, 'URL không hợp lệ'],
  [/required by the (\w+) profile \(([\w-]+)\)/g, 'bắt buộc với hồ sơ $1 ($2)'],
];

function typeVi(name: string): string {
  return EXPECTED[name]?.vi ?? name;
}

export function vietnameseProblem(english: string): string {
  return PHRASES.reduce(
    (text, [pattern, vi]) =>
      typeof vi === 'string' ? text.replace(pattern, vi) : text.replace(pattern, (...args) => vi(...args)),
    english,
  );
}
