import {
  type CarrierStatusInfo,
  type CarrierStatusRow,
  carrierStatusTable,
  terminalCodes,
} from '../carrier-status-table.js';

/** One MyVNPost status code and what it means for us. */
export interface VnpostStatusInfo extends CarrierStatusInfo<string> {
  /** The raw code as MyVNPost sends it (a string: codes arrive as numbers or numeric strings). */
  code: string;
  /**
   * Where the code sits in the parcel's journey (draft 0 … pickup 60–70 … transit 100–110 … delivery
   * 120–185, return 130–190, cancelled 200). Breaks ties between events of the same instant: a later
   * stage wins, an equal or earlier one never moves the record back.
   */
  stage: number;
}

/**
 * The status codes integrators publish for MyVNPost (docs/vnpost.md lists the sources), as data.
 * Domestic list 0–22; the newer tracking generation's 50/70/80/90/100; international EMA–EMK as
 * 101–111. Where a meaning sits between two canonical statuses the one that promises less wins: 1 is
 * "created" in one list and "waiting for pickup" in the other, so CREATED (what a create returns; 2
 * "sent to the postman" is the first PENDING_PICKUP). This table is the only mapping: create answers,
 * getOrder, GetListOrder, status history and webhooks all read it. A code that is NOT here is never
 * mapped by guesswork: see `classifyVnpostStatus`.
 */
const ROWS: readonly CarrierStatusRow<string>[] = [
  ['0', 'CREATED', 'Lưu nháp', 'Saved as draft'],
  ['1', 'CREATED', 'Đã tạo đơn', 'Order created'],
  ['2', 'PENDING_PICKUP', 'Đã giao tin cho bưu tá', 'Pickup request sent to the postman'],
  ['3', 'PENDING_PICKUP', 'Đang xử lý', 'Processing'],
  ['4', 'PENDING_PICKUP', 'Đang lấy hàng', 'Picking up'],
  ['5', 'PENDING_PICKUP', 'Lấy hàng không thành công', 'Pickup failed'],
  ['6', 'PICKED_UP', 'Đã lấy hàng', 'Picked up'],
  ['7', 'PICKED_UP', 'Bưu cục đã nhận hàng', 'Accepted at the post office'],
  ['8', 'PENDING_PICKUP', 'Thu gom không thành công', 'Collection failed'],
  ['9', 'CANCELLED', 'Hủy lấy hàng', 'Pickup cancelled'],
  ['10', 'IN_TRANSIT', 'Đang vận chuyển', 'In transit'],
  ['11', 'IN_TRANSIT', 'Đến bưu cục', 'Arrived at a post office'],
  ['12', 'OUT_FOR_DELIVERY', 'Đang phát hàng', 'Out for delivery'],
  ['13', 'IN_TRANSIT', 'Chuyển tiếp', 'Forwarded'],
  ['14', 'DELIVERED', 'Phát thành công', 'Delivered'],
  ['15', 'DELIVERY_FAILED', 'Phát không thành công', 'Delivery failed'],
  ['16', 'DELIVERY_FAILED', 'Chờ chuyển hoàn', 'Awaiting return'],
  ['17', 'RETURNING', 'Đã duyệt hoàn', 'Return approved'],
  ['18', 'RETURNING', 'Bắt đầu chuyển hoàn', 'Return started'],
  ['19', 'RETURNED', 'Chuyển hoàn thành công', 'Returned to the sender'],
  ['20', 'RETURNED', 'Đã hoàn một phần', 'Partly returned'],
  ['21', 'DELIVERED', 'Đã trả tiền thu hộ (COD)', 'Cash on delivery paid out'],
  ['22', 'CANCELLED', 'Hủy phát', 'Delivery cancelled'],
  ['50', 'PICKED_UP', 'Đã nhập bưu cục', 'Accepted at the post office'],
  ['70', 'OUT_FOR_DELIVERY', 'Đang giao hàng', 'Delivering'],
  ['80', 'OUT_FOR_DELIVERY', 'Đang chuyển phát', 'In delivery'],
  ['90', 'DELIVERED', 'Phát thành công', 'Delivered'],
  ['100', 'RETURNED', 'Chuyển hoàn', 'Returned'],
  ['101', 'PICKED_UP', 'EMA – Nhận gửi', 'EMA – accepted'],
  ['102', 'IN_TRANSIT', 'EMB – Đến trung tâm khai thác quốc tế nước gửi', 'EMB – at the sending exchange'],
  ['103', 'IN_TRANSIT', 'EMC – Rời trung tâm khai thác quốc tế nước gửi', 'EMC – left the sending exchange'],
  ['104', 'IN_TRANSIT', 'EMD – Đến trung tâm khai thác quốc tế nước nhận', 'EMD – at the receiving exchange'],
  ['105', 'IN_TRANSIT', 'EME – Lưu giữ tại hải quan nước nhận', 'EME – held at customs'],
  ['106', 'IN_TRANSIT', 'EMF – Rời trung tâm khai thác nước nhận', 'EMF – left the receiving exchange'],
  ['107', 'IN_TRANSIT', 'EMG – Đến bưu cục phát', 'EMG – at the delivery office'],
  ['108', 'DELIVERY_FAILED', 'EMH – Phát không thành công', 'EMH – delivery failed'],
  ['109', 'DELIVERED', 'EMI – Phát thành công', 'EMI – delivered'],
  ['110', 'IN_TRANSIT', 'EMJ – Đến trung tâm trung chuyển', 'EMJ – at a transit exchange'],
  ['111', 'IN_TRANSIT', 'EMK – Rời trung tâm trung chuyển', 'EMK – left a transit exchange'],
];

