/** Spreadsheet headers to catalog columns: known (Vietnamese or English), named once, with a suggestion for a near miss. */
import type { ValidationIssue } from '../model/validation.js';
import { searchKey } from '../vn/text.js';
import { catalogIssue, closestName, didYouMean, invisibleCharacterIssue } from './catalog-issues.js';
import { foldKey } from './cells.js';
import { CATALOG_COLUMNS, type CatalogColumn, type ColumnKey } from './columns.js';
import { columnLetter } from './read-rows.js';

const KNOWN_HEADERS: readonly string[] = CATALOG_COLUMNS.flatMap((c) => [c.vi, c.en]);

/**
 * The template header a written one stands for: a typo of it (edit distance), or the same words
 * without the unit or detail in brackets ("Giá bán" for "Giá bán (VND)"), or the start of only one
 * template header ("Giá" starts two: no suggestion).
 */
export function closestHeader(header: string): string | undefined {
  const typo = closestName(header, KNOWN_HEADERS);
  if (typo !== undefined) return typo;
  const key = searchKey(header);
  if (key.length < 3) return undefined;
  const base = (name: string) => searchKey(name.replace(/\s*\([^)]*\)\s*$/, ''));
  const sameBase = KNOWN_HEADERS.filter((name) => base(name) === base(header));
  if (sameBase.length === 1) return sameBase[0];
  const prefixed = KNOWN_HEADERS.filter((name) => searchKey(name).startsWith(key));
  const columns = new Set(
    prefixed.map((name) => CATALOG_COLUMNS.find((c) => c.vi === name || c.en === name)),
  );
  return columns.size === 1 ? prefixed[0] : undefined;
}

/**
 * Headers to columns. Every header must be known (or listed in `ignoreColumns`), and name a column
 * once: an unknown header is a mistake until proven otherwise, and a column given twice would
 * silently lose one of its two values.
 */
export function columnIndex(
  headers: readonly string[],
  ignoreColumns: readonly string[] = [],
  headerRow = 1,
): { byKey: Map<ColumnKey, string>; issues: ValidationIssue[] } {
  const wanted = new Map<string, CatalogColumn>();
  for (const column of CATALOG_COLUMNS) {
    wanted.set(foldKey(column.vi), column);
    wanted.set(foldKey(column.en), column);
  }
  const ignored = new Set(ignoreColumns.map((c) => foldKey(c)));
  const byKey = new Map<ColumnKey, string>();
  const firstAt = new Map<ColumnKey, number>();
  const issues: ValidationIssue[] = [];
  headers.forEach((header, index) => {
    if (header === '') return;
    const at = `${columnLetter(index)}`;
    const headerIssue = (code: string, vi: string, en: string) =>
      catalogIssue({ path: 'columns', value: header, row: headerRow, column: header, code, vi, en });
    const invisible = invisibleCharacterIssue(header, { path: 'columns', row: headerRow, column: header });
    if (invisible) issues.push(invisible);
    if (ignored.has(foldKey(header))) return;
    const column = wanted.get(foldKey(header));
    if (column === undefined) {
      const hint = didYouMean(closestHeader(header));
      issues.push(
        headerIssue(
          'column.unknown',
          `Cột "${header}" (cột ${at}) không có trong mẫu.${hint.vi} Nếu là cột riêng của bạn, hãy khai báo nó trong ignoreColumns`,
          `Column "${header}" (column ${at}) is not part of the template.${hint.en} If it is a column of your own, list it in ignoreColumns`,
        ),
      );
      return;
    }
    const first = firstAt.get(column.key);
    if (first !== undefined) {
      issues.push(
        headerIssue(
          'column.duplicate',
          `Cột "${column.vi}" có hai lần (cột ${columnLetter(first)} và cột ${at}); hãy giữ một`,
          `Column "${column.vi}" (${column.en}) appears twice (columns ${columnLetter(first)} and ${at}); keep one`,
        ),
      );
      return;
    }
    firstAt.set(column.key, index);
    byKey.set(column.key, header);
  });
  return { byKey, issues };
}
