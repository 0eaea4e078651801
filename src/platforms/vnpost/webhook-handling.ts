import type { KeyObject } from 'node:crypto';
import { checkWebhookInput } from '../../core/argument-guards.js';
import { ContractViolationError, InvalidRequestError } from '../../core/errors.js';
import type { CarrierShipmentRecord } from '../carrier-state.js';
import type { CarrierWebhookReceipt, HeaderBag } from '../types.js';
import type { VnpostContext } from './context.js';
import { UnknownVnpostStatusError, VNPOST } from './errors.js';
import type { ResolvedVnpostOptions } from './options.js';
import type { VnpostOrderLookups } from './order-lookups.js';
import type { VnpostStatusStep } from './response-mapping.js';
import { compareVnpostUpdates, type VnpostCarrierUpdate } from './shipment-state.js';
import {
  parseVnpostWebhook,
  readPublicKey,
  type UnknownVnpostStatus,
  type VnpostShipmentEvent,
  type VnpostWebhookBatch,
  verifyVnpostWebhook,
} from './webhook.js';

/** An item of a verified delivery that was not applied, and why. */
export interface RefusedVnpostItem {
  itemCode: string;
  rawStatus: string;
  /**
   * - `unconfirmed`: not covered by the signature, and VNPost's status history of that tracking number
   *   (or VNPost's order record) does not confirm it — possibly appended by someone else;
   * - `lookup_failed`: it needed VNPost's confirmation and the lookup failed (answer non-2xx, VNPost
   *   redelivers).
   */
  reason: 'unconfirmed' | 'lookup_failed';
  message: string;
}

export type VnpostWebhookOutcome =
  | {
      verified: false;
      /** Answer VNPost with this: the signature does not verify. */
      httpStatus: 401;
    }
  | {
      verified: true;
      /**
       * Answer VNPost with this. 200: every item was applied (or is about no parcel of ours). 422:
       * an item carries a status code missing from the table, or an unsigned item was not confirmed —
       * nothing of it was applied; VNPost redelivers and the operator sees it. 503: a confirmation
       * lookup failed; try again.
       */
      httpStatus: 200 | 422 | 503;
      /** Applied events (signed, or confirmed by VNPost's history), by time then journey stage. */
      events: VnpostShipmentEvent[];
      /** Status codes missing from the table: flagged with their raw code, never mapped, not applied. */
      unknown: UnknownVnpostStatus[];
      /** Items not applied (unsigned and unconfirmed, or their confirmation failed). */
      refused: RefusedVnpostItem[];
      /** The stored record after each event of `events` (undefined: no parcel of ours). */
      shipments: (CarrierShipmentRecord | undefined)[];
    };

/**
 * The configured webhook key, read once at construction: a bilingual ConfigurationError naming
 * `webhookPublicKey` when it is no RSA public key (a private key included).
 */
export function webhookPublicKeyOf(options: ResolvedVnpostOptions): KeyObject | undefined {
  if (!options.webhookPublicKey) return undefined;
  return readPublicKey(options.webhookPublicKey, 'webhookPublicKey');
}

/** A webhook event as an update of the shipment state. */
export function updateOf(event: VnpostShipmentEvent): VnpostCarrierUpdate {
  return {
    status: event.status,
    rawStatus: String(event.rawStatus),
    at: event.occurredAt,
    waybill: event.trackingNumber,
    ...(event.futureDateClamped ? { clamped: true } : {}),
  };
}

