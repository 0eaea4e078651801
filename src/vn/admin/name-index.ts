import { editDistance } from '../../model/edit-distance.js';
import { accentedKey, nameKey, type ParsedQuery } from './names.js';
import type { AdminCandidate } from './types.js';

/** A list of units indexed by name key, with a lazily built index. */
export class NameIndex<T extends { name: string; type: string }> {
  private readonly byKey = new Map<string, T[]>();
  private readonly keys: Array<{ key: string; unit: T }> = [];

  constructor(readonly units: readonly T[]) {
    for (const unit of units) {
      const key = nameKey(unit.name);
      this.keys.push({ key, unit });
      const bucket = this.byKey.get(key);
      if (bucket === undefined) this.byKey.set(key, [unit]);
      else bucket.push(unit);
    }
  }

  /** Every unit matching the first query key that matches anything, narrowed by type and accents. */
  findAll(query: ParsedQuery): T[] {
    for (const key of query.keys) {
      const hits = this.byKey.get(key);
      if (hits !== undefined && hits.length > 0) return narrow(hits, query);
    }
    return [];
  }

  suggest(query: ParsedQuery, limit: number): AdminCandidate<T>[] {
    const scored = this.keys.map(({ key, unit }) => ({
      unit,
      distance: Math.min(...query.keys.map((q) => editDistance(q, key))),
    }));
    scored.sort((a, b) => a.distance - b.distance || a.unit.name.localeCompare(b.unit.name, 'vi'));
    return scored.slice(0, limit);
  }
}

/** Several units share a folded name: prefer the type the user wrote, then the exact accents. */
function narrow<T extends { name: string; type: string }>(hits: T[], query: ParsedQuery): T[] {
  let result = hits;
  if (result.length > 1 && query.typeHint !== undefined) {
    const typed = result.filter((u) => u.type === query.typeHint);
    if (typed.length > 0) result = typed;
  }
  if (result.length > 1) {
    const accented = result.filter((u) => accentedKey(u.name) === query.accented);
    if (accented.length > 0) result = accented;
  }
  return result;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [value]);
  else bucket.push(value);
}

export function groupIndex<T extends { name: string; type: string }>(
  units: T[],
  keyOf: (u: T) => string,
): Map<string, NameIndex<T>> {
  const groups = new Map<string, T[]>();
  for (const unit of units) push(groups, keyOf(unit), unit);
  return new Map([...groups].map(([key, list]) => [key, new NameIndex(list)]));
}
