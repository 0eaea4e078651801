import { editDistance } from '../model/edit-distance.js';
import { parseQuery } from '../vn/admin/names.js';

/**
 * Matching a user-written unit name ("TP. Hồ Chí Minh", "thi tran Ho Xa", "Q.1") against a carrier's
 * catalog names ("HỒ CHÍ MINH", "THỊ TRẤN HỒ XÁ", "QUẬN 1"). Both sides go through the same
 * prefix-stripping, accent-folding parser from `src/vn`, so the comparison is symmetric.
 */

export type UnitMatch<T> =
  | { kind: 'match'; unit: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none'; candidates: T[] };

/** What differs between carriers: the short forms they accept, and how far a "did you mean" may reach. */
export interface NameMatchRules {
  /** Common short forms people write for the big cities. Keys are folded name keys. */
  aliases: Readonly<Record<string, string>>;
  /** Largest edit distance (on folded keys) still offered as a suggestion, for a query key of this length. */
  maxDistance: (keyLength: number) => number;
  maxSuggestions: number;
}

interface Keys {
  keys: string[];
  accented: string;
  typeHint?: string;
}

function keysOf(text: string, aliases: NameMatchRules['aliases']): Keys {
  const parsed = parseQuery(text);
  const keys = parsed.keys.map((key) => aliases[key] ?? key);
  return { keys, accented: parsed.accented, ...(parsed.typeHint ? { typeHint: parsed.typeHint } : {}) };
}

export function matchUnitName<T extends { name: string }>(
  query: string,
  units: readonly T[],
  rules: NameMatchRules,
): UnitMatch<T> {
  const wanted = keysOf(query, rules.aliases);
  const keyed: (Keys & { unit: T })[] = units.map((unit) => ({ unit, ...keysOf(unit.name, rules.aliases) }));
  // A unit matches when its bare key (first) is one of the query's keys, or the query's bare key is
  // one of its keys: "Hồ Xá" ~ "THỊ TRẤN HỒ XÁ", "Thị trấn Hồ Xá" ~ "HỒ XÁ".
  let hits = keyed.filter(
    (candidate) =>
      wanted.keys.includes(candidate.keys[0] ?? '') || candidate.keys.includes(wanted.keys[0] ?? ''),
  );
  if (hits.length > 1 && wanted.typeHint) {
    const sameType = hits.filter((hit) => hit.typeHint === wanted.typeHint);
    if (sameType.length > 0) hits = sameType;
  }
  if (hits.length > 1) {
    // Accents break ties the folded key cannot ("Hà" vs "Hạ").
    const sameAccents = hits.filter((hit) => hit.accented === wanted.accented);
    if (sameAccents.length > 0) hits = sameAccents;
  }
  if (hits.length === 1) return { kind: 'match', unit: hits[0]!.unit };
  if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.map((hit) => hit.unit) };
  const bare = wanted.keys[0] ?? '';
  const candidates = keyed
    .map((candidate) => ({ unit: candidate.unit, distance: editDistance(bare, candidate.keys[0] ?? '') }))
    .filter((scored) => scored.distance <= rules.maxDistance(bare.length))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, rules.maxSuggestions)
    .map((scored) => scored.unit);
  return { kind: 'none', candidates };
}
