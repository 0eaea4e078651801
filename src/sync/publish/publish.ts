import { ConfigurationError, ValidationError } from '../../core/errors.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping, MarketplaceAdapter } from '../../platforms/types.js';
import { CatalogValidator } from './catalog-validator.js';
import { resolveCategory, unmappedCategoryIssue } from './category-resolver.js';
import { ImageStage, specKey } from './image-stage.js';
import { decodeFingerprint, fingerprintListing, fingerprintProduct } from './listing-fingerprint.js';
import { NO_CHANGES, needsFullUpdate, planListing } from './plan.js';
import { PlatformPublisher } from './platform-publisher.js';
import { ProgressTracker } from './progress.js';
import type {
  CatalogInput,
  PublishItemResult,
  PublishOptions,
  PublishPlatformSummary,
  PublishReport,
} from './types.js';

/**
 * Product tasks in flight per platform when the caller does not say. Enough to keep a 20 req/s limiter
 * busy at up to ~400 ms per request (rps × latency × 2); the limiter, not this number, sets the pace.
 */
export const DEFAULT_PLATFORM_CONCURRENCY = 16;

function concurrencyFor(options: PublishOptions, adapter: MarketplaceAdapter): number {
  const c = options.concurrency;
  if (typeof c === 'number') return c;
  return c?.[adapter.platform] ?? DEFAULT_PLATFORM_CONCURRENCY;
}

function platformKey(adapter: MarketplaceAdapter): string {
  return `${adapter.platform}\u0000${adapter.account}`;
}

function imageIssue(product: Product, index: number, error: unknown): ValidationIssue {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    path: `images.${index}`,
    value: product.images[index],
    code: 'image.unreadable',
    messageVi: `Không đọc được ảnh số ${index + 1}: ${reason}`,
    messageEn: `Image ${index + 1} cannot be read: ${reason}`,
    sku: product.sku,
  };
}

/**
 * Publish a catalog to several marketplaces at once.
 *
 * 1. validate every row against the model and each platform's listing rules (nothing is sent for an
 *    invalid product on that platform; a product invalid for the model goes nowhere);
 * 2. plan product × platform from the content hashes in the store: create / update (what changed) /
 *    unchanged; `dryRun` stops here;
 * 3. apply every platform concurrently, each paced only by its adapter's own rate limiter: images
 *    prepared once per content hash and spec, uploaded once per platform; creates recorded as durable
 *    intents first (a rerun after a crash looks up by SKU instead of creating twice); price-only and
 *    stock-only changes through bulk calls.
 *
 * Never throws for a product or platform failure: every item gets its own result.
 */
