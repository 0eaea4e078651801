import { A_RAW_BODY, AN_OBJECT, checkArgument, type Expected } from '../core/argument-guards.js';
import { ContractViolationError } from '../core/errors.js';
import { parseJsonBody } from '../core/headers.js';
import { isRecord, type WireRecord } from './carrier-wire.js';

/**
 * How far in the future a webhook's date may lie and still be taken as sent (clock skew between the
 * carrier and us). A later date is clamped to receive time + this; the raw value is kept.
 */
export const MAX_WEBHOOK_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A delivery that is not what the carrier documents: a ContractViolationError naming the carrier. */
export function webhookContractError(carrierName: string, platform: string, message: string) {
  return new ContractViolationError(`${carrierName} webhook: ${message}`, { platform, operation: 'webhook' });
}

/** A delivery's body as a JSON object; `invalid` tells why not (not JSON, oversized, not an object). */
export function webhookObject(rawBody: string | Buffer, invalid: (message: string) => Error): WireRecord {
  checkArgument(rawBody, 'rawBody', A_WEBHOOK_BODY);
  const body = parseJsonBody(rawBody);
  if (!isRecord(body)) throw invalid('body is not a JSON object');
  return body;
}

/** The raw request body, as connector.handleWebhook asks for it — with the Express hint. */
const A_WEBHOOK_BODY: Expected = {
  ...A_RAW_BODY,
  vi: `${A_RAW_BODY.vi}; với Express hãy dùng express.raw()`,
  en: `${A_RAW_BODY.en}; in Express use express.raw()`,
};

/**
 * A delivery's arguments, checked before anything reads them: a bilingual ValidationError naming
 * `rawBody` (a string or Buffer — `req.body` is undefined when express.raw is left out) or `headers`.
 */
export function checkWebhookInput(rawBody: unknown, headers: unknown): void {
  checkArgument(rawBody, 'rawBody', A_WEBHOOK_BODY);
  checkArgument(headers, 'headers', AN_OBJECT);
}
