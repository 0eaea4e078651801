import type { ShipmentStatus } from '../model/status.js';

/** One carrier status code and what it means for us (ViettelPost's codes are numbers, VNPost's strings). */
export interface CarrierStatusInfo<Code extends string | number> {
  code: Code;
  status: ShipmentStatus;
  /** Vietnamese label (our wording of the carrier's status name). */
  labelVi: string;
  labelEn: string;
  /** No further event follows it. */
  terminal: boolean;
}

/** A status table row as written in a carrier's table: code, status, Vietnamese, English, final. */
export type CarrierStatusRow<Code extends string | number> = readonly [
  code: Code,
  status: ShipmentStatus,
  labelVi: string,
  labelEn: string,
  terminal?: true,
];

/** A carrier's status rows as a map by code; `more` adds carrier-specific facts of a code. */
export function carrierStatusTable<Code extends string | number, Info extends CarrierStatusInfo<Code>>(
  rows: readonly CarrierStatusRow<Code>[],
  more: (code: Code) => Omit<Info, keyof CarrierStatusInfo<Code>>,
): ReadonlyMap<Code, Info> {
  return new Map(
    rows.map(([code, status, labelVi, labelEn, terminal]) => [
      code,
      { code, status, labelVi, labelEn, terminal: terminal === true, ...more(code) } as Info,
    ]),
  );
}

/** The codes of the rows marked final. */
export function terminalCodes<Code extends string | number>(rows: readonly CarrierStatusRow<Code>[]): Code[] {
  return rows.filter((row) => row[4]).map((row) => row[0]);
}