export async function publish(catalog: CatalogInput, options: PublishOptions): Promise<PublishReport> {
  const started = performance.now();
  const targets = [...options.to];
  const seen = new Set<string>();
  for (const adapter of targets) {
    const key = platformKey(adapter);
    if (seen.has(key)) {
      throw new ConfigurationError('Invalid publish options', [
        `target ${adapter.platform}/${adapter.account} is listed twice`,
      ]);
    }
    seen.add(key);
  }
  const dryRun = options.dryRun ?? false;
  const { store, signal } = options;
  const progress = new ProgressTracker(options.onProgress);
  const images = new ImageStage(options.images, store);
  const publishers = targets.map((adapter) => {
    const key = platformKey(adapter);
    progress.addPlatform(key, adapter.platform, adapter.account);
    return new PlatformPublisher(adapter, store, images, concurrencyFor(options, adapter), signal, (item) =>
      progress.itemDone(key, item),
    );
  });
  const specKeys = targets.map((a) => specKey(a.listingRules.image));
  const catalogIssues: ValidationIssue[] = [];
  const validator = new CatalogValidator();
  let count = 0;

  if (Array.isArray(catalog))
    for (const p of publishers) progress.setTotal(platformKey(p.adapter), catalog.length);
  progress.phase('validate');
  // Each row is validated and planned, then handed to its platforms at once: the first requests leave
  // while later rows are still being planned. A row is only ever sent after it validated.
  let row = 0;
  for (const input of catalog) {
    for (const p of publishers) await p.waitForRoom();
    row++;
    const index = count++;
    const result = validator.validate(input, row);
    if (!result.ok) {
      catalogIssues.push(...result.issues);
      const error = new ValidationError(`Row ${row} does not match the product model`, result.issues);
      for (const p of publishers) {
        const item: PublishItemResult = {
          sku: result.sku,
          platform: p.adapter.platform,
          account: p.adapter.account,
          row,
          action: 'skip',
          changes: NO_CHANGES,
          outcome: 'invalid',
          issues: result.issues,
          error,
        };
        p.settle(item, index);
      }
      continue;
    }
    const product = result.product;
    let identities: string[];
    try {
      identities = await Promise.all(product.images.map((source) => images.identity(source)));
    } catch {
      const issues: ValidationIssue[] = [];
      await Promise.all(
        product.images.map((source, i) =>
          images
            .identity(source)
            .catch((error: unknown) => issues.push({ ...imageIssue(product, i, error), row })),
        ),
      );
      catalogIssues.push(...issues);
      const error = new ValidationError(`Row ${row}: images cannot be read`, issues);
      for (const p of publishers) {
        const item = invalidItem(product, p.adapter, row, issues, error);
        p.settle(item, index);
      }
      continue;
    }
    const base = fingerprintProduct(product, identities);
    for (let t = 0; t < publishers.length; t++) {
      const publisher = publishers[t]!;
      const adapter = publisher.adapter;
      const mapping = resolveCategory(options.categories, product, adapter);
      const issues = listingIssues(adapter, product, mapping, row);
      if (issues.length > 0 || !mapping) {
        const error = new ValidationError(
          `Row ${row} (${product.sku}) does not meet ${adapter.platform}'s listing rules`,
          issues,
          { platform: adapter.platform },
        );
        const item = invalidItem(product, adapter, row, issues, error);
        publisher.settle(item, index);
        continue;
      }
      const wanted = fingerprintListing(base, mapping, specKeys[t]!);
      const previous = await store.getListing({
        platform: adapter.platform,
        account: adapter.account,
        sku: product.sku,
      });
      const previousFingerprint = decodeFingerprint(previous?.contentHash);
      const plan = planListing(wanted, previousFingerprint, previous !== undefined);
      const itemBase = {
        sku: product.sku,
        platform: adapter.platform,
        account: adapter.account,
        row,
        action: plan.action,
        changes: plan.changes,
        ...(previous
          ? { remoteId: previous.remoteListingId, variantRemoteIds: previous.variantRemoteIds }
          : {}),
      };
      if (plan.action === 'unchanged' || dryRun) {
        const item: PublishItemResult = {
          ...itemBase,
          outcome: plan.action === 'unchanged' ? 'unchanged' : 'planned',
        };
        publisher.settle(item, index);
        continue;
      }
      const usesImages =
        plan.action === 'create' ||
        needsFullUpdate(plan.changes) ||
        (plan.changes.includes('price') && !adapter.capabilities.priceUpdate);
      if (usesImages) for (const id of identities) images.expect(id, adapter.listingRules.image);
      const task = {
        index,
        row,
        product,
        mapping,
        imageIdentities: identities,
        wanted,
        plan,
        usesImages,
        ...(previous ? { previous } : {}),
        ...(previousFingerprint ? { previousFingerprint } : {}),
      };
      publisher.schedule(task);
    }
  }
  for (const p of publishers) progress.setTotal(platformKey(p.adapter), count);

  progress.phase(dryRun ? 'plan' : 'apply');
  await Promise.all(publishers.map((p) => p.finish()));
  progress.phase('done');

  const items: PublishItemResult[] = [];
  const platforms: PublishPlatformSummary[] = [];
  for (const p of publishers) {
    const summary: PublishPlatformSummary = {
      platform: p.adapter.platform,
      account: p.adapter.account,
      total: count,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      invalid: 0,
      planned: 0,
      imagesUploaded: p.imagesUploaded,
      imagesReused: p.imagesReused,
    };
    for (const item of p.items) {
      if (!item) continue;
      summary[item.outcome]++;
      items.push(item);
    }
    platforms.push(summary);
  }
  const logger = options.logger;
  if (logger) {
    for (const item of items) {
      if (item.outcome === 'failed') {
        logger.warn(
          {
            platform: item.platform,
            account: item.account,
            sku: item.sku,
            row: item.row,
            error: item.error?.toJSON(),
          },
          'publish item failed',
        );
      }
    }
    logger.info(
      { dryRun, platforms, durationMs: Math.round(performance.now() - started) },
      'publish finished',
    );
  }
  return {
    dryRun,
    items,
    issues: catalogIssues,
    platforms,
    durationMs: performance.now() - started,
    ok: items.every((i) => i.outcome !== 'failed' && i.outcome !== 'invalid'),
  };
}

function invalidItem(
  product: Product,
  adapter: MarketplaceAdapter,
  row: number,
  issues: ValidationIssue[],
  error: ValidationError,
): PublishItemResult {
  return {
    sku: product.sku,
    platform: adapter.platform,
    account: adapter.account,
    row,
    action: 'skip',
    changes: NO_CHANGES,
    outcome: 'invalid',
    issues,
    error,
  };
}

/** The adapter's own listing rules, plus "no category" when the category map has nothing for it. */
function listingIssues(
  adapter: MarketplaceAdapter,
  product: Product,
  mapping: CategoryMapping | undefined,
  row: number,
): ValidationIssue[] {
  const issues: ValidationIssue[] = adapter.checkListing(product, mapping).map((issue) => ({
    ...issue,
    platform: issue.platform ?? adapter.platform,
    sku: issue.sku ?? product.sku,
    row: issue.row ?? row,
  }));
  if (!mapping && !issues.some((i) => i.path.startsWith('category') || i.code.startsWith('category'))) {
    issues.push({ ...unmappedCategoryIssue(product, adapter.platform), row });
  }
  return issues;
}
