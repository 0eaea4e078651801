import { createHash, timingSafeEqual } from 'node:crypto';
import { checkWebhookInput } from '../../core/argument-guards.js';
import { headerValue, isOversizedBody, MAX_WEBHOOK_BODY_BYTES, parseJsonBody } from '../../core/headers.js';
import type { ShipmentEvent } from '../../model/shipment.js';
import { deliveryField, MAX_WEBHOOK_CLOCK_SKEW_MS, webhookReader } from '../carrier-webhook.js';
import type { HeaderBag } from '../types.js';
import { VIETTELPOST } from './errors.js';
import { DEFAULT_WEBHOOK_VERIFY, type WebhookVerifyRule } from './options.js';
import { classifyViettelPostStatus } from './status-table.js';
import { parseVietnamDateTime } from './vietnam-time.js';
import { isRecord, readInt, readString, readWholeInt, type WireRecord } from './wire.js';

/** A ViettelPost journey event: the canonical event plus what only VTP reports. */
export interface ViettelPostShipmentEvent extends ShipmentEvent {
  /** ORDER_STATUS is not in the contract's table; `status` is a conservative guess. */
  unknownStatus: boolean;
  /** IS_RETURNING: the parcel is in the return flow. */
  returning?: boolean;
  /**
   * MONEY_COLLECTION: everything the postman collects from the receiver — goods money plus the freight
   * when the receiver pays it (ORDER_PAYMENT 2 or 4). `codAmountVnd` is the goods part only.
   */
  collectFromReceiverVnd?: number;
  /** MONEY_TOTAL: total freight incl. VAT and surcharges. */
  totalFeeVnd?: number;
  weightGrams?: number;
  serviceCode?: string;
  /** Proof-of-delivery photo URLs (POD.IMAGES). */
  podImageUrls?: string[];
  employeeName?: string;
  employeePhone?: string;
  /** ORDER_STATUSDATE as ViettelPost sent it, never altered. */
  rawOccurredAt?: string;
  /**
   * True when ORDER_STATUSDATE lies more than MAX_WEBHOOK_CLOCK_SKEW_MS after the delivery was received:
   * `occurredAt` is then receive time + that skew (a far-future date would make later events "older").
   */
  futureDateClamped?: boolean;
}

/**
 * Constant-time comparison that does not leak the secret's length: both sides are hashed to 32 bytes
 * first, so timingSafeEqual always compares equal-length buffers.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** What one credential of a delivery showed. */
export type CredentialCheck = 'missing' | 'match' | 'mismatch' | 'not-checked';

export interface WebhookVerification {
  ok: boolean;
  rule: WebhookVerifyRule;
  /** `Authorization` header. */
  header: CredentialCheck;
  /** Body `TOKEN`. */
  body: CredentialCheck;
  /** Why the delivery failed (no secret in it), when `ok` is false. */
  reason?: string;
}

function check(value: string | undefined, secret: string): CredentialCheck {
  if (value === undefined || value === '') return 'missing';
  return secretsEqual(value, secret) ? 'match' : 'mismatch';
}

/**
 * VTP authenticates a webhook only with a shared secret: header `Authorization: <secret>` and body
 * `TOKEN` (contract §8.1; no HMAC). `rule` says which must match (see WebhookVerifyRule). Comparisons
 * are constant-time; the body is parsed only when the rule needs TOKEN and the header did not already
 * decide. No secret configured → nothing passes.
 */