/** Journey stage of each code (see `VnpostStatusInfo.stage`). */
const STAGES: Readonly<Record<string, number>> = {
  '0': 0,
  '1': 10,
  '2': 20,
  '3': 30,
  '4': 40,
  '5': 45,
  '8': 45,
  '6': 60,
  '7': 70,
  '50': 70,
  '9': 200,
  '10': 100,
  '13': 105,
  '11': 110,
  '12': 120,
  '70': 120,
  '80': 125,
  '15': 130,
  '16': 140,
  '17': 150,
  '18': 160,
  '19': 190,
  '20': 190,
  '100': 190,
  '14': 180,
  '90': 180,
  '21': 185,
  '22': 200,
  '101': 70,
  '102': 100,
  '103': 101,
  '104': 102,
  '105': 103,
  '106': 104,
  '107': 110,
  '108': 130,
  '109': 180,
  '110': 100,
  '111': 101,
};

export const VNPOST_STATUS_TABLE: ReadonlyMap<string, VnpostStatusInfo> = carrierStatusTable(
  ROWS,
  (code) => ({ stage: STAGES[code] ?? 0 }),
);

/** Statuses after which no further event is expected. */
export const VNPOST_TERMINAL_CODES: readonly string[] = terminalCodes(ROWS);

/** `{ known: true, ...info }` for a code in the table; `{ known: false, code }` otherwise — never a guess. */
export type ClassifiedVnpostStatus = ({ known: true } & VnpostStatusInfo) | { known: false; code: string };

/** Normalises "014", 14 and " 14 " to "14"; anything non-numeric is kept as given (and is unknown). */
export function normaliseStatusCode(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw)) return String(raw);
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const text = raw.trim();
  return /^\d+$/.test(text) ? String(Number(text)) : text;
}

export function classifyVnpostStatus(code: string): ClassifiedVnpostStatus {
  const info = VNPOST_STATUS_TABLE.get(code);
  return info ? { known: true, ...info } : { known: false, code };
}

/** The journey stage of a raw code; undefined for a code not in the table. */
export function vnpostStage(code: string | undefined): number | undefined {
  return code === undefined ? undefined : VNPOST_STATUS_TABLE.get(code)?.stage;
}
