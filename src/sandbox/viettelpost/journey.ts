/** How a simulated courier journey ends once the order is approved. */
export type JourneyEnding = 'delivered' | 'failed' | 'returned' | 'cancelledByVtp';

/**
 * How the parcel reaches ViettelPost after approval (contract §8.2): a postman picks it up (102–105),
 * the sender hands it in at a post office (−108), or drops it at a collection point (−109, then −110
 * when the point hands it over). The negative codes sit in the pre-pickup group, like 100.
 */
export type FirstMile = 'pickup' | 'postOffice' | 'collectionPoint';
export const FIRST_MILES: readonly FirstMile[] = ['pickup', 'postOffice', 'collectionPoint'];

/** Vietnamese labels sent as STATUS_NAME (paraphrased from the public status table). */
export const STATUS_NAMES: Readonly<Record<number, string>> = {
  [-100]: 'Đơn hàng mới tạo, chưa duyệt',
  [-108]: 'Người gửi đã gửi hàng tại bưu cục',
  [-109]: 'Đã gửi hàng tại điểm thu gom',
  [-110]: 'Điểm thu gom đã bàn giao hàng',
  100: 'Tiếp nhận đơn hàng từ đối tác',
  101: 'ViettelPost yêu cầu hủy đơn hàng',
  102: 'Đơn hàng chờ xử lý',
  103: 'Giao cho bưu cục',
  104: 'Giao cho bưu tá đi nhận',
  105: 'Bưu tá đã nhận hàng',
  107: 'Đối tác yêu cầu hủy qua API',
  200: 'Nhận từ bưu tá - Bưu cục gốc',
  300: 'Đóng bảng kê đi',
  400: 'Nhận bảng kê đến',
  500: 'Giao bưu tá đi phát',
  501: 'Phát thành công',
  502: 'Chuyển hoàn bưu cục gốc',
  504: 'Hoàn thành công - Chuyển trả người gửi',
  505: 'Tồn - Thông báo chuyển hoàn',
  506: 'Tồn - Khách hàng nghỉ, không có nhà',
  507: 'Tồn - Khách hàng đến bưu cục nhận',
  515: 'Bưu cục phát duyệt hoàn',
  550: 'Đơn vị yêu cầu phát tiếp',
};

/** No event follows these. */
export const TERMINAL_STATUSES: ReadonlySet<number> = new Set([101, 107, 201, 501, 503, 504]);
export const RETURNING_STATUSES: ReadonlySet<number> = new Set([502, 504, 515]);

const FIRST_MILE: Readonly<Record<FirstMile, readonly number[]>> = {
  pickup: [102, 103, 104, 105, 200],
  postOffice: [-108, 200],
  collectionPoint: [-109, -110, 200],
};
const LINE_HAUL = [300, 400, 500];

/** The statuses an approved order passes through (after 100) for each ending and first mile. */
export function journeyPlan(ending: JourneyEnding, firstMile: FirstMile = 'pickup'): number[] {
  const toDelivery = [...FIRST_MILE[firstMile], ...LINE_HAUL];
  switch (ending) {
    case 'delivered':
      return [...toDelivery, 501];
    // Stops at 505 and waits for the shop: UpdateOrder TYPE 2 (return) or TYPE 3 (re-deliver).
    case 'failed':
      return [...toDelivery, 506, 500, 505];
    // VTP decides the return itself after repeated failures.
    case 'returned':
      return [...toDelivery, 506, 500, 505, 502, 504];
    case 'cancelledByVtp':
      return [102, 101];
  }
}

/** The statuses an approved, picked-up order passes through (after 100) for each ending. */
export const JOURNEY_PLANS: Readonly<Record<JourneyEnding, readonly number[]>> = {
  delivered: journeyPlan('delivered'),
  failed: journeyPlan('failed'),
  returned: journeyPlan('returned'),
  cancelledByVtp: journeyPlan('cancelledByVtp'),
};

/** After UpdateOrder TYPE 2 / TYPE 3 on a 505. */
export const RETURN_PLAN: readonly number[] = [502, 504];
export const REDELIVERY_PLAN: readonly number[] = [550, 500, 501];

/** Every move the emulator can make, used to find a path for `advance(waybill, toStatus)`. */
const EDGES: Readonly<Record<number, readonly number[]>> = {
  [-100]: [100],
  100: [102, 101, -108, -109],
  [-108]: [200],
  [-109]: [-110],
  [-110]: [200],
  102: [103, 101],
  103: [104, 101],
  104: [105, 101],
  105: [200],
  200: [300],
  300: [400],
  400: [500],
  500: [501, 506, 507, 505],
  506: [500, 505],
  507: [501, 505],
  505: [502, 550],
  550: [500],
  502: [504],
};

/** Shortest path from `from` to `to` (excluding `from`), or undefined. */
export function pathBetween(from: number, to: number): number[] | undefined {
  const previous = new Map<number, number>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) {
      const path: number[] = [];
      for (let s = to; s !== from; s = previous.get(s)!) path.unshift(s);
      return path;
    }
    for (const next of EDGES[current] ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, current);
      queue.push(next);
    }
  }
  return undefined;
}

const FINAL_STATUS: Readonly<Record<JourneyEnding, number>> = {
  delivered: 501,
  failed: 505,
  returned: 504,
  cancelledByVtp: 101,
};

/**
 * The steps still to walk from `current` towards `ending`: the plan's suffix after the first
 * occurrence of `current`, or the shortest path when `current` is off the plan.
 */
export function planFrom(current: number, ending: JourneyEnding, firstMile: FirstMile = 'pickup'): number[] {
  const plan = journeyPlan(ending, firstMile);
  if (current === 100) return plan;
  const index = plan.indexOf(current);
  if (index >= 0) return plan.slice(index + 1);
  return pathBetween(current, FINAL_STATUS[ending]) ?? [];
}

/** Reason codes sent with failure statuses (doc table of 08/2025). */
export function reasonCodeFor(status: number, failReasonCode: string): string | null {
  if (status === 506) return '36';
  if (status === 507) return '38';
  if (status === 505) return failReasonCode;
  return null;
}
