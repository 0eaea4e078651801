/** How the carriers' wire values are read: both send numbers as numbers or numeric strings (`"5000000"`). */

/** A number or numeric string, rounded to a whole number; undefined for anything else. */
export function readInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Math.round(Number(value));
  }
  return undefined;
}

/** A string as sent, or a finite number as its string; undefined for anything else. */
export function readString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export type WireRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is WireRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
