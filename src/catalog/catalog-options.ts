/** readCatalog's options, checked like data: unknown names (with a "did you mean") and wrong values, all at once. */
import { ValidationError } from '../core/errors.js';
import type { ValidationIssue } from '../model/validation.js';
import { catalogFileError, catalogIssue, closestName, didYouMean } from './catalog-issues.js';
import { type CatalogFormat, delimiterIssue } from './read-rows.js';

export interface ReadCatalogOptions {
  /** @default from the file extension */
  format?: CatalogFormat;
  /** XLSX sheet name. @default the first sheet */
  sheet?: string;
  /** CSV separator: one character. @default detected from the header line (`,`, `;` or tab) */
  delimiter?: string;
  /**
   * Headers of your own columns to skip (notes, internal codes). Any other column the reader does not
   * know is an error, so that a misspelled "Trạng thái" is never silently ignored. @default []
   */
  ignoreColumns?: string[];
}

const OPTION_NAMES = ['format', 'sheet', 'delimiter', 'ignoreColumns'] as const;
const FORMATS: readonly CatalogFormat[] = ['csv', 'xlsx', 'json'];

/** Options are checked like data: unknown names (with a "did you mean") and wrong values, all at once. */
export function checkOptions(options: ReadCatalogOptions): void {
  const issues: ValidationIssue[] = [];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    issues.push(
      catalogIssue({
        path: 'options',
        value: options,
        code: 'catalog.options',
        vi: 'Tuỳ chọn đọc danh mục phải là một đối tượng',
        en: 'Catalog read options must be an object',
      }),
    );
    throw catalogFileError(issues[0] as ValidationIssue);
  }
  for (const name of Object.keys(options)) {
    if ((OPTION_NAMES as readonly string[]).includes(name)) continue;
    const hint = didYouMean(closestName(name, OPTION_NAMES));
    issues.push(
      catalogIssue({
        path: name,
        code: 'catalog.option_unknown',
        vi: `Không có tuỳ chọn "${name}".${hint.vi}`,
        en: `There is no option "${name}".${hint.en}`,
      }),
    );
  }
  const { format, sheet, delimiter, ignoreColumns } = options;
  if (format !== undefined && !FORMATS.includes(format)) {
    issues.push(
      catalogIssue({
        path: 'format',
        value: format,
        code: 'catalog.format',
        vi: `Định dạng "${String(format)}" không hỗ trợ: dùng csv, xlsx hoặc json`,
        en: `Format "${String(format)}" is not supported: use csv, xlsx or json`,
      }),
    );
  }
  if (sheet !== undefined && (typeof sheet !== 'string' || sheet.trim() === '')) {
    issues.push(
      catalogIssue({
        path: 'sheet',
        value: sheet,
        code: 'catalog.sheet',
        vi: 'Tên trang tính phải là chữ, không để trống',
        en: 'The sheet name must be non-empty text',
      }),
    );
  }
  if (delimiter !== undefined) {
    const problem =
      typeof delimiter === 'string'
        ? delimiterIssue(delimiter)
        : catalogIssue({
            path: 'delimiter',
            value: delimiter,
            code: 'catalog.delimiter',
            vi: 'Dấu phân cách phải là một ký tự',
            en: 'The separator must be one character',
          });
    if (problem) issues.push(problem);
  }
  if (
    ignoreColumns !== undefined &&
    (!Array.isArray(ignoreColumns) || ignoreColumns.some((c) => typeof c !== 'string'))
  ) {
    issues.push(
      catalogIssue({
        path: 'ignoreColumns',
        value: ignoreColumns,
        code: 'catalog.ignore_columns',
        vi: 'ignoreColumns phải là danh sách tên cột',
        en: 'ignoreColumns must be a list of column headers',
      }),
    );
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `Invalid catalog read options: ${issues.map((i) => i.messageEn).join('; ')} / ${issues.map((i) => i.messageVi).join('; ')}`,
      issues,
    );
  }
}
