import { ConfigurationError, ContractViolationError, NotFoundError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { echoed, echoedList } from '../../model/echo.js';
import type { Order } from '../../model/order.js';
import type { MarketplaceHookContext, OrderPage, OrderPageRequest } from '../marketplace/hooks.js';
import { setPath } from '../marketplace/object-path.js';
import { list, type Raw, record, required, SHOPEE_ID_LIST_MAX } from './shopee-raw.js';

/**
 * Parcels handed to Shopee with `ship_order` (own carrier: `non_integrated`). Shopee's
 * `shipping_carrier` names the order's logistics channel (SPX Express …), not the carrier the seller
 * gave the parcel to, and `ship_order` takes no carrier: the carrier the caller named is kept in the
 * adapter's store (`ctx.shipments`, the connector's StateStore), so an order is never reported as carried
 * by another carrier than the one carrying it, in this process or a later one.
 */
export async function withShippedCarrier(ctx: MarketplaceHookContext, detail: Raw): Promise<Raw> {
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

/**
 * get_order_detail for up to 50 order numbers; every one asked for must come back. Shopee leaves an
 * order number it does not know out of its answer: for numbers it listed itself that breaks its
 * contract; for one the caller asked for (`getOrder`, `missingMeans: 'not_found'`) the order does not exist.
 */
export async function orderDetails(
  ctx: MarketplaceHookContext,
  orderSns: readonly string[],
  options?: CallOptions,
  missingMeans: 'contract_violation' | 'not_found' = 'contract_violation',
): Promise<Raw[]> {
  const out: Raw[] = [];
  for (let i = 0; i < orderSns.length; i += SHOPEE_ID_LIST_MAX) {
    const batch = orderSns.slice(i, i + SHOPEE_ID_LIST_MAX);
    const data = await ctx.call('getOrderDetail', { vars: { orderIds: batch.join(',') } }, options);
    const details = list(ctx, data, '', 'getOrderDetail');
    const missing = batch.filter((sn) => !details.some((d) => d.order_sn === sn));
    // An order number is echoed capped (a 50,000-character id must not make a 50 KB message).
    const named = echoedList(missing.map((sn) => echoed(sn)));
    if (missing.length > 0 && missingMeans === 'not_found') {
      throw new NotFoundError(
        {
          vi: `shopee getOrder: Shopee không có đơn ${named} (get_order_detail không trả về đơn này); kiểm tra mã đơn (order_sn)`,
          en: `shopee getOrder: Shopee has no order ${named} (get_order_detail did not return it); check the order number (order_sn)`,
        },
        { platform: 'shopee', operation: 'getOrder' },
      );
    }
    if (missing.length > 0) {
      throw new ContractViolationError(
        {
          vi: `shopee getOrderDetail: không có chi tiết cho ${named}`,
          en: `shopee getOrderDetail: no detail for ${named}`,
        },
        {
          platform: 'shopee',
        },
      );
    }
    out.push(...details);
  }
  return out;
}

export async function getOrder(
  ctx: MarketplaceHookContext,
  orderId: string,
  options?: CallOptions,
): Promise<Order> {
  const [detail] = await orderDetails(ctx, [orderId], options, 'not_found');
  const status = String(detail!.order_status);
  // The tracking number lives in logistics, and only once the parcel is arranged.
  if (['PROCESSED', 'SHIPPED', 'TO_CONFIRM_RECEIVE', 'COMPLETED'].includes(status)) {
    const tracking = await ctx.call('getTrackingNumber', { vars: { orderId } }, options);
    const number = ctx.codecs.getPath(tracking, 'tracking_number');
    if (typeof number === 'string' && number !== '') detail!.tracking_number = number;
  }
  return ctx.codecs.decodeOrder(await withShippedCarrier(ctx, detail!));
}

/** One page of get_order_list, with the profile's cursor paging, read in detail (get_order_detail by 50). */
export async function fetchOrderPage(
  ctx: MarketplaceHookContext,
  { from, to, position }: OrderPageRequest,
  options?: CallOptions,
): Promise<OrderPage> {
  // The profile's cursor paging, override included (profileProblems refuses another style).
  const paging = ctx.profile.pagination.orders;
  if (paging.style !== 'cursor')
    throw new ConfigurationError(
      {
        vi: 'shopee: pagination.orders.style phải là cursor',
        en: 'shopee: pagination.orders.style must be cursor',
      },
      [],
    );
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
      {
        vi: `shopee listOrders: "${paging.hasMorePath}" báo còn trang sau nhưng "${paging.nextCursorPath}" trống`,
        en: `shopee listOrders: "${paging.hasMorePath}" says more pages follow but "${paging.nextCursorPath}" is empty`,
      },
      { platform: 'shopee', operation: 'listOrders' },
    );
  }
  const details = sns.length > 0 ? await orderDetails(ctx, sns, options) : [];
  const orders = await Promise.all(details.map((detail) => withShippedCarrier(ctx, detail)));
  return { orders, ...(more ? { next } : {}) };
}

/** A Shopee order detail with the fields the profile reads filled in (payment, items total, COD, line SKUs). */
export function normalizeOrder(raw: unknown): Raw {
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
}
