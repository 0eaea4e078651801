/**
 * A value a message repeats back (an order id, a SKU, a tracking number) is capped: the first
 * `ECHO_MAX` characters and "…", so a 50,000-character argument never makes a 50 KB
 * message. Internal to the library: every message builder that quotes a caller's text uses it.
 */
export const ECHO_MAX = 60;

/** `text` itself when short; else its first `max` characters and "…". */
export function echoed(text: string, max = ECHO_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A list of indices or names, the first `max` of them and "… (+N)" for the rest: "0, 1, 2, … (+57)". */
export function echoedList(items: readonly (string | number)[], max = 10): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … (+${items.length - max})` : shown;
}
