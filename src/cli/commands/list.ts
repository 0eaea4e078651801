import type { Command } from 'commander';
import {
  type CatalogReadResult,
  createConnector,
  createFileStore,
  createMemoryStore,
  formatIssue,
  type Logger,
  type PublishItemResult,
  type PublishProgressEvent,
  type PublishReport,
  type ValidationIssue,
} from 'ocop-connect';
import { createImagePreparer } from 'ocop-connect/images';
import {
  type CatalogCheckOptions,
  categoriesFor,
  checkCatalog,
  dedupeIssues,
  delimiterOption,
  expiredCertificateOption,
  ignoreColumnsOption,
  parseTargets,
  sheetOption,
} from '../catalog-check.js';
import { type CliConfig, configFileOf } from '../config.js';
import { contextOf } from '../context.js';
import { describeError, EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import { assertMayWrite, CATALOG_FILE, CONFIG_FILE } from '../may-write.js';
import type { Output } from '../output.js';
import { isSandboxMode, type OpenPlatforms, openPlatforms } from '../platforms.js';
import { createProgressView } from '../progress.js';
import { assertReportWritable, summaryOf, writeReport } from '../report.js';
import {
  hasSandboxOnboarding,
  sandboxRunStore,
  sandboxShopOptions,
  saveSandboxShops,
} from './onboarding-store.js';

export interface ListOptions extends CatalogCheckOptions {
  to: string;
  dryRun?: boolean;
  report?: string;
  /** Overwrite an existing --report file (never the catalog or the config file). */
  force?: boolean;
  assumeNoExistingListings?: boolean;
}

/** The library names its option; on the command line it is `--assume-no-existing-listings`. */
function cliHeldHint(issue: ValidationIssue): ValidationIssue {
  if (issue.code !== 'link.not_matched') return issue;
  return {
    ...issue,
    messageVi: issue.messageVi.replace(
      /chạy match trước \(đối chiếu tin đăng có sẵn với danh mục\), hoặc chọn assumeNoExistingListings nếu chắc chắn không trùng/,
      'chạy "ocop-connect match" trước (đối chiếu tin đăng có sẵn với danh mục), hoặc thêm --assume-no-existing-listings nếu chắc chắn không sản phẩm nào trùng',
    ),
    messageEn: issue.messageEn.replace(
      /run match first \(match the existing listings to the catalog\), or pass assumeNoExistingListings if none of them is a catalog product/,
      'run "ocop-connect match" first (match the existing listings to the catalog), or add --assume-no-existing-listings if none of them is a catalog product',
    ),
  };
}

function countBy(
  report: PublishReport,
  platform: string,
  test: (item: PublishItemResult) => boolean,
): number {
  return report.items.filter((item) => item.platform === platform && test(item)).length;
}

/**
 * Products the file describes that never reached the engine: they failed the catalog's own checks (a
 * bad cell, a duplicated code) or their row has no product code. Each is invalid on every platform.
 */
export function invalidInFile(catalog: CatalogReadResult): number {
  const withoutCode = catalog.issues.filter(
    (issue) => issue.code === 'text.required' && issue.path === 'sku' && issue.sku === undefined,
  ).length;
  return catalog.productCount - catalog.products.length + withoutCode;
}

function printSummary(
  report: PublishReport,
  warnings: readonly ValidationIssue[],
  out: Output,
  refusedInFile: number,
): void {
  const lang = out.options.lang;
  out.line();
  out.line(t(lang, 'summaryTitle'));
  const platforms = report.platforms.map((p) => p.platform);
  if (report.dryRun) {
    out.table(
      [
        t(lang, 'platform'),
        t(lang, 'willCreate'),
        t(lang, 'willUpdate'),
        t(lang, 'unchanged'),
        t(lang, 'invalid'),
        t(lang, 'skipped'),
        t(lang, 'held'),
      ],
      platforms.map((p) => [
        p,
        countBy(report, p, (i) => i.action === 'create' && i.outcome === 'planned'),
        countBy(report, p, (i) => i.action === 'update' && i.outcome === 'planned'),
        countBy(report, p, (i) => i.action === 'unchanged' && i.outcome !== 'invalid'),
        countBy(report, p, (i) => i.outcome === 'invalid') + refusedInFile,
        countBy(report, p, (i) => i.action === 'skip' && i.outcome === 'unchanged'),
        countBy(report, p, (i) => i.outcome === 'held'),
      ]),
    );
  } else {
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
      ],
      platforms.map((p) => [
        p,
        countBy(report, p, (i) => i.outcome === 'created'),
        countBy(report, p, (i) => i.outcome === 'updated'),
        countBy(report, p, (i) => i.outcome === 'unchanged' && i.action !== 'skip'),
        countBy(report, p, (i) => i.outcome === 'failed'),
        countBy(report, p, (i) => i.outcome === 'invalid') + refusedInFile,
        countBy(report, p, (i) => i.outcome === 'unchanged' && i.action === 'skip'),
        // Not created because a listing typed by hand may be this product (match → link decides).
        countBy(report, p, (i) => i.outcome === 'held'),
      ]),
    );
  }
  const failures = report.items.filter(
    (i) => i.outcome === 'failed' || i.outcome === 'invalid' || i.outcome === 'held',
  );
  for (const item of failures) {
    const reason = item.issues?.length
      ? item.issues.map((i) => formatIssue(i, lang)).join('; ')
      : item.error
        ? describeError(item.error, lang).message
        : '';
    out.line(`${item.outcome === 'held' ? '⏸' : '✗'} [${item.platform}] ${item.sku}: ${reason}`);
  }
  for (const issue of report.issues) out.line(`✗ ${formatIssue(issue, lang)}`);
  for (const issue of warnings) out.line(`⚠ ${formatIssue(issue, lang)}`);
}

