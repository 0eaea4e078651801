/**
 * ViettelPost writes local Vietnam time (UTC+7, no DST) without any offset: `dd/MM/yyyy HH:mm:ss`
 * in DELIVERY_DATE and ORDER_STATUSDATE. The older doc allows non-padded parts (`d/M/yyyy H:m:s`).
 * We keep UTC inside and convert only here, at the adapter edge.
 */

/** Vietnam is UTC+7 all year (no daylight saving time). */
export const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

const VTP_DATE_TIME = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*$/;

/**
 * Parses a VTP local time (`dd/MM/yyyy HH:mm:ss`, `d/M/yyyy H:m:s`, or a bare date) into a UTC ISO
 * instant. Returns undefined for anything else, including impossible dates like 31/02.
 */
export function parseVietnamDateTime(text: string): string | undefined {
  const match = VTP_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [day, month, year, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const localAsUtcMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(localAsUtcMs);
  // Date.UTC silently rolls 31/02 into March; a rolled date is not what VTP meant.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  return new Date(localAsUtcMs - VIETNAM_UTC_OFFSET_MS).toISOString();
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Formats an instant as VTP expects it: Vietnam local time, `dd/MM/yyyy HH:mm:ss`. */
export function formatVietnamDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MS);
  return (
    `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  );
}
