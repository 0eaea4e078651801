import { ConfigurationError, ContractViolationError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Order } from '../../model/order.js';
import type { MarketplaceHookContext, MarketplaceHooks } from '../marketplace/hooks.js';
import { getPath, setPath } from '../marketplace/object-path.js';
import { parseProfile } from '../marketplace/profile.js';
import type { MarketplaceProfile } from '../marketplace/profile-schema.js';
import type { ItemResult, RemoteListing } from '../types.js';
import { SHOPEE_PROFILE } from './profile.js';

/**
 * The parts of Shopee v2 that profile data cannot express, each through `ctx.call` (signed, limited,
 * retried, error-mapped by the engine): variants created by a second call, listings read from three
 * endpoints, stock and price keyed by item/model id, orders read list → detail, tracking numbers from
 * logistics. Counted in the report as "hook code beyond profile data".
 */

type Raw = Record<string, unknown>;

/** Largest `order_sn_list` / `item_id_list` Shopee accepts in one call. */
const SHOPEE_ID_LIST_MAX = 50;

function record(value: unknown): Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

/** A list the contract promises; its absence is a ContractViolationError, never "nothing". */
function list(ctx: MarketplaceHookContext, data: unknown, path: string, operation: string): Raw[] {
  const value = ctx.codecs.getPath(data, path);
  if (!Array.isArray(value)) {
    throw new ContractViolationError(`shopee ${operation}: no list at "${path}"`, {
      platform: 'shopee',
      operation,
    });
  }
  return value.map(record);
}

/**
 * get_item_base_info entry + get_model_list answer → one raw listing in the profile's (add_item) shape:
 * tier options as text, each model with its price and stock where the profile reads them. An item
 * without models is sold as itself: one model 0 with the item's own SKU, price and stock.
 */
function rawListing(ctx: MarketplaceHookContext, item: Raw, models: unknown): Raw {
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
async function baseInfo(
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
    throw new ContractViolationError(`shopee getItemBaseInfo: no item for ${missing.join(', ')}`, {
      platform: 'shopee',
      operation: 'getItemBaseInfo',
    });
  }
  return ids.map((id) => items.find((i) => String(i.item_id) === id)!);
}

async function readRaw(ctx: MarketplaceHookContext, itemId: string, options?: CallOptions): Promise<Raw> {
  const [item] = await baseInfo(ctx, [itemId], options);
  const models = await ctx.call('getModelList', { vars: { listingId: itemId } }, options);
  return rawListing(ctx, item!, models);
}

/** item base info + model list → one listing. */
async function readListing(
  ctx: MarketplaceHookContext,
  itemId: string,
  options?: CallOptions,
): Promise<RemoteListing> {
  return ctx.codecs.decodeListing(await readRaw(ctx, itemId, options));
}

/** Every listing in full: get_item_list pages, get_item_base_info by 50, get_model_list per item. */
async function* downloadRaw(ctx: MarketplaceHookContext, options?: CallOptions): AsyncGenerator<Raw> {
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

/** A value the profile says is at `path` and of `type`; anything else is the profile not fitting. */
function required<T>(
  ctx: MarketplaceHookContext,
  data: unknown,
  path: string,
  type: 'string' | 'number' | 'boolean',
  operation: string,
): T {
  const value = ctx.codecs.getPath(data, path);
  if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) {
    throw new ContractViolationError(
      `shopee ${operation}: no ${type} at "${path}" (got ${value === undefined ? 'nothing' : JSON.stringify(value)}); ` +
        'check the profile paths — the page was not understood, so nothing after it is read',
      { platform: 'shopee', operation },
    );
  }
  return value as T;
}

/**
 * Item ids of every listing, page by page (get_item_list), with the profile's listing paging: offset and
 * limit parameters, page size, items path and total path (Shopee: `total_count`).
 */
async function* itemIds(ctx: MarketplaceHookContext, options?: CallOptions): AsyncGenerator<string> {
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
        `shopee listListings: "${paging.totalPath}" says ${total} items but the page at offset ${offset} is empty`,
        { platform: 'shopee', operation: 'listListings' },
      );
    }
  }
}