export interface CatalogRun {
  report: PublishReport;
  warnings: ValidationIssue[];
  /** Products of the file refused by its own checks (not in `report.items`). */
  refusedInFile: number;
  catalog: CatalogReadResult;
}

/**
 * What `list` does with a catalog, shared by `list`, `list --dry-run` and `validate`: the file's own
 * checks and the preflight (preflight.ts), then the library's publish — a dry run plans with every
 * platform listing rule (title and description length, image count, category attributes, config
 * profile overrides) and, with `checkImages`, reads every image against the platform's image spec.
 * Items come back with the spreadsheet's own row numbers.
 */
export async function runCatalog(
  file: string,
  options: CatalogCheckOptions & {
    dryRun?: boolean;
    assumeNoExistingListings?: boolean;
    /** validate: ignore the state folder and the links entirely (an empty store, nothing replayed or kept). */
    stateless?: boolean;
  },
  config: CliConfig,
  platforms: OpenPlatforms,
  logger: Logger | undefined,
  onProgress?: (event: PublishProgressEvent) => void,
): Promise<CatalogRun> {
  const { catalog, preflight } = await checkCatalog(file, options, config, platforms, logger);
  const catalogIssues = catalog.issues;
  const refusedInFile = invalidInFile(catalog);
  const warnings = preflight.warnings;
  // Products that cannot go anywhere (missing image file, blocked certificate) are not handed over;
  // a problem on one platform only (its category's attributes) leaves the product for the others.
  const everywhere = (sku: string) => preflight.blocked.get(sku)?.has('*') ?? false;
  const sent = catalog.products.flatMap((product, i) =>
    everywhere(product.sku) ? [] : [{ product, row: catalog.productRows[i] ?? i + 1 }],
  );
  const held = catalog.products.flatMap((product, i) =>
    everywhere(product.sku) ? [{ product, row: catalog.productRows[i] ?? i + 1 }] : [],
  );
  const productRows = sent.map((s) => s.row);
  // Sandboxes start afresh each run, so their state store must too (but for the links and proposals
  // `match` / `link` kept in sandbox mode); real platforms get a durable one. A run that ignores the
  // shop's listings (validate) needs no links: it gets an empty store and replays nothing onto the
  // emulators, which it opened without the hand-made listings (#19 trial 4: validate wrote the linked
  // seller SKUs, PUT /products/:id/sku, onto listings its shops did not hold, and ended with exit 3).
  // Only validate runs stateless: `list --assume-no-existing-listings` must still record what it
  // created, or the next run holds every product (#10 re-trial: the flag switched the store off too).
  const store = options.stateless
    ? createMemoryStore()
    : platforms.sandbox
      ? await sandboxRunStore(config, platforms.marketplaces)
      : await createFileStore({ dir: config.stateDir ?? '.ocop-connect' });
  // Images come from the catalog's folder or its URLs; the sandbox's own loopback URLs are allowed only there.
  const images = createImagePreparer({ allowPrivateNetwork: platforms.sandbox });
  const connector = createConnector({
    marketplaces: platforms.marketplaces,
    store,
    images,
    categories: categoriesFor(config, platforms.sandbox),
    ...(logger ? { logger } : {}),
  });
  let published: PublishReport;
  try {
    published = await connector.publish(
      sent.map((s) => s.product),
      {
        // A dry run reads every image it would upload: what the real run would refuse is said now.
        ...(options.dryRun ? { dryRun: true, checkImages: true } : {}),
        ...(options.assumeNoExistingListings ? { assumeNoExistingListings: true } : {}),
        ...(onProgress ? { onProgress } : {}),
      },
    );
    // The sandbox shop lasts between runs once match / link made it the hand-made one: what this run
    // created or rewrote is there next time, reported unchanged (#19 trial 5).
    if (platforms.sandbox && !options.dryRun && !options.stateless && (await hasSandboxOnboarding(config)))
      await saveSandboxShops(config, platforms, store);
  } finally {
    await connector.close();
  }
  // The engine numbers products 1..n in the order given; a clerk needs the spreadsheet's own row numbers.
  const sheetRow = (row: number | undefined) => (row === undefined ? row : (productRows[row - 1] ?? row));
  const problemsOf = (sku: string, platform: string) =>
    preflight.problems.filter((p) => p.sku === sku && (p.platform === undefined || p.platform === platform));
  const items: PublishItemResult[] = published.items.map((item) => {
    const row = sheetRow(item.row) ?? item.row;
    const own = (item.issues ?? []).map((issue) =>
      cliHeldHint({ ...issue, row: sheetRow(issue.row) ?? row }),
    );
    // The engine and the preflight both say "no category": keep the engine's, which names it.
    const unmapped = own.some((issue) => issue.code === 'category.unmapped');
    const issues = dedupeIssues([
      ...own,
      ...problemsOf(item.sku, item.platform).filter(
        (issue) => !(unmapped && issue.code === 'listing.category.unmapped'),
      ),
    ]);
    // A dry run plans items the platform would then refuse: show them as invalid, as `list` would end.
    const refused = problemsOf(item.sku, item.platform).length > 0 && item.outcome === 'planned';
    return {
      ...item,
      row,
      ...(issues.length > 0 ? { issues } : {}),
      ...(refused ? { outcome: 'invalid' as const } : {}),
    };
  });
  for (const { product, row } of held) {
    for (const adapter of platforms.marketplaces) {
      items.push({
        sku: product.sku,
        platform: adapter.platform,
        account: adapter.account,
        row,
        action: 'skip',
        changes: [],
        outcome: 'invalid',
        issues: problemsOf(product.sku, adapter.platform),
      });
    }
  }
  items.sort((a, b) => a.platform.localeCompare(b.platform) || a.row - b.row);
  const invalid = items.some((i) => i.outcome === 'invalid' || i.outcome === 'failed');
  const report: PublishReport = {
    ...published,
    items,
    issues: [...catalogIssues, ...published.issues.map((issue) => ({ ...issue, row: sheetRow(issue.row) }))],
    ok: published.ok && !invalid && catalogIssues.length === 0,
  };
  return { report, warnings, refusedInFile, catalog };
}

