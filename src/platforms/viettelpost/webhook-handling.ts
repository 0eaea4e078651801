import type { ShipmentEvent } from '../../model/shipment.js';
import type { CarrierShipmentRecord } from '../carrier-state.js';
import type { HeaderBag } from '../types.js';
import type { ViettelPostContext } from './context.js';
import {
  checkViettelPostWebhook,
  parseViettelPostWebhook,
  type ViettelPostShipmentEvent,
  type WebhookVerification,
} from './webhook.js';

/** What `receiveWebhook` did with one delivery. */
export type ViettelPostWebhookOutcome =
  | { verified: false; verification: WebhookVerification }
  | {
      verified: true;
      event: ViettelPostShipmentEvent;
      /** The stored record after the event (undefined: the event names no reference we know). */
      shipment: CarrierShipmentRecord | undefined;
    };

/** Webhook verification (with its rule and a log line on failure) and the verified path into the store. */
export function createWebhookHandling(ctx: ViettelPostContext) {
  const { options, logger, state } = ctx;

  /**
   * Checks the delivery against `webhookVerify`. A failure is logged (warn) with which credential was
   * missing or wrong — never the values — so a genuine delivery is never rejected silently; a passing
   * delivery whose other credential differs is logged too (VTP may fill it with something else).
   */
  function inspect(rawBody: string | Buffer, headers: HeaderBag): WebhookVerification {
    const verification = checkViettelPostWebhook(
      rawBody,
      headers,
      options.webhookSecret,
      options.webhookVerify,
    );
    const { ok, rule, header, body, reason } = verification;
    if (!ok) {
      logger.warn(
        { event: 'webhook.unverified', rule, header, body, reason },
        `ViettelPost webhook rejected: ${reason}`,
      );
    } else if (header === 'mismatch' || body === 'mismatch') {
      logger.info(
        { event: 'webhook.credentialMismatch', rule, header, body },
        'ViettelPost webhook accepted by one credential; the other did not equal the secret',
      );
    }
    return verification;
  }

  function verifyWebhook(rawBody: string | Buffer, headers: HeaderBag): boolean {
    return inspect(rawBody, headers).ok;
  }

  /** Folds a (verified) journey event into the store; idempotent — a redelivery changes nothing. */
  function applyEvent(event: ShipmentEvent): Promise<CarrierShipmentRecord | undefined> {
    return state.applyEvent(event);
  }

  /**
   * The verified path: verify, parse, apply to the store. An unverified delivery changes nothing (and
   * is logged); a verified one with a malformed body throws ContractViolationError. Durable
   * deduplication of deliveries is the caller's (the connector's), applying twice is harmless here.
   */
  async function receiveWebhook(
    rawBody: string | Buffer,
    headers: HeaderBag,
  ): Promise<ViettelPostWebhookOutcome> {
    const verification = inspect(rawBody, headers);
    if (!verification.ok) return { verified: false, verification };
    const event = parseViettelPostWebhook(rawBody, ctx.now().getTime());
    const shipment = await applyEvent(event);
    return { verified: true, event, shipment };
  }

  return { verifyWebhook, applyEvent, receiveWebhook };
}
