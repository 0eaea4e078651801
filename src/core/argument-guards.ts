/**
 * The public functions' argument checks, in one place: a wrong-typed argument is refused with a typed,
 * bilingual error naming it — a ConfigurationError for options, a ValidationError for data — never a
 * TypeError from deep inside. The shapes are zod schemas; `vi` / `en` say what was expected.
 */
import { z } from 'zod';
import { argumentProblem, isPlainObject } from '../model/argument-check.js';
import { nearestName } from '../model/nearest-name.js';
import { ConfigurationError, ValidationError } from './errors.js';
import type { CallOptions } from './types.js';
import { unknownFieldProblem, unknownNameProblems } from './unknown-names.js';

export { nestedUnknownNameProblems, unknownNameProblems, unknownNames } from './unknown-names.js';

/** What an argument must be: a schema, and the same in words, in Vietnamese and English. */
export interface Expected {
  readonly schema: z.ZodType;
  readonly vi: string;
  readonly en: string;
  /** The names a text may be (an action, a mode): a misspelt one is told the nearest (`aprove` → "approve"). */
  readonly names?: readonly string[];
}

/** One of `names` (text): refused naming them all, a misspelt one with the nearest (did you mean …?). */
export function oneOfNames(
  names: readonly [string, ...string[]],
  words: { vi: string; en: string },
): Expected {
  return { schema: z.enum(names), vi: words.vi, en: words.en, names };
}

const isObject = isPlainObject;

export const AN_OBJECT: Expected = { schema: z.custom(isObject), vi: 'một đối tượng', en: 'an object' };
export const AN_OBJECT_OR_NOTHING: Expected = {
  schema: z.custom((v) => v === undefined || isObject(v)),
  vi: 'một đối tượng (hoặc bỏ trống)',
  en: 'an object (or left out)',
};
export const A_TEXT: Expected = {
  schema: z.string().min(1),
  vi: 'một chuỗi không rỗng',
  en: 'a non-empty string',
};
/** Text with something besides spaces (a tracking number, a carrier): '   ' is as empty as ''. */
export const A_FILLED_TEXT: Expected = {
  schema: z.string().refine((value) => value.trim().length > 0),
  vi: 'một chuỗi có nội dung (không chỉ khoảng trắng)',
  en: 'a string that is not blank',
};
/**
 * An id (a waybill, an order id, a reference): not blank, and not padded — '  ' or ' EB1VN' names no
 * parcel or order, and would reach the platform as given ("VNPost has no order   ").
 */
export const AN_ID_TEXT: Expected = {
  schema: z.string().refine((value) => value.trim().length > 0 && value.trim() === value),
  vi: 'một mã không rỗng, không có khoảng trắng ở đầu hoặc cuối',
  en: 'an id that is not blank, without leading or trailing spaces',
};
export const A_TEXT_OR_NOTHING: Expected = {
  schema: z.string().min(1).optional(),
  vi: 'một chuỗi không rỗng (hoặc bỏ trống)',
  en: 'a non-empty string (or left out)',
};
export const TEXT_LIST: Expected = {
  schema: z.array(z.string().min(1)),
  vi: 'một mảng các chuỗi không rỗng',
  en: 'an array of non-empty strings',
};
/**
 * A webhook's raw request body, with the Express hint: `req.body` is undefined without a raw body
 * parser, and an object when express.json() parsed it first (its bytes, which the signature covers, are gone).
 */
