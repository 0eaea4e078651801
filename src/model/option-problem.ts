/**
 * A problem with an option or a request field, in the one form every ConfigurationError problem takes:
 * `path: Vietnamese / path: English` — the path named in both languages, Vietnamese first, each half in
 * its own language. `zodProblems` words zod's issues that way (zod's own text is English only).
 */
import type { z } from 'zod';
import { checkModelArgument, describeValueIn, isPlainObject, valueAt } from './argument-check.js';
import { splitBilingual } from './error-text.js';
import type { BilingualText } from './messages.js';
import { nearestName } from './nearest-name.js';
import { knownNamesAt } from './unknown-fields.js';
import { EXPECTED_TYPE } from './validation.js';

/** `path: vi / path: en` (a half may not hold " / ": the error splits the problem there). */
export function pathProblem(path: string, vi: string, en: string): string {
  return `${path}: ${vi} / ${path}: ${en}`;
}

/** The model's words for a type, but "a string" where the model says "text" (an option is code). */
const EXPECTED: Readonly<Record<string, BilingualText>> = {
  ...EXPECTED_TYPE,
  string: { vi: 'một chuỗi', en: 'a string' },
  record: { vi: 'một đối tượng', en: 'an object' },
  function: { vi: 'một hàm', en: 'a function' },
};

/**
 * Reasons for the model's coded messages (`weight.positive_integer` …) without the field's name, which
 * the caller puts in front (a config key, a command-line option).
 */
const CODED: Readonly<Record<string, BilingualText>> = {
  'vnd.positive_integer': {
    vi: 'phải là số nguyên lớn hơn 0 (đồng)',
    en: 'must be a whole number greater than 0 (VND)',
  },
  'weight.positive_integer': {
    vi: 'phải là số nguyên lớn hơn 0 (gam)',
    en: 'must be a whole number greater than 0 (grams)',
  },
  'dimension.positive_integer': {
    vi: 'phải là số nguyên lớn hơn 0 (cm)',
    en: 'must be a whole number greater than 0 (cm)',
  },
  'shelf_life.positive_integer': {
    vi: 'phải là số ngày nguyên lớn hơn 0',
    en: 'must be a whole number of days greater than 0',
  },
};

/**
 * Why one zod issue failed, in both languages, without the path (never the value: it may be a secret).
 * `names`: the names the object at the issue's path knows, for the nearest of an unknown one.
 */
function reasonOf(
  issue: z.core.$ZodIssue,
  value: unknown,
  known = true,
  names: readonly string[] = [],
): BilingualText {
  // A schema's own message written "vi / en" (or "en / vi") is already bilingual.
  const own = splitBilingual(issue.message);
  if (own) return own;
  if (known && value === undefined && issue.code !== 'unrecognized_keys')
    return { vi: 'bắt buộc nhưng chưa có', en: 'is required but missing' };
  const coded = CODED[issue.message];
  if (coded) return coded;
  switch (issue.code) {
    case 'invalid_type': {
      const want = EXPECTED[issue.expected] ?? { vi: issue.expected, en: issue.expected };
      if (!known) return { vi: `phải là ${want.vi}`, en: `must be ${want.en}` };
      const got = describeValueIn(value);
      return { vi: `phải là ${want.vi} (nhận được ${got.vi})`, en: `must be ${want.en} (got ${got.en})` };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1
          ? { vi: 'không được để trống', en: 'must not be empty' }
          : { vi: `phải có ít nhất ${min} ký tự`, en: `must have at least ${min} characters` };
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
      return issue.format === 'url'
        ? { vi: 'phải là một URL đầy đủ (https://…)', en: 'must be a full URL (https://…)' }
        : { vi: `sai định dạng (${issue.format})`, en: `wrong format (${issue.format})` };
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { vi: `phải là một trong: ${values}`, en: `must be one of: ${values}` };
    }
    case 'unrecognized_keys': {
      const near = (key: string) => nearestName(key, names);
      const keys = (lang: 'vi' | 'en') =>
        issue.keys
          .map((key) => {
            const name = near(key);
            if (!name) return key;
            return lang === 'vi' ? `${key} (có phải "${name}"?)` : `${key} (did you mean "${name}"?)`;
          })
          .join(', ');
      return { vi: `không có tùy chọn: ${keys('vi')}`, en: `no such option: ${keys('en')}` };
    }
    case 'not_multiple_of':
      return { vi: `phải là bội số của ${issue.divisor}`, en: `must be a multiple of ${issue.divisor}` };
    default:
      return { vi: 'giá trị không hợp lệ', en: 'is not a valid value' };
  }
}

const ZOD_ISSUE = { vi: 'một lỗi của zod ({ code, path, … })', en: 'a zod issue ({ code, path, … })' };
const isIssue = (issue: unknown): issue is z.core.$ZodIssue =>
  isPlainObject(issue) && typeof issue.code === 'string' && Array.isArray(issue.path);

/**
 * Why one zod issue (of a parse of `input`) failed, in Vietnamese and English, without its path: the
 * library's own wording for its options, for a caller who checks its own settings with zod (the CLI
 * does, for its config file). Names the kind of a wrong value, never the value: it may be a secret.
 */
export function zodIssueText(issue: z.core.$ZodIssue, input?: unknown): BilingualText {
  checkModelArgument(isIssue(issue), 'issue', issue, ZOD_ISSUE);
  // Without the input, the value (missing or of another type) is not known: only the rule is named.
  if (input === undefined && issue.path.length > 0) return reasonOf(issue, undefined, false);
  return reasonOf(issue, issue.path.length > 0 ? valueAt(input, issue.path) : input);
}

/**
 * Each issue of a failed parse of `input` as `path: vi / path: en`, the path under `prefix` (the
 * options' own name when the issue is about the whole input: `options`, `request`). With the `schema`
 * that was parsed, an unknown name is given with the nearest name it knows (did you mean …?).
 */
export function zodProblems(
  error: z.core.$ZodError,
  input: unknown,
  prefix = 'options',
  schema?: z.ZodType,
): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || prefix;
    const value = issue.path.length > 0 ? valueAt(input, issue.path) : input;
    const names = schema && issue.code === 'unrecognized_keys' ? knownNamesAt(schema, issue.path) : [];
    const reason = reasonOf(issue, value, true, names);
    return pathProblem(path, reason.vi, reason.en);
  });
}
