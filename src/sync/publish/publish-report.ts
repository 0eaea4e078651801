import type { Logger } from '../../core/logger.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { PlatformPublisher } from './platform-publisher.js';
import type { PublishItemResult, PublishPlatformSummary, PublishReport } from './types.js';

/**
 * The report of a run: every item settled on every target, a summary per target, logged (failed items
 * one by one, then the summary) when a logger is given.
 */
export function publishReport(
  publishers: readonly PlatformPublisher[],
  total: number,
  startedMs: number,
  dryRun: boolean,
  issues: ValidationIssue[],
  logger: Logger | undefined,
): PublishReport {
  const items: PublishItemResult[] = [];
  const platforms = publishers.map((p) => {
    const summary: PublishPlatformSummary = {
      platform: p.adapter.platform,
      account: p.adapter.account,
      total,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      invalid: 0,
      planned: 0,
      held: 0,
      imagesUploaded: p.imagesUploaded,
      imagesReused: p.imagesReused,
    };
    for (const item of p.items) {
      if (!item) continue;
      summary[item.outcome]++;
      items.push(item);
    }
    return summary;
  });
  const durationMs = performance.now() - startedMs;
  if (logger) {
    for (const item of items.filter((i) => i.outcome === 'failed')) {
      const { platform, account, sku, row } = item;
      logger.warn({ platform, account, sku, row, error: item.error?.toJSON() }, 'publish item failed');
    }
    logger.info({ dryRun: dryRun, platforms, durationMs: Math.round(durationMs) }, 'publish finished');
  }
  return {
    dryRun: dryRun,
    items,
    issues,
    platforms,
    durationMs,
    ok: items.every((i) => i.outcome !== 'failed' && i.outcome !== 'invalid' && i.outcome !== 'held'),
  };
}
