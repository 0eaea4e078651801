import type { CallOptions } from '../../core/types.js';
import type { ShipmentEvent } from '../../model/shipment.js';
import type { CarrierShipmentRecord } from '../carrier-state.js';
import type { VnpostContext } from './context.js';
import { VNPOST } from './errors.js';
import type { VnpostOrderLookups } from './order-lookups.js';
import type { VnpostStatusStep } from './response-mapping.js';
import { compareVnpostUpdates } from './shipment-state.js';
import { classifyVnpostStatus } from './status-table.js';

/** Carrier statuses after which nothing is polled any more. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['DELIVERED', 'RETURNED', 'CANCELLED', 'REJECTED']);

/** What one status-polling run did. */
export interface VnpostRefreshResult {
  /** Records read, with their carrier status before and after (equal: nothing new). */
  refreshed: { reference: string; waybill: string; before?: string; after?: string; rawStatus?: string }[];
  /** Parcels whose history holds a code missing from the table: applied up to it, flagged. */
  unknown: { reference: string; waybill: string; rawStatus: string; rawStatusLabel?: string }[];
  failed: { reference: string; waybill: string; error: Error }[];
  /**
   * Every known step read, as an event carrying our reference, per parcel by time then journey stage (the
   * connector's `catchUpWebhooks` applies them to the orders). Steps after an unknown code are left out.
   */
  events: ShipmentEvent[];
}

/** Status polling (GetStatusHistoryOrder), the catch-up for webhooks MyVNPost cannot resend. */
export function createStatusPolling(ctx: VnpostContext, lookups: Pick<VnpostOrderLookups, 'statusHistory'>) {
  const { options, state } = ctx;

  /** The store's VNPost records to poll: with a waybill, and not final (or only `references`). */
  async function recordsToPoll(references: readonly string[] | undefined): Promise<CarrierShipmentRecord[]> {
    const wanted = references ? new Set(references) : undefined;
    return (await state.store.listShipments()).filter(
      (r) =>
        r.carrier === VNPOST &&
        // Another VNPost account's parcels are that account's adapter's to poll.
        (r.account === undefined || r.account === options.account) &&
        r.waybill !== undefined &&
        // A final status from a future-dated (clamped) webhook is a claim VNPost's history must confirm.
        (wanted
          ? wanted.has(r.reference)
          : !FINAL_STATUSES.has(r.carrierStatus ?? '') || r.lastEventClamped === true),
    );
  }

  /** One parcel's history folded into the store, by time then journey stage, up to a code not understood. */
  async function refreshOne(
    record: CarrierShipmentRecord,
    waybill: string,
    steps: readonly VnpostStatusStep[],
    result: VnpostRefreshResult,
  ): Promise<void> {
    const ordered = steps
      .filter((step) => step.occurredAt !== undefined)
      .map((step, index) => ({
        step,
        index,
        update: { status: step.status, rawStatus: step.rawStatus, at: step.occurredAt!, waybill },
      }))
      // By time, then journey stage; a code without a stage keeps VNPost's own order.
      .sort((a, b) =>
        a.step.unknownStatus || b.step.unknownStatus
          ? a.update.at.localeCompare(b.update.at) || a.index - b.index
          : compareVnpostUpdates(a.update, b.update) || a.index - b.index,
      );
    let after: CarrierShipmentRecord | undefined = record;
    for (const { step, update } of ordered) {
      if (step.unknownStatus || update.status === undefined) {
        // Never move past a step not understood: flagged, the rest waits for the table.
        result.unknown.push({
          reference: record.reference,
          waybill,
          rawStatus: step.rawStatus,
          ...(step.rawStatusLabel ? { rawStatusLabel: step.rawStatusLabel } : {}),
        });
        break;
      }
      after = await state.apply(record.reference, { ...update, status: update.status });
      const classified = classifyVnpostStatus(step.rawStatus);
      result.events.push({
        carrier: VNPOST,
        trackingNumber: waybill,
        reference: record.reference,
        status: update.status,
        rawStatus: step.rawStatus,
        ...(step.rawStatusLabel ? { rawStatusLabel: step.rawStatusLabel } : {}),
        occurredAt: update.at,
        terminal: classified.known && classified.terminal,
        // The same key as the webhook of this step: a late delivery of it is a duplicate.
        dedupeKey: `${VNPOST}:${waybill}:${step.rawStatus}:${update.at}`,
      });
    }
    result.refreshed.push({
      reference: record.reference,
      waybill,
      ...(record.carrierStatus ? { before: record.carrierStatus } : {}),
      ...(after?.carrierStatus ? { after: after.carrierStatus } : {}),
      ...(after?.rawStatus ? { rawStatus: after.rawStatus } : {}),
    });
  }

  async function refreshShipments(
    refreshOptions: CallOptions & { references?: readonly string[] } = {},
  ): Promise<VnpostRefreshResult> {
    const { references, ...call } = refreshOptions;
    const result: VnpostRefreshResult = { refreshed: [], unknown: [], failed: [], events: [] };
    for (const record of await recordsToPoll(references)) {
      const waybill = record.waybill!;
      let steps: VnpostStatusStep[];
      try {
        steps = await lookups.statusHistory(waybill, call);
      } catch (error) {
        result.failed.push({ reference: record.reference, waybill, error: error as Error });
        continue;
      }
      await refreshOne(record, waybill, steps, result);
    }
    return result;
  }

  return { refreshShipments };
}