export const A_RAW_BODY: Expected = {
  schema: z.union([z.string(), z.instanceof(Uint8Array)]),
  vi: "chuỗi hoặc Buffer (nội dung gốc của yêu cầu); với Express hãy dùng express.raw({ type: '*/*' }), không dùng express.json()",
  en: "a string or Buffer (the raw request body); in Express use express.raw({ type: '*/*' }), not express.json()",
};
export const AN_ORDER: Expected = {
  schema: z.custom(
    (v) =>
      isObject(v) &&
      typeof v.platform === 'string' &&
      v.platform !== '' &&
      typeof v.externalId === 'string' &&
      v.externalId !== '',
  ),
  vi: 'một đơn hàng (có platform, externalId)',
  en: 'an order (with platform, externalId)',
};
export const A_PORT: Expected = {
  schema: z.number().int().min(0).max(65535).optional(),
  vi: 'số cổng từ 0 đến 65535',
  en: 'a port number from 0 to 65535',
};
export const ROWS: Expected = {
  schema: z.custom(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      (Symbol.iterator in v || Symbol.asyncIterator in v) &&
      !(typeof v === 'string'),
  ),
  vi: 'một mảng (hoặc iterable) các sản phẩm',
  en: 'an array (or iterable) of products',
};

/** `expected`, or left out (undefined). */
export function orNothing(expected: Expected): Expected {
  return {
    schema: expected.schema.optional(),
    vi: `${expected.vi} (hoặc bỏ trống)`,
    en: `${expected.en} (or left out)`,
  };
}

export const A_FUNCTION_OR_NOTHING: Expected = {
  schema: z.custom((v) => v === undefined || typeof v === 'function'),
  vi: 'một hàm (hoặc bỏ trống)',
  en: 'a function (or left out)',
};
export const A_BOOLEAN_OR_NOTHING: Expected = {
  schema: z.boolean().optional(),
  vi: 'true hoặc false (hoặc bỏ trống)',
  en: 'true or false (or left out)',
};

export const A_FUNCTION: Expected = {
  schema: z.custom((v) => typeof v === 'function'),
  vi: 'một hàm',
  en: 'a function',
};
export const A_LIST: Expected = { schema: z.array(z.unknown()), vi: 'một mảng', en: 'an array' };

export const AN_ABORT_SIGNAL_OR_NOTHING: Expected = {
  schema: z.custom((v) => v === undefined || v instanceof AbortSignal),
  vi: 'một AbortSignal (hoặc bỏ trống)',
  en: 'an AbortSignal (or left out)',
};

/** A whole number ≥ 0 (milliseconds, units), or left out. */
export const A_COUNT_OR_NOTHING: Expected = {
  schema: z.number().int().min(0).optional(),
  vi: 'một số nguyên ≥ 0 (hoặc bỏ trống)',
  en: 'an integer ≥ 0 (or left out)',
};

/** A whole number ≥ 1 (how many at once, a size), or left out. */
export const A_POSITIVE_INTEGER_OR_NOTHING: Expected = {
  schema: z.number().int().min(1).optional(),
  vi: 'một số nguyên ≥ 1 (hoặc bỏ trống)',
  en: 'an integer ≥ 1 (or left out)',
};

/** A table less some of its entries (a connector method's options: the function's, less what the connector gives). */
export function tableWithout<Name extends string, Left extends Name>(
  table: Readonly<Record<Name, Expected>>,
  ...names: readonly Left[]
): Record<Exclude<Name, Left>, Expected> {
  const left: Partial<Record<Name, Expected>> = { ...table };
  for (const name of names) delete left[name];
  return left as Record<Exclude<Name, Left>, Expected>;
}

/** What the state helpers read a store through (a StateStore, or a transaction's operations). */
export const A_STORE: Expected = {
  schema: z.custom((v) => isObject(v) && typeof v.getOrderState === 'function'),
  vi: 'một StateStore (có getOrderState, …)',
  en: 'a StateStore (with getOrderState, …)',
};

export const A_MAP: Expected = { schema: z.instanceof(Map), vi: 'một Map', en: 'a Map' };

/** An option a table lists but whose value its own rules check (a policy, a map): any type passes here. */
export const OWN_RULES: Expected = { schema: z.unknown(), vi: 'xem quy tắc riêng', en: 'see its own rules' };

