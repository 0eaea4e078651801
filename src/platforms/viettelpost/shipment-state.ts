import type { ShipmentEvent } from '../../model/shipment.js';
import {
  canTransitionShipment,
  type ShipmentStatus,
  TERMINAL_SHIPMENT_STATUSES,
} from '../../model/status.js';
import {
  CarrierShipmentState,
  type ClaimRule,
  carrierStatusOf,
  SPENDING_STATUSES,
  withoutTimestamp,
} from '../carrier-shipment-state.js';
import type {
  CarrierShipmentRecord,
  CarrierShipmentRecordInput,
  CarrierShipmentStore,
} from '../carrier-state.js';
import { VIETTELPOST } from './errors.js';

export interface CarrierUpdate {
  status: ShipmentStatus;
  rawStatus: number;
  /** ISO instant of the carrier event (or of our own successful action). */
  at: string;
  waybill?: string;
}

/**
 * Whether a carrier update replaces what the record holds: a newer event wins (VTP's time is the order
 * of events; out-of-order deliveries are common), a final status is never left, and an event at the
 * same instant applies only as a forward transition of the model.
 */
export function supersedes(record: CarrierShipmentRecord, update: CarrierUpdate): boolean {
  const current = carrierStatusOf(record);
  if (current === undefined || current === 'WAYBILL_PENDING') return true;
  if (TERMINAL_SHIPMENT_STATUSES.has(current)) return false;
  const last = record.lastEventAt;
  if (last === undefined || update.at > last) return true;
  if (update.at < last) return false;
  return current !== update.status && canTransitionShipment(current, update.status);
}

/**
 * A create claim holds while the record is exactly the one read (same `pendingSince`, waybill and write
 * time; a record that appeared since counts as changed); a record already pending keeps its first time.
 */
const VTP_CLAIM: ClaimRule = {
  unchanged: (current, seen) =>
    seen !== undefined &&
    current.pendingSince === seen.pendingSince &&
    current.waybill === seen.waybill &&
    current.updatedAt === seen.updatedAt,
  pendingSince: (base, at) => base.pendingSince ?? at,
};

/**
 * ViettelPost's shipment state in the project's StateStore (`shipments` namespace, keyed by our
 * reference): reference ↔ waybill, the carrier status and when it was reported, whether a create is
 * pending (answer lost) and whether the reference is spent. Nothing lives in adapter memory, so any
 * process sharing the store — a webhook receiver, the next cron run — sees and completes it.
 */
export class ViettelPostShipmentState extends CarrierShipmentState {
  constructor(store: CarrierShipmentStore, account: string) {
    super(store, account, VIETTELPOST, VTP_CLAIM);
  }

  /**
   * The create was refused before anything was committed: the record goes back to what it was before
   * `markSending` (removed if there was none), so a refused create leaves no pending trace.
   */
  restore(
    reference: string,
    before: CarrierShipmentRecord | undefined,
  ): Promise<CarrierShipmentRecord | undefined> {
    return this.store.updateShipment(reference, () => (before ? withoutTimestamp(before) : undefined));
  }

  /** The create answered: the waybill is known. */
  recordCreated(reference: string, waybill: string): Promise<CarrierShipmentRecord | undefined> {
    return this.store.updateShipment(reference, (current) => {
      const base: CarrierShipmentRecordInput = current
        ? withoutTimestamp(current)
        : { reference, status: 'CREATED' };
      const { pendingSince: _pending, ...rest } = base;
      // A webhook may have been applied before this answer was processed: keep what it said.
      const keepEvent =
        current !== undefined && current.waybill === waybill && current.lastEventAt !== undefined;
      // No lastEventAt: our clock is not VTP's, so any carrier event may follow "created".
      return {
        ...rest,
        carrier: VIETTELPOST,
        account: rest.account ?? this.account,
        waybill,
        ...(keepEvent ? {} : { carrierStatus: 'CREATED' }),
      };
    });
  }

  /**
   * Folds a carrier update into the record of `reference` (found by waybill when the event has no
   * reference). Creates the record when the event names a reference we have not stored yet — that is
   * how a pending create learns its waybill in another process. Returns the stored record, or
   * undefined when the event belongs to no known reference.
   */
  apply(reference: string | undefined, update: CarrierUpdate): Promise<CarrierShipmentRecord | undefined> {
    return this.foldEvent(reference, update, (current, next) => {
      if (!current || supersedes(current, update)) {
        next.carrierStatus = update.status;
        next.rawStatus = String(update.rawStatus);
        next.lastEventAt = update.at;
        if (SPENDING_STATUSES.has(update.status)) next.spent = true;
      }
      return next;
    });
  }

  applyEvent(event: ShipmentEvent): Promise<CarrierShipmentRecord | undefined> {
    return this.apply(event.reference, {
      status: event.status,
      rawStatus: Number(event.rawStatus),
      at: event.occurredAt,
      waybill: event.trackingNumber,
    });
  }
}