/** search_item matches item (parent) SKUs; a variant SKU is found by reading the shop's models. */
async function findBySku(
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

/** One update_stock / update_price call per item; per-SKU results from its success and failure lists. */
async function sendByModel(
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

/**
 * Parcels handed to Shopee with `ship_order` (own carrier: `non_integrated`). Shopee's
 * `shipping_carrier` names the order's logistics channel (SPX Express …), not the carrier the seller
 * gave the parcel to, and `ship_order` takes no carrier: the carrier the caller named is kept in the
 * adapter's store (`ctx.shipments`, the connector's StateStore), so an order is never reported as carried
 * by another carrier than the one carrying it, in this process or a later one.
 */
async function withShippedCarrier(ctx: MarketplaceHookContext, detail: Raw): Promise<Raw> {
  const shipped = await ctx.shipments.get(String(detail.order_sn));
  if (!shipped) return detail;
  const shown = detail.tracking_number;
  // Shopee shows another number than the one handed over: its own record wins, unlabelled by us.
  if (typeof shown === 'string' && shown !== '' && shown !== shipped.trackingNumber) return detail;
  const f = ctx.profile.fields.order;
  const carrierCode = ctx.profile.codes.carriers[shipped.carrier.toLowerCase()] ?? shipped.carrier;
  const labelled = structuredClone(detail);
  setPath(labelled, f.carrier, carrierCode);
  setPath(labelled, f.trackingNumber, shipped.trackingNumber);
  return labelled;
}

/** get_order_detail for up to 50 order numbers; every one asked for must come back. */
async function orderDetails(
  ctx: MarketplaceHookContext,
  orderSns: readonly string[],
  options?: CallOptions,
): Promise<Raw[]> {
  const out: Raw[] = [];
  for (let i = 0; i < orderSns.length; i += SHOPEE_ID_LIST_MAX) {
    const batch = orderSns.slice(i, i + SHOPEE_ID_LIST_MAX);
    const data = await ctx.call('getOrderDetail', { vars: { orderIds: batch.join(',') } }, options);
    const details = list(ctx, data, '', 'getOrderDetail');
    const missing = batch.filter((sn) => !details.some((d) => d.order_sn === sn));
    if (missing.length > 0) {
      throw new ContractViolationError(`shopee getOrderDetail: no detail for ${missing.join(', ')}`, {
        platform: 'shopee',
      });
    }
    out.push(...details);
  }
  return out;
}

async function getOrder(ctx: MarketplaceHookContext, orderId: string, options?: CallOptions): Promise<Order> {
  const [detail] = await orderDetails(ctx, [orderId], options);
  const status = String(detail!.order_status);
  // The tracking number lives in logistics, and only once the parcel is arranged.
  if (['PROCESSED', 'SHIPPED', 'TO_CONFIRM_RECEIVE', 'COMPLETED'].includes(status)) {
    const tracking = await ctx.call('getTrackingNumber', { vars: { orderId } }, options);
    const number = ctx.codecs.getPath(tracking, 'tracking_number');
    if (typeof number === 'string' && number !== '') detail!.tracking_number = number;
  }
  return ctx.codecs.decodeOrder(await withShippedCarrier(ctx, detail!));
}

function refuseVariants(itemId: string, vi: string, en: string, sku?: string): never {
  throw new ValidationError(`shopee: ${en} (item ${itemId}); nothing about the variants was sent — ${vi}`, [
    {
      path: 'variants',
      code: 'listing.variants_unsupported_change',
      messageVi: vi,
      messageEn: en,
      platform: 'shopee',
      ...(sku ? { sku } : {}),
    },
  ]);
}

/** Shopee's `tier_variation`: each tier's name and its options, as `{ option }` objects. */
function tierVariation(tiers: readonly { name: string; options: readonly string[] }[]) {
  return tiers.map((t) => ({ name: t.name, option_list: t.options.map((option) => ({ option })) }));
}

/**
 * Brings an existing item's variations up to the draft: an item sold without variants gets them with
 * init_tier_variation; new options of the same tiers are appended with update_tier_variation (every
 * existing model keeps its place, listed in model_list); new models are created with add_model. Shopee
 * cannot change the tier structure of an item, and removing a model is left to the seller: both are
 * refused with a clear error rather than silently skipped.
 */
async function planVariations(
  ctx: MarketplaceHookContext,
  itemId: string,
  draftTiers: readonly Raw[],
  draftModels: readonly Raw[],
  options?: CallOptions,
): Promise<() => Promise<void>> {
  const read = async () => record(await ctx.call('getModelList', { vars: { listingId: itemId } }, options));
  const current = await read();
  const tiers = list(ctx, current, 'tier_variation', 'getModelList').map((t) => ({
    name: String(t.name),
    options: (Array.isArray(t.option_list) ? t.option_list : []).map((o) => String(record(o).option)),
  }));
  const models = list(ctx, current, 'model', 'getModelList');
  const wanted = draftTiers.map((t) => ({
    name: String(t.name),
    options: (t.option_list as unknown[]).map(String),
  }));
  const sameSku = (a: unknown, b: unknown) => typeof a === 'string' && a !== '' && a === b;
  const nothing = async () => {};
  if (tiers.length === 0) {
    if (wanted.length === 0) return nothing;
    return async () => {
      await ctx.call(
        'initTierVariation',
        {
          body: {
            item_id: Number(itemId),
            tier_variation: tierVariation(wanted),
            model: draftModels,
          },
          idempotent: false,
          recover: async () =>
            list(ctx, await read(), 'model', 'getModelList').length > 0 ? { item_id: itemId } : undefined,
        },
        options,
      );
    };
  }
  const names = (ts: readonly { name: string }[]) => ts.map((t) => t.name).join(' × ') || '(none)';
  if (wanted.length !== tiers.length || wanted.some((t, i) => t.name !== tiers[i]!.name)) {
    refuseVariants(
      itemId,
      `Shopee không cho đổi cấu trúc phân loại của sản phẩm đã đăng (${names(tiers)} → ${names(wanted)}); hãy tạo sản phẩm mới`,
      `Shopee cannot change the variation tiers of a listed item (${names(tiers)} → ${names(wanted)}); create a new listing`,
    );
  }
  const gone = models.filter((m) => !draftModels.some((d) => sameSku(d.model_sku, m.model_sku)));
  if (gone.length > 0) {
    const skus = gone.map((m) => String(m.model_sku || m.model_id)).join(', ');
    refuseVariants(
      itemId,
      `Phân loại ${skus} có trên Shopee nhưng không còn trong sản phẩm; xóa phân loại không được hỗ trợ (xóa trên Kênh Người Bán hoặc đặt tồn kho 0)`,
      `variant ${skus} is on Shopee but no longer in the product; removing variants is not supported (delete it in Seller Centre or set its stock to 0)`,
      String(gone[0]!.model_sku ?? ''),
    );
  }
  // Existing models keep their tier_index. An option the product now names differently is renamed in
  // place (all models on it must agree); options of new models are appended.
  const merged = tiers.map((t) => ({ name: t.name, options: [...t.options] }));
  const optionOf = (d: Raw, t: number) => wanted[t]!.options[(d.tier_index as number[])[t]!]!;
  const renamed = new Map<string, string>();
  for (const m of models) {
    const d = draftModels.find((x) => sameSku(x.model_sku, m.model_sku))!;
    (m.tier_index as number[]).forEach((index, t) => {
      const want = optionOf(d, t);
      const key = `${t}:${index}`;
      const before = renamed.get(key);
      if (before !== undefined && before !== want) {
        refuseVariants(
          itemId,
          `Các phân loại cùng lựa chọn "${tiers[t]!.options[index]}" (${tiers[t]!.name}) nay mang tên khác nhau (${before}, ${want})`,
          `models sharing option "${tiers[t]!.options[index]}" of ${tiers[t]!.name} now name it differently (${before}, ${want})`,
          String(m.model_sku),
        );
      }
      renamed.set(key, want);
      merged[t]!.options[index] = want;
    });
  }
  const fresh = draftModels.filter((d) => !models.some((m) => sameSku(m.model_sku, d.model_sku)));
  for (const d of fresh) {
    wanted.forEach((_, t) => {
      const option = optionOf(d, t);
      if (!merged[t]!.options.includes(option)) merged[t]!.options.push(option);
    });
  }
  merged.forEach((t, i) => {
    const repeated = t.options.find((o, j) => t.options.indexOf(o) !== j);
    if (repeated !== undefined) {
      refuseVariants(
        itemId,
        `Lựa chọn "${repeated}" của ${t.name} sẽ xuất hiện hai lần (đổi tên trùng với lựa chọn khác)`,
        `option "${repeated}" of ${tiers[i]!.name} would appear twice (renamed onto another option)`,
      );
    }
  });
  const grown = JSON.stringify(merged) !== JSON.stringify(tiers);
  if (!grown && fresh.length === 0) return nothing;
  return async () => {
    if (grown) {
      // Absolute: the same option lists and model places again change nothing.
      await ctx.call(
        'updateTierVariation',
        {
          body: {
            item_id: Number(itemId),
            tier_variation: tierVariation(merged),
            model_list: models.map((m) => ({ model_id: m.model_id, tier_index: m.tier_index })),
          },
          idempotent: true,
        },
        options,
      );
    }
    if (fresh.length === 0) return;
    const modelList = fresh.map((d) => {
      // The draft indexes its own option order; Shopee's is the merged one.
      const index = wanted.map((_, t) => merged[t]!.options.indexOf(optionOf(d, t)));
      return { ...d, tier_index: index };
    });
    // add_model twice would create the models twice (or be refused): after a lost answer, look first.
    await ctx.call(
      'addModel',
      {
        body: { item_id: Number(itemId), model_list: modelList },
        idempotent: false,
        recover: async () => {
          const now = list(ctx, await read(), 'model', 'getModelList');
          return fresh.every((d) => now.some((m) => sameSku(m.model_sku, d.model_sku)))
            ? { item_id: itemId }
            : undefined;
        },
      },
      options,
    );
  };
}

/** Shopee's `cancel_order` reasons ('' = refused before sending, see the profile). */
const SHOPEE_CANCEL_REASONS = [
  'OUT_OF_STOCK',
  'CUSTOMER_REQUEST',
  'UNDELIVERABLE_AREA',
  'COD_NOT_SUPPORTED',
  '',
];

/**
 * Profile parts the hooks read or build under Shopee's own names (bodies of update_stock, ship_order,
 * cancel_order; the item / model fields they split and re-assemble): an override would be ignored.
 */
const HOOK_BUILT = [
  'fields.bulk',
  'fields.ship',
  'fields.cancel',
  'fields.tier',
  'fields.variant',
  'fields.listing.id',
  'fields.listing.sku',
  'fields.listing.tiers',
  'fields.listing.variants',
] as const;

let baseProfile: MarketplaceProfile | undefined;

/**
 * What these hooks cannot honour in an overridden profile. Paging paths, parameters and page sizes ARE
 * honoured (read from the profile on every call); a different paging style, or a change to the bodies
 * the hooks build, would be silently ignored, so it is refused at construction.
 */
function shopeeProfileProblems(profile: MarketplaceProfile): string[] {
  const problems: string[] = [];
  const { orders, listings } = profile.pagination;
  if (orders.style !== 'cursor') {
    problems.push(
      `pagination.orders.style: the Shopee hooks page get_order_list by cursor; "${orders.style}" is not supported (its paths and parameters may be changed)`,
    );
  } else if (!orders.repeatFilters) {
    problems.push(
      'pagination.orders.repeatFilters: get_order_list needs time_from/time_to on every page; false is not supported',
    );
  }
  if (listings.style !== 'offset') {
    problems.push(
      `pagination.listings.style: the Shopee hooks page get_item_list by offset; "${listings.style}" is not supported (its paths and parameters may be changed)`,
    );
  }
  for (const [key, code] of Object.entries(profile.codes.cancelReasons)) {
    if (!SHOPEE_CANCEL_REASONS.includes(code)) {
      problems.push(
        `codes.cancelReasons.${key}: "${code}" is not a Shopee cancel reason (OUT_OF_STOCK, CUSTOMER_REQUEST, UNDELIVERABLE_AREA, COD_NOT_SUPPORTED, or '' to refuse)`,
      );
    }
  }
  baseProfile ??= parseProfile(SHOPEE_PROFILE);
  for (const at of HOOK_BUILT) {
    const now = JSON.stringify(getPath(profile, at));
    if (now !== JSON.stringify(getPath(baseProfile, at))) {
      problems.push(`${at}: the Shopee hooks use Shopee's own names here; an override would be ignored`);
    }
  }
  return problems;
}

export const SHOPEE_HOOKS: MarketplaceHooks = {
  profileProblems: shopeeProfileProblems,

  // Every endpoint these hooks call, with the template variables each call passes: an override that
  // removes one, or a template naming another variable, is refused when the adapter is built.
  calls: {
    searchItem: ['sku'],
    getItemBaseInfo: ['itemIds'],
    getModelList: ['listingId'],
    listListings: [],
    createListing: [],
    updateListing: ['listingId'],
    initTierVariation: [],
    updateTierVariation: [],
    addModel: [],
    updateModel: [],
    bulkStock: [],
    updatePrice: [],
    listOrders: [],
    getOrderDetail: ['orderIds'],
    getTrackingNumber: ['orderId'],
    cancelOrder: [],
    markShipped: [],
  },

  findListingBySku: findBySku,

  async createListing(ctx, { body }, options) {
    const {
      tier_variation: tiers,
      model: models,
      ...item
    } = body as Raw & { tier_variation: Raw[]; model: Raw[] };
    const sku = String(item.item_sku);
    const prices = models.map((m) => Number(m.original_price));
    const stock = models.reduce(
      (sum, m) => sum + Number(ctx.codecs.getPath(m, 'seller_stock[0].stock') ?? 0),
      0,
    );
    // add_item has no idempotency key: after a lost answer, look the item SKU up before sending again.
    const created = await ctx.call(
      'createListing',
      {
        body: { ...item, original_price: Math.min(...prices), seller_stock: [{ stock }] },
        idempotent: false,
        recover: async () => {
          const ids = ctx.codecs.getPath(
            await ctx.call('searchItem', { vars: { sku } }, options),
            'item_id_list',
          );
          return Array.isArray(ids) && ids.length > 0 ? { item_id: ids[0] } : undefined;
        },
      },
      options,
    );
    const itemId = String(ctx.codecs.getPath(created, 'item_id'));
    const hasModels = async () =>
      list(
        ctx,
        await ctx.call('getModelList', { vars: { listingId: itemId } }, options),
        'model',
        'getModelList',
      ).length > 0;
    if (tiers.length > 0 && !(await hasModels())) {
      const tierVariation = tiers.map((t) => ({
        name: t.name,
        option_list: (t.option_list as string[]).map((option) => ({ option })),
      }));
      // A second init of the same item is refused: after a lost answer, read the models instead.
      await ctx.call(
        'initTierVariation',
        {
          body: { item_id: Number(itemId), tier_variation: tierVariation, model: models },
          idempotent: false,
          recover: async () => ((await hasModels()) ? { item_id: itemId } : undefined),
        },
        options,
      );
    }
    return readListing(ctx, itemId, options);
  },

  async updateListing(ctx, { remoteId, body }, options) {
    // Base info with update_item; stock and prices of existing models move through update_stock /
    // update_price; new options and models through update_tier_variation / add_model.
    const {
      tier_variation: tiers,
      model: models,
      ...item
    } = body as Raw & {
      tier_variation: Raw[];
      model: Raw[];
    };
    // Checked before anything is sent: a refused variant change leaves the item untouched.
    const grow = await planVariations(ctx, remoteId, tiers, models, options);
    await ctx.call('updateListing', { vars: { listingId: remoteId }, body: item, idempotent: true }, options);
    await grow();
    return readListing(ctx, remoteId, options);
  },

  listListings(ctx, options) {
    return {
      async *[Symbol.asyncIterator]() {
        for await (const itemId of itemIds(ctx, options)) yield await readListing(ctx, itemId, options);
      },
    };
  },

  downloadListings: downloadRaw,

  async setListingSkus(ctx, { remoteId, skus }, options) {
    // Absolute values: repeating either call writes the same SKUs again.
    await ctx.call(
      'updateListing',
      { vars: { listingId: remoteId }, body: { item_sku: skus.sku }, idempotent: true },
      options,
    );
    // Model 0 is the item sold as itself: its SKU is the item SKU just written.
    const models = skus.variants.filter((v) => v.remoteId !== '0');
    if (models.length > 0) {
      const model = models.map((v) => ({ model_id: Number(v.remoteId), model_sku: v.sku }));
      await ctx.call(
        'updateModel',
        { body: { item_id: Number(remoteId), model }, idempotent: true },
        options,
      );
    }
    return readRaw(ctx, remoteId, options);
  },

  sendStock: (ctx, items, options) => sendByModel(ctx, 'bulkStock', items, options),
  sendPrice: (ctx, items, options) => sendByModel(ctx, 'updatePrice', items, options),

  async fetchOrderPage(ctx, { from, to, position }, options) {
    // The profile's cursor paging, override included (profileProblems refuses another style).
    const paging = ctx.profile.pagination.orders;
    if (paging.style !== 'cursor')
      throw new ConfigurationError('shopee: pagination.orders.style must be cursor', []);
    const window = ctx.profile.orderWindow;
    const query = {
      // get_order_list needs the window on every page, the cursor included.
      [window.fromParam]: ctx.codecs.encodeTime(from),
      [window.toParam]: ctx.codecs.encodeTime(to),
      [paging.sizeParam]: paging.pageSize,
      ...(position !== undefined ? { [paging.cursorParam]: position } : {}),
    };
    const page = await ctx.call('listOrders', { query }, options);
    const sns = list(ctx, page, paging.itemsPath, 'listOrders').map((o) => String(o.order_sn));
    // Both are read strictly: a mistyped path must not end the paging early (and move the checkpoint
    // past orders never read).
    const next = required<string>(ctx, page, paging.nextCursorPath, 'string', 'listOrders');
    const more = paging.hasMorePath
      ? required<boolean>(ctx, page, paging.hasMorePath, 'boolean', 'listOrders')
      : next !== '';
    if (more && next === '') {
      throw new ContractViolationError(
        `shopee listOrders: "${paging.hasMorePath}" says more pages follow but "${paging.nextCursorPath}" is empty`,
        { platform: 'shopee', operation: 'listOrders' },
      );
    }
    const details = sns.length > 0 ? await orderDetails(ctx, sns, options) : [];
    const orders = await Promise.all(details.map((detail) => withShippedCarrier(ctx, detail)));
    return { orders, ...(more ? { next } : {}) };
  },

  getOrder,
  // Shopee has no seller confirmation: a READY_TO_SHIP order is already confirmed.
  confirmOrder: getOrder,

  async cancelOrder(ctx, { orderId, body }, options) {
    const request = { order_sn: orderId, cancel_reason: body.cancel_reason };
    await ctx.call('cancelOrder', { body: request, idempotent: true }, options);
    return getOrder(ctx, orderId, options);
  },

  async markShipped(ctx, { orderId, shipped }, options) {
    // Own-carrier shipping: the seller's tracking number goes in `non_integrated`.
    const request = { order_sn: orderId, non_integrated: { tracking_number: shipped.trackingNumber } };
    await ctx.call('markShipped', { body: request, idempotent: true }, options);
    // Shopee takes no carrier here: the caller's carrier and number are what the order now carries.
    await ctx.shipments.put(orderId, { carrier: shipped.carrier, trackingNumber: shipped.trackingNumber });
    return getOrder(ctx, orderId, options);
  },

  normalizeOrder(raw) {
    const order = record(raw);
    const lines = Array.isArray(order.item_list) ? order.item_list.map(record) : [];
    const itemsTotal = lines.reduce(
      (sum, l) => sum + Number(l.model_discounted_price ?? 0) * Number(l.model_quantity_purchased ?? 0),
      0,
    );
    const cod = order.cod === true;
    return {
      ...order,
      ocop_payment: cod ? 'COD' : 'PREPAID',
      ocop_items_total: itemsTotal,
      ocop_cod_amount: cod ? order.total_amount : 0,
      // A line without its own model SKU (item sold without variants) carries the item SKU.
      item_list: lines.map((l) => ({ ...l, model_sku: l.model_sku || l.item_sku })),
    };
  },
};
