import type { Command } from 'commander';
import { formatIssue, readCatalog } from 'ocop-connect';
import { outputOf } from '../context.js';
import { t } from '../i18n.js';
import type { Output } from '../output.js';

export interface CatalogFileOptions {
  sheet?: string;
  delimiter?: string;
}

/** Only the reader's own options: commander's object also carries every other flag of the command. */
export function catalogReadOptions(options: CatalogFileOptions): CatalogFileOptions {
  return {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
  };
}

export async function runValidate(file: string, options: CatalogFileOptions, out: Output): Promise<number> {
  const result = await readCatalog(file, catalogReadOptions(options));
  const lang = out.options.lang;
  out.json({
    ok: result.issues.length === 0,
    rows: result.rowCount,
    products: result.productCount,
    validProducts: result.products.length,
    issues: result.issues.map((issue) => ({ ...issue, message: formatIssue(issue, lang) })),
  });
  if (result.issues.length === 0) {
    out.line(t(lang, 'validateClean')(result.rowCount, result.productCount));
    return 0;
  }
  for (const issue of result.issues) out.line(`✗ ${formatIssue(issue, lang)}`);
  out.line();
  out.line(t(lang, 'validateProblems')(result.issues.length, result.products.length));
  return 1;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('kiểm tra danh mục / check a catalog (CSV, XLSX, JSON)')
    .argument('<catalog>', 'tệp danh mục / catalog file')
    .option('--sheet <name>', 'trang tính XLSX / XLSX sheet name')
    .option('--delimiter <char>', 'dấu phân cách CSV / CSV separator (default: detected)')
    .action(async (file: string, opts: CatalogFileOptions, command: Command) => {
      process.exitCode = await runValidate(file, opts, outputOf(command));
    });
}
