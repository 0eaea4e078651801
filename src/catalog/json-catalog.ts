import type { ValidationIssue } from '../model/validation.js';
import {
  catalogFileError,
  catalogIssue,
  closestName,
  didYouMean,
  invisibleCharacterIssue,
} from './catalog-issues.js';

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Deeper than any catalog needs (products → variants → options): refuse before walking it. */
export const MAX_JSON_CATALOG_DEPTH = 32;

/** Nesting depth of a parsed JSON value, without recursion (a hostile file must not blow the stack). */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > MAX_JSON_CATALOG_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** JSON.parse, with a syntax error turned into a ValidationError naming the line and column. */
export function parseJsonCatalog(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    if (error instanceof RangeError) parsed = TOO_DEEP;
    else throw syntaxError(error, body, file);
  }
  if (parsed !== TOO_DEEP) {
    const repeated = repeatedKey(body);
    if (repeated) {
      const where = lineAndColumn(body, repeated.offset);
      throw catalogFileError(
        catalogIssue({
          path: repeated.key,
          value: repeated.key,
          row: where.line,
          column: String(where.column),
          code: repeated.key === '__proto__' ? 'catalog.json_reserved_key' : 'catalog.json_duplicate_key',
          vi:
            repeated.key === '__proto__'
              ? `Tệp JSON "${file}" dùng khóa "__proto__" ở dòng ${where.line}, cột ${where.column}: khóa này không được phép`
              : `Tệp JSON "${file}" có khóa "${repeated.key}" hai lần trong cùng một đối tượng (dòng ${where.line}, cột ${where.column}): không biết giá trị nào đúng`,
          en:
            repeated.key === '__proto__'
              ? `JSON file "${file}" uses the key "__proto__" at line ${where.line}, column ${where.column}: that key is not allowed`
              : `JSON file "${file}" has the key "${repeated.key}" twice in one object (line ${where.line}, column ${where.column}): which value is meant is unknown`,
        }),
      );
    }
  }
  if (parsed === TOO_DEEP || depthOf(parsed) > MAX_JSON_CATALOG_DEPTH) {
    throw catalogFileError(
      catalogIssue({
        path: 'file',
        value: file,
        code: 'catalog.json_too_deep',
        vi: `Tệp JSON "${file}" lồng quá ${MAX_JSON_CATALOG_DEPTH} tầng: đây không phải danh mục sản phẩm`,
        en: `JSON file "${file}" is nested more than ${MAX_JSON_CATALOG_DEPTH} levels deep: not a product catalog`,
      }),
    );
  }
  return parsed;
}

const TOO_DEEP = Symbol('too deep');

/**
 * The first key written twice in one object (JSON.parse keeps the last silently), or a `__proto__` key;
 * `offset` is where that key starts. One pass over text JSON.parse already accepted.
 */
function repeatedKey(text: string): { key: string; offset: number } | undefined {
  const objects: { keys: Set<string>; expectKey: boolean }[] = [];
  const frames: ('object' | 'array')[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = frames.at(-1) === 'object' ? objects.at(-1) : undefined;
      if (top?.expectKey) {
        const key = JSON.parse(text.slice(start, j + 1)) as string;
        if (top.keys.has(key) || key === '__proto__') return { key, offset: start };
        top.keys.add(key);
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      frames.push('object');
      objects.push({ keys: new Set(), expectKey: true });
    } else if (c === '[') {
      frames.push('array');
    } else if (c === '}') {
      frames.pop();
      objects.pop();
    } else if (c === ']') {
      frames.pop();
    } else if (c === ',' && frames.at(-1) === 'object') {
      const top = objects.at(-1);
      if (top) top.expectKey = true;
    }
  }
  return undefined;
}

function syntaxError(error: unknown, body: string, file: string): Error {
  const message = (error as Error).message;
  const position = /position (\d+)/.exec(message);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  const where = lineColumn
    ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
    : position
      ? lineAndColumn(body, Number(position[1]))
      : body.trim() === ''
        ? { line: 1, column: 1 }
        : lineAndColumn(body, body.length);
  return catalogFileError(
    catalogIssue({
      path: 'file',
      value: file,
      row: where.line,
      column: String(where.column),
      code: 'catalog.json_syntax',
      vi: `Tệp JSON "${file}" sai cú pháp ở dòng ${where.line}, cột ${where.column}${body.trim() === '' ? ' (tệp rỗng)' : ''}`,
      en: `JSON file "${file}" has a syntax error at line ${where.line}, column ${where.column}${body.trim() === '' ? ' (the file is empty)' : ''}`,
    }),
  );
}

/** A JSON catalog is an array of products, or `{ "products": [...] }` — nothing else is guessed at. */
export function jsonCatalogItems(parsed: unknown, file: string): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  if (parsed !== null && typeof parsed === 'object') {
    const keys = Object.keys(parsed);
    const products = (parsed as { products?: unknown }).products;
    if (keys.length === 1 && Array.isArray(products)) return products;
    const stray = keys.find((key) => key !== 'products');
    if (stray !== undefined) {
      const hint = didYouMean(closestName(stray, ['products']));
      throw catalogFileError(
        catalogIssue({
          path: stray,
          value: stray,
          code: 'catalog.json_shape',
          vi: `Tệp JSON "${file}" có trường "${stray}" không dùng được: tệp phải là một mảng sản phẩm hoặc {"products": [...]}.${hint.vi}`,
          en: `JSON file "${file}" has a field "${stray}" that is not understood: the file must be an array of products or {"products": [...]}.${hint.en}`,
        }),
      );
    }
  }
  throw catalogFileError(
    catalogIssue({
      path: 'products',
      value: Array.isArray(parsed) ? 'array' : typeof parsed,
      code: 'catalog.json_shape',
      vi: `Tệp JSON "${file}" phải là một mảng sản phẩm hoặc {"products": [...]} (không phải ${describe(parsed)})`,
      en: `JSON file "${file}" must be an array of products or {"products": [...]} (not ${describe(parsed)})`,
    }),
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value !== null && typeof value === 'object') {
    const products = (value as { products?: unknown }).products;
    return `{"products": ${products === null ? 'null' : typeof products}}`;
  }
  return typeof value;
}

/**
 * Invisible characters in any text of an item. (Fields the model does not know are named by the model
 * itself — `validateProduct`, with a "did you mean" — for a JSON file as for a product given in code.)
 */
export function jsonShapeIssues(item: unknown, row: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sku = item !== null && typeof item === 'object' ? (item as { sku?: unknown }).sku : undefined;
  const where = { row, ...(typeof sku === 'string' ? { sku } : {}) };
  const walk = (value: unknown, path: string[]): void => {
    if (typeof value === 'string') {
      const found = invisibleCharacterIssue(value, { path: path.join('.'), ...where });
      if (found) issues.push(found);
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    for (const [key, entry] of Object.entries(value)) walk(entry, [...path, key]);
  };
  walk(item, []);
  return issues;
}
