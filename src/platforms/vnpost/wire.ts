import type { WireRecord } from '../carrier-wire.js';

/** The carriers' shared readers (carrier-wire.ts), under the names this adapter's modules import. */
export { isRecord, readInt, readString, type WireRecord } from '../carrier-wire.js';

/** First present field among several spellings (MyVNPost mixes `Type`/`type`, `CaseId`/`caseId`). */
export function pick(record: WireRecord, ...names: readonly string[]): unknown {
  for (const name of names) if (record[name] !== undefined && record[name] !== null) return record[name];
  return undefined;
}