export function checkViettelPostWebhook(
  rawBody: string | Buffer,
  headers: HeaderBag,
  secret: string | undefined,
  rule: WebhookVerifyRule = DEFAULT_WEBHOOK_VERIFY,
): WebhookVerification {
  checkWebhookInput(rawBody, headers);
  if (!secret) {
    return {
      ok: false,
      rule,
      header: 'not-checked',
      body: 'not-checked',
      reason: 'no webhookSecret configured',
    };
  }
  // #13: a forged 50 MB body was parsed before the secret was known to be wrong. Size first, then the
  // header; the body only when the rule still needs its TOKEN.
  if (isOversizedBody(rawBody)) {
    return {
      ok: false,
      rule,
      header: 'not-checked',
      body: 'not-checked',
      reason: `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes`,
    };
  }
  const authorization = headerValue(headers, 'authorization')?.trim();
  const header = rule === 'body' ? 'not-checked' : check(authorization, secret);
  const needBody =
    rule === 'body' || (rule === 'both' && header === 'match') || (rule === 'either' && header !== 'match');
  let body: CredentialCheck = 'not-checked';
  if (needBody) {
    const parsed = parseJsonBody(rawBody);
    body = check(isRecord(parsed) ? readString(parsed.TOKEN) : undefined, secret);
  }
  const ok =
    rule === 'header'
      ? header === 'match'
      : rule === 'body'
        ? body === 'match'
        : rule === 'both'
          ? header === 'match' && body === 'match'
          : header === 'match' || body === 'match';
  if (ok) return { ok, rule, header, body };
  const parts = [
    ...(header !== 'not-checked' ? [`Authorization header ${header}`] : []),
    ...(body !== 'not-checked' ? [`body TOKEN ${body}`] : []),
  ];
  return { ok, rule, header, body, reason: `rule "${rule}": ${parts.join(', ')}` };
}

/** True when the delivery passes `rule` (see checkViettelPostWebhook). */
export function verifyViettelPostWebhook(
  rawBody: string | Buffer,
  headers: HeaderBag,
  secret: string | undefined,
  rule: WebhookVerifyRule = DEFAULT_WEBHOOK_VERIFY,
): boolean {
  return checkViettelPostWebhook(rawBody, headers, secret, rule).ok;
}

/**
 * Goods money vs what the receiver pays, from MONEY_COLLECTION and ORDER_PAYMENT (contract §6.1):
 * 1 no collection, 2 goods + freight, 3 goods only, 4 freight only. With 2 the goods part is
 * MONEY_COLLECTION − MONEY_TOTAL; when that cannot be worked out the goods amount is left out rather
 * than guessed.
 */
function collectedMoney(data: WireRecord): { goodsVnd?: number; collectVnd?: number } {
  const collected = readInt(data.MONEY_COLLECTION);
  const collectVnd = collected !== undefined && collected >= 0 ? collected : undefined;
  const payment = readWholeInt(data.ORDER_PAYMENT);
  const freight = readInt(data.MONEY_TOTAL);
  let goodsVnd: number | undefined;
  if (payment === 1 || payment === 4) goodsVnd = 0;
  else if (payment === 3) goodsVnd = collectVnd;
  else if (payment === 2 && collectVnd !== undefined && freight !== undefined && collectVnd >= freight) {
    goodsVnd = collectVnd - freight;
  } else if (payment === undefined) goodsVnd = collectVnd;
  return {
    ...(goodsVnd !== undefined ? { goodsVnd } : {}),
    ...(collectVnd !== undefined ? { collectVnd } : {}),
  };
}

const delivery = webhookReader('ViettelPost', VIETTELPOST);
const { invalid } = delivery;

/**
 * `{DATA: {...}, TOKEN}` → canonical event. Dates are Vietnam local time → UTC instants; numbers may
 * arrive as strings; the location comes under `LOCATION_CURRENTLY` or the historical misspelling
 * `LOCALION_CURRENTLY`. An unknown ORDER_STATUS is kept and flagged, never dropped.
 */
export function parseViettelPostWebhook(
  rawBody: string | Buffer,
  receivedAtMs: number = Date.now(),
): ViettelPostShipmentEvent {
  const data: unknown = delivery.object(rawBody).DATA;
  if (!isRecord(data)) throw invalid(deliveryField.missing('DATA'));
  return eventFromData(data, receivedAtMs);
}

