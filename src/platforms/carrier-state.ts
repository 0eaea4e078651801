/**
 * What a carrier adapter keeps about its shipments between runs, and the slice of the project's
 * StateStore it needs to keep it (`shipments` records). Declared here, below the store layer, so
 * adapters depend on this interface only; a StateStore (createMemoryStore / createFileStore) is one.
 */

/** One shipment, keyed by our reference. Timestamps are ISO-8601 UTC. */
export interface CarrierShipmentRecord {
  /** Our deterministic reference (usually the order id) sent to the carrier as ORDER_NUMBER. */
  reference: string;
  carrier?: string;
  /** Carrier account the shipment was created with (the adapter's `account`). */
  account?: string;
  /** The carrier's tracking number, once known. */
  waybill?: string;
  /**
   * The sync engine's step for this shipment (e.g. 'creating', 'marked_shipped'). A carrier adapter sets
   * it (to its carrier status) when it creates the record and never changes a sync step; the VNPost
   * adapter keeps a status-valued one (WAYBILL_PENDING, CREATED …) equal to `carrierStatus`.
   */
  status: string;
  /**
   * Written by the carrier adapter: the canonical ShipmentStatus the carrier last reported
   * (WAYBILL_PENDING, CREATED, PENDING_PICKUP … DELIVERED, RETURNED, CANCELLED).
   */
  carrierStatus?: string;
  /** The carrier's own code behind `carrierStatus` (ViettelPost ORDER_STATUS, e.g. "-108"). */
  rawStatus?: string;
  /** ISO-8601 UTC time of the carrier event behind `carrierStatus`; an older event never overrides it. */
  lastEventAt?: string;
  /**
   * The event behind `carrierStatus` carried a date in the future beyond clock skew (clamped): its
   * `lastEventAt` is a stand-in that orders nothing — any genuine event, and a status lookup, replaces it.
   */
  lastEventClamped?: boolean;
  /**
   * ISO-8601 UTC: since when the carrier holds an order under this reference whose waybill we do not
   * know (the create's answer was lost and the retry was refused as a duplicate). Cleared once known.
   */
  pendingSince?: string;
  /**
   * ISO-8601 UTC: since when our cancel of this parcel waits for the carrier's approval (VNPost answered
   * Type "02"). No second cancel is sent while it is set; cleared when the parcel is cancelled (approved)
   * or moves past pickup (refused).
   */
  cancelPendingSince?: string;
  /** The carrier's case id of the cancel waiting for approval. */
  cancelCaseId?: string;
  /**
   * The carrier will never accept this reference again (its order was cancelled or rejected): a new
   * shipment needs a new reference.
   */
  spent?: boolean;
  /**
   * Why this carrier ships the order, written by the carrier choice before the create (e.g.
   * "marketplace: postmart orders ship with vnpost: vnpost CTN007 23.760 ₫").
   */
  carrierChoice?: string;
  /**
   * The service the carrier choice picked (e.g. "VHT" when `'fastest'` compared stated delivery times):
   * the create uses this one, on this run and on every rerun, so the service shipped is the one the
   * recorded reason names.
   */
  carrierService?: string;
  /**
   * The fingerprint of the create's content (per-field sha256 of the checked request), written with the
   * create intent: a later create under this reference with other content is refused
   * (ReferenceReusedError) rather than answered with this parcel.
   */
  requestFingerprint?: string;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

export type CarrierShipmentRecordInput = Omit<CarrierShipmentRecord, 'updatedAt'>;

/** Receives the current record (undefined if none) and returns the next one (undefined deletes). */
export type CarrierShipmentUpdater = (
  current: CarrierShipmentRecord | undefined,
) => CarrierShipmentRecordInput | undefined;

/** The store operations a carrier adapter uses. Writes are durable before they resolve. */
export interface CarrierShipmentStore {
  getShipment(reference: string): Promise<CarrierShipmentRecord | undefined>;
  listShipments(): Promise<CarrierShipmentRecord[]>;
  /** Atomic read-modify-write of one record; returns the stored record (undefined if deleted). */
  updateShipment(
    reference: string,
    update: CarrierShipmentUpdater,
  ): Promise<CarrierShipmentRecord | undefined>;
}

/**
 * The default when an adapter is given no store: records in this process only (lost on exit). Pass
 * the connector's StateStore to share them between processes.
 */
export function createMemoryShipmentStore(nowMs: () => number = Date.now): CarrierShipmentStore {
  const records = new Map<string, CarrierShipmentRecord>();
  const copy = (record: CarrierShipmentRecord | undefined) => (record ? { ...record } : undefined);
  return {
    async getShipment(reference) {
      return copy(records.get(reference));
    },
    async listShipments() {
      return [...records.values()].map((record) => ({ ...record }));
    },
    async updateShipment(reference, update) {
      const next = update(copy(records.get(reference)));
      if (next === undefined) {
        records.delete(reference);
        return undefined;
      }
      if (next.reference !== reference) {
        throw new Error(
          `updateShipment(${reference}) returned a record for another reference (${next.reference})`,
        );
      }
      const record = Object.fromEntries(
        Object.entries({ ...next, updatedAt: new Date(nowMs()).toISOString() }).filter(
          ([, v]) => v !== undefined,
        ),
      ) as unknown as CarrierShipmentRecord;
      records.set(reference, record);
      return { ...record };
    },
  };
}