export async function runList(
  file: string,
  options: ListOptions,
  config: CliConfig,
  out: Output,
  logger?: Logger,
): Promise<number> {
  const lang = out.options.lang;
  const targets = parseTargets(options.to);
  // A report that cannot be written is refused before anything is sent.
  if (options.report) {
    await assertMayWrite(options.report, {
      option: '--report',
      force: options.force,
      protect: [
        { path: file, what: CATALOG_FILE },
        { path: configFileOf(config), what: CONFIG_FILE },
      ],
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
  const progress = createProgressView(lang, { json: out.options.json });
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
  });
  printSummary(report, warnings, out, refusedInFile);
  if (options.dryRun) out.line(t(lang, 'dryRun'));
  if (options.report) out.line(`${t(lang, 'reportWritten')} ${options.report}`);
  return report.ok ? EXIT.ok : EXIT.problems;
}

export function registerList(program: Command, lang: Lang): void {
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
    .addOption(sheetOption(lang))
    .addOption(delimiterOption(lang))
    .option(
      '--assume-no-existing-listings',
      say(
        lang,
        'tạo mới cả trên tài khoản đã có tin đăng mà chưa chạy match (chỉ khi chắc chắn không sản phẩm nào đã được đăng tay)',
        'create on accounts that already have listings although match never ran (only when none of them is a catalog product)',
      ),
    )
    .addOption(ignoreColumnsOption(lang))
    .addOption(expiredCertificateOption(lang))
    .action(async (file: string, opts: ListOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      process.exitCode = await runList(file, opts, config, out, logger);
    });
}
