/** Shopee sandbox orders: cursor-paged lists in ≤15-day windows, details, shipping and cancellation. */
import type { MarketplaceEngine } from '../marketplace/engine.js';
import { SandboxError } from '../marketplace/errors.js';
import { type Json, numberOf, param, ShopeeFault } from './shopee-fault.js';
import { renderOrderDetail, SHOPEE_CANCEL_REASONS, SHOPEE_ORDER_STATUS } from './shopee-wire.js';

const MAX_ORDER_WINDOW_S = 15 * 86_400;

export function shopeeOrderHandlers({ engine, channel }: { engine: MarketplaceEngine; channel: string }) {
  const orderOrFail = (sn: unknown) => {
    const order = typeof sn === 'string' ? engine.getOrder(sn) : undefined;
    if (!order) throw new ShopeeFault('error_not_found', `order_sn ${String(sn)} not found`);
    return order;
  };

  const encodeCursor = (after: { updatedAtMs: number; id: string }) =>
    Buffer.from(JSON.stringify(after)).toString('base64url');
  const decodeCursor = (cursor: string) => {
    try {
      const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
        updatedAtMs: number;
        id: string;
      };
      if (typeof value.updatedAtMs === 'number' && typeof value.id === 'string') return value;
    } catch {
      // fall through
    }
    throw param('cursor is not valid');
  };

  const orderList = (query: URLSearchParams) => {
    const field = query.get('time_range_field');
    if (field !== 'update_time' && field !== 'create_time')
      throw param('time_range_field must be create_time or update_time');
    const from = numberOf(query.get('time_from'));
    const to = numberOf(query.get('time_to'));
    if (from === undefined || to === undefined || to < from)
      throw param('time_from and time_to are required');
    if (to - from > MAX_ORDER_WINDOW_S) throw param('the time range cannot exceed 15 days');
    const pageSize = numberOf(query.get('page_size')) ?? 20;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw param('page_size must be 1-100');
    const cursor = query.get('cursor');
    const toMs = to * 1000 + 1000; // inclusive upper second
    const byCreate = field === 'create_time';
    const page = byCreate
      ? (() => {
          const all = engine
            .orders()
            .filter((o) => o.createdAtMs >= from * 1000 && o.createdAtMs < toMs)
            .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1));
          const start = cursor ? Number(decodeCursor(cursor).id) : 0;
          const items = all.slice(start, start + pageSize);
          return {
            items,
            next: start + pageSize < all.length ? { updatedAtMs: 0, id: String(start + pageSize) } : null,
          };
        })()
      : engine.listOrders({
          fromMs: from * 1000,
          toMs,
          status: null,
          after: cursor ? decodeCursor(cursor) : null,
          limit: pageSize,
        });
    return {
      more: page.next !== null,
      next_cursor: page.next ? encodeCursor(page.next) : '',
      order_list: page.items.map((o) => ({ order_sn: o.id, order_status: SHOPEE_ORDER_STATUS[o.status] })),
    };
  };

  const orderDetail = (query: URLSearchParams) => {
    const sns = (query.get('order_sn_list') ?? '').split(',').filter(Boolean);
    if (sns.length < 1 || sns.length > 50) throw param('order_sn_list takes 1-50 order numbers');
    return {
      order_list: sns
        .map((sn) => engine.getOrder(sn))
        .filter((o) => o !== undefined)
        .map((o) => renderOrderDetail(o, channel)),
    };
  };

  const shipOrder = (body: Json) => {
    const order = orderOrFail(body.order_sn);
    const tracking = (body.non_integrated as Json | undefined)?.tracking_number;
    if (typeof tracking !== 'string' || tracking === '')
      throw param('non_integrated.tracking_number is required for own-carrier shipping');
    try {
      engine.shipOrder(order.id, order.carrierCode ?? channel, tracking);
    } catch (error) {
      if (error instanceof SandboxError)
        throw new ShopeeFault('error_busi', `order cannot be shipped: ${error.message}`);
      throw error;
    }
    return {};
  };

  const cancelOrder = (body: Json) => {
    const order = orderOrFail(body.order_sn);
    const reason = body.cancel_reason;
    if (typeof reason !== 'string' || !Object.hasOwn(SHOPEE_CANCEL_REASONS, reason)) {
      throw param(`cancel_reason must be one of ${Object.keys(SHOPEE_CANCEL_REASONS).join(', ')}`);
    }
    try {
      const cancelled = engine.cancelOrder(
        order.id,
        SHOPEE_CANCEL_REASONS[reason as keyof typeof SHOPEE_CANCEL_REASONS],
        // cancel_order carries no text: the order keeps Shopee's own reason code.
        reason,
      );
      return { update_time: Math.floor(cancelled.updatedAtMs / 1000) };
    } catch (error) {
      if (error instanceof SandboxError)
        throw new ShopeeFault('error_busi', `order cannot be cancelled: ${error.message}`);
      throw error;
    }
  };

  return { orderOrFail, orderList, orderDetail, shipOrder, cancelOrder };
}
