import { isPlainObject } from '../model/argument-check.js';
import { nearestName } from '../model/nearest-name.js';

/* Names an options table or a field table does not list, each told the nearest listed one. */

const OPTION_WORD = { vi: 'tùy chọn', en: 'option' } as const;
const FIELD_WORD = { vi: 'trường', en: 'field' } as const;

/** A name its table does not list, with the nearest listed one: `dryrun` → (did you mean "dryRun"?). */
function unknownNameProblem(
  name: string,
  known: readonly string[],
  word: { readonly vi: string; readonly en: string },
  prefix = '',
  prefixNear = true,
): { vi: string; en: string } {
  const found = nearestName(name, known);
  const near = found && prefixNear ? `${prefix}${found}` : found;
  return {
    vi: `${prefix}${name}: không có ${word.vi} này${near ? ` (có phải "${near}"?)` : ''}`,
    en: `${prefix}${name}: no such ${word.en}${near ? ` (did you mean "${near}"?)` : ''}`,
  };
}

/** A field `name.field` its table does not list: `form` → (did you mean "name.from"?). */
export function unknownFieldProblem(
  field: string,
  known: readonly string[],
  name: string,
): { vi: string; en: string } {
  return unknownNameProblem(field, known, FIELD_WORD, `${name}.`);
}

/**
 * Each name of `given` (an object's own keys) that is not one of `known`, with the nearest known name
 * (`pasword` → "password"): "prefix.name: không có tùy chọn này (có phải …?) / prefix.name: no such
 * option (did you mean …?)". `prefix` is the path of the object (`credentials.`), empty at the top.
 */
export function unknownNameProblems(
  given: Readonly<Record<string, unknown>>,
  known: readonly string[],
  prefix = '',
): string[] {
  return unknownNames(given, known, prefix).map(({ vi, en }) => `${vi} / ${en}`);
}

/** Each unknown name of `given` (see unknownNameProblems) with its path, each language apart. */
export function unknownNames(
  given: Readonly<Record<string, unknown>>,
  known: readonly string[],
  prefix = '',
): { path: string; vi: string; en: string }[] {
  return Object.keys(given)
    .filter((name) => !known.includes(name))
    .map((name) => ({
      path: `${prefix}${name}`,
      ...unknownNameProblem(name, known, OPTION_WORD, prefix, false),
    }));
}

/**
 * The unknown keys of an options object's nested objects (`credentials`, `partner`): for each field of
 * `known` that `options` holds as an object, its keys that are not the listed ones (see
 * unknownNameProblems), named with their path (`credentials.pasword`); a key left undefined is not
 * counted. Anything else is left to the options' own checks.
 */
export function nestedUnknownNameProblems(
  options: unknown,
  known: Readonly<Record<string, readonly string[]>>,
): string[] {
  if (!isPlainObject(options)) return [];
  return Object.entries(known).flatMap(([field, names]) => {
    const value = options[field];
    if (!isPlainObject(value)) return [];
    // A key left undefined (an optional config field, spread in) says nothing: only keys with a value.
    const given = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
    return unknownNameProblems(given, names, `${field}.`);
  });
}