/** Webhooks: verify the RSA signature, parse, confirm what the signature does not cover, apply. */
export function createWebhookHandling(
  ctx: VnpostContext,
  publicKey: KeyObject | undefined,
  lookups: Pick<VnpostOrderLookups, 'getShipment' | 'statusHistory'>,
) {
  const { logger, options, state } = ctx;

  function verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean {
    checkWebhookInput(rawBody, headers);
    const ok = publicKey !== undefined && verifyVnpostWebhook(rawBody, publicKey);
    if (!ok) {
      logger.warn(
        { event: 'webhook.unverified', publicKey: publicKey ? 'configured' : 'missing' },
        'VNPost webhook refused: the RSA-SHA256 signature does not verify with the configured public key',
      );
    }
    return ok;
  }

  function parseWebhookBatch(rawBody: string | Buffer): VnpostWebhookBatch {
    return parseVnpostWebhook(rawBody, options.now());
  }

  function parseWebhookEvents(rawBody: string | Buffer): VnpostShipmentEvent[] {
    const batch = parseVnpostWebhook(rawBody, options.now());
    if (batch.unknown.length > 0) {
      throw new UnknownVnpostStatusError(
        batch.unknown.map((u) => ({
          itemCode: u.itemCode,
          rawStatus: u.rawStatus,
          ...(u.rawStatusLabel ? { rawStatusLabel: u.rawStatusLabel } : {}),
        })),
      );
    }
    return batch.events;
  }

  function parseWebhook(rawBody: string | Buffer): VnpostShipmentEvent {
    const events = parseWebhookEvents(rawBody);
    if (events.length !== 1) {
      throw new ContractViolationError(
        {
          vi: `Webhook MyVNPost chứa ${events.length} mục; hãy đọc bằng parseWebhookEvents`,
          en: `MyVNPost webhook carries ${events.length} items; read them with parseWebhookEvents`,
        },
        { platform: VNPOST, operation: 'webhook' },
      );
    }
    return events[0]!;
  }

  /** Signed items as they are; every other item only as VNPost's status history confirms it. */
  async function confirmedEvents(batch: VnpostWebhookBatch, refused: RefusedVnpostItem[]) {
    const confirmed: VnpostShipmentEvent[] = [];
    const histories = new Map<string, Promise<VnpostStatusStep[]>>();
    for (const event of batch.events) {
      if (event.signed) {
        confirmed.push(event);
        continue;
      }
      // Not covered by the signature: applied only as VNPost's own history reports it.
      const code = String(event.rawStatus);
      try {
        let history = histories.get(event.trackingNumber);
        if (!history) {
          history = lookups.statusHistory(event.trackingNumber);
          histories.set(event.trackingNumber, history);
        }
        const step = (await history).filter((s) => s.rawStatus === code && s.occurredAt !== undefined).at(-1);
        if (!step) {
          refused.push({
            itemCode: event.trackingNumber,
            rawStatus: code,
            reason: 'unconfirmed',
            message: `unsigned item ${event.trackingNumber}=${code} is not in VNPost's status history; not applied`,
          });
          continue;
        }
        const occurredAt = step.occurredAt!;
        confirmed.push({
          ...event,
          occurredAt,
          dedupeKey: `${VNPOST}:${event.trackingNumber}:${code}:${occurredAt}`,
        });
      } catch (error) {
        refused.push({
          itemCode: event.trackingNumber,
          rawStatus: code,
          // VNPost answering "no such order" (4xx) is a refusal; anything else may pass: retry.
          reason: error instanceof InvalidRequestError ? 'unconfirmed' : 'lookup_failed',
          message: `unsigned item ${event.trackingNumber}=${code}: VNPost's status history could not be read (${(error as Error).message})`,
        });
      }
    }
    return confirmed.sort((a, b) => compareVnpostUpdates(updateOf(a), updateOf(b)));
  }

  function logProblems(batch: VnpostWebhookBatch, refused: readonly RefusedVnpostItem[]): void {
    const clamped = batch.events.filter((e) => e.futureDateClamped);
    if (clamped.length > 0) {
      logger.warn(
        {
          event: 'webhook.futureDate',
          items: clamped.map((e) => `${e.trackingNumber}=${e.rawStatus} @ ${e.rawOccurredAt}`),
        },
        'VNPost webhook dated in the future beyond the allowed clock skew: its time was clamped to receive time + skew',
      );
    }
    if (batch.unknown.length > 0) {
      logger.warn(
        { event: 'webhook.unknownStatus', codes: batch.unknown.map((u) => u.rawStatus) },
        'VNPost webhook carries status codes missing from the status table; they were not applied',
      );
    }
    if (refused.length > 0) {
      logger.warn(
        {
          event: 'webhook.refusedItems',
          items: refused.map((r) => `${r.itemCode}=${r.rawStatus} ${r.reason}`),
        },
        'VNPost webhook items not covered by the signature and not confirmed by VNPost were not applied',
      );
    }
  }

  async function receiveWebhook(rawBody: string | Buffer, headers: HeaderBag): Promise<VnpostWebhookOutcome> {
    if (!verifyWebhook(rawBody, headers)) return { verified: false, httpStatus: 401 };
    const batch = parseVnpostWebhook(rawBody, options.now());
    const refused: RefusedVnpostItem[] = [];
    const confirmed = await confirmedEvents(batch, refused);
    const events: VnpostShipmentEvent[] = [];
    const shipments: (CarrierShipmentRecord | undefined)[] = [];
    for (const event of confirmed) {
      // The reference is never taken from the delivery (not signed): the store knows the waybill, or
      // VNPost's own order record names it.
      let reference = (await state.byWaybill(event.trackingNumber))?.reference;
      if (reference === undefined) {
        try {
          reference = (await lookups.getShipment(event.trackingNumber))?.reference;
        } catch (error) {
          refused.push({
            itemCode: event.trackingNumber,
            rawStatus: String(event.rawStatus),
            reason: 'lookup_failed',
            message: `${event.trackingNumber}: VNPost's order record could not be read to find its reference (${(error as Error).message})`,
          });
          continue;
        }
      }
      const applied: VnpostShipmentEvent = { ...event, ...(reference ? { reference } : {}) };
      events.push(applied);
      shipments.push(reference ? await state.apply(reference, updateOf(applied)) : undefined);
    }
    logProblems(batch, refused);
    const httpStatus = refused.some((r) => r.reason === 'lookup_failed')
      ? 503
      : refused.length > 0 || batch.unknown.length > 0
        ? 422
        : 200;
    return { verified: true, httpStatus, events, unknown: batch.unknown, refused, shipments };
  }

  async function receiveWebhookEvents(
    rawBody: string | Buffer,
    headers: HeaderBag,
  ): Promise<CarrierWebhookReceipt> {
    const outcome = await receiveWebhook(rawBody, headers);
    if (!outcome.verified) return outcome;
    return {
      verified: true,
      httpStatus: outcome.httpStatus,
      events: outcome.events,
      notApplied: [
        ...outcome.refused.map((r) => `${r.itemCode}=${r.rawStatus}: ${r.reason}: ${r.message}`),
        ...outcome.unknown.map(
          (u) =>
            `${u.itemCode}=${u.rawStatus}: mã trạng thái không có trong bảng của VNPost / ${u.itemCode}=${u.rawStatus}: status code not in the VNPost table`,
        ),
      ],
    };
  }

  return {
    verifyWebhook,
    parseWebhookBatch,
    parseWebhookEvents,
    parseWebhook,
    receiveWebhook,
    receiveWebhookEvents,
  };
}
