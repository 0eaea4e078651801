import { type ShipmentStatus, ShipmentStatusSchema } from '../model/status.js';
import { assertReferenceOwner } from './carrier-reference-owner.js';
import type {
  CarrierShipmentRecord,
  CarrierShipmentRecordInput,
  CarrierShipmentStore,
} from './carrier-state.js';

/** Carrier statuses that spend a reference: the carrier never accepts it for a create again. */
export const SPENDING_STATUSES: ReadonlySet<ShipmentStatus> = new Set(['CANCELLED', 'REJECTED']);

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

  /**
   * Refuses a create for a reference whose record holds another carrier's or another account's parcel
   * (assertReferenceOwner): checked before anything is sent, so that record is never overwritten.
   */
  assertOwner(record: CarrierShipmentRecord | undefined, reference: string): void {
    assertReferenceOwner(record, reference, { platform: this.carrier, account: this.account });
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
  async markSending(
    reference: string,
    at: string,
    seen: SeenRecord | undefined,
    requestFingerprint?: string,
  ): Promise<boolean> {
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
        // The create's content, with its intent: a same-reference create of other content is refused.
        ...(requestFingerprint !== undefined ? { requestFingerprint } : {}),
      };
    });
    return claimed;
  }

  /**
   * Folds a carrier event into the record of its reference (found by waybill when the event names none).
   * A record is created when the event names a reference not stored yet: that is how a pending create
   * learns its waybill in another process. `write` gets the stored record (undefined for a new one) and
   * the record to write back — this carrier's, with the event's waybill when it held none, no longer
   * pending once a waybill is known — and returns what the event makes of it. Undefined when the event
   * belongs to no known reference.
   */
  protected async foldEvent(
    reference: string | undefined,
    event: { status: ShipmentStatus; waybill?: string },
    write: (
      current: CarrierShipmentRecord | undefined,
      next: CarrierShipmentRecordInput,
    ) => CarrierShipmentRecordInput,
  ): Promise<CarrierShipmentRecord | undefined> {
    const ref = reference ?? (event.waybill ? (await this.byWaybill(event.waybill))?.reference : undefined);
    if (!ref) return undefined;
    return this.store.updateShipment(ref, (current) => {
      const base: CarrierShipmentRecordInput = current
        ? withoutTimestamp(current)
        : { reference: ref, status: event.status, carrier: this.carrier, account: this.account };
      const next: CarrierShipmentRecordInput = { ...base, carrier: this.carrier };
      if (event.waybill && !next.waybill) next.waybill = event.waybill;
      if (next.waybill) delete next.pendingSince;
      return write(current, next);
    });
  }
}
