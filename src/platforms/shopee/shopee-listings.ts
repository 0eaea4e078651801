import { ContractViolationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { MarketplaceHookContext } from '../marketplace/hooks.js';
import type { RemoteListing } from '../types.js';
import { list, type Raw, record, required, SHOPEE_ID_LIST_MAX } from './shopee-raw.js';

/** Shopee listings read in full: item list pages, base info by 50, the model list of each item. */

/**
 * get_item_base_info entry + get_model_list answer → one raw listing in the profile's (add_item) shape:
 * tier options as text, each model with its price and stock where the profile reads them. An item
 * without models is sold as itself: one model 0 with the item's own SKU, price and stock.
 */
export function rawListing(ctx: MarketplaceHookContext, item: Raw, models: unknown): Raw {
  const tiers = list(ctx, models, 'tier_variation', 'getModelList').map((t) => ({
    ...t,
    option_list: (Array.isArray(t.option_list) ? t.option_list : []).map((o) => record(o).option),
  }));
  const variants = list(ctx, models, 'model', 'getModelList').map((model) => ({
    ...model,
    original_price: ctx.codecs.getPath(model, 'price_info[0].original_price'),
    seller_stock: ctx.codecs.getPath(model, 'stock_info_v2.seller_stock'),
  }));
  const single = {
    model_id: 0,
    model_sku: item.item_sku,
    tier_index: [],
    original_price: ctx.codecs.getPath(item, 'price_info[0].original_price'),
    seller_stock: ctx.codecs.getPath(item, 'stock_info_v2.seller_stock'),
  };
  return { ...item, tier_variation: tiers, model: variants.length > 0 ? variants : [single] };
}

/** get_item_base_info for up to 50 ids; every id asked for must come back. */
export async function baseInfo(
  ctx: MarketplaceHookContext,
  ids: readonly string[],
  options?: CallOptions,
): Promise<Raw[]> {
  const items = list(
    ctx,
    await ctx.call('getItemBaseInfo', { vars: { itemIds: ids.join(',') } }, options),
    '',
    'getItemBaseInfo',
  );
  const missing = ids.filter((id) => !items.some((i) => String(i.item_id) === id));
  if (missing.length > 0) {
    throw new ContractViolationError(
      {
        vi: `shopee getItemBaseInfo: không có sản phẩm cho ${missing.join(', ')}`,
        en: `shopee getItemBaseInfo: no item for ${missing.join(', ')}`,
      },
      {
        platform: 'shopee',
        operation: 'getItemBaseInfo',
      },
    );
  }
  return ids.map((id) => items.find((i) => String(i.item_id) === id)!);
}

export async function readRaw(
  ctx: MarketplaceHookContext,
  itemId: string,
  options?: CallOptions,
): Promise<Raw> {
  const [item] = await baseInfo(ctx, [itemId], options);
  const models = await ctx.call('getModelList', { vars: { listingId: itemId } }, options);
  return rawListing(ctx, item!, models);
}

/** item base info + model list → one listing. */
export async function readListing(
  ctx: MarketplaceHookContext,
  itemId: string,
  options?: CallOptions,
): Promise<RemoteListing> {
  return ctx.codecs.decodeListing(await readRaw(ctx, itemId, options));
}

/** Every listing in full: get_item_list pages, get_item_base_info by 50, get_model_list per item. */
export async function* downloadRaw(ctx: MarketplaceHookContext, options?: CallOptions): AsyncGenerator<Raw> {
  let batch: string[] = [];
  const flush = async function* () {
    const items = await baseInfo(ctx, batch, options);
    batch = [];
    for (const item of items) {
      const models = await ctx.call('getModelList', { vars: { listingId: String(item.item_id) } }, options);
      yield rawListing(ctx, item, models);
    }
  };
  for await (const itemId of itemIds(ctx, options)) {
    batch.push(itemId);
    if (batch.length === SHOPEE_ID_LIST_MAX) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}

/**
 * Item ids of every listing, page by page (get_item_list), with the profile's listing paging: offset and
 * limit parameters, page size, items path and total path (Shopee: `total_count`).
 */
export async function* itemIds(ctx: MarketplaceHookContext, options?: CallOptions): AsyncGenerator<string> {
  const paging = ctx.profile.pagination.listings;
  // profileProblems refuses any other style at construction.
  if (paging.style !== 'offset') return;
  for (let offset = 0; ; ) {
    const query = { [paging.offsetParam]: offset, [paging.limitParam]: paging.pageSize };
    const page = await ctx.call('listListings', { query }, options);
    const items = list(ctx, page, paging.itemsPath, 'listListings');
    for (const item of items) yield String(item.item_id);
    offset += items.length;
    if (!paging.totalPath) {
      if (items.length < paging.pageSize) return;
      continue;
    }
    const total = required<number>(ctx, page, paging.totalPath, 'number', 'listListings');
    if (offset >= total) return;
    if (items.length === 0) {
      throw new ContractViolationError(
        {
          vi: `shopee listListings: "${paging.totalPath}" báo ${total} sản phẩm nhưng trang ở vị trí ${offset} trống`,
          en: `shopee listListings: "${paging.totalPath}" says ${total} items but the page at offset ${offset} is empty`,
        },
        { platform: 'shopee', operation: 'listListings' },
      );
    }
  }
}

/** search_item matches item (parent) SKUs; a variant SKU is found by reading the shop's models. */
export async function findBySku(
  ctx: MarketplaceHookContext,
  sku: string,
  options?: CallOptions,
): Promise<RemoteListing | undefined> {
  const found = await ctx.call('searchItem', { vars: { sku } }, options);
  const ids = ctx.codecs.getPath(found, 'item_id_list');
  if (Array.isArray(ids) && ids.length > 0) return readListing(ctx, String(ids[0]), options);
  for await (const itemId of itemIds(ctx, options)) {
    const models = await ctx.call('getModelList', { vars: { listingId: itemId } }, options);
    if (list(ctx, models, 'model', 'getModelList').some((m) => m.model_sku === sku)) {
      return readListing(ctx, itemId, options);
    }
  }
  return undefined;
}