export { MAX_WEBHOOK_CLOCK_SKEW_MS };

export function eventFromData(data: WireRecord, receivedAtMs: number = Date.now()): ViettelPostShipmentEvent {
  const trackingNumber = readString(data.ORDER_NUMBER)?.trim();
  if (!trackingNumber) throw invalid(deliveryField.missing('DATA.ORDER_NUMBER'));
  const code = readWholeInt(data.ORDER_STATUS);
  if (code === undefined) {
    throw invalid(
      deliveryField.unreadable('DATA.ORDER_STATUS', data.ORDER_STATUS, 'một số nguyên', 'a whole number'),
    );
  }
  const rawDate = readString(data.ORDER_STATUSDATE) ?? '';
  const stated = parseVietnamDateTime(rawDate);
  if (!stated)
    throw invalid(
      deliveryField.unreadable(
        'DATA.ORDER_STATUSDATE',
        rawDate,
        'dạng dd/MM/yyyy HH:mm:ss',
        'dd/MM/yyyy HH:mm:ss',
      ),
    );
  // An event cannot have happened after it reached us (beyond clock skew): clamp, keep the raw date.
  const latest = new Date(receivedAtMs + MAX_WEBHOOK_CLOCK_SKEW_MS).toISOString();
  const clamped = stated > latest;
  const occurredAt = clamped ? latest : stated;
  const status = classifyViettelPostStatus(code);

  const reference = readString(data.ORDER_REFERENCE)?.trim();
  const location = readString(data.LOCATION_CURRENTLY) ?? readString(data.LOCALION_CURRENTLY);
  const note = readString(data.NOTE);
  const reasonCode = readString(data.REASON_CODE);
  const label = readString(data.STATUS_NAME) ?? status.labelVi;
  const money = collectedMoney(data);
  const totalFeeVnd = readInt(data.MONEY_TOTAL);
  const weightGrams = readInt(data.PRODUCT_WEIGHT);
  const serviceCode = readString(data.ORDER_SERVICE);
  const pod =
    isRecord(data.POD) && Array.isArray(data.POD.IMAGES)
      ? data.POD.IMAGES.filter((u) => typeof u === 'string')
      : [];
  const employeeName = readString(data.EMPLOYEE_NAME);
  const employeePhone = readString(data.EMPLOYEE_PHONE);
  const returning = data.IS_RETURNING;

  return {
    carrier: VIETTELPOST,
    trackingNumber,
    ...(reference ? { reference } : {}),
    status: status.status,
    rawStatus: code,
    rawStatusLabel: label,
    occurredAt,
    ...(location ? { location } : {}),
    ...(note ? { note } : {}),
    ...(reasonCode ? { reasonCode } : {}),
    ...(money.goodsVnd !== undefined ? { codAmountVnd: money.goodsVnd } : {}),
    ...(money.collectVnd !== undefined ? { collectFromReceiverVnd: money.collectVnd } : {}),
    terminal: status.terminal,
    // The normalised instant, not the raw text: "5/3/2026 9:7:0" and "05/03/2026 09:07:00" are one event.
    // The stated instant (not a clamped one), so a redelivery is the same key.
    dedupeKey: `${VIETTELPOST}:${trackingNumber}:${code}:${stated}`,
    unknownStatus: status.unknown,
    rawOccurredAt: rawDate,
    ...(clamped ? { futureDateClamped: true } : {}),
    ...(typeof returning === 'boolean' ? { returning } : {}),
    ...(totalFeeVnd !== undefined && totalFeeVnd >= 0 ? { totalFeeVnd } : {}),
    ...(weightGrams !== undefined && weightGrams >= 0 ? { weightGrams } : {}),
    ...(serviceCode ? { serviceCode } : {}),
    ...(pod.length ? { podImageUrls: pod } : {}),
    ...(employeeName ? { employeeName } : {}),
    ...(employeePhone ? { employeePhone } : {}),
  };
}
