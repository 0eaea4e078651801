import { ContractViolationError } from '../../core/errors.js';
import type { Quote, ShipmentFees } from '../../model/shipment.js';
import { VIETTELPOST } from './errors.js';
import { isRecord, readInt, readNumber, readString, type WireRecord } from './wire.js';

/** "48 giờ" → 48, "2 ngày" → 48, "24h" → 24, "1,5 ngày" → 36; anything else → undefined. */
export function parseDeliveryHours(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /(\d+(?:[.,]\d+)?)\s*(giờ|gio|h|tiếng|ngày|ngay|days?|hours?)(?![\p{L}])/iu.exec(
    text.normalize('NFC').toLowerCase(),
  );
  if (!match) return undefined;
  const amount = Number((match[1] ?? '').replace(',', '.'));
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  const unit = match[2] ?? '';
  return /ngày|ngay|day/.test(unit) ? amount * 24 : amount;
}

/**
 * getPriceAll answers a bare array on success (contract §5.3); a few integrations saw `{data: [...]}`
 * and getPriceAllNlp answers `{RESULT: [...]}`, possibly inside an envelope. Accept all of them.
 */
export function priceAllRows(body: unknown, operation: string): WireRecord[] {
  const candidates: unknown[] = [body];
  if (isRecord(body))
    candidates.push(body.data, body.RESULT, isRecord(body.data) ? body.data.RESULT : undefined);
  const rows = candidates.find(Array.isArray);
  if (!rows) {
    throw new ContractViolationError(
      {
        vi: `ViettelPost ${operation}: câu trả lời không phải mảng dịch vụ, cũng không có khung dữ liệu`,
        en: `ViettelPost ${operation} returned neither a service array nor an envelope`,
      },
      {
        platform: VIETTELPOST,
        operation,
      },
    );
  }
  return rows.filter(isRecord);
}

export function quoteFromPriceAllRow(row: WireRecord): Quote | undefined {
  const serviceCode = readString(row.MA_DV_CHINH);
  const totalVnd = readInt(row.GIA_CUOC);
  if (!serviceCode || totalVnd === undefined || totalVnd < 0) return undefined;
  const deliveryText = readString(row.THOI_GIAN);
  const deliveryHours = parseDeliveryHours(deliveryText);
  const chargeableWeightGrams = readInt(row.EXCHANGE_WEIGHT);
  const extras = Array.isArray(row.EXTRA_SERVICE) ? row.EXTRA_SERVICE.filter(isRecord) : [];
  return {
    carrier: VIETTELPOST,
    serviceCode,
    serviceName: readString(row.TEN_DICHVU) ?? serviceCode,
    totalVnd,
    ...(deliveryHours !== undefined ? { deliveryHours } : {}),
    ...(deliveryText ? { deliveryText } : {}),
    ...(chargeableWeightGrams !== undefined && chargeableWeightGrams >= 0 ? { chargeableWeightGrams } : {}),
    extraServices: extras
      .map((extra) => ({
        code: readString(extra.SERVICE_CODE) ?? '',
        name: readString(extra.SERVICE_NAME) ?? '',
      }))
      .filter((extra) => extra.code !== ''),
  };
}

/** Cheapest first; ties keep the faster service first. */
export function sortQuotes(quotes: Quote[]): Quote[] {
  return quotes.sort(
    (a, b) =>
      a.totalVnd - b.totalVnd ||
      (a.deliveryHours ?? Number.POSITIVE_INFINITY) - (b.deliveryHours ?? Number.POSITIVE_INFINITY),
  );
}

const nonNegative = (value: number | undefined) => (value !== undefined && value >= 0 ? value : undefined);

/** Fee breakdown of getPrice and createOrder responses (old-doc aliases accepted). */
export function feesFrom(data: WireRecord): ShipmentFees | undefined {
  const totalVnd = nonNegative(readInt(data.MONEY_TOTAL));
  if (totalVnd === undefined) return undefined;
  const entries: Array<[keyof ShipmentFees, unknown]> = [
    ['freightVnd', data.MONEY_TOTAL_FEE],
    ['fuelSurchargeVnd', data.MONEY_FEE],
    ['codFeeVnd', data.MONEY_COLLECTION_FEE],
    ['otherVnd', data.MONEY_OTHER_FEE],
    ['valueAddedServicesVnd', data.MONEY_VAS],
    ['vatVnd', data.MONEY_VAT ?? data.MONEY_FEE_VAT],
  ];
  const fees: ShipmentFees = { totalVnd };
  for (const [key, raw] of entries) {
    const value = nonNegative(readInt(raw));
    if (value !== undefined) fees[key] = value;
  }
  return fees;
}

/** KPI_HT: committed hours (a double, "counted from 24:00 of the day the order is received"). */
export function kpiHours(data: WireRecord): number | undefined {
  const hours = readNumber(data.KPI_HT);
  return hours !== undefined && hours > 0 ? hours : undefined;
}
