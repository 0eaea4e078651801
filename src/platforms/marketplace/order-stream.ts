import { ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { Order } from '../../model/order.js';
import type { ListOrdersOptions, OrderWindow } from '../types.js';
import { getPath } from './object-path.js';
import { decodeOrder } from './order-codec.js';
import {
  decodeOrderCheckpoint,
  encodeOrderCheckpoint,
  type OrderCheckpoint,
  splitWindow,
} from './order-window.js';
import { encodePlatformTime } from './platform-time.js';
import { nextCursor, type ProfileRequester } from './profile-requester.js';
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

/**
 * Orders changed in `window`: the window is split into pieces the platform accepts, each piece is paged
 * with the platform cursor, and `onCheckpoint` runs after each page has been fully consumed — never
 * after a page that failed, so a resumed run re-reads it rather than skipping it.
 */
export async function* streamOrders(
  profile: MarketplaceProfile,
  requester: ProfileRequester,
  window: OrderWindow,
  options: ListOrdersOptions,
): AsyncGenerator<Order> {
  const spec = profile.orderWindow;
  const paging = profile.pagination.orders;
  if (paging.style !== 'cursor') return; // parseProfile guarantees cursor paging
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
    // Mid-piece: finish that piece from its cursor, then continue after it.
    pieces.push({ from: new Date(resume.s), to: new Date(resume.e), cursor: resume.c });
    from = new Date(Math.max(window.from.getTime(), resume.e));
  } else if (resume) {
    from = new Date(Math.max(window.from.getTime(), resume.s));
  }
  pieces.push(...splitWindow(from, window.to, spec.maxWindowMs));
  const { format, utcOffset } = profile.time;

  for (const piece of pieces) {
    let pageCursor = piece.cursor;
    for (;;) {
      const query: Record<string, string | number> = { [paging.sizeParam]: paging.pageSize };
      if (!pageCursor || paging.repeatFilters) {
        query[spec.fromParam] = encodePlatformTime(piece.from, format, utcOffset);
        query[spec.toParam] = encodePlatformTime(piece.to, format, utcOffset);
      }
      if (pageCursor) query[paging.cursorParam] = pageCursor;
      const data = await requester.call('listOrders', {}, { query }, callOptions);
      const items = getPath(data, paging.itemsPath);
      // Decode the whole page before yielding any of it: a malformed order fails the page, not half of it.
      const orders = (Array.isArray(items) ? items : []).map((raw) => decodeOrder(profile, raw));
      for (const order of orders) yield order;
      const next = nextCursor(data, paging);
      if (next === undefined) {
        await onCheckpoint?.(encodeOrderCheckpoint({ s: piece.to.getTime() }));
        break;
      }
      pageCursor = next;
      await onCheckpoint?.(
        encodeOrderCheckpoint({ s: piece.from.getTime(), e: piece.to.getTime(), c: next }),
      );
    }
  }
}
