const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const DAY_FIRST = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/;
const YEAR_FIRST = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/;

/**
 * MyVNPost dates → UTC ISO instant. Local Vietnam time (UTC+7, no DST) when no offset is written:
 * `dd/MM/yyyy HH:mm:ss`, `dd-MM-yyyy[ HH:mm[:ss]]`, `yyyy-MM-dd[ HH:mm:ss]`; an ISO string with an
 * offset or `Z` is taken as written. Undefined when the text is none of these or not a real date.
 */
export function parseVnpostDate(text: string): string | undefined {
  const value = text.trim();
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value) && value.includes('T')) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  let parts: number[] | undefined;
  const dayFirst = DAY_FIRST.exec(value);
  if (dayFirst) {
    const [, d, m, y, hh, mm, ss] = dayFirst;
    parts = [Number(y), Number(m), Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0)];
  }
  const yearFirst = YEAR_FIRST.exec(value);
  if (yearFirst) {
    const [, y, m, d, hh, mm, ss] = yearFirst;
    parts = [Number(y), Number(m), Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0)];
  }
  if (!parts) return undefined;
  const [y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0] = parts;
  const utcMs = Date.UTC(y, m - 1, d, hh, mm, ss);
  const check = new Date(utcMs);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return undefined;
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  return new Date(utcMs - VIETNAM_OFFSET_MS).toISOString();
}

/** Epoch ms → `dd-MM-yyyy` in Vietnam time (GetListOrder's date filter format). */
export function formatVnpostDay(epochMs: number): string {
  const local = new Date(epochMs + VIETNAM_OFFSET_MS);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}-${mm}-${local.getUTCFullYear()}`;
}
