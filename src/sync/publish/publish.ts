import { checkArgument, checkOptions, ROWS } from '../../core/argument-guards.js';
import { ConfigurationError } from '../../core/errors.js';
import { pathProblem } from '../../model/option-problem.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import { PUBLISH_OPTIONS, publishOptionRules } from './publish-options.js';
import { PublishRun, platformKey } from './publish-run.js';
import type { CatalogInput, PublishOptions, PublishReport } from './types.js';

/**
 * Publish a catalog to several marketplaces at once.
 *
 * One way through, per product (the same order as docs/architecture.md, "Flows"):
 * 1. validate: the model (a product invalid for the model goes nowhere), then each platform's listing
 *    rules and category mapping;
 * 2. plan product × platform from the content hashes in the store: create / update (what changed) /
 *    unchanged;
 * 3. check what would be written, before anything is sent: for a create or a full update the category's
 *    required attributes; a create that `match` proposals (or a shop `match` never examined) wait on is
 *    `held`; in a dry run with `checkImages`, each image against the platform's spec. `dryRun` stops here;
 * 4. apply every platform concurrently, each paced only by its adapter's own rate limiter: images
 *    prepared once per content hash and spec, uploaded once per platform; creates recorded as durable
 *    intents first (a rerun after a crash looks up by SKU instead of creating twice); price-only and
 *    stock-only changes through bulk calls. Nothing of ours is checked again, except that each image
 *    can be decoded.
 *
 * Each row is handed to its platforms as soon as it is planned (the first requests leave while later
 * rows are still being read), and planning pauses while too much work waits: a streamed catalog is
 * never held whole in memory. Never throws for a product or platform failure: every item gets its own
 * result.
 */
export async function publish(catalog: CatalogInput, options: PublishOptions): Promise<PublishReport> {
  checkArgument(catalog, 'catalog', ROWS);
  checkOptions(options, PUBLISH_OPTIONS, 'publish', (given) => publishOptionRules(given, []));
  return publishRows(catalog, options);
}

/**
 * `publish` of rows that may arrive asynchronously (internal: the connector yields each row once its
 * stock figures are recorded as counts). Rows are pulled only as planning makes room for them.
 */
export async function publishRows(
  catalog: Iterable<unknown> | AsyncIterable<unknown>,
  options: PublishOptions,
): Promise<PublishReport> {
  checkTargets(options.to);
  return new PublishRun(options).run(catalog);
}

function checkTargets(targets: readonly MarketplaceAdapter[]): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const adapter of targets) {
    const key = platformKey(adapter);
    const name = `${adapter.platform}/${adapter.account}`;
    if (seen.has(key)) problems.push(pathProblem('to', `${name} có hai lần`, `${name} is listed twice`));
    seen.add(key);
  }
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: 'publish: tùy chọn không hợp lệ', en: 'publish: invalid options' },
      problems,
    );
}
