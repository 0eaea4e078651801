import { type ShipmentStatus, ShipmentStatusSchema } from '../model/status.js';
import type {
  CarrierShipmentRecord,
  CarrierShipmentRecordInput,
  CarrierShipmentStore,
} from './carrier-state.js';

/** The canonical status a record's carrier last reported (undefined when it holds none). */
export function carrierStatusOf(record: CarrierShipmentRecord): ShipmentStatus | undefined {
  const parsed = ShipmentStatusSchema.safeParse(record.carrierStatus);
  return parsed.success ? parsed.data : undefined;
}

/** The store record without its timestamp, ready to be written back with changes. */
export function withoutTimestamp(record: CarrierShipmentRecord): CarrierShipmentRecordInput {
  const { updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

/**
 * A carrier's shipment state in the project's StateStore (`shipments` records, keyed by our reference):
 * reference ↔ waybill, the carrier status, whether a create was sent without an answer (`pendingSince`).
 * Nothing lives in adapter memory, so a webhook receiver and the next cron run see the same records.
 * What both carriers do alike lives here; how an update supersedes a record is each carrier's own.
 */
/** What the caller read before claiming a reference for a create. */
export type SeenRecord = Pick<CarrierShipmentRecord, 'pendingSince' | 'waybill' | 'updatedAt'>;

/** How a carrier's create claim reads the store: when a record is still as seen, and what it is pending since. */
export interface ClaimRule {
  unchanged(current: CarrierShipmentRecord, seen: SeenRecord | undefined): boolean;
  pendingSince(base: CarrierShipmentRecordInput, at: string): string;
}

export class CarrierShipmentState {
  constructor(
    readonly store: CarrierShipmentStore,
    protected readonly account: string,
    protected readonly carrier: string,
    private readonly claimRule: ClaimRule,
  ) {}

  get(reference: string): Promise<CarrierShipmentRecord | undefined> {
    return this.store.getShipment(reference);
  }

  /** The record of a waybill (a scan of the store; a record without carrier counts as ours). */
  async byWaybill(waybill: string): Promise<CarrierShipmentRecord | undefined> {
    const all = await this.store.listShipments();
    return all.find((r) => r.waybill === waybill && (r.carrier === undefined || r.carrier === this.carrier));
  }

  /** References whose create may have been sent and whose waybill is unknown, oldest first. */
  async pending(): Promise<CarrierShipmentRecord[]> {
    const all = await this.store.listShipments();
    return all
      .filter((r) => r.carrier === this.carrier && r.pendingSince !== undefined && r.waybill === undefined)
      .sort((a, b) => (a.pendingSince! < b.pendingSince! ? -1 : a.pendingSince! > b.pendingSince! ? 1 : 0));
  }

  /**
   * Records that a create is about to be sent (durable before the request): its outcome is unknown until
   * answered. An atomic claim (one read-modify-write of the store): it succeeds only while the record is
   * still as this caller read it (`seen`, compared by the carrier's rule). When another process claimed
   * the reference in between (its create is in flight) or completed it, nothing is written and false is
   * returned: the caller must not send.
   */
  async markSending(reference: string, at: string, seen: SeenRecord | undefined): Promise<boolean> {
    let claimed = false;
    await this.store.updateShipment(reference, (current) => {
      claimed = false;
      if (current && !this.claimRule.unchanged(current, seen)) return withoutTimestamp(current);
      claimed = true;
      const base: CarrierShipmentRecordInput = current
        ? withoutTimestamp(current)
        : { reference, status: 'WAYBILL_PENDING', carrierStatus: 'WAYBILL_PENDING' };
      return {
        ...base,
        carrier: this.carrier,
        account: base.account ?? this.account,
        pendingSince: this.claimRule.pendingSince(base, at),
        carrierStatus: base.carrierStatus ?? 'WAYBILL_PENDING',
      };
    });
    return claimed;
  }
}
