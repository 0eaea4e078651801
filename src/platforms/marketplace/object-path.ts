/**
 * Dotted paths into platform JSON (`DATA.ORDER`, `nguoiNhan.hoTen`). Profiles name fields this way so
 * a nested or renamed field in a real partner contract needs no code change. Empty path = the value itself.
 * A segment may index an array: `seller_stock[0].stock` reads the first element's `stock`, and writing
 * it creates `{ seller_stock: [{ stock }] }` (arrays of objects, as Shopee's bodies have).
 */
type Segment = string | number;

const SEGMENT = /^([^[\]]*)((?:\[\d+\])*)$/;

function segmentsOf(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    const match = SEGMENT.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    if (match[1] !== '') out.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

export function getPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current: unknown = value;
  for (const key of segmentsOf(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

/** Writes `value` at `path`, creating intermediate objects and arrays. `undefined` values are not written. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = segmentsOf(path);
  let current: Record<string | number, unknown> = target;
  keys.slice(0, -1).forEach((key, i) => {
    const wantsArray = typeof keys[i + 1] === 'number';
    const next = current[key];
    const fits = wantsArray ? Array.isArray(next) : isRecord(next);
    if (!fits) current[key] = wantsArray ? [] : {};
    current = current[key] as Record<string | number, unknown>;
  });
  current[keys[keys.length - 1]!] = value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
