/** How a sandbox parcel's journey ends. */
export type VnpostJourneyEnding = 'delivered' | 'returned';

/** Labels the sandbox sends as `statusName` (our wording). */
export const STATUS_NAMES: Readonly<Record<string, string>> = {
  '0': 'Lưu nháp',
  '1': 'Đã tạo đơn',
  '2': 'Đã giao tin cho bưu tá',
  '4': 'Đang lấy hàng',
  '6': 'Đã lấy hàng',
  '7': 'Bưu cục đã nhận hàng',
  '9': 'Hủy lấy hàng',
  '10': 'Đang vận chuyển',
  '11': 'Đến bưu cục phát',
  '12': 'Đang phát hàng',
  '14': 'Phát thành công',
  '15': 'Phát không thành công',
  '16': 'Chờ chuyển hoàn',
  '17': 'Đã duyệt hoàn',
  '18': 'Bắt đầu chuyển hoàn',
  '19': 'Chuyển hoàn thành công',
  '21': 'Đã trả tiền COD',
};

const FIRST_MILE = ['2', '4', '6', '7', '10', '11', '12'];

/** The statuses a published order walks after 1 ("created"). */
export function journeyPlan(ending: VnpostJourneyEnding, codAmountVnd: number): string[] {
  if (ending === 'returned') return [...FIRST_MILE, '15', '16', '17', '18', '19'];
  return codAmountVnd > 0 ? [...FIRST_MILE, '14', '21'] : [...FIRST_MILE, '14'];
}

/** A cancel is accepted only before the postman has the parcel. */
export const CANCELLABLE: ReadonlySet<string> = new Set(['0', '1', '2', '3', '4', '5']);
export const CORRECTABLE = CANCELLABLE;
