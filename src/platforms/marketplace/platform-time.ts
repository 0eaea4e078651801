import { ContractViolationError } from '../../core/errors.js';

export type PlatformTimeFormat = 'epochSeconds' | 'epochMs' | 'iso8601';

/**
 * Platform timestamps ↔ UTC. Voso-style APIs write Unix seconds, Postmart-style APIs ISO-8601 with a
 * `+07:00` offset. Inside the library every instant is a UTC ISO string; conversion happens only here.
 */
export function decodePlatformTime(value: unknown, format: PlatformTimeFormat, field: string): Date {
  let ms: number;
  if (format === 'iso8601') {
    // A bare local time would be read in the host's zone: refuse it rather than guess.
    if (typeof value !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) ms = Number.NaN;
    else ms = Date.parse(value);
  } else {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    ms = typeof n === 'number' ? (format === 'epochSeconds' ? n * 1000 : n) : Number.NaN;
  }
  if (!Number.isFinite(ms)) {
    throw new ContractViolationError({
      vi: `Sàn gửi thời gian không đọc được ở ${field}: ${JSON.stringify(value)}`,
      en: `The platform sent an unreadable time in ${field}: ${JSON.stringify(value)}`,
    });
  }
  return new Date(ms);
}

/** `utcOffset` like `+07:00`; Vietnam has no DST, so a fixed offset is exact. */
export function encodePlatformTime(
  date: Date,
  format: PlatformTimeFormat,
  utcOffset: string,
): number | string {
  if (format === 'epochSeconds') return Math.floor(date.getTime() / 1000);
  if (format === 'epochMs') return date.getTime();
  if (utcOffset === 'Z') return `${date.toISOString().slice(0, 19)}Z`;
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [hh, mm] = utcOffset.slice(1).split(':').map(Number) as [number, number];
  const shifted = new Date(date.getTime() + sign * (hh * 60 + mm) * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${utcOffset}`;
}

/** Seconds granularity platforms cannot express sub-second bounds: round an exclusive end up. */
export function ceilToSecond(date: Date): Date {
  return new Date(Math.ceil(date.getTime() / 1000) * 1000);
}
export function floorToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
