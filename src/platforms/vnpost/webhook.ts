import { createPrivateKey, createPublicKey, KeyObject, verify } from 'node:crypto';
import { A_RAW_BODY, checkArgument } from '../../core/argument-guards.js';
import { ConfigurationError } from '../../core/errors.js';
import { parseJsonBody } from '../../core/headers.js';
import { describeValue } from '../../model/argument-check.js';
import type { ShipmentEvent } from '../../model/shipment.js';
import { deliveryField, MAX_WEBHOOK_CLOCK_SKEW_MS, webhookReader } from '../carrier-webhook.js';
import { VNPOST } from './errors.js';
import { classifyVnpostStatus, normaliseStatusCode } from './status-table.js';
import { parseVnpostDate } from './vietnam-time.js';
import { isRecord, readInt, readString, type WireRecord } from './wire.js';

/** Prefix of the signed text: "MYVNP" + sendDate + itemCode + status (of the first item). */
export const WEBHOOK_SIGNATURE_PREFIX = 'MYVNP';

/**
 * A VNPost journey event: the canonical event plus what only MyVNPost reports.
 *
 * VNPost's RSA signature covers `sendDate` and the FIRST item's `itemCode` and `status`, nothing else.
 * So a parsed event carries no `reference` (the item's `saleOrderCode` is not signed: it is kept as
 * `claimedReference`, for display only), its time is never later than the signed `sendDate`, and
 * `signed` says whether its tracking number and status are covered at all. `receiveWebhook` applies
 * the signed item, and any other item only after VNPost's own status history confirms it.
 */
export interface VnpostShipmentEvent extends ShipmentEvent {
  /** True for the first item (tracking number and status signed); false for every other item. */
  signed: boolean;
  /** The item's `saleOrderCode` as sent — NOT covered by the signature; never used to find a record. */
  claimedReference?: string;
  /** MyVNPost's order id (`originalID`), needed for cancel and correction. */
  originalId?: string;
  totalFeeVnd?: number;
  chargeableWeightGrams?: number;
  /** The item's date as VNPost sent it (`statusDate`, else the delivery's `sendDate`), never altered. */
  rawOccurredAt?: string;
  /**
   * True when the date sent lies more than MAX_WEBHOOK_CLOCK_SKEW_MS in the future: `occurredAt` is then
   * the receive time plus that skew (a far-future date would make every later real event "older").
   */
  futureDateClamped?: boolean;
}

export { MAX_WEBHOOK_CLOCK_SKEW_MS };

/** A status code the table does not know: reported as it came, never mapped by guesswork. */
export interface UnknownVnpostStatus {
  itemCode: string;
  /** The item's `saleOrderCode` as sent (not covered by the signature). */
  reference?: string;
  /** The item's tracking number and status are covered by the signature (first item). */
  signed: boolean;
  rawStatus: string;
  rawStatusLabel?: string;
  occurredAt?: string;
}

export interface VnpostWebhookBatch {
  /** Items whose status code is in the table, in delivery order. */
  events: VnpostShipmentEvent[];
  /** Items whose status code is not: apply none of them, look at them. */
  unknown: UnknownVnpostStatus[];
  /** The delivery's `sendDate`, as sent. */
  sendDate: string;
}

