import type { Command } from 'commander';
import type { Logger } from 'ocop-connect';
import { formatIssue } from 'ocop-connect';
import {
  type CatalogCheckOptions,
  checkCatalog,
  expiredCertificateOption,
  parseTargets,
} from '../catalog-check.js';
import type { CliConfig } from '../config.js';
import { contextOf } from '../context.js';
import { EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import type { Output } from '../output.js';
import { type OpenPlatforms, openPlatforms } from '../platforms.js';

export interface ValidateOptions extends CatalogCheckOptions {
  to: string;
  offline?: boolean;
}

export async function runValidate(
  file: string,
  options: ValidateOptions,
  config: CliConfig,
  out: Output,
  logger?: Logger,
): Promise<number> {
  const lang = out.options.lang;
  const targets = parseTargets(options.to);
  let platforms: OpenPlatforms | undefined;
  if (!options.offline) {
    platforms = await openPlatforms(config, { marketplaces: targets, carrier: false }, logger);
    if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
  }
  let check: Awaited<ReturnType<typeof checkCatalog>>;
  try {
    check = await checkCatalog(file, options, config, platforms, logger);
  } finally {
    await platforms?.close();
  }
  const { catalog, preflight } = check;
  const problems = [...catalog.issues, ...preflight.problems];
  const blockedSkus = new Set(preflight.blocked.keys());
  const listable = catalog.products.filter((p) => !blockedSkus.has(p.sku)).length;
  out.json({
    ok: problems.length === 0,
    rows: catalog.rowCount,
    products: catalog.productCount,
    validProducts: listable,
    checkedPlatforms: platforms ? targets : [],
    issues: problems.map((issue) => ({ ...issue, message: formatIssue(issue, lang) })),
    warnings: preflight.warnings.map((issue) => ({ ...issue, message: formatIssue(issue, lang) })),
  });
  for (const issue of problems) out.line(`✗ ${formatIssue(issue, lang)}`);
  for (const issue of preflight.warnings) out.line(`⚠ ${formatIssue(issue, lang)}`);
  if (problems.length > 0 || preflight.warnings.length > 0) out.line();
  if (problems.length === 0) out.line(t(lang, 'validateClean')(catalog.rowCount, catalog.productCount));
  else out.line(t(lang, 'validateProblems')(problems.length, listable));
  if (preflight.warnings.length > 0) out.line(t(lang, 'validateWarnings')(preflight.warnings.length));
  if (options.offline) {
    out.line(
      say(
        lang,
        '(--offline: chưa kiểm tra danh mục và thuộc tính bắt buộc của sàn)',
        "(--offline: the platforms' categories and required attributes were not checked)",
      ),
    );
  }
  return problems.length === 0 ? EXIT.ok : EXIT.problems;
}

export function registerValidate(program: Command, lang: Lang): void {
  program
    .command('validate')
    .description(
      say(
        lang,
        'kiểm tra danh mục (CSV, XLSX, JSON): ô, ảnh, chứng nhận OCOP, danh mục và thuộc tính sàn yêu cầu',
        'check a catalog (CSV, XLSX, JSON): cells, images, OCOP certificates, platform categories and required attributes',
      ),
    )
    .argument('<catalog>', say(lang, 'tệp danh mục', 'catalog file'))
    .option(
      '--to <platforms>',
      say(
        lang,
        'kiểm tra theo các sàn: voso, postmart, shopee',
        'check against these platforms: voso, postmart, shopee',
      ),
      'voso,postmart',
    )
    .option('--offline', say(lang, 'chỉ kiểm tra tệp, không hỏi sàn', 'check the file only, ask no platform'))
    .option(
      '--sheet <name>',
      say(lang, 'trang tính XLSX (mặc định: trang đầu)', 'XLSX sheet (default: the first)'),
    )
    .option(
      '--delimiter <char>',
      say(lang, 'dấu phân cách CSV (mặc định: tự nhận)', 'CSV separator (default: detected)'),
    )
    .addOption(expiredCertificateOption(lang))
    .action(async (file: string, opts: ValidateOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      process.exitCode = await runValidate(file, opts, config, out, logger);
    });
}
