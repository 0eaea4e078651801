import { createHash, timingSafeEqual } from 'node:crypto';
import { ContractViolationError } from '../../core/errors.js';
import { headerValue, parseJsonBody } from '../../core/headers.js';
import type { ShipmentEvent } from '../../model/shipment.js';
import type { HeaderBag } from '../types.js';
import { VIETTELPOST } from './errors.js';
import { classifyViettelPostStatus } from './status-table.js';
import { parseVietnamDateTime } from './vietnam-time.js';
import { isRecord, readInt, readString, type WireRecord } from './wire.js';

/** A ViettelPost journey event: the canonical event plus what only VTP reports. */
export interface ViettelPostShipmentEvent extends ShipmentEvent {
  /** ORDER_STATUS is not in the contract's table; `status` is a conservative guess. */
  unknownStatus: boolean;
  /** IS_RETURNING: the parcel is in the return flow. */
  returning?: boolean;
  /** MONEY_TOTAL: total freight incl. VAT and surcharges. */
  totalFeeVnd?: number;
  weightGrams?: number;
  serviceCode?: string;
  /** Proof-of-delivery photo URLs (POD.IMAGES). */
  podImageUrls?: string[];
  employeeName?: string;
  employeePhone?: string;
}

/**
 * Constant-time comparison that does not leak the secret's length: both sides are hashed to 32 bytes
 * first, so timingSafeEqual always compares equal-length buffers.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * VTP authenticates a webhook only with a shared secret: header `Authorization: <secret>` and body
 * `TOKEN` (contract §8.1; no HMAC). A delivery passes when a credential is present and every credential
 * present equals the secret, compared in constant time. No secret configured → nothing passes.
 */
export function verifyViettelPostWebhook(
  rawBody: string | Buffer,
  headers: HeaderBag,
  secret: string | undefined,
): boolean {
  if (!secret) return false;
  const presented: string[] = [];
  const authorization = headerValue(headers, 'authorization');
  if (authorization !== undefined && authorization !== '') presented.push(authorization.trim());
  const body = parseJsonBody(rawBody);
  const bodyToken = isRecord(body) ? readString(body.TOKEN) : undefined;
  if (bodyToken !== undefined && bodyToken !== '') presented.push(bodyToken);
  if (presented.length === 0) return false;
  // Evaluate every comparison (no short-circuit) so timing does not reveal which one failed.
  return presented.map((value) => secretsEqual(value, secret)).every(Boolean);
}

function invalid(message: string): ContractViolationError {
  return new ContractViolationError(`ViettelPost webhook: ${message}`, {
    platform: VIETTELPOST,
    operation: 'webhook',
  });
}

/**
 * `{DATA: {...}, TOKEN}` → canonical event. Dates are Vietnam local time → UTC instants; numbers may
 * arrive as strings; the location comes under `LOCATION_CURRENTLY` or the historical misspelling
 * `LOCALION_CURRENTLY`. An unknown ORDER_STATUS is kept and flagged, never dropped.
 */
export function parseViettelPostWebhook(rawBody: string | Buffer): ViettelPostShipmentEvent {
  const body = parseJsonBody(rawBody);
  if (!isRecord(body)) throw invalid('body is not a JSON object');
  const data: unknown = body.DATA;
  if (!isRecord(data)) throw invalid('DATA is missing');
  return eventFromData(data);
}

export function eventFromData(data: WireRecord): ViettelPostShipmentEvent {
  const trackingNumber = readString(data.ORDER_NUMBER)?.trim();
  if (!trackingNumber) throw invalid('DATA.ORDER_NUMBER is missing');
  const code = readInt(data.ORDER_STATUS);
  if (code === undefined) throw invalid('DATA.ORDER_STATUS is missing or not a number');
  const rawDate = readString(data.ORDER_STATUSDATE) ?? '';
  const occurredAt = parseVietnamDateTime(rawDate);
  if (!occurredAt) throw invalid(`DATA.ORDER_STATUSDATE "${rawDate}" is not dd/MM/yyyy HH:mm:ss`);
  const status = classifyViettelPostStatus(code);

  const reference = readString(data.ORDER_REFERENCE)?.trim();
  const location = readString(data.LOCATION_CURRENTLY) ?? readString(data.LOCALION_CURRENTLY);
  const note = readString(data.NOTE);
  const reasonCode = readString(data.REASON_CODE);
  const label = readString(data.STATUS_NAME) ?? status.labelVi;
  const cod = readInt(data.MONEY_COLLECTION);
  const totalFeeVnd = readInt(data.MONEY_TOTAL);
  const weightGrams = readInt(data.PRODUCT_WEIGHT);
  const serviceCode = readString(data.ORDER_SERVICE);
  const pod =
    isRecord(data.POD) && Array.isArray(data.POD.IMAGES)
      ? data.POD.IMAGES.filter((u) => typeof u === 'string')
      : [];
  const employeeName = readString(data.EMPLOYEE_NAME);
  const employeePhone = readString(data.EMPLOYEE_PHONE);
  const returning = data.IS_RETURNING;

  return {
    carrier: VIETTELPOST,
    trackingNumber,
    ...(reference ? { reference } : {}),
    status: status.status,
    rawStatus: code,
    rawStatusLabel: label,
    occurredAt,
    ...(location ? { location } : {}),
    ...(note ? { note } : {}),
    ...(reasonCode ? { reasonCode } : {}),
    ...(cod !== undefined && cod >= 0 ? { codAmountVnd: cod } : {}),
    terminal: status.terminal,
    // The normalised instant, not the raw text: "5/3/2026 9:7:0" and "05/03/2026 09:07:00" are one event.
    dedupeKey: `${VIETTELPOST}:${trackingNumber}:${code}:${occurredAt}`,
    unknownStatus: status.unknown,
    ...(typeof returning === 'boolean' ? { returning } : {}),
    ...(totalFeeVnd !== undefined && totalFeeVnd >= 0 ? { totalFeeVnd } : {}),
    ...(weightGrams !== undefined && weightGrams >= 0 ? { weightGrams } : {}),
    ...(serviceCode ? { serviceCode } : {}),
    ...(pod.length ? { podImageUrls: pod } : {}),
    ...(employeeName ? { employeeName } : {}),
    ...(employeePhone ? { employeePhone } : {}),
  };
}
