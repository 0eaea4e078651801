import type { CallOptions } from '../../core/types.js';
import type { MarketplaceHookContext } from '../marketplace/hooks.js';
import type { ItemResult, RemoteListing } from '../types.js';
import { findBySku } from './shopee-listings.js';
import { list } from './shopee-raw.js';

/** One update_stock / update_price call per item; per-SKU results from its success and failure lists. */
export async function sendByModel(
  ctx: MarketplaceHookContext,
  endpoint: 'bulkStock' | 'updatePrice',
  items: readonly { sku: string; value: number }[],
  options?: CallOptions,
): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  const byItem = new Map<string, { modelId: number; sku: string; value: number }[]>();
  const seen: RemoteListing[] = [];
  for (const { sku, value } of items) {
    // Variants of one item usually travel together: read each item once per batch.
    let listing = seen.find((l) => l.variants.some((v) => v.sku === sku));
    if (!listing) {
      listing = await findBySku(ctx, sku, options);
      if (listing) seen.push(listing);
    }
    const variant = listing?.variants.find((v) => v.sku === sku);
    if (!listing || !variant) {
      results.push({
        sku,
        ok: false,
        code: 'SKU_NOT_FOUND',
        message: `sku ${sku}: không có sản phẩm/phân loại Shopee nào mang SKU này / no Shopee item or model has this SKU`,
        retriable: false,
      });
      continue;
    }
    const group = byItem.get(listing.remoteId) ?? [];
    group.push({ modelId: Number(variant.remoteId), sku, value });
    byItem.set(listing.remoteId, group);
  }
  for (const [itemId, models] of byItem) {
    const body =
      endpoint === 'bulkStock'
        ? {
            item_id: Number(itemId),
            stock_list: models.map((m) => ({ model_id: m.modelId, seller_stock: [{ stock: m.value }] })),
          }
        : {
            item_id: Number(itemId),
            price_list: models.map((m) => ({ model_id: m.modelId, original_price: m.value })),
          };
    // Absolute values: a repeated call sets the same numbers again.
    const data = await ctx.call(endpoint, { body, idempotent: true, trafficClass: 'bulk' }, options);
    const failed = new Map(
      list(ctx, data, 'failure_list', endpoint).map((f) => [
        Number(f.model_id),
        String(f.failed_reason ?? 'failed'),
      ]),
    );
    const succeeded = new Set(list(ctx, data, 'success_list', endpoint).map((s) => Number(s.model_id)));
    for (const m of models) {
      const reason = failed.get(m.modelId);
      if (reason !== undefined)
        results.push({ sku: m.sku, ok: false, code: 'REJECTED', message: reason, retriable: false });
      else if (succeeded.has(m.modelId)) results.push({ sku: m.sku, ok: true });
    }
  }
  return results;
}
