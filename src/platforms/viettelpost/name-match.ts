import { editDistance } from '../../vn/admin/edit-distance.js';
import { parseQuery } from '../../vn/admin/names.js';

/**
 * Matching a user-written unit name ("TP. Hồ Chí Minh", "thi tran Ho Xa", "Q.1") against VTP's
 * catalog names ("HỒ CHÍ MINH", "THỊ TRẤN HỒ XÁ", "QUẬN 1"). Both sides go through the same
 * prefix-stripping, accent-folding parser from `src/vn`, so the comparison is symmetric.
 */

/** Common short forms people write for the two big cities. Keys are folded name keys. */
const ALIASES: Readonly<Record<string, string>> = {
  hcm: 'hochiminh',
  tphcm: 'hochiminh',
  saigon: 'hochiminh',
  hn: 'hanoi',
  tphn: 'hanoi',
};

export interface NamedUnit {
  id: number;
  name: string;
}

export type MatchResult<T extends NamedUnit> =
  | { kind: 'match'; unit: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none'; candidates: T[] };

interface Keyed<T> {
  unit: T;
  keys: string[];
  accented: string;
  typeHint?: string;
}

/** Largest edit distance (on folded keys) still offered as a "did you mean". */
const MAX_SUGGESTION_DISTANCE = 4;
const MAX_SUGGESTIONS = 3;

function keysOf(text: string): { keys: string[]; accented: string; typeHint?: string } {
  const parsed = parseQuery(text);
  const keys = parsed.keys.map((key) => ALIASES[key] ?? key);
  return { keys, accented: parsed.accented, ...(parsed.typeHint ? { typeHint: parsed.typeHint } : {}) };
}

export function matchUnit<T extends NamedUnit>(query: string, units: readonly T[]): MatchResult<T> {
  const wanted = keysOf(query);
  const keyed: Keyed<T>[] = units.map((unit) => ({ unit, ...keysOf(unit.name) }));
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
    .filter((scored) => scored.distance <= Math.max(MAX_SUGGESTION_DISTANCE, Math.floor(bare.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, MAX_SUGGESTIONS)
    .map((scored) => scored.unit);
  return { kind: 'none', candidates };
}
