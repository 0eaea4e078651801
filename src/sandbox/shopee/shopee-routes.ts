/**
 * The Shopee Open Platform v2 paths the sandbox answers: each names its operation (stats and faults),
 * method and signature level, and hands the request to the listing and order handlers.
 */

import type { CategoryNode } from '../marketplace/catalog.js';
import type { MarketplaceEngine } from '../marketplace/engine.js';
import { multipartFile } from '../marketplace/multipart.js';
import { mediaUrl } from '../marketplace/serve-media.js';
import type { ShopeeAuth } from './shopee-auth.js';
import { type Json, numberOf, param } from './shopee-fault.js';
import type { shopeeListingHandlers } from './shopee-listings.js';
import type { shopeeOrderHandlers } from './shopee-orders.js';
import { SHOPEE_ITEM_STATUS } from './shopee-wire.js';
import type { ShopeeOperation } from './types.js';

export interface ShopeeRoute {
  operation: ShopeeOperation;
  method: 'GET' | 'POST';
  /** `app`: partner-level signature; `shop`: shop-level with access_token + shop_id. */
  level: 'app' | 'shop';
  write: boolean;
  handle(request: { query: URLSearchParams; json: () => Json; body: Buffer; contentType?: string }): unknown;
}

/** A route: shop-level unless said otherwise; every POST is a write (stats). */
function route(
  operation: ShopeeOperation,
  method: ShopeeRoute['method'],
  handle: ShopeeRoute['handle'],
  level: ShopeeRoute['level'] = 'shop',
): ShopeeRoute {
  return { operation, method, level, write: method === 'POST', handle };
}

/** The route table, by path. */
export function shopeeRoutes({
  engine,
  categories,
  auth,
  items,
  orders,
  origin,
}: {
  engine: MarketplaceEngine;
  categories: readonly CategoryNode[];
  auth: ShopeeAuth;
  items: ReturnType<typeof shopeeListingHandlers>;
  orders: ReturnType<typeof shopeeOrderHandlers>;
  /** The sandbox origin, known once it listens (image URLs). */
  origin: () => string;
}): Record<string, ShopeeRoute> {
  return {
    '/api/v2/auth/access_token/get': route('login', 'POST', ({ json }) => auth.refresh(json()), 'app'),
    '/api/v2/product/get_category': route('getCategories', 'GET', () => ({
      category_list: categories.map((c) => ({
        category_id: c.id,
        parent_category_id: c.parentId,
        original_category_name: c.name,
        display_category_name: c.name,
        has_children: !c.isLeaf,
      })),
    })),
    '/api/v2/product/get_attributes': route('getCategoryAttributes', 'GET', ({ query }) => {
      const category = categories.find((c) => c.id === numberOf(query.get('category_id')));
      if (!category) throw param('category_id not found');
      return {
        attribute_list: category.attributes.map((a) => ({
          attribute_id: Number(a.code),
          original_attribute_name: a.name,
          display_attribute_name: a.name,
          is_mandatory: a.required,
          input_validation_type: a.type === 'NUMBER' ? 'INT_TYPE' : 'STRING_TYPE',
          input_type: a.options ? 'DROP_DOWN' : 'TEXT_FILED',
          attribute_value_list: (a.options ?? []).map((option, i) => ({
            value_id: i + 1,
            original_value_name: option,
          })),
        })),
      };
    }),
    '/api/v2/media_space/upload_image': route(
      'uploadImage',
      'POST',
      ({ body, contentType }) => {
        let bytes: Buffer;
        try {
          bytes = multipartFile(contentType, body, 'image');
        } catch {
          throw param('multipart field "image" is required');
        }
        try {
          const { image } = engine.uploadImage(bytes);
          return {
            image_info: {
              image_id: image.id,
              image_url_list: [{ image_url_region: 'VN', image_url: mediaUrl(origin(), image.id) }],
            },
          };
        } catch (error) {
          throw param(error instanceof Error ? error.message : 'image rejected');
        }
      },
      'app',
    ),
    '/api/v2/product/add_item': route('createListing', 'POST', ({ json }) => items.createItem(json())),
    '/api/v2/product/init_tier_variation': route('initTierVariation', 'POST', ({ json }) =>
      items.initTierVariation(json()),
    ),
    '/api/v2/product/update_tier_variation': route('updateTierVariation', 'POST', ({ json }) =>
      items.updateTierVariation(json()),
    ),
    '/api/v2/product/add_model': route('addModel', 'POST', ({ json }) => items.addModel(json())),
    '/api/v2/product/update_model': route('updateModel', 'POST', ({ json }) => items.updateModel(json())),
    '/api/v2/product/update_item': route('updateListing', 'POST', ({ json }) => items.updateItem(json())),
    // Matches the item (parent) SKU exactly; model SKUs are not searched.
    '/api/v2/product/search_item': route('getListingBySku', 'GET', ({ query }) => {
      const sku = query.get('item_sku');
      const listing = engine.listings().find((l) => l.sellerSku === sku);
      return { item_id_list: listing ? [listing.id] : [], total_count: listing ? 1 : 0, next_offset: 0 };
    }),
    '/api/v2/product/get_item_list': route('listListings', 'GET', ({ query }) => {
      const offset = numberOf(query.get('offset')) ?? 0;
      const size = numberOf(query.get('page_size')) ?? 10;
      if (size < 1 || size > 100) throw param('page_size must be 1-100');
      const all = engine.listings();
      const page = all.slice(offset, offset + size);
      return {
        item: page.map((l) => ({
          item_id: l.id,
          item_status: SHOPEE_ITEM_STATUS[l.reviewStatus],
          update_time: Math.floor(l.updatedAtMs / 1000),
        })),
        total_count: all.length,
        has_next_page: offset + size < all.length,
        next_offset: offset + page.length,
      };
    }),
    '/api/v2/product/get_item_base_info': route('getListing', 'GET', ({ query }) => {
      const ids = (query.get('item_id_list') ?? '').split(',').filter(Boolean).map(Number);
      if (ids.length < 1 || ids.length > 50) throw param('item_id_list takes 1-50 ids');
      return { item_list: ids.filter((id) => engine.getListing(id)).map(items.renderItem) };
    }),
    '/api/v2/product/get_model_list': route('getModelList', 'GET', ({ query }) =>
      items.renderModels(items.itemOrFail(query.get('item_id')).id),
    ),
    '/api/v2/product/update_stock': route('updateStock', 'POST', ({ json }) =>
      items.updateModels('stock', json()),
    ),
    '/api/v2/product/update_price': route('updatePrice', 'POST', ({ json }) =>
      items.updateModels('price', json()),
    ),
    '/api/v2/order/get_order_list': route('listOrders', 'GET', ({ query }) => orders.orderList(query)),
    '/api/v2/order/get_order_detail': route('getOrder', 'GET', ({ query }) => orders.orderDetail(query)),
    '/api/v2/order/cancel_order': route('cancelOrder', 'POST', ({ json }) => orders.cancelOrder(json())),
    '/api/v2/logistics/ship_order': route('shipOrder', 'POST', ({ json }) => orders.shipOrder(json())),
    '/api/v2/logistics/get_tracking_number': route('getTrackingNumber', 'GET', ({ query }) => ({
      tracking_number: orders.orderOrFail(query.get('order_sn')).trackingNumber ?? '',
    })),
  };
}
