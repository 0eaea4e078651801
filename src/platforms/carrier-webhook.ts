import { A_RAW_BODY, checkArgument } from '../core/argument-guards.js';
import { ContractViolationError, ValidationError } from '../core/errors.js';
import { parseJsonBody } from '../core/headers.js';
import type { BilingualText } from '../model/messages.js';
import { isRecord, type WireRecord } from './carrier-wire.js';

/**
 * How far in the future a webhook's date may lie and still be taken as sent (clock skew between the
 * carrier and us). A later date is clamped to receive time + this; the raw value is kept.
 */
export const MAX_WEBHOOK_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * A delivery that is not what the carrier documents: a ContractViolationError naming the carrier, in
 * both languages (a carrier is never called a marketplace, "Sàn").
 */
export function webhookContractError(carrierName: string, platform: string, message: BilingualText) {
  const text = { vi: `Webhook ${carrierName}: ${message.vi}`, en: `${carrierName} webhook: ${message.en}` };
  return new ContractViolationError(text, { platform, operation: 'webhook' });
}

/** What is wrong with one field of a delivery, in both languages: missing, or not what the carrier writes. */
export const deliveryField = {
  missing: (path: string): BilingualText => ({ vi: `thiếu ${path}`, en: `${path} is missing` }),
  unreadable: (path: string, value: unknown, vi: string, en: string): BilingualText => ({
    vi: `${path} ${JSON.stringify(value) ?? 'undefined'} không phải ${vi}`,
    en: `${path} ${JSON.stringify(value) ?? 'undefined'} is not ${en}`,
  }),
};

/** The body is no JSON object (not JSON, oversized, an array …), in both languages. */
export const NOT_A_JSON_OBJECT: BilingualText = {
  vi: 'nội dung không phải một đối tượng JSON',
  en: 'body is not a JSON object',
};

/**
 * A delivery's body as a JSON object. A body that is none (empty, not JSON, oversized, an array …) is
 * the caller's argument gone wrong (a body parser ran first, the wrong variable): a ValidationError
 * naming `rawBody`, in both languages.
 */
export function webhookObject(rawBody: string | Buffer, carrierName: string, platform: string): WireRecord {
  checkArgument(rawBody, 'rawBody', A_RAW_BODY);
  const body = parseJsonBody(rawBody);
  if (isRecord(body)) return body;
  const text = {
    vi: `rawBody: ${NOT_A_JSON_OBJECT.vi} (webhook ${carrierName})`,
    en: `rawBody: ${NOT_A_JSON_OBJECT.en} (${carrierName} webhook)`,
  };
  throw new ValidationError(
    text,
    [{ path: 'rawBody', code: 'webhook.not_json_object', messageVi: text.vi, messageEn: text.en, platform }],
    { platform, operation: 'webhook' },
  );
}

/** One carrier's delivery reader: its body as a JSON object, and its contract refusal (both named for it). */
export function webhookReader(carrierName: string, platform: string) {
  return {
    object: (rawBody: string | Buffer) => webhookObject(rawBody, carrierName, platform),
    invalid: (message: BilingualText) => webhookContractError(carrierName, platform, message),
  };
}
