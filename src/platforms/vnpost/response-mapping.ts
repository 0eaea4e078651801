import { ContractViolationError } from '../../core/errors.js';
import type { BilingualText } from '../../model/messages.js';
import type { Quote } from '../../model/shipment.js';
import type { ShipmentStatus } from '../../model/status.js';
import { VNPOST } from './errors.js';
import { VNPOST_SERVICES } from './services.js';
import { classifyVnpostStatus, normaliseStatusCode } from './status-table.js';
import { parseVnpostDate } from './vietnam-time.js';
import { isRecord, pick, readInt, readString, type WireRecord } from './wire.js';

export function contractViolation(operation: string, message: BilingualText): ContractViolationError {
  return new ContractViolationError(
    { vi: `MyVNPost ${operation}: ${message.vi}`, en: `MyVNPost ${operation}: ${message.en}` },
    { platform: VNPOST, operation },
  );
}

/** ServicesCharge answers one row per service, bare or under `data`. */
export function quoteRows(body: unknown, operation: string): WireRecord[] {
  const data = isRecord(body) && body.data !== undefined ? body.data : body;
  const rows = Array.isArray(data) ? data : isRecord(data) ? [data] : undefined;
  if (!rows)
    throw contractViolation(operation, {
      vi: 'câu trả lời không phải một dòng, cũng không phải mảng dòng',
      en: 'answer is neither a row nor an array of rows',
    });
  return rows.filter(isRecord);
}

export function quoteFromRow(row: WireRecord, operation: string): Quote {
  const serviceCode = readString(row.serviceCode)?.trim();
  const total = readInt(row.totalFee);
  if (!serviceCode)
    throw contractViolation(operation, {
      vi: 'một dòng không có serviceCode',
      en: 'a row has no serviceCode',
    });
  if (total === undefined || total < 0)
    throw contractViolation(operation, {
      vi: `${serviceCode} không có totalFee`,
      en: `${serviceCode} has no totalFee`,
    });
  const known = VNPOST_SERVICES[serviceCode];
  const chargeable = readInt(row.weightConvert ?? row.priceWeight);
  return {
    carrier: VNPOST,
    serviceCode,
    serviceName: readString(row.serviceName)?.trim() || known?.nameVi || serviceCode,
    totalVnd: total,
    ...(chargeable !== undefined && chargeable >= 0 ? { chargeableWeightGrams: chargeable } : {}),
    extraServices: [],
  };
}

/** CreateOrder answers the order record at the top level or under `data`. */
export function orderRecord(body: unknown, operation: string): WireRecord {
  if (!isRecord(body))
    throw contractViolation(operation, {
      vi: 'câu trả lời không phải bản ghi đơn hàng',
      en: 'answer is not an order record',
    });
  const record = readString(body.itemCode) ? body : isRecord(body.data) ? body.data : body;
  if (!readString(record.itemCode)?.trim())
    throw contractViolation(operation, {
      vi: 'không có itemCode (mã vận đơn)',
      en: 'no itemCode (tracking number)',
    });
  return record;
}

/** getOrder answers `[{results: [...]}]`, GetListOrder `{results: [...]}`: every record, flattened. */
export function flattenResults(body: unknown): WireRecord[] {
  if (Array.isArray(body)) return body.flatMap(flattenResults);
  if (!isRecord(body)) return [];
  if (Array.isArray(body.results)) return body.results.filter(isRecord);
  if (isRecord(body.data) || Array.isArray(body.data)) return flattenResults(body.data);
  return readString(body.itemCode) ? [body] : [];
}

/** Cancel and correction answer `{Type, Message, CaseId}` (or a one-element array of it). */
export interface CaseAnswer {
  type: string;
  message: string;
  caseId?: string;
}

export function caseAnswer(body: unknown, operation: string): CaseAnswer {
  const record = Array.isArray(body) ? body[0] : body;
  if (!isRecord(record))
    throw contractViolation(operation, {
      vi: 'không có câu trả lời {Type, Message, CaseId}',
      en: 'no {Type, Message, CaseId} answer',
    });
  const type = readString(pick(record, 'Type', 'type'))?.trim();
  if (type === undefined)
    throw contractViolation(operation, { vi: 'câu trả lời không có Type', en: 'answer has no Type' });
  const caseId = readString(pick(record, 'CaseId', 'caseId'))?.trim();
  return {
    type,
    message: readString(pick(record, 'Message', 'message')) ?? '',
    ...(caseId ? { caseId } : {}),
  };
}

