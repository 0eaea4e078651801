import { ContractViolationError } from '../../core/errors.js';
import { isRecord, readInt, type WireRecord } from '../carrier-wire.js';
import { VIETTELPOST } from './errors.js';

/** The carriers' shared readers (carrier-wire.ts), under the names this adapter's modules import. */
export { isRecord, readInt, readString, type WireRecord } from '../carrier-wire.js';

/**
 * A whole number, as a number or a numeric string — never rounded: `501.7` is not a status code and
 * must not be read as 502. Undefined for anything else.
 */
export function readWholeInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

export function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** The `data` of an envelope that must hold an array (catalogs, listInventory). */
export function envelopeArray(body: unknown, operation: string): WireRecord[] {
  const data = isRecord(body) ? body.data : undefined;
  if (!Array.isArray(data)) {
    throw new ContractViolationError(
      {
        vi: `ViettelPost ${operation}: câu trả lời không có mảng data`,
        en: `ViettelPost ${operation} returned no data array`,
      },
      {
        platform: VIETTELPOST,
        operation,
      },
    );
  }
  return data.filter(isRecord);
}

export function envelopeObject(body: unknown, operation: string): WireRecord {
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data)) {
    throw new ContractViolationError(
      {
        vi: `ViettelPost ${operation}: câu trả lời không có object data`,
        en: `ViettelPost ${operation} returned no data object`,
      },
      {
        platform: VIETTELPOST,
        operation,
      },
    );
  }
  return data;
}

/** Reads a required integer field or fails with a contract violation naming it. */
export function requireInt(record: WireRecord, field: string, operation: string): number {
  const value = readInt(record[field]);
  if (value === undefined) {
    throw new ContractViolationError(
      {
        vi: `ViettelPost ${operation}: ${field} bị thiếu hoặc không phải số`,
        en: `ViettelPost ${operation}: ${field} is missing or not a number`,
      },
      {
        platform: VIETTELPOST,
        operation,
      },
    );
  }
  return value;
}
