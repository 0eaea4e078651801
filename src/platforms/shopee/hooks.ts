import type { MarketplaceHooks } from '../marketplace/hooks.js';
import { downloadRaw, findBySku, itemIds, readListing, readRaw } from './shopee-listings.js';
import { fetchOrderPage, getOrder, normalizeOrder } from './shopee-orders.js';
import { shopeeProfileProblems } from './shopee-profile-checks.js';
import { list, type Raw } from './shopee-raw.js';
import { sendByModel } from './shopee-stock-price.js';
import { planVariations, tierVariation } from './shopee-variations.js';

/**
 * The parts of Shopee v2 that profile data cannot express, each through `ctx.call` (signed, limited,
 * retried, error-mapped by the engine): variants created by a second call, listings read from three
 * endpoints, stock and price keyed by item/model id, orders read list → detail, tracking numbers from
 * logistics. Counted in the report as "hook code beyond profile data".
 */

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
      const variation = tierVariation(
        tiers.map((t) => ({ name: t.name as string, options: t.option_list as string[] })),
      );
      // A second init of the same item is refused: after a lost answer, read the models instead.
      await ctx.call(
        'initTierVariation',
        {
          body: { item_id: Number(itemId), tier_variation: variation, model: models },
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

  fetchOrderPage,

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

  normalizeOrder,
};
