import { ConfigurationError } from '../core/errors.js';
import type { CallOptions } from '../core/types.js';
import type { CarrierAdapter, MarketplaceAdapter } from '../platforms/types.js';
import type { OrderStateKey } from '../store/state-store.js';
import { catchUpPendingCreates } from '../sync/fulfil/catch-up-pending.js';
import { type ApplyCarrierEventOptions, applyCarrierEvent } from '../sync/orders/journey.js';
import { listOrderStates } from '../sync/orders/order-state.js';
import type { WebhookContext } from '../sync/webhooks/handle-webhook.js';
import type { CatchUpResult } from './types.js';

/**
 * `Connector.catchUpWebhooks`: what webhooks would have said, asked for again — creates whose answer
 * never came (looked up at the carrier), then every open journey, resent by the carrier (ViettelPost)
 * or polled here (VNPost) and applied to its order.
 */
export async function catchUpWebhooks(
  context: WebhookContext & { completeWaybill: (order: OrderStateKey) => Promise<void> },
  restock: { restockReturns?: boolean },
  marketplaceFor: (order: OrderStateKey) => MarketplaceAdapter,
  call: CallOptions,
): Promise<CatchUpResult> {
  const s = context.store;
  const { carriers } = context;
  const result: CatchUpResult = { requested: [], polled: [], applied: [], pending: [], failed: [] };
  // 1. Creates whose answer never came (a crash mid-create, no webhook since): ask the carrier;
  // a parcel that appeared for an order cancelled meanwhile is cancelled there.
  result.pending = await catchUpPendingCreates({ store: s, carriers, marketplaceFor, call });
  for (const p of result.pending) {
    if (p.outcome === 'found' && p.completed === false && p.error)
      result.failed.push({ trackingNumber: p.trackingNumber!, error: p.error });
  }
  // 2. Open journeys: resent by the carrier (ViettelPost) or polled here (VNPost).
  const openJourneys = (await listOrderStates(s)).filter(
    (state) =>
      state.shipment?.waybill !== undefined &&
      !['DELIVERED', 'RETURNED', 'CANCELLED', 'REJECTED'].includes(state.shipment.status),
  );
  for (const carrier of carriers) {
    const mine = openJourneys.filter((state) => state.shipment!.carrier === carrier.carrier);
    if (mine.length === 0) continue;
    if (carrier.resendEvents) {
      for (const state of mine) {
        const waybill = state.shipment!.waybill!;
        try {
          await carrier.resendEvents(waybill, call);
          result.requested.push(waybill);
        } catch (error) {
          result.failed.push({ trackingNumber: waybill, error: error as Error });
        }
      }
      continue;
    }
    if (!carrier.refreshShipments) continue;
    const references = mine.map((state) => state.shipment!.reference);
    let polled: Awaited<ReturnType<NonNullable<CarrierAdapter['refreshShipments']>>>;
    try {
      polled = await carrier.refreshShipments({ ...call, references });
    } catch (error) {
      for (const state of mine)
        result.failed.push({ trackingNumber: state.shipment!.waybill!, error: error as Error });
      continue;
    }
    const failedRefs = new Set(polled.failed.map((f) => f.reference));
    for (const f of polled.failed) result.failed.push({ trackingNumber: f.waybill, error: f.error });
    // Polling reads the adapter's own records: one it has none of was not polled at all.
    const seen = new Set(polled.refreshed.map((r) => r.reference));
    for (const state of mine) {
      const { reference, waybill } = state.shipment!;
      if (failedRefs.has(reference)) continue;
      if (!seen.has(reference)) {
        result.failed.push({
          trackingNumber: waybill!,
          error: new ConfigurationError(
            {
              vi: `${carrier.carrier} không có bản ghi của vận đơn ${reference}`,
              en: `${carrier.carrier} has no record of shipment ${reference}`,
            },
            [
              `${carrier.carrier}: give the adapter the connector's store (store option) so it can poll ${waybill} / hãy truyền store của connector cho adapter ${carrier.carrier} để tra cứu ${waybill}`,
            ],
          ),
        });
        continue;
      }
      result.polled.push(waybill!);
    }
    const eventOptions: ApplyCarrierEventOptions = {
      ...restock,
      ...(carrier.journeyStage ? { journeyStage: (raw) => carrier.journeyStage?.(raw) } : {}),
    };
    const followUps: Promise<void>[] = [];
    for (const event of polled.events) {
      const applied = await applyCarrierEvent(s, event, eventOptions);
      result.applied.push(applied);
      if (applied.order && applied.waybillLearnt) followUps.push(context.completeWaybill(applied.order));
      if (applied.order && applied.orderPath && context.onOrderPath)
        followUps.push(Promise.resolve(context.onOrderPath(applied.order, applied.orderPath)));
    }
    for (const outcome of await Promise.allSettled(followUps)) {
      if (outcome.status === 'rejected')
        context.logger?.warn({ error: String(outcome.reason) }, 'catch-up follow-up failed');
    }
  }
  return result;
}
