import {
  canTransitionShipment,
  clampedShipmentEventEffect,
  type ShipmentStatus,
  ShipmentStatusSchema,
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
import { VNPOST } from './errors.js';
import { vnpostStage } from './status-table.js';

/**
 * `status` is the sync engine's step ('creating', 'marked_shipped' …) when the connector wrote one; an
 * adapter never touches those. When it holds a shipment status (the adapter's own record, or the
 * connector's copy of the create's status) it follows `carrierStatus`, so a record read through
 * `shipmentRecord()` never says WAYBILL_PENDING next to a known waybill.
 */
export function following<T extends CarrierShipmentRecordInput>(next: T): T {
  const step = ShipmentStatusSchema.safeParse(next.status);
  const carrier = ShipmentStatusSchema.safeParse(next.carrierStatus);
  if (!step.success || !carrier.success) return next;
  if (carrier.data === 'WAYBILL_PENDING' && next.waybill) return next;
  return { ...next, status: carrier.data };
}

export interface VnpostCarrierUpdate {
  status: ShipmentStatus;
  rawStatus: string;
  /** ISO instant of the carrier event. */
  at: string;
  waybill?: string;
  /** The carrier's date lay in the future and `at` is a stand-in: ordered by journey stage, not time. */
  clamped?: boolean;
}

/**
 * Events are ordered by time, and events of the same instant by VNPost's journey stage (6 "picked up"
 * then 7 "accepted at the post office": 7 wins, whichever arrives first). A final status is never left
 * except for a later stage of the same status (14 delivered → 21 COD paid); nothing moves backwards.
 *
 * An event whose date lay in the future (clamped, #16) has no usable time: the one rule shared with the
 * connector's order record (`clampedShipmentEventEffect`) decides — it moves at most one journey stage
 * forward (never onto a final status; a redelivery moves nothing), and a record holding such an event is
 * replaced by any genuine event, a status lookup's included.
 */
function supersedes(record: CarrierShipmentRecord, update: VnpostCarrierUpdate): boolean {
  const current = carrierStatusOf(record);
  if (current === undefined) return true;
  const untimed = clampedShipmentEventEffect(
    { status: current, clamped: record.lastEventClamped === true, stage: vnpostStage(record.rawStatus) },
    { status: update.status, clamped: update.clamped === true, stage: vnpostStage(update.rawStatus) },
  );
  if (untimed !== undefined) return untimed !== 'stale';
  if (current === 'WAYBILL_PENDING') return true;
  const currentStage = vnpostStage(record.rawStatus);
  const updateStage = vnpostStage(update.rawStatus);
  const laterStage =
    currentStage !== undefined && updateStage !== undefined ? updateStage > currentStage : undefined;
  if (TERMINAL_SHIPMENT_STATUSES.has(current)) return current === update.status && laterStage === true;
  const last = record.lastEventAt;
  if (last === undefined || update.at > last) return true;
  if (update.at < last) return false;
  if (laterStage !== undefined) return laterStage;
  return current !== update.status && canTransitionShipment(current, update.status);
}

/** Sort key for applying several events: by time, then by journey stage. */
type Ordered = Pick<VnpostCarrierUpdate, 'at' | 'rawStatus'>;
export function compareVnpostUpdates(a: Ordered, b: Ordered): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return (vnpostStage(a.rawStatus) ?? 0) - (vnpostStage(b.rawStatus) ?? 0);
}

/**
 * A create claim holds while the record still has the `pendingSince` and waybill read. `pendingSince`
 * is the time of this (the latest) send: the settle horizon of a lost answer counts from it.
 */
const VNPOST_CLAIM: ClaimRule = {
  unchanged: (current, seen) =>
    current.pendingSince === seen?.pendingSince && current.waybill === seen?.waybill,
  pendingSince: (_base, at) => at,
};

/**
 * VNPost's shipment state in the project's StateStore (`shipments`, keyed by our reference): reference
 * ↔ waybill, the carrier status and when it was reported, whether a create may have been sent without
 * an answer (`pendingSince`), whether the reference is spent. Nothing lives in adapter memory, so a
 * webhook receiver and the next cron run see and complete the same records.
 */
export class VnpostShipmentState extends CarrierShipmentState {
  constructor(store: CarrierShipmentStore, account: string) {
    super(store, account, VNPOST, VNPOST_CLAIM);
  }

  /** The order exists at VNPost with this waybill (created, or found by reference). */
  recordCreated(
    reference: string,
    update: Omit<VnpostCarrierUpdate, 'at'> & { waybill: string; at?: string },
  ) {
    return this.store.updateShipment(reference, (current) => {
      const base = current ? withoutTimestamp(current) : { reference, status: update.status };
      const { pendingSince: _pending, spent: _spent, ...rest } = base;
      const sameParcel = current?.waybill === update.waybill;
      const keep = sameParcel && current?.lastEventAt !== undefined;
      const next = following({
        ...rest,
        carrier: VNPOST,
        account: rest.account ?? this.account,
        waybill: update.waybill,
        ...(keep
          ? {}
          : { carrierStatus: update.status, rawStatus: update.rawStatus, lastEventAt: update.at }),
      });
      if (!keep) delete (next as CarrierShipmentRecordInput).lastEventClamped;
      return next;
    });
  }

  /** Our own cancel succeeded: the parcel will not travel, the reference needs a successor. */
  recordCancelled(reference: string, at: string) {
    return this.store.updateShipment(reference, (current) => {
      if (!current) return undefined;
      const {
        lastEventClamped: _clamped,
        cancelPendingSince: _pending,
        cancelCaseId: _case,
        ...rest
      } = withoutTimestamp(current);
      return following({ ...rest, carrierStatus: 'CANCELLED', rawStatus: '9', lastEventAt: at, spent: true });
    });
  }

  /** Our cancel waits for VNPost's approval (Type "02"): no second case is opened meanwhile. */
  recordCancelPending(reference: string, at: string, caseId: string | undefined) {
    return this.store.updateShipment(reference, (current) =>
      current
        ? {
            ...withoutTimestamp(current),
            cancelPendingSince: current.cancelPendingSince ?? at,
            ...(caseId ? { cancelCaseId: caseId } : {}),
          }
        : undefined,
    );
  }

  /** VNPost decided the pending cancel (refused: the parcel travels on). */
  clearCancelPending(reference: string) {
    return this.store.updateShipment(reference, (current) => {
      if (!current) return undefined;
      const { cancelPendingSince: _p, cancelCaseId: _c, ...rest } = withoutTimestamp(current);
      return rest;
    });
  }

  /**
   * Folds a journey event into the record of its reference (found by waybill when the event has none).
   * A record is created when the event names a reference not stored yet (a pending create completed by
   * another process). Undefined when the event belongs to no known reference.
   */
  apply(reference: string | undefined, update: VnpostCarrierUpdate) {
    return this.foldEvent(reference, update, (current, next) => {
      // A webhook about another parcel under the same reference (e.g. a cancelled predecessor) is not ours.
      if (current?.waybill && update.waybill && current.waybill !== update.waybill)
        return withoutTimestamp(current);
      if (!current || supersedes(current, update)) {
        next.carrierStatus = update.status;
        next.rawStatus = update.rawStatus;
        next.lastEventAt = update.at;
        if (update.clamped) next.lastEventClamped = true;
        else delete next.lastEventClamped;
        if (SPENDING_STATUSES.has(update.status)) {
          next.spent = true;
          delete next.cancelPendingSince;
          delete next.cancelCaseId;
        }
      }
      return following(next);
    });
  }
}
