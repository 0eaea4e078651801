import { matchUnitName, type NameMatchRules, type UnitMatch } from '../carrier-name-match.js';

/** Largest edit distance (on folded keys) still offered as a "did you mean". */
const MAX_SUGGESTION_DISTANCE = 4;

/** How a user-written unit name is matched against VTP's catalog names. */
const VTP_NAME_RULES: NameMatchRules = {
  /** Common short forms people write for the two big cities. Keys are folded name keys. */
  aliases: {
    hcm: 'hochiminh',
    tphcm: 'hochiminh',
    saigon: 'hochiminh',
    hn: 'hanoi',
    tphn: 'hanoi',
  },
  maxDistance: (keyLength) => Math.max(MAX_SUGGESTION_DISTANCE, Math.floor(keyLength / 3)),
  maxSuggestions: 3,
};

export interface NamedUnit {
  id: number;
  name: string;
}

export type MatchResult<T extends NamedUnit> = UnitMatch<T>;

export function matchUnit<T extends NamedUnit>(query: string, units: readonly T[]): MatchResult<T> {
  return matchUnitName(query, units, VTP_NAME_RULES);
}