/** The earlier of two ISO instants. */
function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** PEM as given; bare base64 (DER SPKI, as VNPost's documentation prints keys) is wrapped. */
export function toPublicKey(key: string | KeyObject): KeyObject {
  return readPublicKey(key, 'key');
}

/**
 * VNPost's public key from `key` (PEM, bare base64 DER SPKI, or a KeyObject); a ConfigurationError
 * naming `name` (the argument or option) when it is none: empty, unreadable, not RSA, or a private
 * key — which would verify nothing VNPost signs and has no place in the configuration. The key's text
 * is never printed; OpenSSL's reason stays in `cause`.
 */
export function readPublicKey(key: unknown, name: string): KeyObject {
  if (key instanceof KeyObject) return checkedKey(key, name);
  if (typeof key !== 'string')
    throw keyError(
      name,
      `phải là chuỗi PEM hoặc base64, hoặc một KeyObject (nhận được ${describeValue(key)})`,
      `must be a PEM or base64 string, or a KeyObject (got ${describeValue(key)})`,
    );
  const text = key.trim();
  if (text === '') throw keyError(name, 'khoá rỗng', 'empty key');
  if (/^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw privateKeyError(name);
  let read: KeyObject;
  try {
    read = text.startsWith('-----BEGIN') ? createPublicKey(text) : createPublicKey(spki(text));
  } catch (error) {
    if (!text.startsWith('-----BEGIN') && isPrivateDer(text)) throw privateKeyError(name);
    throw keyError(
      name,
      'không phải khoá công khai RSA (PEM hoặc base64 DER SPKI)',
      'not an RSA public key (PEM or base64 DER SPKI)',
      error,
    );
  }
  return checkedKey(read, name);
}

function spki(base64: string) {
  return { key: Buffer.from(base64.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' } as const;
}

/** Bare base64 that reads as a PKCS#8 private key. */
function isPrivateDer(base64: string): boolean {
  try {
    createPrivateKey({
      key: Buffer.from(base64.replace(/\s+/g, ''), 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    return true;
  } catch {
    return false;
  }
}

function checkedKey(key: KeyObject, name: string): KeyObject {
  if (key.type === 'private') throw privateKeyError(name);
  if (key.type !== 'public' || (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss')) {
    throw keyError(
      name,
      'không phải khoá công khai RSA (PEM hoặc base64 DER SPKI)',
      'not an RSA public key (PEM or base64 DER SPKI)',
    );
  }
  return key;
}

function privateKeyError(name: string): ConfigurationError {
  return keyError(
    name,
    'đây là khoá riêng tư; hãy đưa khoá CÔNG KHAI của VNPost (-----BEGIN PUBLIC KEY-----) và giữ khoá riêng tư ngoài cấu hình',
    "is a private key; give VNPost's PUBLIC key (-----BEGIN PUBLIC KEY-----) and keep private keys out of the configuration",
  );
}

function keyError(name: string, vi: string, en: string, cause?: unknown): ConfigurationError {
  return new ConfigurationError(
    { vi: 'Khoá công khai VNPost không hợp lệ', en: 'Invalid VNPost public key' },
    [`${name}: ${vi} / ${name}: ${en}`],
    { platform: VNPOST, ...(cause !== undefined ? { cause } : {}) },
  );
}

const delivery = webhookReader('MyVNPost', VNPOST);
const { invalid } = delivery;

/** The exact text VNPost signs, from the first item of `data` (raw values, as sent). */
export function signedText(body: WireRecord): string | undefined {
  const first = Array.isArray(body.data) ? body.data[0] : undefined;
  const sendDate = readString(body.sendDate);
  if (!isRecord(first) || sendDate === undefined) return undefined;
  const itemCode = readString(first.itemCode);
  const status = readString(first.status);
  if (itemCode === undefined || status === undefined) return undefined;
  return `${WEBHOOK_SIGNATURE_PREFIX}${sendDate}${itemCode}${status}`;
}

/**
 * RSA-SHA256 over "MYVNP" + sendDate + itemCode + status (first item), base64 `signature` in the body,
 * checked with VNPost's public key (a KeyObject from vnpostPublicKey, or its PEM / base64 text). The
 * arguments are checked first: a `rawBody` that is no string or Buffer is a ValidationError, a
 * `publicKey` that is missing, unreadable or private a ConfigurationError (both name the argument).
 * Then false — never an exception — for a body that is not the documented shape, a signature that is
 * not base64, or one made with another key.
 */
export function verifyVnpostWebhook(rawBody: string | Buffer, publicKey: KeyObject | string): boolean {
  checkArgument(rawBody, 'rawBody', A_RAW_BODY);
  const key = readPublicKey(publicKey, 'publicKey');
  const body = parseJsonBody(rawBody);
  if (!isRecord(body)) return false;
  const signature = readString(body.signature);
  const text = signedText(body);
  if (!signature || text === undefined || !/^[A-Za-z0-9+/=_-]+$/.test(signature)) return false;
  try {
    return verify('sha256', Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function itemEvent(
  item: WireRecord,
  sendDate: string,
  sentAt: string,
  index: number,
  latestMs: number,
): VnpostShipmentEvent | UnknownVnpostStatus {
  const signed = index === 0;
  const itemCode = readString(item.itemCode)?.trim();
  if (!itemCode) throw invalid(deliveryField.missing(`data[${index}].itemCode`));
  const code = normaliseStatusCode(item.status);
  if (code === undefined) throw invalid(deliveryField.missing(`data[${index}].status`));
  const rawDate = readString(item.statusDate) ?? sendDate;
  const statusAt = parseVnpostDate(rawDate);
  if (!statusAt)
    throw invalid(
      deliveryField.unreadable(
        `data[${index}].statusDate`,
        rawDate,
        'một ngày MyVNPost viết',
        'a date MyVNPost writes',
      ),
    );
  // `statusDate` is not signed: a status cannot have happened after the (signed) delivery was sent.
  const stated = earlier(statusAt, sentAt);
  // Nor after it reached us (beyond clock skew): a far-future date would freeze the record.
  const latest = new Date(latestMs).toISOString();
  const clamped = stated > latest;
  const occurredAt = clamped ? latest : stated;
  const reference = readString(item.saleOrderCode)?.trim();
  const label = readString(item.statusName)?.trim();
  const classified = classifyVnpostStatus(code);
  if (!classified.known) {
    return {
      itemCode,
      signed,
      rawStatus: code,
      occurredAt,
      ...(reference ? { reference } : {}),
      ...(label ? { rawStatusLabel: label } : {}),
    };
  }
  const originalId = readString(item.originalID ?? item.originalId)?.trim();
  const cod = readInt(item.codAmount);
  const fee = readInt(item.totalFee);
  const weight = readInt(item.weightConvert);
  const note = readString(item.note)?.trim();
  return {
    carrier: VNPOST,
    trackingNumber: itemCode,
    signed,
    ...(reference ? { claimedReference: reference } : {}),
    status: classified.status,
    rawStatus: code,
    rawStatusLabel: label || classified.labelVi,
    occurredAt,
    ...(note ? { note } : {}),
    ...(cod !== undefined && cod >= 0 ? { codAmountVnd: cod } : {}),
    terminal: classified.terminal,
    // The stated instant, not the clamped one: a redelivery of the same item is the same key.
    dedupeKey: `${VNPOST}:${itemCode}:${code}:${stated}`,
    rawOccurredAt: rawDate,
    ...(clamped ? { futureDateClamped: true } : {}),
    ...(originalId ? { originalId } : {}),
    ...(fee !== undefined && fee >= 0 ? { totalFeeVnd: fee } : {}),
    ...(weight !== undefined && weight >= 0 ? { chargeableWeightGrams: weight } : {}),
  };
}

/**
 * `{data: [...], sendDate, signature}` → known events and unknown codes (verify first). Only the first
 * item is covered by the signature (`signed`); the others are claims until VNPost confirms them. An
 * item's time is its date as sent, but never later than `sendDate`, nor than `receivedAtMs` +
 * MAX_WEBHOOK_CLOCK_SKEW_MS (then `futureDateClamped`; `rawOccurredAt` keeps the date as sent).
 */
export function parseVnpostWebhook(
  rawBody: string | Buffer,
  receivedAtMs: number = Date.now(),
): VnpostWebhookBatch {
  const body = delivery.object(rawBody);
  const sendDate = readString(body.sendDate);
  if (!sendDate) throw invalid(deliveryField.missing('sendDate'));
  const sentAt = parseVnpostDate(sendDate);
  if (!sentAt)
    throw invalid(
      deliveryField.unreadable('sendDate', sendDate, 'một ngày MyVNPost viết', 'a date MyVNPost writes'),
    );
  if (!Array.isArray(body.data) || body.data.length === 0)
    throw invalid({ vi: 'data không phải một mảng có phần tử', en: 'data is not a non-empty array' });
  const batch: VnpostWebhookBatch = { events: [], unknown: [], sendDate };
  body.data.forEach((item, index) => {
    if (!isRecord(item))
      throw invalid({ vi: `data[${index}] không phải một đối tượng`, en: `data[${index}] is not an object` });
    const parsed = itemEvent(item, sendDate, sentAt, index, receivedAtMs + MAX_WEBHOOK_CLOCK_SKEW_MS);
    if ('carrier' in parsed) batch.events.push(parsed);
    else batch.unknown.push(parsed);
  });
  return batch;
}
