import { ContractViolationError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Order } from '../../model/order.js';
import type { ListOrdersOptions, OrderWindow } from '../types.js';
import {
  decodeOrderCheckpoint,
  encodeOrderCheckpoint,
  type OrderCheckpoint,
  splitWindow,
} from './order-window.js';
import { encodePlatformTime } from './platform-time.js';
import type { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile } from './profile-schema.js';

function optionIssue(profile: MarketplaceProfile, path: string, value: unknown, vi: string, en: string) {
  return { path, value, code: `orders.${path}`, messageVi: vi, messageEn: en, platform: profile.platform };
}

function resumePoint(profile: MarketplaceProfile, cursor: string | undefined): OrderCheckpoint | undefined {
  if (cursor === undefined) return undefined;
  const resume = decodeOrderCheckpoint(cursor);
  if (resume) return resume;
  throw new ValidationError('The order checkpoint is not one this adapter wrote', [
    optionIssue(
      profile,
      'cursor',
      cursor,
      'Điểm tiếp tục (checkpoint) đơn hàng không hợp lệ',
      'The order checkpoint is not valid',
    ),
  ]);
}

/** Reads one page of one window piece: the profile's paging, or the adapter's `fetchOrderPage` hook. */
export type OrderPageFetcher = (
  piece: { from: Date; to: Date },
  position: string | undefined,
  options: CallOptions,
) => Promise<{ orders: readonly unknown[]; next?: string | undefined }>;

/** The default page fetcher: the `listOrders` endpoint with the profile's order paging and window params. */
export function profileOrderPages(
  profile: MarketplaceProfile,
  requester: ProfileRequester,
): OrderPageFetcher {
  const spec = profile.orderWindow;
  const { format, utcOffset } = profile.time;
  return async (piece, position, options) => {
    const filters = {
      [spec.fromParam]: encodePlatformTime(piece.from, format, utcOffset),
      [spec.toParam]: encodePlatformTime(piece.to, format, utcOffset),
    };
    const page = await requester.page('listOrders', profile.pagination.orders, position, filters, options);
    return { orders: page.items, next: page.next };
  };
}

/**
 * Orders changed in `window`: the window is split into pieces the platform accepts, each piece is paged
 * (cursor, offset or page number — whatever the fetcher returns as `next`), and `onCheckpoint` runs after
 * each page has been fully consumed — never after a page that failed or was not understood, so a resumed
 * run re-reads it rather than skipping it.
 */
export async function* streamOrders(
  profile: MarketplaceProfile,
  fetchPage: OrderPageFetcher,
  decode: (raw: unknown) => Order,
  window: OrderWindow,
  options: ListOrdersOptions,
): AsyncGenerator<Order> {
  const spec = profile.orderWindow;
  const by = window.by ?? 'updated';
  if (by !== spec.filter) {
    throw new ValidationError(`${profile.displayName} lists orders by ${spec.filter} time only`, [
      optionIssue(
        profile,
        'window.by',
        by,
        `${profile.displayName} chỉ lọc đơn hàng theo thời gian ${spec.filter === 'updated' ? 'cập nhật' : 'tạo'}`,
        `${profile.displayName} filters orders by ${spec.filter} time only`,
      ),
    ]);
  }
  const { cursor, onCheckpoint, ...rest } = options;
  const callOptions: CallOptions = rest;
  const resume = resumePoint(profile, cursor);
  const pieces: { from: Date; to: Date; cursor?: string }[] = [];
  let from = window.from;
  if (resume?.c !== undefined && resume.e !== undefined) {
    // Mid-piece: finish that piece from its position, then continue after it.
    pieces.push({ from: new Date(resume.s), to: new Date(resume.e), cursor: resume.c });
    from = new Date(Math.max(window.from.getTime(), resume.e));
  } else if (resume) {
    from = new Date(Math.max(window.from.getTime(), resume.s));
  }
  pieces.push(...splitWindow(from, window.to, spec.maxWindowMs));

  for (const piece of pieces) {
    let position = piece.cursor;
    for (;;) {
      const page = await fetchPage({ from: piece.from, to: piece.to }, position, callOptions);
      if (!Array.isArray(page.orders)) {
        throw new ContractViolationError(`${profile.platform}: an order page has no orders array`, {
          platform: profile.platform,
          operation: 'listOrders',
        });
      }
      // Decode the whole page before yielding any of it: a malformed order fails the page, not half of it.
      const orders = page.orders.map(decode);
      for (const order of orders) yield order;
      const next = page.next;
      if (next === undefined) {
        await onCheckpoint?.(encodeOrderCheckpoint({ s: piece.to.getTime() }));
        break;
      }
      position = next;
      await onCheckpoint?.(
        encodeOrderCheckpoint({ s: piece.from.getTime(), e: piece.to.getTime(), c: next }),
      );
    }
  }
}
