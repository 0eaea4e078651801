import type { Command } from 'commander';
import type { CatalogReadResult, PublishItemResult, ValidationIssue } from 'ocop-connect';
import { formatIssue, isOcopConnectError } from 'ocop-connect';
import {
  type CatalogCheckOptions,
  catalogFileOptions,
  checkCatalog,
  dedupeIssues,
  parseTargets,
} from '../catalog-check.js';
import { type CommandContext, exitCodeOf } from '../context.js';
import { codeOfKind } from '../error-codes.js';
import { describeErrorBoth, EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import type { OpenPlatforms } from '../platform-types.js';
import { openPlatforms } from '../platforms.js';
import { type CatalogRun, runCatalog } from './catalog-run.js';

export interface ValidateOptions extends CatalogCheckOptions {
  to: string;
  offline?: boolean;
}

export async function runValidate(
  file: string,
  options: ValidateOptions,
  { config, out, logger }: CommandContext,
): Promise<number> {
  const lang = out.options.lang;
  const targets = parseTargets(options.to);
  let platforms: OpenPlatforms | undefined;
  let catalog: CatalogReadResult;
  let problems: ValidationIssue[];
  let warnings: ValidationIssue[];
  let listable: number;
  let unavailable: string[] = [];
  let unavailableErrors: ReadonlyMap<string, unknown> = new Map();
  let platformErrors: string[] = [];
  if (options.offline) {
    const check = await checkCatalog(file, options, config, undefined, logger);
    catalog = check.catalog;
    problems = [...catalog.issues, ...check.preflight.problems];
    warnings = check.preflight.warnings;
    const blockedSkus = new Set(check.preflight.blocked.keys());
    listable = catalog.products.filter((p) => !blockedSkus.has(p.sku)).length;
  } else {
    platforms = await openPlatforms(config, { marketplaces: targets, carrier: false }, logger);
    if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
    // The same run as `list --dry-run` (the library's planning with every listing rule, category
    // attributes and image checks): what validate calls fine is what list accepts. Whether the shop
    // already sells these products by hand is list's question, not the catalog's.
    let run: CatalogRun;
    try {
      run = await runCatalog(
        file,
        { ...options, dryRun: true, assumeNoExistingListings: true, stateless: true },
        config,
        platforms,
        logger,
      );
    } finally {
      await platforms.close();
    }
    catalog = run.catalog;
    warnings = run.warnings;
    // A platform that refused the login (or was out of reach) is said once, not as every row's error:
    // the products were not checked there, they are not wrong (exit 3, as `list`).
    unavailable = run.unavailable;
    unavailableErrors = run.unavailableErrors;
    const down = new Set(unavailable);
    platformErrors = unavailable.map((platform) => {
      const error =
        run.unavailableErrors.get(platform) ??
        run.report.items.find((i) => i.platform === platform && i.error)?.error;
      const text = describeErrorBoth(error ?? new Error('failed')).text[lang];
      return `✗ ${text.startsWith(`${platform}:`) ? '' : `${platform}: `}${text}`;
    });
    const refused = run.report.items.filter(
      (i) =>
        (i.outcome === 'invalid' || i.outcome === 'failed') &&
        !(i.outcome === 'failed' && down.has(i.platform)),
    );
    problems = dedupeIssues([...run.report.issues, ...refused.flatMap((item) => itemIssues(item))]);
    const refusedSkus = new Set(refused.map((i) => i.sku));
    listable = catalog.products.filter((p) => !refusedSkus.has(p.sku)).length;
  }
  out.json({
    ok: problems.length === 0 && unavailable.length === 0,
    rows: catalog.rowCount,
    products: catalog.productCount,
    validProducts: listable,
    checkedPlatforms: platforms ? targets : [],
    ...(unavailable.length > 0 ? { unavailablePlatforms: unavailable } : {}),
    issues: problems.map((issue) => ({ ...issue, message: formatIssue(issue, lang) })),
    warnings: warnings.map((issue) => ({ ...issue, message: formatIssue(issue, lang) })),
  });
  for (const line of platformErrors) out.notice(line);
  for (const issue of problems) out.line(`✗ ${formatIssue(issue, lang)}`);
  for (const issue of warnings) out.line(`⚠ ${formatIssue(issue, lang)}`);
  if (problems.length > 0 || warnings.length > 0) out.line();
  // "Valid" only when the platforms' checks ran: a platform that refused the login (or was out of reach)
  // checked nothing, and the line says which and why instead.
  const down = unavailable.map(
    (platform) => `${platform} (${whyDown(unavailableErrors.get(platform))[lang]})`,
  );
  const checked = targets.filter((platform) => !unavailable.includes(platform));
  if (problems.length === 0 && down.length === 0)
    out.line(t(lang, 'validateClean')(catalog.rowCount, catalog.productCount));
  else if (problems.length === 0)
    out.line(
      say(
        lang,
        `Các dòng của danh mục hợp lệ khi kiểm tra trên máy (${catalog.rowCount} dòng, ${catalog.productCount} sản phẩm), nhưng chưa kiểm tra được trên sàn: ${down.join(', ')}${checked.length > 0 ? `; đã kiểm tra trên ${checked.join(', ')}` : ''}.`,
        `The catalog rows are valid as checked locally (${catalog.rowCount} ${catalog.rowCount === 1 ? 'row' : 'rows'}, ${catalog.productCount} ${catalog.productCount === 1 ? 'product' : 'products'}), but the platform checks did not run: ${down.join(', ')}${checked.length > 0 ? `; checked on ${checked.join(', ')}` : ''}.`,
      ),
    );
  else {
    out.line(t(lang, 'validateProblems')(problems.length, listable));
    if (down.length > 0)
      out.line(
        say(
          lang,
          `Chưa kiểm tra được trên sàn: ${down.join(', ')}.`,
          `The platform checks did not run on: ${down.join(', ')}.`,
        ),
      );
  }
  if (warnings.length > 0) out.line(t(lang, 'validateWarnings')(warnings.length));
  if (options.offline) {
    out.line(
      say(
        lang,
        '(--offline: chưa kiểm tra danh mục và thuộc tính bắt buộc, quy định đăng bán và ảnh của sàn)',
        "(--offline: the platforms' categories and required attributes, listing rules and images were not checked)",
      ),
    );
  }
  if (unavailable.length > 0) return EXIT.platform;
  return problems.length === 0 ? EXIT.ok : EXIT.problems;
}

/** Why a platform checked nothing, in a few words: its failure's kind. */
function whyDown(error: unknown): { vi: string; en: string } {
  const code = isOcopConnectError(error) ? codeOfKind(error.kind) : 'internal';
  switch (code) {
    case 'authentication':
      return { vi: 'đăng nhập bị từ chối', en: 'login refused' };
    case 'network':
    case 'timeout':
      return { vi: 'không kết nối được', en: 'could not connect' };
    case 'rate_limited':
      return { vi: 'sàn đang giới hạn số yêu cầu', en: 'the platform is throttling requests' };
    case 'permission':
      return { vi: 'tài khoản không có quyền', en: 'the account may not do this' };
    default:
      return { vi: 'sàn báo lỗi', en: 'the platform failed' };
  }
}

/** An item refused by the dry run as issues (a failure without issues — a platform read — becomes one). */
function itemIssues(item: PublishItemResult): ValidationIssue[] {
  if (item.issues && item.issues.length > 0) return item.issues;
  const text = describeErrorBoth(item.error ?? new Error('failed')).text;
  return [
    {
      path: '',
      code: item.error?.kind ?? 'failed',
      messageVi: text.vi,
      messageEn: text.en,
      sku: item.sku,
      row: item.row,
      platform: item.platform,
    },
  ];
}

export function registerValidate(program: Command, lang: Lang): void {
  const catalogFile = catalogFileOptions(lang);
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
    .addOption(catalogFile.sheet)
    .addOption(catalogFile.delimiter)
    .addOption(catalogFile.ignoreColumns)
    .addOption(catalogFile.expiredCertificate)
    .action(exitCodeOf(runValidate));
}