/** Has every named member as a function, and the named fields as non-empty strings. */
export function anAdapter(kind: string, fields: readonly string[], methods: readonly string[]): Expected {
  return {
    schema: z.custom(
      (v) =>
        isObject(v) &&
        fields.every((f) => typeof v[f] === 'string' && v[f] !== '') &&
        methods.every((m) => typeof v[m] === 'function'),
    ),
    vi: `một ${kind} (có ${[...fields, ...methods].join(', ')})`,
    en: `a ${kind} (with ${[...fields, ...methods].join(', ')})`,
  };
}

/** A valid Date (not `new Date('hôm qua')`, whose time is NaN). */
export const A_DATE: Expected = {
  schema: z.custom((v) => v instanceof Date && !Number.isNaN(v.getTime())),
  vi: 'một Date hợp lệ',
  en: 'a valid Date',
};

/** A platform call's options (`CallOptions`), each entry what it must be. */
export const CALL_OPTIONS: Readonly<Record<keyof CallOptions, Expected>> = {
  timeoutMs: A_POSITIVE_INTEGER_OR_NOTHING,
  retries: A_COUNT_OR_NOTHING,
  signal: AN_ABORT_SIGNAL_OR_NOTHING,
  idempotencyKey: A_TEXT_OR_NOTHING,
};

function problemOf(value: unknown, name: string, expected: Expected): { vi: string; en: string } | undefined {
  if (expected.schema.safeParse(value).success) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || !expected.names)
    return argumentProblem(name, value, expected);
  // A name that is not one of them: shown as given, with the nearest one.
  const near = nearestName(value, expected.names);
  const given = JSON.stringify(value);
  return {
    vi: `${name}: phải là ${expected.vi} (nhận được ${given})${near ? ` — có phải "${near}"?` : ''}`,
    en: `${name}: must be ${expected.en} (got ${given})${near ? ` — did you mean "${near}"?` : ''}`,
  };
}

/**
 * Every problem of an options object against its table, at once: each option that is not what its
 * entry says, and each name the table does not have (with the nearest known name). Bilingual, one
 * string per problem ("name: … / name: …"); empty when all is well. `options` itself must be an object.
 */
export function optionProblems(
  options: Readonly<Record<string, unknown>>,
  table: Readonly<Record<string, Expected>>,
  { refuseUnknown = true }: { refuseUnknown?: boolean } = {},
): string[] {
  const problems = refuseUnknown ? unknownNameProblems(options, Object.keys(table)) : [];
  for (const [name, expected] of Object.entries(table)) {
    const problem = problemOf(options[name], name, expected);
    if (problem) problems.push(`${problem.vi} / ${problem.en}`);
  }
  return problems;
}

/** Options must be an object; then every problem of it against its table (see optionProblems). */
export function optionTableProblems(options: unknown, table: Readonly<Record<string, Expected>>): string[] {
  checkOption(options, 'options', AN_OBJECT);
  return optionProblems(options as Readonly<Record<string, unknown>>, table);
}

/** A pino-style logger (the methods the library calls), or left out. */
export const A_LOGGER_OR_NOTHING: Expected = orNothing(anAdapter('logger', [], ['info', 'warn', 'error']));

/**
 * Options checked against their table: an object, each listed option what its entry says — every
 * problem in one ConfigurationError. Names the table does not list are let through (options that
 * are passed on, or checked further by the function itself).
 */
export function checkOptionTable(
  options: unknown,
  table: Readonly<Record<string, Expected>>,
  name = 'options',
): void {
  checkOption(options, name, AN_OBJECT);
  const own = options as Readonly<Record<string, unknown>>;
  const problems = optionProblems(own, table, { refuseUnknown: false });
  if (problems.length > 0) throw new ConfigurationError('Tùy chọn không hợp lệ / Invalid options', problems);
}

