import { type ShipmentStatus, TERMINAL_SHIPMENT_STATUSES } from '../model/status.js';

/** One carrier status code and what it means for us (ViettelPost's codes are numbers, VNPost's strings). */
export interface CarrierStatusInfo<Code extends string | number> {
  code: Code;
  status: ShipmentStatus;
  /** Vietnamese label (our wording of the carrier's status name). */
  labelVi: string;
  labelEn: string;
  /** No further event follows it: its status is final (`TERMINAL_SHIPMENT_STATUSES`). */
  terminal: boolean;
}

/**
 * A status table row as written in a carrier's table: code, status, Vietnamese, English. Whether the code
 * is final is not written again: it is final exactly when its canonical status is (DELIVERED, RETURNED,
 * CANCELLED, REJECTED), the same rule `shipmentEventEffect` applies to the record.
 */
export type CarrierStatusRow<Code extends string | number> = readonly [
  code: Code,
  status: ShipmentStatus,
  labelVi: string,
  labelEn: string,
];

/** A carrier's status rows as a map by code; `more` adds carrier-specific facts of a code. */
export function carrierStatusTable<Code extends string | number, Info extends CarrierStatusInfo<Code>>(
  rows: readonly CarrierStatusRow<Code>[],
  more: (code: Code) => Omit<Info, keyof CarrierStatusInfo<Code>>,
): ReadonlyMap<Code, Info> {
  return new Map(
    rows.map(([code, status, labelVi, labelEn]) => [
      code,
      {
        code,
        status,
        labelVi,
        labelEn,
        terminal: TERMINAL_SHIPMENT_STATUSES.has(status),
        ...more(code),
      } as Info,
    ]),
  );
}

/** The codes whose status is final. */
export function terminalCodes<Code extends string | number>(rows: readonly CarrierStatusRow<Code>[]): Code[] {
  return rows.filter(([, status]) => TERMINAL_SHIPMENT_STATUSES.has(status)).map(([code]) => code);
}
