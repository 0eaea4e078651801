/** A request body read as a JSON object (an empty body is `{}`), or why it is not one. */
export function jsonObjectOf(
  body: Buffer,
): { value: Record<string, unknown> } | { problem: 'not-json' | 'not-object' } {
  let value: unknown;
  try {
    value = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return { problem: 'not-json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not-object' };
  return { value: value as Record<string, unknown> };
}