/** An order as getOrder / GetListOrder report it. */
export interface VnpostOrderDetail {
  itemCode: string;
  originalId?: string;
  /** Our reference (`saleOrderCode`). */
  reference?: string;
  /** Canonical status; absent when the code is not in the status table (`unknownStatus`). */
  status?: ShipmentStatus;
  rawStatus?: string;
  rawStatusLabel?: string;
  unknownStatus: boolean;
  serviceCode?: string;
  totalFeeVnd?: number;
  codAmountVnd?: number;
  chargeableWeightGrams?: number;
  /** What the waybill says the parcel holds (`contentNote`). */
  contentNote?: string;
}

export function detailFromRecord(record: WireRecord, operation: string): VnpostOrderDetail {
  const itemCode = readString(record.itemCode)?.trim();
  if (!itemCode)
    throw contractViolation(operation, { vi: 'một đơn không có itemCode', en: 'an order has no itemCode' });
  const code = normaliseStatusCode(record.status);
  const classified = code !== undefined ? classifyVnpostStatus(code) : undefined;
  const originalId = readString(pick(record, 'originalID', 'originalId'))?.trim();
  const reference = readString(record.saleOrderCode)?.trim();
  const label = readString(record.statusName)?.trim();
  const serviceCode = readString(record.serviceCode)?.trim();
  const fee = readInt(record.totalFee);
  const cod = readInt(record.codAmount);
  const weight = readInt(record.weightConvert);
  const contentNote = readString(record.contentNote)?.trim();
  return {
    itemCode,
    ...(originalId ? { originalId } : {}),
    ...(reference ? { reference } : {}),
    ...(classified?.known ? { status: classified.status } : {}),
    ...(code !== undefined ? { rawStatus: code } : {}),
    ...(label || classified?.known
      ? { rawStatusLabel: label || (classified?.known ? classified.labelVi : '') }
      : {}),
    unknownStatus: classified !== undefined && !classified.known,
    ...(serviceCode ? { serviceCode } : {}),
    ...(fee !== undefined && fee >= 0 ? { totalFeeVnd: fee } : {}),
    ...(cod !== undefined && cod >= 0 ? { codAmountVnd: cod } : {}),
    ...(weight !== undefined && weight >= 0 ? { chargeableWeightGrams: weight } : {}),
    ...(contentNote ? { contentNote } : {}),
  };
}

/** One step of GetStatusHistoryOrder. */
export interface VnpostStatusStep {
  rawStatus: string;
  rawStatusLabel?: string;
  status?: ShipmentStatus;
  unknownStatus: boolean;
  /** UTC instant, when the date and hour are readable. */
  occurredAt?: string;
}

export function historyFrom(body: unknown, operation: string): VnpostStatusStep[] {
  const data = isRecord(body) && isRecord(body.data) ? body.data : body;
  const rows = isRecord(data) ? data.statusHistory : undefined;
  if (!Array.isArray(rows))
    throw contractViolation(operation, { vi: 'không có mảng statusHistory', en: 'no statusHistory array' });
  return rows.filter(isRecord).map((row) => {
    const code = normaliseStatusCode(row.statusCode);
    if (code === undefined)
      throw contractViolation(operation, {
        vi: 'một bước không có statusCode',
        en: 'a step has no statusCode',
      });
    const classified = classifyVnpostStatus(code);
    const date = readString(row.createdDate)?.trim() ?? '';
    const hour = readString(row.createdHour)?.trim() ?? '';
    const occurredAt = parseVnpostDate(`${date}${hour ? ` ${hour}` : ''}`);
    const label = readString(row.statusName)?.trim();
    return {
      rawStatus: code,
      ...(label ? { rawStatusLabel: label } : classified.known ? { rawStatusLabel: classified.labelVi } : {}),
      ...(classified.known ? { status: classified.status } : {}),
      unknownStatus: !classified.known,
      ...(occurredAt ? { occurredAt } : {}),
    };
  });
}
