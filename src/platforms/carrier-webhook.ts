import { A_RAW_BODY, checkArgument } from '../core/argument-guards.js';
import { ContractViolationError } from '../core/errors.js';
import { parseJsonBody } from '../core/headers.js';
import type { BilingualText } from '../model/messages.js';
import { isRecord, type WireRecord } from './carrier-wire.js';

/**
 * How far in the future a webhook's date may lie and still be taken as sent (clock skew between the
 * carrier and us). A later date is clamped to receive time + this; the raw value is kept.
 */
export const MAX_WEBHOOK_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A delivery that is not what the carrier documents: a ContractViolationError naming the carrier. */
export function webhookContractError(carrierName: string, platform: string, message: string | BilingualText) {
  const text =
    typeof message === 'string'
      ? `${carrierName} webhook: ${message}`
      : { vi: `Webhook ${carrierName}: ${message.vi}`, en: `${carrierName} webhook: ${message.en}` };
  return new ContractViolationError(text, { platform, operation: 'webhook' });
}

/** The body is no JSON object (not JSON, oversized, an array …), in both languages. */
export const NOT_A_JSON_OBJECT: BilingualText = {
  vi: 'nội dung không phải một đối tượng JSON',
  en: 'body is not a JSON object',
};

/** A delivery's body as a JSON object; `invalid` tells why not (not JSON, oversized, not an object). */
export function webhookObject(
  rawBody: string | Buffer,
  invalid: (message: string | BilingualText) => Error,
): WireRecord {
  checkArgument(rawBody, 'rawBody', A_RAW_BODY);
  const body = parseJsonBody(rawBody);
  if (!isRecord(body)) throw invalid(NOT_A_JSON_OBJECT);
  return body;
}
