import type { Command } from 'commander';
import type { Logger } from 'ocop-connect';
import {
  createConnector,
  createFileStore,
  createMemoryStore,
  formatIssue,
  type PublishProgressEvent,
  type PublishReport,
  readCatalog,
} from 'ocop-connect';
import { createImagePreparer } from 'ocop-connect/images';
import type { CliConfig } from '../config.js';
import { contextOf } from '../context.js';
import { t } from '../i18n.js';
import type { Output } from '../output.js';
import { categoryMapFromConfig, MARKETPLACES, type MarketplaceName, openPlatforms } from '../platforms.js';
import { createProgressView } from '../progress.js';
import { assertReportWritable, summaryOf, writeReport } from '../report.js';
import { SANDBOX_CATEGORIES } from '../sandbox-categories.js';
import { catalogReadOptions, runValidate } from './validate.js';

export interface ListOptions {
  to: string;
  dryRun?: boolean;
  report?: string;
  sheet?: string;
  delimiter?: string;
}

function parseTargets(to: string): MarketplaceName[] {
  const names = to
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(MARKETPLACES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--to: ${unknown.join(', ') || '(empty)'}: dùng/use ${MARKETPLACES.join(',')}`);
  }
  return names as MarketplaceName[];
}

function countBy(
  report: PublishReport,
  platform: string,
  test: (item: PublishReport['items'][number]) => boolean,
): number {
  return report.items.filter((item) => item.platform === platform && test(item)).length;
}

function printSummary(report: PublishReport, out: Output): void {
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
      ],
      platforms.map((p) => [
        p,
        countBy(report, p, (i) => i.action === 'create' && i.outcome === 'planned'),
        countBy(report, p, (i) => i.action === 'update' && i.outcome === 'planned'),
        countBy(report, p, (i) => i.action === 'unchanged'),
        countBy(report, p, (i) => i.outcome === 'invalid'),
        countBy(report, p, (i) => i.action === 'skip' && i.outcome === 'unchanged'),
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
      ],
      platforms.map((p) => [
        p,
        countBy(report, p, (i) => i.outcome === 'created'),
        countBy(report, p, (i) => i.outcome === 'updated'),
        countBy(report, p, (i) => i.outcome === 'unchanged' && i.action !== 'skip'),
        countBy(report, p, (i) => i.outcome === 'failed'),
        countBy(report, p, (i) => i.outcome === 'invalid'),
        countBy(report, p, (i) => i.outcome === 'unchanged' && i.action === 'skip'),
      ]),
    );
  }
  const failures = report.items.filter((i) => i.outcome === 'failed' || i.outcome === 'invalid');
  for (const item of failures) {
    const reason = item.issues?.length
      ? item.issues.map((i) => formatIssue(i, lang)).join('; ')
      : (item.error?.message ?? '');
    out.line(`✗ [${item.platform}] ${item.sku}: ${reason}`);
  }
  for (const issue of report.issues) out.line(`✗ ${formatIssue(issue, lang)}`);
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
  if (options.report) await assertReportWritable(options.report);
  const catalog = await readCatalog(file, catalogReadOptions(options));
  if (catalog.products.length === 0 && catalog.issues.length > 0) {
    // Nothing valid to publish: show the problems as `validate` would.
    return runValidate(file, options, out);
  }
  const platforms = await openPlatforms(config, { marketplaces: targets, carrier: false }, logger);
  if (platforms.sandbox) out.notice(`⚠ ${t(lang, 'sandboxNotice')}`);
  // Sandboxes start empty each run, so their state store must too; real platforms get a durable one.
  const store = platforms.sandbox
    ? createMemoryStore()
    : await createFileStore({ dir: config.stateDir ?? '.ocop-connect' });
  const categories = categoryMapFromConfig(
    config.categories ?? (platforms.sandbox ? SANDBOX_CATEGORIES : {}),
  );
  // Images come from the catalog's folder or its URLs; the sandbox's own loopback URLs are allowed only there.
  const images = createImagePreparer({ allowPrivateNetwork: platforms.sandbox });
  const connector = createConnector({
    marketplaces: platforms.marketplaces,
    store,
    images,
    categories,
    ...(logger ? { logger } : {}),
  });
  const progress = createProgressView(lang, { json: out.options.json });
  let report: PublishReport;
  try {
    report = await connector.publish(catalog.products, {
      ...(options.dryRun ? { dryRun: true } : {}),
      onProgress: (event: PublishProgressEvent) => progress.onEvent(event),
    });
  } finally {
    progress.stop();
    await connector.close();
    await platforms.close();
  }
  // The engine numbers products 1..n in the order given; a clerk needs the spreadsheet's own row numbers.
  const sheetRow = (row: number | undefined) =>
    row === undefined ? row : (catalog.productRows[row - 1] ?? row);
  const items = report.items.map((item) => ({
    ...item,
    row: sheetRow(item.row) ?? item.row,
    ...(item.issues ? { issues: item.issues.map((issue) => ({ ...issue, row: sheetRow(issue.row) })) } : {}),
  }));
  // Rows the reader rejected were never handed to the engine: report them too.
  const fullReport: PublishReport = {
    ...report,
    items,
    issues: [...catalog.issues, ...report.issues.map((issue) => ({ ...issue, row: sheetRow(issue.row) }))],
    ok: report.ok && catalog.issues.length === 0,
  };
  if (options.report) await writeReport(options.report, fullReport, lang);
  out.json({
    ...summaryOf(fullReport),
    sandbox: platforms.sandbox,
    items: fullReport.items.map(({ error, ...item }) => ({ ...item, error: error?.toJSON() })),
    issues: fullReport.issues,
  });
  printSummary(fullReport, out);
  if (options.dryRun) out.line(t(lang, 'dryRun'));
  if (options.report) out.line(`${t(lang, 'reportWritten')} ${options.report}`);
  return fullReport.ok ? 0 : 1;
}

export function registerList(program: Command): void {
  program
    .command('list')
    .description('đăng danh mục lên các sàn / publish a catalog to the marketplaces')
    .argument('<catalog>', 'tệp danh mục / catalog file (CSV, XLSX, JSON)')
    .requiredOption(
      '--to <platforms>',
      'sàn, cách nhau bằng dấu phẩy / comma-separated platforms',
      'voso,postmart',
    )
    .option('--dry-run', 'chỉ lập kế hoạch, không gửi gì / plan only, send nothing')
    .option('--report <file>', 'báo cáo từng sản phẩm × sàn / per product × platform report (.csv or .json)')
    .option('--sheet <name>', 'trang tính XLSX / XLSX sheet name')
    .option('--delimiter <char>', 'dấu phân cách CSV / CSV separator')
    .action(async (file: string, opts: ListOptions, command: Command) => {
      const { out, config, logger } = await contextOf(command);
      process.exitCode = await runList(file, opts, config, out, logger);
    });
}
