import { ContractViolationError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { BilingualText } from '../../model/messages.js';
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
  throw new ValidationError(
    { vi: 'listOrders: cursor không hợp lệ', en: 'listOrders: cursor is not valid' },
    [
      optionIssue(
        profile,
        'cursor',
        cursor,
        'Điểm tiếp tục (checkpoint) đơn hàng không hợp lệ',
        'The order checkpoint is not valid',
      ),
    ],
  );
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

/** The settings to check when the paging goes round in circles. */
export function orderPagingHint(profile: MarketplaceProfile, viaHook: boolean): BilingualText {
  const paging = profile.pagination.orders;
  const param =
    paging.style === 'cursor'
      ? `pagination.orders.cursorParam "${paging.cursorParam}"`
      : paging.style === 'page'
        ? `pagination.orders.pageParam "${paging.pageParam}"`
        : `pagination.orders.offsetParam "${paging.offsetParam}"`;
  const next =
    paging.style === 'cursor' ? ` pagination.orders.nextCursorPath "${paging.nextCursorPath}"` : '';
  const en = `${param} (is it the parameter the server reads?)${next ? ` and${next}` : ''}`;
  const vi = `${param} (có đúng là tham số máy chủ đọc không?)${next ? ` và${next}` : ''}`;
  return viaHook
    ? {
        vi: `vị trí tiếp theo do hook fetchOrderPage trả về, và ${vi}`,
        en: `the fetchOrderPage hook's next position, and ${en}`,
      }
    : { vi, en };
}

/**
 * What the profile adds to listOrders' argument table (method-arguments.ts): the time the platform
 * filters by, and a resume cursor this adapter wrote. Run when listOrders is called, and again by the stream.
 */
export function checkOrderWindow(
  profile: MarketplaceProfile,
  window: OrderWindow,
  options: ListOrdersOptions,
): void {
  const spec = profile.orderWindow;
  const by = window.by ?? 'updated';
  if (by !== spec.filter) {
    throw new ValidationError(
      { vi: 'listOrders: window.by không dùng được', en: 'listOrders: window.by cannot be used' },
      [
        optionIssue(
          profile,
          'window.by',
          by,
          `${profile.displayName} chỉ lọc đơn hàng theo thời gian ${spec.filter === 'updated' ? 'cập nhật' : 'tạo'}`,
          `${profile.displayName} filters orders by ${spec.filter} time only`,
        ),
      ],
    );
  }
  resumePoint(profile, options.cursor);
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
  pagingHint = orderPagingHint(profile, false),
): AsyncGenerator<Order> {
  checkOrderWindow(profile, window, options);
  const spec = profile.orderWindow;
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

  const violation = (what: BilingualText) =>
    new ContractViolationError(
      {
        vi: `${profile.platform} listOrders: ${what.vi} — việc phân trang lặp vòng; hãy kiểm tra ${pagingHint.vi}. Không lưu mốc nào sau trang cuối cùng đọc được`,
        en: `${profile.platform} listOrders: ${what.en} — the paging goes round in circles; check ${pagingHint.en}. Nothing after the last understood page is checkpointed`,
      },
      { platform: profile.platform, operation: 'listOrders' },
    );
  for (const piece of pieces) {
    let position = piece.cursor;
    // Positions requested in this piece, and the order ids of the previous page: a server that ignores
    // a mistyped cursor/page parameter answers the same page again and again.
    const requested = new Set<string | undefined>([position]);
    let previousIds: string | undefined;
    for (;;) {
      const page = await fetchPage({ from: piece.from, to: piece.to }, position, callOptions);
      if (!Array.isArray(page.orders)) {
        throw new ContractViolationError(
          {
            vi: `${profile.platform}: một trang đơn hàng không có mảng đơn`,
            en: `${profile.platform}: an order page has no orders array`,
          },
          {
            platform: profile.platform,
            operation: 'listOrders',
          },
        );
      }
      // Decode the whole page before yielding any of it: a malformed order fails the page, not half of it.
      const orders = page.orders.map(decode);
      const seen = new Set<string>();
      for (const order of orders) {
        if (seen.has(order.externalId))
          throw new ContractViolationError(
            {
              vi: `${profile.platform} listOrders: đơn ${order.externalId} xuất hiện hai lần trong một trang; hãy kiểm tra pagination.orders.itemsPath (hoặc hook fetchOrderPage) — không trả ra đơn nào của trang này`,
              en: `${profile.platform} listOrders: order ${order.externalId} appears twice in one page; check pagination.orders.itemsPath (or the fetchOrderPage hook) — nothing of this page is handed out`,
            },
            { platform: profile.platform, operation: 'listOrders' },
          );
        seen.add(order.externalId);
      }
      const ids = orders.map((order) => order.externalId).join('\n');
      if (orders.length > 0 && ids === previousIds)
        throw violation({
          vi: 'một trang chứa đúng các đơn của trang trước',
          en: 'a page holds exactly the orders of the page before it',
        });
      const next = page.next;
      if (next !== undefined && requested.has(next))
        throw violation(
          next === position
            ? {
                vi: `vị trí tiếp theo "${next}" là vị trí vừa yêu cầu`,
                en: `the next position "${next}" is the position just requested`,
              }
            : {
                vi: `vị trí tiếp theo "${next}" đã được yêu cầu trong khoảng thời gian này`,
                en: `the next position "${next}" was already requested in this window`,
              },
        );
      for (const order of orders) yield order;
      if (next === undefined) {
        await onCheckpoint?.(encodeOrderCheckpoint({ s: piece.to.getTime() }));
        break;
      }
      requested.add(next);
      previousIds = ids;
      position = next;
      await onCheckpoint?.(
        encodeOrderCheckpoint({ s: piece.from.getTime(), e: piece.to.getTime(), c: next }),
      );
    }
  }
}
