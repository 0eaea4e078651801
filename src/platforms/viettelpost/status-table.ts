import { z } from 'zod';
import { checkArgument, type Expected } from '../../core/argument-guards.js';
import type { ShipmentStatus } from '../../model/status.js';
import {
  type CarrierStatusInfo,
  type CarrierStatusRow,
  carrierStatusTable,
  terminalCodes,
} from '../carrier-status-table.js';

/** One ViettelPost ORDER_STATUS code and what it means for us. */
export interface ViettelPostStatusInfo extends CarrierStatusInfo<number> {
  /** Vietnamese label (our wording of VTP's status name), used when STATUS_NAME is missing. */
  labelVi: string;
  /** VTP sends no further events after a final status (contract §8.1: 101, 107, 201, 501, 503, 504). */
  terminal: boolean;
}

/**
 * The full ORDER_STATUS table of the contract (§8.2), as data. Where VTP's meaning sits between two
 * canonical statuses we pick the one that promises less, so a consumer never reports progress that has
 * not happened. The negative codes (−108 handed in at a post office, −109 dropped at a collection
 * point, −110 handed over by it) sit in the contract's pre-pickup "approved" group with 100: they are
 * PENDING_PICKUP — the order can still be cancelled (107) from there, which PICKED_UP would forbid.
 */
const ROWS: readonly CarrierStatusRow<number>[] = [
  [-100, 'CREATED', 'Đơn hàng mới tạo, chờ shop duyệt', 'Created, awaiting approval by the shop'],
  [
    -108,
    'PENDING_PICKUP',
    'Người gửi đã gửi hàng tại bưu cục',
    'Sender handed the parcel in at a post office',
  ],
  [-109, 'PENDING_PICKUP', 'Đã gửi hàng tại điểm thu gom', 'Parcel dropped at a collection point'],
  [-110, 'PENDING_PICKUP', 'Điểm thu gom đã bàn giao hàng', 'Parcel handed over by the collection point'],
  [100, 'PENDING_PICKUP', 'Tiếp nhận đơn hàng từ đối tác', 'Order received from the partner'],
  [101, 'REJECTED', 'ViettelPost yêu cầu hủy đơn hàng', 'ViettelPost rejected the order'],
  [102, 'PENDING_PICKUP', 'Đơn hàng chờ xử lý', 'Waiting to be processed'],
  [103, 'PENDING_PICKUP', 'Giao cho bưu cục lấy hàng', 'Assigned to a post office for pickup'],
  [104, 'PENDING_PICKUP', 'Giao cho bưu tá đi lấy hàng', 'Assigned to a pickup postman'],
  [105, 'PICKED_UP', 'Bưu tá đã nhận hàng', 'Picked up by the postman'],
  [106, 'PENDING_PICKUP', 'Đối tác yêu cầu lấy lại hàng', 'Partner asked to take the goods back'],
  [107, 'CANCELLED', 'Đối tác đã hủy đơn qua API', 'Cancelled by the partner through the API'],
  [200, 'IN_TRANSIT', 'Nhận từ bưu tá, vào sổ tại bưu cục gốc', 'Booked at the origin post office'],
  [201, 'REJECTED', 'Hủy nhập phiếu gửi', 'Waybill booking cancelled'],
  [202, 'IN_TRANSIT', 'Sửa phiếu gửi', 'Waybill corrected'],
  [300, 'IN_TRANSIT', 'Đóng bảng kê đi', 'Outbound dispatch list closed'],
  [301, 'IN_TRANSIT', 'Đóng túi gói', 'Outbound bag closed'],
  [302, 'IN_TRANSIT', 'Đóng chuyến thư', 'Outbound mail trip closed'],
  [303, 'IN_TRANSIT', 'Đóng tuyến xe', 'Outbound truck route closed'],
  [320, 'IN_TRANSIT', 'Đang vận chuyển', 'In transit'],
  [400, 'IN_TRANSIT', 'Nhận bảng kê đến', 'Inbound dispatch list received'],
  [401, 'IN_TRANSIT', 'Nhận túi gói', 'Inbound bag received'],
  [402, 'IN_TRANSIT', 'Nhận chuyến thư', 'Inbound mail trip received'],
  [403, 'IN_TRANSIT', 'Nhận tuyến xe', 'Inbound truck received'],
  [500, 'OUT_FOR_DELIVERY', 'Giao bưu tá đi phát', 'Out for delivery'],
  [501, 'DELIVERED', 'Phát thành công', 'Delivered'],
  [502, 'RETURNING', 'Chuyển hoàn bưu cục gốc', 'Returning to the origin post office'],
  [503, 'CANCELLED', 'Hủy theo yêu cầu khách hàng', 'Cancelled at the customer’s request'],
  [504, 'RETURNED', 'Hoàn thành công cho người gửi', 'Returned to the sender'],
  [505, 'DELIVERY_FAILED', 'Tồn – thông báo chuyển hoàn', 'Delivery failed, return notice'],
  [506, 'DELIVERY_FAILED', 'Tồn – khách vắng mặt, hẹn phát lại', 'Delivery failed, receiver absent'],
  [507, 'DELIVERY_FAILED', 'Tồn – khách đến bưu cục nhận', 'Receiver will collect at the post office'],
  [508, 'OUT_FOR_DELIVERY', 'Phát tiếp', 'Re-delivery by ViettelPost'],
  [509, 'IN_TRANSIT', 'Chuyển tiếp bưu cục khác', 'Forwarded to another post office'],
  [510, 'IN_TRANSIT', 'Hủy phân công phát', 'Delivery assignment cancelled'],
  [515, 'RETURNING', 'Bưu cục phát duyệt hoàn', 'Return approved by the delivering office'],
  [550, 'OUT_FOR_DELIVERY', 'Khách hàng yêu cầu phát tiếp', 'Re-delivery requested by the shop'],
  [570, 'OUT_FOR_DELIVERY', 'Đang giao hàng', 'On delivery'],
];

export const VIETTELPOST_STATUS_TABLE: ReadonlyMap<number, ViettelPostStatusInfo> = carrierStatusTable(
  ROWS,
  () => ({}),
);

/** Final statuses: no event follows them. */
export const VIETTELPOST_TERMINAL_CODES: readonly number[] = terminalCodes(ROWS);

export interface ClassifiedStatus extends ViettelPostStatusInfo {
  /** The code is not in the contract's table; `status` is a conservative guess from its range. */
  unknown: boolean;
}

/**
 * An unknown code is kept, never dropped: VTP adds codes (320 and 570 appeared undocumented).
 * Its range tells us roughly where the parcel is; we claim no more than that, and never terminal.
 */
function conservativeStatus(code: number): ShipmentStatus {
  if (code < 200) return 'PENDING_PICKUP';
  return 'IN_TRANSIT';
}

/** An ORDER_STATUS code: a whole number (negative ones exist: -100, -108, -109 …). */
const A_STATUS_NUMBER: Expected = {
  schema: z.number().int(),
  vi: 'một mã trạng thái ViettelPost (số nguyên, ví dụ 200, 501, -100)',
  en: 'a ViettelPost status code (a whole number, e.g. 200, 501, -100)',
};

export function classifyViettelPostStatus(code: number): ClassifiedStatus {
  checkArgument(code, 'code', A_STATUS_NUMBER);
  const known = VIETTELPOST_STATUS_TABLE.get(code);
  if (known) return { ...known, unknown: false };
  return {
    code,
    status: conservativeStatus(code),
    labelVi: `Trạng thái chưa biết (${code})`,
    labelEn: `Unknown status (${code})`,
    terminal: false,
    unknown: true,
  };
}