/**
 * A public function's options object, checked whole against its table: it must be an object (or left
 * out), every name must be one the table lists (an unknown one is named with the nearest known name:
 * `dryrun` → "dryRun"), every listed option what its entry says. Every problem, with the `more` ones
 * (rules of the function's own), in one bilingual ConfigurationError headed by `what` — thrown before
 * the function does anything.
 */
export function checkOptions(
  options: unknown,
  table: Readonly<Record<string, Expected>>,
  what: string,
  more: (options: Readonly<Record<string, unknown>>) => readonly string[] = () => [],
): void {
  const notObject = problemOf(options, 'options', AN_OBJECT_OR_NOTHING);
  const own = (options ?? {}) as Readonly<Record<string, unknown>>;
  const problems = notObject
    ? [`${notObject.vi} / ${notObject.en}`]
    : [...optionProblems(own, table), ...more(own)];
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: `${what}: tùy chọn không hợp lệ`, en: `${what}: invalid options` },
      problems,
    );
}

/** Options: a ConfigurationError naming `name` when `value` is not what `expected` says. */
export function checkOption(value: unknown, name: string, expected: Expected): void {
  const problem = problemOf(value, name, expected);
  if (problem)
    throw new ConfigurationError('Tùy chọn không hợp lệ / Invalid options', [
      `${problem.vi} / ${problem.en}`,
    ]);
}

/**
 * Data: a ValidationError with one issue at `name` when `value` is not what `expected` says. A `secret`
 * argument's value is left out of the issue (only its type is named).
 */
export function checkArgument(
  value: unknown,
  name: string,
  expected: Expected,
  { secret = false }: { secret?: boolean } = {},
): void {
  const problem = problemOf(value, name, expected);
  if (!problem) return;
  throw new ValidationError(`${problem.vi} / ${problem.en}`, [
    {
      path: name,
      ...(secret ? {} : { value }),
      code: 'invalid_argument',
      messageVi: problem.vi,
      messageEn: problem.en,
    },
  ]);
}

/**
 * A webhook delivery's arguments, checked before anything reads them: a bilingual ValidationError naming
 * `rawBody` (a string or Buffer, with the Express hint) or `headers` (an object). Shared by every
 * receiver: the carriers, the marketplaces and handleWebhook.
 */
export function checkWebhookInput(rawBody: unknown, headers: unknown): void {
  checkArgument(rawBody, 'rawBody', A_RAW_BODY);
  checkArgument(headers, 'headers', AN_OBJECT);
}

/**
 * Data with fields: `value` must be an object, and each field its table lists what its entry says —
 * every wrong field in one ValidationError, one issue per field at `name.field` (both languages).
 */
export function checkArgumentFields(
  value: unknown,
  name: string,
  table: Readonly<Record<string, Expected>>,
  { refuseUnknown = false }: { refuseUnknown?: boolean } = {},
): void {
  checkArgument(value, name, AN_OBJECT);
  const own = value as Readonly<Record<string, unknown>>;
  // A misspelt field (`form` for `from`) is named with the nearest known one when `refuseUnknown`.
  const unknown = Object.keys(own)
    .filter((field) => refuseUnknown && !Object.hasOwn(table, field))
    .map((field) => {
      const problem = unknownFieldProblem(field, Object.keys(table), name);
      return {
        path: `${name}.${field}`,
        value: own[field],
        code: 'unknown_field',
        messageVi: problem.vi,
        messageEn: problem.en,
      };
    });
  const issues = Object.entries(table).flatMap(([field, expected]) => {
    const problem = problemOf(own[field], `${name}.${field}`, expected);
    return problem
      ? [
          {
            path: `${name}.${field}`,
            value: own[field],
            code: 'invalid_argument',
            messageVi: problem.vi,
            messageEn: problem.en,
          },
        ]
      : [];
  });
  issues.unshift(...unknown);
  if (issues.length === 0) return;
  // The issues follow the head in each language (ValidationError adds them).
  throw new ValidationError({ vi: `${name} không hợp lệ`, en: `${name} is invalid` }, issues);
}
