import type { MarketplaceProfileInput } from '../marketplace/profile-schema.js';

const DAY_MS = 86_400_000;

/**
 * Shopee Open Platform v2 as profile DATA (hooks.ts holds the few exchanges data cannot express).
 * Facts from Shopee's public documentation and integrators' code (docs/profiles.md lists them):
 * every path under `/api/v2/`, `partner_id` + `timestamp` (s) + `sign` in the query, shop-level calls
 * add `access_token` + `shop_id`; envelope `{ error, message, request_id, response }` with an empty
 * `error` on success; 4-hour access tokens renewed with a single-use refresh token.
 * Where the public material is silent (exact error codes for throttling, Vietnamese address levels), the
 * values are modeled and marked so; patch them with `shopee({ profile: {...} })`.
 */
export const SHOPEE_PROFILE: MarketplaceProfileInput = {
  platform: 'shopee',
  displayName: 'Shopee',
  contractStatus: 'modeled',
  baseUrl: 'https://partner.shopeemobile.com',
  auth: {
    type: 'hmac',
    style: 'shopee',
    refresh: {
      method: 'POST',
      path: '/api/v2/auth/access_token/get',
      body: { refresh_token: '{refreshToken}', partner_id: '{partnerId}', shop_id: '{shopId}' },
      // Token answers are flat: `{ access_token, refresh_token, expire_in, error, message }`.
      enveloped: false,
      tokenPath: 'access_token',
      refreshTokenPath: 'refresh_token',
      expiresPath: 'expire_in',
      expiresFormat: 'relativeSeconds',
    },
  },
  endpoints: {
    categories: {
      method: 'GET',
      path: '/api/v2/product/get_category',
      query: { language: 'vi' },
      dataPath: 'response.category_list',
    },
    categoryAttributes: {
      method: 'GET',
      path: '/api/v2/product/get_attributes',
      query: { category_id: '{categoryId}', language: 'vi' },
      dataPath: 'response.attribute_list',
    },
    // Images live in the partner's media space: signed for the app, not the shop.
    uploadImage: {
      method: 'POST',
      path: '/api/v2/media_space/upload_image',
      auth: 'app',
      dataPath: 'response',
    },
    createListing: {
      method: 'POST',
      path: '/api/v2/product/add_item',
      dataPath: 'response',
      // Constants every add_item needs; a shop patches `logistic_info` with its own enabled channels.
      body: {
        condition: 'NEW',
        item_status: 'NORMAL',
        brand: { brand_id: 0, original_brand_name: 'NoBrand' },
        logistic_info: [{ logistic_id: 50021, enabled: true }],
        description_type: 'normal',
      },
    },
    updateListing: {
      method: 'POST',
      path: '/api/v2/product/update_item',
      dataPath: 'response',
      body: { item_id: '{listingId}' },
    },
    listListings: {
      method: 'GET',
      path: '/api/v2/product/get_item_list',
      query: { item_status: 'NORMAL' },
      dataPath: 'response',
    },
    listOrders: {
      method: 'GET',
      path: '/api/v2/order/get_order_list',
      query: { time_range_field: 'update_time' },
      dataPath: 'response',
    },
    bulkStock: { method: 'POST', path: '/api/v2/product/update_stock', dataPath: 'response' },
    updatePrice: { method: 'POST', path: '/api/v2/product/update_price', dataPath: 'response' },
    markShipped: { method: 'POST', path: '/api/v2/logistics/ship_order', dataPath: 'response' },
    cancelOrder: { method: 'POST', path: '/api/v2/order/cancel_order', dataPath: 'response' },
  },
  extraEndpoints: {
    searchItem: {
      method: 'GET',
      path: '/api/v2/product/search_item',
      query: { item_sku: '{sku}', offset: 0, page_size: 10, attribute_status: 2 },
      dataPath: 'response',
    },
    getItemBaseInfo: {
      method: 'GET',
      path: '/api/v2/product/get_item_base_info',
      query: { item_id_list: '{itemIds}' },
      dataPath: 'response.item_list',
    },
    getModelList: {
      method: 'GET',
      path: '/api/v2/product/get_model_list',
      query: { item_id: '{listingId}' },
      dataPath: 'response',
    },
    initTierVariation: { method: 'POST', path: '/api/v2/product/init_tier_variation', dataPath: 'response' },
    // Same tiers, more options (every existing model placed again in model_list).
    updateTierVariation: {
      method: 'POST',
      path: '/api/v2/product/update_tier_variation',
      dataPath: 'response',
    },
    addModel: { method: 'POST', path: '/api/v2/product/add_model', dataPath: 'response' },
    // Model fields, here the seller SKU (`model: [{ model_id, model_sku }]`).
    updateModel: { method: 'POST', path: '/api/v2/product/update_model', dataPath: 'response' },
    getOrderDetail: {
      method: 'GET',
      path: '/api/v2/order/get_order_detail',
      query: {
        order_sn_list: '{orderIds}',
        response_optional_fields:
          'buyer_username,recipient_address,item_list,payment_method,total_amount,estimated_shipping_fee,shipping_carrier,note,cod',
      },
      dataPath: 'response.order_list',
    },
    getTrackingNumber: {
      method: 'GET',
      path: '/api/v2/logistics/get_tracking_number',
      query: { order_sn: '{orderId}' },
      dataPath: 'response',
    },
  },
  envelope: {
    dataPath: 'response',
    successPath: 'error',
    successValue: '',
    codePath: 'error',
    messagePath: 'message',
  },
  errors: {
    codes: {
      // A wrong partner key or clock: no new token can fix it, so it must never invalidate the token.
      error_sign: { kind: 'permission' },
      error_auth: { kind: 'authentication' },
      invalid_access_token: { kind: 'authentication' },
      error_permission: { kind: 'permission' },
      error_param: { kind: 'invalid_request' },
      error_item_not_found: { kind: 'not_found' },
      error_not_found: { kind: 'not_found' },
      error_busi: { kind: 'conflict' },
      // Modeled: the public material names no throttling code; HTTP 429 is classified by status anyway.
      error_too_many_request: { kind: 'rate_limited' },
      error_server: { kind: 'server' },
      error_inner: { kind: 'server' },
    },
    defaultKind: 'invalid_request',
  },
  fields: {
    listing: {
      id: 'item_id',
      sku: 'item_sku',
      title: 'item_name',
      description: 'description',
      categoryId: 'category_id',
      attributes: 'attribute_list',
      imageIds: 'image.image_id_list',
      imageUrls: 'image.image_url_list',
      weightGrams: 'weight',
      lengthCm: 'dimension.package_length',
      widthCm: 'dimension.package_width',
      heightCm: 'dimension.package_height',
      tiers: 'tier_variation',
      variants: 'model',
      reviewStatus: 'item_status',
      rejectReasons: 'reject_reasons',
    },
    tier: { name: 'name', options: 'option_list' },
    variant: {
      id: 'model_id',
      sku: 'model_sku',
      tierIndex: 'tier_index',
      priceVnd: 'original_price',
      stock: 'seller_stock[0].stock',
    },
    rejectReason: { code: 'code', message: 'message' },
    attributes: {
      style: 'array',
      code: 'attribute_id',
      value: 'attribute_value_list[0].original_value_name',
      numericCode: true,
    },
    category: {
      id: 'category_id',
      name: 'display_category_name',
      parentId: 'parent_category_id',
      hasChildren: 'has_children',
    },
    categoryAttribute: {
      code: 'attribute_id',
      name: 'display_attribute_name',
      required: 'is_mandatory',
      type: 'input_validation_type',
      options: 'attribute_value_list',
      optionValue: 'original_value_name',
    },
    attributeTypes: { number: ['INT_TYPE', 'FLOAT_TYPE'], enum: [] },
    image: { id: 'image_info.image_id', url: 'image_info.image_url_list[0].image_url' },
    order: {
      id: 'order_sn',
      status: 'order_status',
      // Filled by the normalizeOrder hook from `cod` (Shopee names many prepaid methods).
      paymentMethod: 'ocop_payment',
      buyer: 'recipient_address',
      address: 'recipient_address',
      lines: 'item_list',
      subtotalVnd: 'ocop_items_total',
      shippingFeeVnd: 'estimated_shipping_fee',
      totalVnd: 'total_amount',
      codAmountVnd: 'ocop_cod_amount',
      carrier: 'shipping_carrier',
      trackingNumber: 'tracking_number',
      note: 'note',
      createdAt: 'create_time',
      updatedAt: 'update_time',
    },
    buyer: { name: 'name', phone: 'phone' },
    // Modeled Vietnamese levels: state = province, city = district, district = ward.
    address: { province: 'state', district: 'city', ward: 'district', street: 'full_address' },
    orderLine: {
      sku: 'model_sku',
      name: 'item_name',
      variantName: 'model_name',
      quantity: 'model_quantity_purchased',
      unitPriceVnd: 'model_discounted_price',
      lineId: 'order_item_id',
    },
    ship: { carrier: 'ocop_carrier', trackingNumber: 'non_integrated.tracking_number' },
    cancel: { reasonCode: 'cancel_reason', reason: 'ocop_reason_text' },
    bulk: {
      items: 'stock_list',
      sku: 'model_sku',
      stock: 'seller_stock[0].stock',
      priceVnd: 'original_price',
      results: 'success_list',
      success: 'ok',
      errorCode: 'failed_reason',
      message: 'failed_reason',
    },
  },
  statuses: {
    order: {
      UNPAID: 'UNPAID',
      // Shopee has no seller confirmation: a READY_TO_SHIP order waits for the seller to arrange shipment.
      READY_TO_SHIP: 'CONFIRMED',
      PROCESSED: 'READY_TO_SHIP',
      RETRY_SHIP: 'READY_TO_SHIP',
      SHIPPED: 'SHIPPED',
      TO_CONFIRM_RECEIVE: 'DELIVERED',
      COMPLETED: 'COMPLETED',
      IN_CANCEL: 'CANCEL_REQUESTED',
      CANCELLED: 'CANCELLED',
      TO_RETURN: 'RETURNING',
    },
    review: { NORMAL: 'APPROVED', UNLIST: 'APPROVED', REVIEWING: 'PENDING', BANNED: 'REJECTED' },
  },
  time: { format: 'epochSeconds', utcOffset: '+07:00' },
  ids: { listing: 'number', category: 'number', order: 'string' },
  pagination: {
    listings: {
      style: 'offset',
      offsetParam: 'offset',
      limitParam: 'page_size',
      pageSize: 50,
      itemsPath: 'item',
      totalPath: 'total_count',
    },
    orders: {
      style: 'cursor',
      cursorParam: 'cursor',
      sizeParam: 'page_size',
      pageSize: 50,
      itemsPath: 'order_list',
      nextCursorPath: 'next_cursor',
      hasMorePath: 'more',
      repeatFilters: true,
    },
    categories: { mode: 'tree', childrenPath: 'children' },
  },
  // get_order_list refuses windows longer than 15 days.
  orderWindow: { fromParam: 'time_from', toParam: 'time_to', maxWindowMs: 15 * DAY_MS, filter: 'updated' },
  rules: {
    titleMinChars: 10,
    titleMaxChars: 120,
    descriptionMinChars: 20,
    descriptionMaxChars: 3000,
    image: {
      minWidth: 500,
      minHeight: 500,
      maxWidth: 5000,
      maxHeight: 5000,
      aspect: 'square',
      background: '#ffffff',
      formats: ['jpeg', 'png'],
      maxBytes: 2 * 1024 * 1024,
      minCount: 1,
      maxCount: 9,
    },
    requiredAttributes: [],
    maxVariants: 50,
    maxVariantTiers: 2,
    tierNameMaxChars: 20,
    tierOptionMaxChars: 20,
    skuPattern: '^[A-Za-z0-9._-]{1,100}$',
    minPriceVnd: 1_000,
    maxPriceVnd: 120_000_000,
    maxStock: 999_999,
    maxWeightGrams: 300_000,
    maxDimensionCm: 300,
    prohibitedPhrases: ['chữa bệnh', 'chữa khỏi', 'trị bệnh', 'thần dược', 'ung thư'],
  },
  // update_stock takes one item per call; the hook groups a batch by item.
  maxBatch: 50,
  retriableItemCodes: [],
  upload: { encoding: 'multipart', fieldName: 'image' },
  // Modeled: Shopee publishes per-API limits to partners only; 10/s per shop keeps well inside them.
  rateLimits: { auth: { requestsPerSecond: 2 }, shared: { requestsPerSecond: 10, burst: 3 } },
  idempotency: { mode: 'lookup-by-sku' },
  webhook: {
    // Shopee signs `<callback URL>|<raw body>` with the partner key, hex, in `Authorization`.
    signatureHeader: 'Authorization',
    algorithm: 'hmac-sha256',
    encoding: 'hex',
    signedPayload: '{url}|{body}',
    timestampPath: 'timestamp',
    timestampFormat: 'epochSeconds',
    replayWindowMs: 300_000,
    eventTypePath: 'code',
    occurredAtPath: 'timestamp',
    // Push code 3: order status update.
    eventTypes: { '3': 'order.updated' },
    orderPath: 'data',
    orderIdPath: 'ordersn',
    orderStatusPath: 'status',
    listingPath: 'data',
    // One partner key signs the pushes of every shop of the app: a push for another shop is not ours.
    accountPath: 'shop_id',
    accountCredential: 'shopId',
  },
  // listingDownload: get_item_list → get_item_base_info → get_model_list (the downloadListings hook).
  capabilities: { listingReview: false, webhooks: true, priceUpdate: true, listingDownload: true },
  codes: {
    payment: { cod: 'COD', prepaid: 'PREPAID' },
    // Shopee names carriers by display name on the order (`shipping_carrier`).
    carriers: {
      spx: 'SPX Express',
      ghn: 'Giao Hàng Nhanh',
      ghtk: 'Giao Hàng Tiết Kiệm',
      viettelpost: 'Viettel Post',
      jt: 'J&T Express',
      vnpost: 'VNPost Nhanh',
    },
    otherCarrier: 'Khác',
    // cancel_order accepts four reasons: OUT_OF_STOCK, CUSTOMER_REQUEST, UNDELIVERABLE_AREA and
    // COD_NOT_SUPPORTED. '' = no Shopee reason fits: WRONG_PRICE and OTHER are refused before sending
    // rather than reported to the buyer as something else. A shop that cancels because it does not
    // ship COD patches `cannot_ship: 'COD_NOT_SUPPORTED'`.
    cancelReasons: {
      out_of_stock: 'OUT_OF_STOCK',
      buyer_request: 'CUSTOMER_REQUEST',
      wrong_price: '',
      cannot_ship: 'UNDELIVERABLE_AREA',
      other: '',
    },
  },
  // Sandbox / common Shopee attribute ids of the food categories (patch for a real category tree).
  attributeSources: {
    '100010': 'origin',
    '100020': 'brand',
    '100030': 'shelfLifeDays',
    '100040': 'netContent',
    '100050': 'ingredients',
    '100060': 'storage',
    '100070': 'ocopStars',
  },
  requestIdHeader: 'x-request-id',
  // add_item takes the weight in kilograms (a float).
  units: { weight: 'kg' },
};
