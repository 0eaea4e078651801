import type { Command } from 'commander';
import { formatIssue, type PublishItemResult, type PublishReport, type ValidationIssue } from 'ocop-connect';
import { type CatalogCheckOptions, catalogFileOptions, parseTargets } from '../catalog-check.js';
import { configFileOf } from '../config.js';
import { type CommandContext, exitCodeOf } from '../context.js';
import { describeError, EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import { assertMayWrite, catalogAndConfig } from '../may-write.js';
import type { Output } from '../output.js';
import { isSandboxMode, openPlatforms } from '../platforms.js';
import { createProgressView } from '../progress.js';
import { assertReportWritable, summaryOf, writeReport } from '../report.js';
import { type CatalogRun, runCatalog } from './catalog-run.js';
import { hasSandboxOnboarding, sandboxShopOptions } from './onboarding-store.js';

export interface ListOptions extends CatalogCheckOptions {
  to: string;
  dryRun?: boolean;
  report?: string;
  /** Overwrite an existing --report file (never the catalog or the config file). */
  force?: boolean;
  assumeNoExistingListings?: boolean;
}

function countBy(
  report: PublishReport,
  platform: string,
  test: (item: PublishItemResult) => boolean,
): number {
  return report.items.filter((item) => item.platform === platform && test(item)).length;
}

function printSummary(
  report: PublishReport,
  warnings: readonly ValidationIssue[],
  unavailable: ReadonlyMap<string, unknown>,
  out: Output,
): void {
  const lang = out.options.lang;
  out.line();
  out.line(t(lang, 'summaryTitle'));
  const platforms = report.platforms.map((p) => p.platform);
  // Products of a platform whose login was refused (or that was out of reach) before anything was
  // checked: a column of their own, and one line for the platform below — nothing was sent to fail.
  const notChecked = (i: PublishItemResult) =>
    i.outcome === 'failed' && i.error !== undefined && i.error === unavailable.get(i.platform);
  if (report.dryRun) {
    // Nothing is sent in a dry run: an item fails only when its platform could not be checked (a refused
    // login, out of reach) — a column of its own then, so no product vanishes from the table.
    const notCheckedColumn = report.items.some((i) => i.outcome === 'failed');
    out.table(
      [
        t(lang, 'platform'),
        t(lang, 'willCreate'),
        t(lang, 'willUpdate'),
        t(lang, 'unchanged'),
        t(lang, 'invalid'),
        t(lang, 'skipped'),
        t(lang, 'held'),
        ...(notCheckedColumn ? [t(lang, 'notChecked')] : []),
      ],
      platforms.map((p) => [
        p,
        countBy(report, p, (i) => i.action === 'create' && i.outcome === 'planned'),
        countBy(report, p, (i) => i.action === 'update' && i.outcome === 'planned'),
        countBy(
          report,
          p,
          (i) => i.action === 'unchanged' && i.outcome !== 'invalid' && i.outcome !== 'failed',
        ),
        countBy(report, p, (i) => i.outcome === 'invalid'),
        countBy(report, p, (i) => i.action === 'skip' && i.outcome === 'unchanged'),
        countBy(report, p, (i) => i.outcome === 'held'),
        ...(notCheckedColumn ? [countBy(report, p, (i) => i.outcome === 'failed')] : []),
      ]),
    );
  } else {
    const notCheckedColumn = report.items.some(notChecked);
    out.table(
      [
        t(lang, 'platform'),
        t(lang, 'created'),
        t(lang, 'updated'),
        t(lang, 'unchanged'),
        t(lang, 'failed'),
        t(lang, 'invalid'),
        t(lang, 'skipped'),
        t(lang, 'held'),
        ...(notCheckedColumn ? [t(lang, 'notChecked')] : []),
      ],
      platforms.map((p) => [
        p,
        countBy(report, p, (i) => i.outcome === 'created'),
        countBy(report, p, (i) => i.outcome === 'updated'),
        countBy(report, p, (i) => i.outcome === 'unchanged' && i.action !== 'skip'),
        countBy(report, p, (i) => i.outcome === 'failed' && !notChecked(i)),
        countBy(report, p, (i) => i.outcome === 'invalid'),
        countBy(report, p, (i) => i.outcome === 'unchanged' && i.action === 'skip'),
        // Not created because a listing typed by hand may be this product (match → link decides).
        countBy(report, p, (i) => i.outcome === 'held'),
        ...(notCheckedColumn ? [countBy(report, p, notChecked)] : []),
      ]),
    );
  }
  // A product the file's own checks refused is an item per platform, its reasons the file's issues:
  // those are said once, below, not once per platform.
  const fileIssues = new Set(report.issues);
  const failures = report.items.filter(
    (i) =>
      (i.outcome === 'failed' || i.outcome === 'invalid' || i.outcome === 'held') &&
      !notChecked(i) &&
      !(i.issues?.length && i.issues.every((issue) => fileIssues.has(issue))),
  );
  // One line per platform for a failure every item shares (a refused login): not one per product.
  const lines = new Map<string, { mark: string; platform: string; skus: string[]; reason: string }>();
  for (const item of failures) {
    const reason = item.issues?.length
      ? item.issues.map((i) => formatIssue(i, lang)).join('; ')
      : item.error
        ? describeError(item.error, lang).message
        : '';
    const mark = item.outcome === 'held' ? '⏸' : '✗';
    const key = item.issues?.length ? `${item.platform}|${item.sku}|${reason}` : `${item.platform}|${reason}`;
    const line = lines.get(key) ?? { mark, platform: item.platform, skus: [], reason };
    line.skus.push(item.sku);
    lines.set(key, line);
  }
  for (const { mark, platform, skus, reason } of lines.values()) {
    const who =
      skus.length === 1
        ? skus[0]
        : `${skus.length} ${say(lang, 'sản phẩm', 'products')} (${skus.join(', ')})`;
    out.line(`${mark} [${platform}] ${who}: ${reason}`);
  }
  // A platform that refused the login when nothing had to be sent there (an unchanged catalog, a dry
  // run): said once for the platform, as the failed items say it above when there were some.
  for (const [platform, error] of unavailable) {
    if (failures.some((i) => i.platform === platform && i.outcome === 'failed')) continue;
    const text = describeError(error, lang).message;
    const count = countBy(report, platform, notChecked);
    const products =
      count > 0
        ? say(
            lang,
            ` (${count} sản phẩm không được kiểm tra)`,
            ` (${count} product${count === 1 ? '' : 's'} not checked)`,
          )
        : '';
    out.line(
      `✗ ${text.startsWith(`${platform}:`) ? '' : `${platform}: `}${text} — ${say(lang, 'không kiểm tra hay gửi được gì trên sàn này', 'nothing could be checked or sent on this platform')}${products}`,
    );
  }
  for (const issue of report.issues) out.line(`✗ ${formatIssue(issue, lang)}`);
  for (const issue of warnings) out.line(`⚠ ${formatIssue(issue, lang)}`);
  printListPriceWarnings(report, out);
}

/** A list price the platform has no field for: once per platform with the SKUs counted, not once per row. */
function printListPriceWarnings(report: PublishReport, out: Output): void {
  const skus = new Map<string, Set<string>>();
  for (const item of report.items) {
    for (const warning of item.warnings ?? []) {
      if (warning.code !== 'list_price.not_supported') continue;
      const set = skus.get(warning.platform) ?? new Set<string>();
      for (const sku of warning.skus) set.add(sku);
      skus.set(warning.platform, set);
    }
  }
  for (const [platform, set] of skus) {
    out.line(
      `⚠ ${say(
        out.options.lang,
        `Giá niêm yết không được gửi: ${platform} không có giá niêm yết (${set.size} SKU)`,
        `List price not sent: ${platform} has no list price (${set.size} SKU${set.size === 1 ? '' : 's'})`,
      )}`,
    );
  }
}

export async function runList(
  file: string,
  options: ListOptions,
  { config, out, logger }: CommandContext,
): Promise<number> {
  const lang = out.options.lang;
  const targets = parseTargets(options.to);
  // A report that cannot be written is refused before anything is sent.
  if (options.report) {
    await assertMayWrite(options.report, {
      option: '--report',
      force: options.force,
      protect: catalogAndConfig(file, configFileOf(config)),
    });
    await assertReportWritable(options.report);
  }
  // After `match` / `link` in sandbox mode the emulators start with the same hand-made listings, so the
  // links recorded there are what this run updates (small edit by onboard, issue #19).
  const onboarded = isSandboxMode(config) && (await hasSandboxOnboarding(config));
  const platforms = await openPlatforms(
    config,
    { marketplaces: targets, carrier: false },
    logger,
    onboarded ? await sandboxShopOptions(config) : undefined,
  );
  if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
  // The empty sandbox shop is not what a cooperative's first run meets: say which shop this is, and how
  // to start from the hand-made one, where creates are held until match ran (#19 trial 3).
  if (platforms.sandbox)
    out.notice(
      onboarded
        ? say(
            lang,
            'SANDBOX: cửa hàng có sẵn các tin đăng nhập tay mẫu (như một HTX đã bán tay): sản phẩm chưa đối chiếu (match) sẽ không được tạo mới.',
            'SANDBOX: the shop holds the sample hand-made listings (as a cooperative that already sells by hand): products match has not examined are not created.',
          )
        : say(
            lang,
            'SANDBOX: cửa hàng trống, không có tin đăng nhập tay. Muốn thử như một HTX đã bán tay (list bị giữ lại cho đến khi chạy match): OCOP_SANDBOX_SHOP=hand-made, hoặc "sandboxShop": "hand-made" trong tệp cấu hình.',
            'SANDBOX: an empty shop, no hand-made listings. To try it as a cooperative that already sells by hand (list held until match ran): OCOP_SANDBOX_SHOP=hand-made, or "sandboxShop": "hand-made" in the config file.',
          ),
    );
  let run: CatalogRun;
  const progress = createProgressView(lang, { json: out.options.json, dryRun: options.dryRun ?? false });
  try {
    run = await runCatalog(file, options, config, platforms, logger, (event) => progress.onEvent(event));
  } finally {
    progress.stop();
    await platforms.close();
  }
  const { report, warnings, refusedInFile } = run;
  if (options.report) await writeReport(options.report, report, lang);
  out.json({
    ...summaryOf(report),
    sandbox: platforms.sandbox,
    // Products of the file refused by its own checks (not in `items`): invalid on every platform.
    invalidInFile: refusedInFile,
    items: report.items.map(({ error, ...item }) => ({ ...item, error: error?.toJSON() })),
    issues: report.issues,
    warnings,
    ...(run.unavailable.length > 0 ? { unavailablePlatforms: run.unavailable } : {}),
  });
  printSummary(report, warnings, run.unavailableErrors, out);
  if (options.dryRun) out.line(t(lang, 'dryRun'));
  if (options.report) out.line(`${t(lang, 'reportWritten')} ${options.report}`);
  // A platform that refused the login (or could not be reached) is a platform failure, as a whole run
  // would be — the others were published all the same, and the table and report say so per platform.
  if (run.unavailable.length > 0) return EXIT.platform;
  return report.ok ? EXIT.ok : EXIT.problems;
}

export function registerList(program: Command, lang: Lang): void {
  const catalogFile = catalogFileOptions(lang);
  program
    .command('list')
    .description(say(lang, 'đăng danh mục lên các sàn', 'publish a catalog to the marketplaces'))
    .argument('<catalog>', say(lang, 'tệp danh mục (CSV, XLSX, JSON)', 'catalog file (CSV, XLSX, JSON)'))
    .option(
      '--to <platforms>',
      say(
        lang,
        'các sàn, cách nhau bằng dấu phẩy: voso, postmart, shopee',
        'comma-separated platforms: voso, postmart, shopee',
      ),
      'voso,postmart',
    )
    .option(
      '--dry-run',
      say(
        lang,
        'chạy thử: kiểm tra mọi thứ có thể kiểm tra và lập kế hoạch, không gửi gì',
        'check everything that can be checked and plan, send nothing',
      ),
    )
    .option(
      '--report <file>',
      say(
        lang,
        'báo cáo từng sản phẩm × sàn (.csv, .xlsx hoặc .json)',
        'per product × platform report (.csv, .xlsx or .json)',
      ),
    )
    .option(
      '--force',
      say(
        lang,
        'ghi đè tệp báo cáo đã có (không bao giờ ghi đè danh mục hay tệp cấu hình)',
        'overwrite an existing report file (never the catalog or the config file)',
      ),
    )
    .addOption(catalogFile.sheet)
    .addOption(catalogFile.delimiter)
    .option(
      '--assume-no-existing-listings',
      say(
        lang,
        'tạo mới cả trên tài khoản đã có tin đăng mà chưa chạy match (chỉ khi chắc chắn không sản phẩm nào đã được đăng tay)',
        'create on accounts that already have listings although match never ran (only when none of them is a catalog product)',
      ),
    )
    .addOption(catalogFile.ignoreColumns)
    .addOption(catalogFile.expiredCertificate)
    .action(exitCodeOf(runList));
}
