import {
  type CatalogReadResult,
  createConnector,
  createFileStore,
  createMemoryStore,
  isOcopConnectError,
  type Logger,
  type PublishItemResult,
  type PublishOutcome,
  type PublishPlatformSummary,
  type PublishProgressEvent,
  type PublishReport,
  type ValidationIssue,
} from 'ocop-connect';
import { createImagePreparer } from 'ocop-connect/images';
import { type CatalogCheckOptions, categoriesFor, checkCatalog, dedupeIssues } from '../catalog-check.js';
import type { CliConfig } from '../config-schema.js';
import type { OpenPlatforms } from '../platform-types.js';
import { hasSandboxOnboarding, sandboxRunStore, saveSandboxShops } from './onboarding-store.js';

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

/**
 * The products of the file its own checks refused, one per product code named by an issue (or per row
 * when the issue names none: a cell that could not be read, a row without a code), with their issues.
 * A problem with the sheet's layout (an unknown column) names no product: it is said once, not per product.
 */
function refusedProducts(
  catalog: CatalogReadResult,
): { sku: string; row: number; issues: ValidationIssue[] }[] {
  const accepted = new Set(catalog.products.map((p) => p.sku));
  const acceptedRows = new Set(catalog.productRows);
  const refused = new Map<string, { sku: string; row: number; issues: ValidationIssue[] }>();
  for (const issue of catalog.issues) {
    if (issue.row === undefined || issue.code.startsWith('column.') || issue.code.startsWith('header'))
      continue;
    if (issue.sku !== undefined ? accepted.has(issue.sku) : acceptedRows.has(issue.row)) continue;
    const key = issue.sku ?? `row ${issue.row}`;
    const entry = refused.get(key) ?? { sku: issue.sku ?? '', row: issue.row, issues: [] };
    entry.issues.push(issue);
    refused.set(key, entry);
  }
  return [...refused.values()];
}

/**
 * The per-platform summary of the items as the CLI reports them: the library counted only what it was
 * handed, so products held back by the preflight (a missing image file) and planned items the platform
 * would refuse are counted here, as the library counts its own items (one per outcome).
 */
function countedPlatforms(
  platforms: readonly PublishPlatformSummary[],
  items: readonly PublishItemResult[],
): PublishPlatformSummary[] {
  return platforms.map((summary) => {
    const own = items.filter((i) => i.platform === summary.platform && i.account === summary.account);
    const count = (outcome: PublishOutcome) => own.filter((i) => i.outcome === outcome).length;
    return { ...summary, total: own.length, ...Object.fromEntries(OUTCOMES.map((o) => [o, count(o)])) };
  });
}

/** Every outcome an item can end with: a count of each in the summary. */
const OUTCOMES: readonly PublishOutcome[] = [
  'created',
  'updated',
  'unchanged',
  'failed',
  'invalid',
  'planned',
  'held',
];

export interface CatalogRun {
  report: PublishReport;
  warnings: ValidationIssue[];
  /** Products of the file refused by its own checks (not in `report.items`). */
  refusedInFile: number;
  catalog: CatalogReadResult;
  /**
   * Platforms that failed as a whole (their login refused, out of reach) when the catalog was checked
   * and took nothing when published: the others were published (exit 3, README).
   */
  unavailable: string[];
  /** Each unavailable platform's failure (the refused login, the unreachable host). */
  unavailableErrors: ReadonlyMap<string, unknown>;
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
  // A platform whose login was refused (or that was out of reach) when the catalog was checked: nothing
  // of it was checked or sent, so no product of it is "unchanged" or "planned" there — each failed, with
  // the login's reason (the table, --json, the report and the progress lines all say so).
  const notChecked = (item: PublishItemResult): PublishItemResult => {
    const failure = preflight.unavailable.get(item.platform);
    if (!isOcopConnectError(failure) || item.action === 'skip') return item;
    if (item.outcome !== 'unchanged' && item.outcome !== 'planned') return item;
    return { ...item, outcome: 'failed', error: failure };
  };
  const progress = onProgress
    ? (event: PublishProgressEvent) =>
        onProgress(
          event.type === 'platform' && event.item ? { ...event, item: notChecked(event.item) } : event,
        )
    : undefined;
  let published: PublishReport;
  try {
    published = await connector.publish(
      sent.map((s) => s.product),
      {
        // A dry run reads every image it would upload: what the real run would refuse is said now.
        ...(options.dryRun ? { dryRun: true, checkImages: true } : {}),
        ...(options.assumeNoExistingListings ? { assumeNoExistingListings: true } : {}),
        ...(progress ? { onProgress: progress } : {}),
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
  const items: PublishItemResult[] = published.items.map(notChecked).map((item) => {
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
  // Products the file's own checks refused never reached the engine: invalid on every platform, one
  // item each (the report's row per product × platform), their reasons the file's issues.
  for (const refused of refusedProducts(catalog))
    for (const adapter of platforms.marketplaces)
      items.push({
        sku: refused.sku,
        platform: adapter.platform,
        account: adapter.account,
        row: refused.row,
        action: 'skip',
        changes: [],
        outcome: 'invalid',
        issues: refused.issues,
      });
  items.sort((a, b) => a.platform.localeCompare(b.platform) || a.row - b.row);
  const invalid = items.some((i) => i.outcome === 'invalid' || i.outcome === 'failed');
  const report: PublishReport = {
    ...published,
    items,
    platforms: countedPlatforms(published.platforms, items),
    issues: [...catalogIssues, ...published.issues.map((issue) => ({ ...issue, row: sheetRow(issue.row) }))],
    ok: published.ok && !invalid && catalogIssues.length === 0,
  };
  // A platform that let nothing through afterwards either: its login was checked before anything else,
  // so a run with nothing to send (an unchanged catalog, a dry run) says it as much as one that sends.
  const unavailable = [...preflight.unavailable.keys()].filter(
    (platform) =>
      !items.some((i) => i.platform === platform && (i.outcome === 'created' || i.outcome === 'updated')),
  );
  const unavailableErrors = new Map(unavailable.map((p) => [p, preflight.unavailable.get(p)]));
  return { report, warnings, refusedInFile, catalog, unavailable, unavailableErrors };
}
