const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** `dd/MM/yyyy HH:mm:ss` in Vietnam time (UTC+7, no DST, no offset in the string). */
export function formatVietnamDateTime(epochMs: number): string {
  const d = new Date(epochMs + VIETNAM_OFFSET_MS);
  return (
    `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Accepts `dd/MM/yyyy HH:mm:ss` (what clients send) and `yyyy-MM-dd HH:mm:ss` (the doc error table). */
export function isVtpDateTime(value: string): boolean {
  return (
    /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{1,2}:\d{1,2}$/.test(value) ||
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/.test(value)
  );
}
