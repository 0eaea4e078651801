/**
 * The arguments of an error class's constructor, as they appear in its text (#18). The README invites
 * users to build errors by hand, so a class may be made with nothing, a text, `{ vi, en }` or a number
 * where it expects an order key or a folder: a missing or unreadable argument is left out of the
 * sentence (never "undefined" or "[object Object]"). Internal to the library.
 */

/** The argument as text: a non-blank string or a finite number; undefined for anything else. */
export function argText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  return undefined;
}

/** `${before}${text}${after}` when the argument reads as text, '' otherwise (" EB1VN", " (vận đơn EB1VN)"). */
export function argPart(value: unknown, before = ' ', after = ''): string {
  const text = argText(value);
  return text === undefined ? '' : `${before}${text}${after}`;
}
