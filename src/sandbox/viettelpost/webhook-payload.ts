import { RETURNING_STATUSES, STATUS_NAMES } from './journey.js';
import type { SandboxOrder } from './order-types.js';
import { formatVietnamDateTime } from './vietnam-time.js';

const PICKUP_POSTMAN = { name: 'Nguyễn Văn Hùng', phone: '84967299927' };
const DELIVERY_POSTMAN = { name: 'Trần Thị Lan', phone: '84978123456' };

function locationOf(order: SandboxOrder, status: number): string {
  const atSender = status < 400 || RETURNING_STATUSES.has(status);
  const area = atSender ? order.sender.area : order.receiver.area;
  return `Bưu cục ${area}`;
}

function employeeOf(status: number) {
  if (status === 104 || status === 105) return PICKUP_POSTMAN;
  if (status >= 500 && status < 510) return DELIVERY_POSTMAN;
  return { name: '', phone: '' };
}

/**
 * The webhook `DATA` object (§8.1): every field of the 2025 doc, both LOCALION_CURRENTLY (sic) and
 * LOCATION_CURRENTLY, and — as on the real server — a few numbers serialised as strings
 * (GROUPADDRESS_ID, VOUCHER_VALUE, MONEY_COLLECTION_ORIGIN).
 */
export function buildWebhookData(
  order: SandboxOrder,
  status: number,
  atMs: number,
  reasonCode: string | null,
  note: string,
): Record<string, unknown> {
  const location = locationOf(order, status);
  const employee = employeeOf(status);
  const booked = status >= 200 && status !== 201;
  const kpiMs = order.fees.KPI_HT * 3_600_000;
  return {
    ORDER_NUMBER: order.waybill,
    ORDER_REFERENCE: order.reference,
    ORDER_STATUSDATE: formatVietnamDateTime(atMs),
    ORDER_STATUS: status,
    STATUS_NAME: STATUS_NAMES[status] ?? `Trạng thái ${status}`,
    LOCALION_CURRENTLY: location,
    LOCATION_CURRENTLY: location,
    NOTE: note,
    MONEY_COLLECTION: order.fees.MONEY_COLLECTION,
    MONEY_COLLECTION_ORIGIN: booked ? String(order.fees.MONEY_COLLECTION) : null,
    MONEY_FEECOD: order.fees.MONEY_COLLECTION_FEE,
    MONEY_TOTALFEE: order.fees.MONEY_TOTAL_FEE,
    MONEY_TOTAL: order.fees.MONEY_TOTAL,
    MONEY_TOTALVAT: order.fees.MONEY_VAT,
    VOUCHER_VALUE: '0',
    EXPECTED_DELIVERY: `Trong vòng ${order.fees.KPI_HT} giờ`,
    EXPECTED_DELIVERY_DATE: status >= 105 ? formatVietnamDateTime(order.createdAtMs + kpiMs) : null,
    PRODUCT_WEIGHT: order.weightGrams,
    ORDER_SERVICE: order.orderService,
    ORDER_SERVICE_ADD: order.orderServiceAdd === '' ? null : order.orderServiceAdd,
    ORDER_PAYMENT: order.orderPayment,
    ORDER_NOTE: order.orderNote,
    GROUPADDRESS_ID: String(order.groupAddressId),
    DETAIL: [],
    EMPLOYEE_NAME: employee.name,
    EMPLOYEE_PHONE: employee.phone,
    IS_RETURNING: RETURNING_STATUSES.has(status),
    POD:
      status === 501
        ? { IMAGES: [`https://s3user10106.s3.cloudstorage.com.vn/pod/${order.waybill}_1.jpg`] }
        : null,
    REASON_CODE: reasonCode,
    RECEIVER_FULLNAME: order.receiver.fullName,
  };
}
