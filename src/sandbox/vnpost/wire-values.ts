/** How the emulator reads request values and writes VNPost's dates (Vietnam local time). */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Vietnam local time (UTC+7) parts of an instant. */
export function vnParts(ms: number) {
  const d = new Date(ms + 7 * 3600_000);
  return {
    day: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    hour: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

export function vnDateTime(ms: number): string {
  const p = vnParts(ms);
  return `${p.day} ${p.hour}`;
}

/** `dd-MM-yyyy` (Vietnam day) → [start, end) epoch ms; undefined when unreadable. */
export function vnDayRange(text: string): [number, number] | undefined {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  if (!m) return undefined;
  const start = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) - 7 * 3600_000;
  return [start, start + 24 * 3600_000];
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function int(value: unknown): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? Math.round(n) : 0;
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
