/**
 * Shopee sandbox items and models: add_item creates an item without models, init_tier_variation its
 * variants, update_tier_variation / add_model grow them, update_item / update_model / update_stock /
 * update_price change them, all over the shared marketplace engine.
 */

import type { CategoryNode } from '../marketplace/catalog.js';
import type { MarketplaceEngine } from '../marketplace/engine.js';
import type { ValidListing } from '../marketplace/listing-rules.js';
import { mediaUrl } from '../marketplace/serve-media.js';
import { type Json, numberOf, param, ShopeeFault } from './shopee-fault.js';
import { checkAttributes, priceOf, stockOf, tierIndexOf, tiersOf } from './shopee-item-input.js';
import { SHOPEE_ITEM_STATUS } from './shopee-wire.js';

export interface ShopeeListingContext {
  engine: MarketplaceEngine;
  categories: readonly CategoryNode[];
  /** The sandbox origin (known once the server listens), for image URLs. */
  origin(): string;
}

export function shopeeListingHandlers({ engine, categories, origin }: ShopeeListingContext) {
  const itemOrFail = (itemId: unknown) => {
    const id = numberOf(itemId);
    const listing = id === undefined ? undefined : engine.getListing(id);
    if (!listing) throw new ShopeeFault('error_item_not_found', `item_id ${String(itemId)} not found`);
    return listing;
  };

  /** An item whose tier variation is initialised (update_tier_variation, add_model). */
  const tieredItemOrFail = (itemId: unknown) => {
    const listing = itemOrFail(itemId);
    if (listing.tiers.length === 0)
      throw new ShopeeFault('error_busi', 'tier variation is not initialised; use init_tier_variation');
    return listing;
  };

  /** The entries of a model list field; a missing or empty list is refused. */
  const entriesOf = (body: Json, field: 'model_list' | 'model'): Json[] => {
    const entries = Array.isArray(body[field]) ? (body[field] as Json[]) : [];
    if (entries.length === 0) throw param(`${field} is empty`);
    return entries;
  };

  /** The model id an entry names, which must be a model of this item. */
  const modelIdOf = (entry: Json, listing: { id: number; variants: Array<{ id: number }> }): number => {
    const id = numberOf(entry.model_id);
    if (id === undefined || !listing.variants.some((v) => v.id === id))
      throw param(`model_id ${String(entry.model_id)} is not a model of item ${listing.id}`);
    return id;
  };

  /** A new item or model SKU for this item: well formed, and held by no other item. */
  const skuFreeFor = (sku: unknown, field: 'item_sku' | 'model_sku', itemId: number): string => {
    if (typeof sku !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(sku)) throw param(`${field} is not valid`);
    const owner = engine.listingBySku(sku);
    if (owner && owner.id !== itemId) throw new ShopeeFault('error_busi', `${field} ${sku} already exists`);
    return sku;
  };

  /** add_item / update_item body → the engine's listing (the item itself as the only "model"). */
  const itemFromBody = (body: Json, base?: ValidListing): ValidListing => {
    const name = body.item_name ?? base?.title;
    if (typeof name !== 'string' || [...name].length < 10 || [...name].length > 120) {
      throw param('item_name must be 10-120 characters');
    }
    const description = body.description ?? base?.description;
    if (typeof description !== 'string' || description.length < 20 || description.length > 3000) {
      throw param('description must be 20-3000 characters');
    }
    const categoryId = numberOf(body.category_id ?? base?.categoryId);
    const category = categories.find((c) => c.id === categoryId);
    if (!category || !category.isLeaf)
      throw param(`category_id ${String(body.category_id)} is not a leaf category`);
    const imageIds = (body.image as Json | undefined)?.image_id_list ?? base?.imageIds;
    if (!Array.isArray(imageIds) || imageIds.length < 1 || imageIds.length > 9)
      throw param('image_id_list needs 1-9 images');
    for (const id of imageIds)
      if (!engine.hasImage(String(id))) throw param(`image_id ${String(id)} was not uploaded`);
    const weightKg = numberOf(body.weight) ?? (base ? base.weightGrams / 1000 : undefined);
    if (weightKg === undefined || weightKg <= 0) throw param('weight must be a positive number of kilograms');
    const dimension = body.dimension as Json | undefined;
    const dims = dimension
      ? [dimension.package_length, dimension.package_width, dimension.package_height].map(numberOf)
      : [base?.lengthCm ?? null, base?.widthCm ?? null, base?.heightCm ?? null];
    const sku = body.item_sku ?? base?.sellerSku;
    if (typeof sku !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(sku)) throw param('item_sku is required');
    const attributes =
      body.attribute_list !== undefined
        ? checkAttributes(category, body.attribute_list)
        : (base?.attributes ?? {});
    return {
      sellerSku: sku,
      title: name,
      description,
      categoryId: category.id,
      attributes,
      imageIds: imageIds.map(String),
      weightGrams: Math.round(weightKg * 1000),
      lengthCm: dims[0] ?? null,
      widthCm: dims[1] ?? null,
      heightCm: dims[2] ?? null,
      tiers: base?.tiers ?? [],
      variants: base?.variants ?? [],
    };
  };

  const priceInfo = (price: number) => [{ currency: 'VND', original_price: price, current_price: price }];
  const stockInfo = (stock: number) => ({ seller_stock: [{ location_id: 'VNZ', stock }] });

  const renderItem = (id: number) => {
    const listing = engine.getListing(id)!;
    const own = listing.tiers.length === 0 ? listing.variants[0] : undefined;
    return {
      item_id: listing.id,
      category_id: listing.categoryId,
      item_name: listing.title,
      description: listing.description,
      item_sku: listing.sellerSku,
      item_status: SHOPEE_ITEM_STATUS[listing.reviewStatus],
      weight: listing.weightGrams / 1000,
      image: {
        image_id_list: listing.imageIds,
        image_url_list: listing.imageIds.map((id) => mediaUrl(origin(), id)),
      },
      ...(listing.lengthCm && listing.widthCm && listing.heightCm
        ? {
            dimension: {
              package_length: listing.lengthCm,
              package_width: listing.widthCm,
              package_height: listing.heightCm,
            },
          }
        : {}),
      attribute_list: Object.entries(listing.attributes).map(([id, value]) => ({
        attribute_id: Number(id),
        attribute_value_list: [{ value_id: 0, original_value_name: String(value) }],
      })),
      has_model: listing.tiers.length > 0,
      create_time: Math.floor(listing.createdAtMs / 1000),
      update_time: Math.floor(listing.updatedAtMs / 1000),
      ...(own ? { price_info: priceInfo(own.priceVnd), stock_info_v2: stockInfo(own.stock) } : {}),
    };
  };

  const renderModels = (id: number) => {
    const listing = engine.getListing(id)!;
    if (listing.tiers.length === 0) return { tier_variation: [], model: [] };
    return {
      tier_variation: listing.tiers.map((t) => ({
        name: t.name,
        option_list: t.options.map((option) => ({ option })),
      })),
      model: listing.variants.map((v) => ({
        model_id: v.id,
        model_sku: v.sku,
        tier_index: v.tierIndex,
        price_info: priceInfo(v.priceVnd),
        stock_info_v2: stockInfo(v.stock),
      })),
    };
  };

  const createItem = (body: Json) => {
    const logistics = Array.isArray(body.logistic_info) ? (body.logistic_info as Json[]) : [];
    if (!logistics.some((l) => l.enabled === true))
      throw param('At least one shipping channel must be enabled');
    const item = itemFromBody(body);
    const price = priceOf(body.original_price);
    const stock = stockOf(body.seller_stock);
    if (engine.listingBySku(item.sellerSku))
      throw new ShopeeFault('error_busi', `item_sku ${item.sellerSku} already exists`);
    const created = engine.createListing({
      ...item,
      variants: [{ sku: item.sellerSku, tierIndex: [], priceVnd: price, stock }],
    });
    return {
      item_id: created.id,
      item_name: created.title,
      item_sku: created.sellerSku,
      item_status: SHOPEE_ITEM_STATUS[created.reviewStatus],
    };
  };

  const initTierVariation = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (listing.tiers.length > 0)
      throw new ShopeeFault('error_busi', 'tier variation already initialised; use update_tier_variation');
    const tiers = tiersOf(body.tier_variation);
    const models = Array.isArray(body.model) ? (body.model as Json[]) : [];
    const variants = models.map((m) => {
      const tierIndex = tierIndexOf(m.tier_index, tiers);
      const sku = m.model_sku;
      if (typeof sku !== 'string' || sku === '') throw param('model_sku is required');
      const owner = engine.listingBySku(sku);
      if (owner && owner.id !== listing.id)
        throw new ShopeeFault('error_busi', `model_sku ${sku} already exists`);
      return { sku, tierIndex, priceVnd: priceOf(m.original_price), stock: stockOf(m.seller_stock) };
    });
    if (variants.length === 0) throw param('model list is empty');
    const base = engine.listingToValid(listing.id)!;
    engine.updateListing(listing.id, { ...base, tiers, variants });
    return { item_id: listing.id, ...renderModels(listing.id) };
  };

  /**
   * update_tier_variation: new option lists for the SAME tier structure (adding or renaming options),
   * with `model_list` placing every existing model (`model_id` → `tier_index`). Changing the number of
   * tiers is refused: that needs a new item.
   */
  const updateTierVariation = (body: Json) => {
    const listing = tieredItemOrFail(body.item_id);
    const tiers = tiersOf(body.tier_variation);
    if (tiers.length !== listing.tiers.length)
      throw new ShopeeFault('error_busi', 'update_tier_variation cannot change the number of tiers');
    const placed = new Map<number, number[]>();
    for (const entry of Array.isArray(body.model_list) ? (body.model_list as Json[]) : []) {
      placed.set(modelIdOf(entry, listing), tierIndexOf(entry.tier_index, tiers));
    }
    const unplaced = listing.variants.filter((v) => !placed.has(v.id));
    if (unplaced.length > 0)
      throw param(
        `model_list must place every model; missing model_id ${unplaced.map((v) => v.id).join(', ')}`,
      );
    const combos = [...placed.values()].map((i) => i.join(','));
    if (new Set(combos).size !== combos.length) throw param('two models share one tier_index');
    const base = engine.listingToValid(listing.id)!;
    const variants = listing.variants.map((v, i) => ({ ...base.variants[i]!, tierIndex: placed.get(v.id)! }));
    engine.updateListing(listing.id, { ...base, tiers, variants });
    return { item_id: listing.id, ...renderModels(listing.id) };
  };

  /** add_model: new models of an item that already has tier variations; answers their ids. */
  const addModel = (body: Json) => {
    const listing = tieredItemOrFail(body.item_id);
    const entries = entriesOf(body, 'model_list');
    const used = new Set(listing.variants.map((v) => v.tierIndex.join(',')));
    const added = entries.map((m) => {
      const tierIndex = tierIndexOf(m.tier_index, listing.tiers);
      const key = tierIndex.join(',');
      if (used.has(key)) throw new ShopeeFault('error_busi', `a model already has tier_index [${key}]`);
      used.add(key);
      const sku = m.model_sku;
      if (typeof sku !== 'string' || sku === '') throw param('model_sku is required');
      if (engine.listingBySku(sku)) throw new ShopeeFault('error_busi', `model_sku ${sku} already exists`);
      return { sku, tierIndex, priceVnd: priceOf(m.original_price), stock: stockOf(m.seller_stock) };
    });
    if (new Set(added.map((m) => m.sku)).size !== added.length) throw param('model_list repeats a model_sku');
    if (listing.variants.length + added.length > 50) throw param('an item has at most 50 models');
    const base = engine.listingToValid(listing.id)!;
    engine.updateListing(listing.id, { ...base, variants: [...base.variants, ...added] });
    const models = renderModels(listing.id).model;
    return { model: models.filter((m) => added.some((a) => a.sku === m.model_sku)) };
  };

  /**
   * update_item: only the fields sent change. A new item_sku is written first (an item sold without
   * models carries it as its own SKU); a call that sends nothing else leaves the rest untouched, even
   * on an item typed by hand that the add_item rules would refuse.
   */
  const updateItem = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (body.item_sku !== undefined && body.item_sku !== listing.sellerSku) {
      const sku = skuFreeFor(body.item_sku, 'item_sku', listing.id);
      const own = listing.tiers.length === 0 ? listing.variants[0] : undefined;
      engine.setListingSkus(listing.id, sku, own ? [{ id: own.id, sku }] : []);
    }
    if (Object.keys(body).every((key) => key === 'item_id' || key === 'item_sku')) {
      return { item_id: listing.id, item_name: listing.title };
    }
    const next = itemFromBody(body, engine.listingToValid(listing.id)!);
    engine.updateListing(listing.id, next);
    return { item_id: listing.id, item_name: next.title };
  };

  /** update_model: model fields by model_id (here the seller SKU, unique in the shop). */
  const updateModel = (body: Json) => {
    const listing = itemOrFail(body.item_id);
    if (listing.tiers.length === 0)
      throw new ShopeeFault('error_busi', 'the item has no models; its SKU is item_sku (update_item)');
    const changes = entriesOf(body, 'model').map((entry) => {
      const id = modelIdOf(entry, listing);
      return { id, sku: skuFreeFor(entry.model_sku, 'model_sku', listing.id) };
    });
    engine.setListingSkus(listing.id, listing.sellerSku, changes);
    return { item_id: listing.id };
  };

  /** update_stock / update_price: per-model success and failure lists. */
  const updateModels = (kind: 'stock' | 'price', body: Json) => {
    const listing = itemOrFail(body.item_id);
    const entries = (
      Array.isArray(body[kind === 'stock' ? 'stock_list' : 'price_list'])
        ? body[kind === 'stock' ? 'stock_list' : 'price_list']
        : []
    ) as Json[];
    const failure_list: Json[] = [];
    const success_list: Json[] = [];
    for (const entry of entries) {
      const modelId = numberOf(entry.model_id) ?? 0;
      const variant =
        listing.tiers.length === 0 && modelId === 0
          ? listing.variants[0]
          : listing.variants.find((v) => v.id === modelId);
      if (!variant) {
        failure_list.push({ model_id: modelId, failed_reason: 'model not found' });
        continue;
      }
      try {
        const value = kind === 'stock' ? stockOf(entry.seller_stock) : priceOf(entry.original_price);
        const [result] = engine.bulkUpdate(kind, [{ sku: variant.sku, value }]);
        if (result?.ok)
          success_list.push({
            model_id: modelId,
            ...(kind === 'stock' ? { stock: value } : { original_price: value }),
          });
        else failure_list.push({ model_id: modelId, failed_reason: result?.message ?? 'rejected' });
      } catch (error) {
        failure_list.push({
          model_id: modelId,
          failed_reason: error instanceof Error ? error.message : 'rejected',
        });
      }
    }
    return { failure_list, success_list };
  };

  return {
    itemOrFail,
    renderItem,
    renderModels,
    createItem,
    initTierVariation,
    updateTierVariation,
    addModel,
    updateItem,
    updateModel,
    updateModels,
  };
}
