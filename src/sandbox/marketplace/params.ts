/** Query-string and body helpers shared by the dialects; every failure becomes a per-field issue. */
import { type FieldIssue, issue } from './errors.js';

export function intParam(
  query: URLSearchParams,
  name: string,
  bounds: { min: number; max: number; fallback?: number },
  issues: FieldIssue[],
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    if (bounds.fallback === undefined) issues.push(issue([name], 'REQUIRED', `Thiếu tham số ${name}`));
    return bounds.fallback;
  }
  if (!/^-?\d+$/.test(raw)) {
    issues.push(issue([name], 'TYPE', `${name} phải là số nguyên`));
    return undefined;
  }
  const value = Number(raw);
  if (value < bounds.min || value > bounds.max) {
    issues.push(issue([name], 'RANGE', `${name} phải từ ${bounds.min} đến ${bounds.max}`));
    return undefined;
  }
  return value;
}

export function positiveIntFromPath(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

export function requiredString(
  record: Record<string, unknown>,
  key: string,
  issues: FieldIssue[],
  bounds: { min?: number; max: number; pattern?: RegExp },
): string | undefined {
  const value = record[key];
  if (value === undefined || value === null || value === '') {
    issues.push(issue([key], 'REQUIRED', `${key} là bắt buộc`));
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.push(issue([key], 'TYPE', `${key} phải là chuỗi`));
    return undefined;
  }
  const length = [...value].length;
  if (length < (bounds.min ?? 1))
    issues.push(issue([key], 'MIN_LENGTH', `${key} tối thiểu ${bounds.min} ký tự`));
  else if (length > bounds.max) issues.push(issue([key], 'MAX_LENGTH', `${key} tối đa ${bounds.max} ký tự`));
  else if (bounds.pattern && !bounds.pattern.test(value))
    issues.push(issue([key], 'FORMAT', `${key} sai định dạng`));
  else return value;
  return undefined;
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const TRACKING_NUMBER_PATTERN = /^[A-Za-z0-9-]{6,30}$/;

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** `2026-11-27T14:05:09+07:00` — Vietnam wall time with its fixed offset (no DST). */
export function toVietnamIso(epochMs: number): string {
  const shifted = new Date(Math.floor(epochMs / 1000) * 1000 + VIETNAM_OFFSET_MS);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO-8601 instant that carries an explicit offset; bare local times are refused. */
export function parseIsoWithOffset(value: string): number | undefined {
  if (!ISO_WITH_OFFSET.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function epochSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

/** The canonical status whose raw (wire) spelling in `table` is `raw`. */
export function rawToCanonical<T extends string>(
  table: Readonly<Record<T, string>>,
  raw: string,
): T | undefined {
  return (Object.keys(table) as T[]).find((key) => table[key] === raw);
}

/**
 * An optional status filter given in the platform's raw spelling: absent → null, unknown → an issue
 * (with `message`) and null.
 */
export function statusParam<T extends string>(
  query: URLSearchParams,
  name: string,
  table: Readonly<Record<T, string>>,
  message: string,
  issues: FieldIssue[],
): T | null {
  const raw = query.get(name);
  if (!raw) return null;
  const status = rawToCanonical(table, raw);
  if (!status) issues.push(issue([name], 'RANGE', message));
  return status ?? null;
}
