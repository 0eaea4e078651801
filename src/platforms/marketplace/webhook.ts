import {
  createHash,
  createHmac,
  createPublicKey,
  verify as cryptoVerify,
  timingSafeEqual,
} from 'node:crypto';
import { z } from 'zod';
import { A_RAW_BODY, A_TEXT, checkArgument, type Expected } from '../../core/argument-guards.js';
import { ContractViolationError, ValidationError } from '../../core/errors.js';
import { headerValue, isOversizedBody, parseJsonBody } from '../../core/headers.js';
import type { HeaderBag, MarketplaceEvent } from '../types.js';
import { decodeListing } from './listing-codec.js';
import { getPath, isRecord } from './object-path.js';
import { decodePlatformTime } from './platform-time.js';
import type { MarketplaceProfile } from './profile-schema.js';

function toBuffer(rawBody: string | Buffer): Buffer {
  return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
}

/** What verifies a delivery: the shared secret (HMAC) or the platform's public key (RSA), plus the callback URL. */
export interface WebhookKeys {
  secret?: string;
  /** PEM public key for `rsa-sha256`. */
  publicKey?: string;
  /** The callback URL as registered with the platform, for `{url}` in `signedPayload`. */
  url?: string;
  /** This adapter's shop (`webhook.accountCredential`), compared with `webhook.accountPath`. */
  account?: string;
}

/** The shop a push names, as text (ids arrive as numbers); undefined when it names none. */
function pushAccount(profile: MarketplaceProfile, body: unknown): string | undefined {
  const value = getPath(body, profile.webhook.accountPath ?? '');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * A push that names no shop, or another shop than this adapter's, when the profile says pushes name one.
 * Returns a bilingual reason, or undefined when the push is this adapter's (or the profile has no shop field).
 */
export function foreignPushReason(
  profile: MarketplaceProfile,
  expected: string | undefined,
  body: unknown,
): { vi: string; en: string; value?: string } | undefined {
  const path = profile.webhook.accountPath;
  if (!path) return undefined;
  const given = pushAccount(profile, body);
  if (given === undefined) {
    return {
      vi: `Thông báo đẩy không có ${path} (cửa hàng nhận)`,
      en: `the push names no ${path} (the shop it is for)`,
    };
  }
  if (expected === undefined || given !== expected) {
    return {
      vi: `Thông báo đẩy dành cho cửa hàng ${given} (${path}), không phải cửa hàng ${expected ?? '?'} của bộ kết nối này`,
      en: `the push is for shop ${given} (${path}), not this adapter's shop ${expected ?? '?'}`,
      value: given,
    };
  }
  return undefined;
}

function signedParts(spec: MarketplaceProfile['webhook'], timestamp: string, url: string): [string, string] {
  const [before, after] = spec.signedPayload.split('{body}') as [string, string];
  const fill = (text: string) => text.replaceAll('{timestamp}', timestamp).replaceAll('{url}', url);
  return [fill(before), fill(after)];
}

/** What computeWebhookSignature needs of a profile's webhook rule. */
const A_SIGNING_RULE: Expected = {
  schema: z.object({ signedPayload: z.string().includes('{body}'), encoding: z.enum(['hex', 'base64']) }),
  vi: "quy tắc webhook của một hồ sơ (profile.webhook, có signedPayload chứa {body} và encoding 'hex' hoặc 'base64')",
  en: "a profile's webhook rule (profile.webhook, with signedPayload holding {body} and encoding 'hex' or 'base64')",
};
const A_STRING: Expected = { schema: z.string(), vi: 'một chuỗi', en: 'a string' };

/**
 * HMAC signature over the exact bytes received: re-serialising parsed JSON would change them. Each
 * argument is checked first (a bilingual ValidationError naming it; the secret's value is never shown).
 */
export function computeWebhookSignature(
  spec: MarketplaceProfile['webhook'],
  secret: string,
  rawBody: string | Buffer,
  timestamp: string,
  url = '',
): string {
  checkArgument(spec, 'spec', A_SIGNING_RULE);
  checkArgument(secret, 'secret', A_TEXT, { secret: true });
  checkArgument(rawBody, 'rawBody', A_RAW_BODY);
  checkArgument(timestamp, 'timestamp', A_STRING);
  checkArgument(url, 'url', A_STRING);
  return signatureOf(spec, secret, rawBody, timestamp, url);
}

function signatureOf(
  spec: MarketplaceProfile['webhook'],
  secret: string,
  rawBody: string | Buffer,
  timestamp: string,
  url: string,
): string {
  const [before, after] = signedParts(spec, timestamp, url);
  const hmac = createHmac('sha256', secret);
  hmac.update(before, 'utf8');
  hmac.update(toBuffer(rawBody));
  hmac.update(after, 'utf8');
  return hmac.digest(spec.encoding);
}

function signatureMatches(
  spec: MarketplaceProfile['webhook'],
  keys: WebhookKeys,
  rawBody: string | Buffer,
  timestamp: string,
  provided: string,
): boolean {
  const url = keys.url ?? '';
  if (spec.signedPayload.includes('{url}') && !keys.url) return false;
  const given = Buffer.from(provided.trim(), spec.encoding);
  if (spec.algorithm === 'rsa-sha256') {
    if (!keys.publicKey) return false;
    const [before, after] = signedParts(spec, timestamp, url);
    const payload = Buffer.concat([
      Buffer.from(before, 'utf8'),
      toBuffer(rawBody),
      Buffer.from(after, 'utf8'),
    ]);
    try {
      return cryptoVerify('sha256', payload, createPublicKey(keys.publicKey), given);
    } catch {
      // A malformed key or signature is a failed verification, never a crash of the receiver.
      return false;
    }
  }
  if (!keys.secret) return false;
  const expected = Buffer.from(signatureOf(spec, keys.secret, rawBody, timestamp, url), spec.encoding);
  // Buffer.from silently drops bad characters; a length mismatch is a bad signature, not a crash.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

/**
 * Signature check (HMAC in constant time, or RSA-SHA256 with the platform's public key) plus a replay
 * window. Returns false (never throws) for anything off: missing headers or keys, malformed signature,
 * stale or future timestamp.
 */
export function verifyProfileWebhook(
  profile: MarketplaceProfile,
  keys: WebhookKeys,
  rawBody: string | Buffer,
  headers: HeaderBag,
  nowMs: number,
): boolean {
  // Size and the signature header's presence first: nothing is parsed or hashed for an oversized body.
  if (isOversizedBody(rawBody)) return false;
  const spec = profile.webhook;
  const provided = headerValue(headers, spec.signatureHeader);
  if (!provided) return false;
  let timestamp: string | undefined;
  if (spec.timestampHeader) timestamp = headerValue(headers, spec.timestampHeader);
  if (timestamp === undefined && spec.timestampPath) {
    const value = getPath(parseJsonBody(rawBody), spec.timestampPath);
    if (typeof value === 'string' || typeof value === 'number') timestamp = String(value);
  }
  if (timestamp === undefined) return false;
  let sentAtMs: number;
  try {
    sentAtMs = decodePlatformTime(timestamp, spec.timestampFormat, 'webhook timestamp').getTime();
  } catch {
    return false;
  }
  if (Math.abs(nowMs - sentAtMs) > spec.replayWindowMs) return false;
  if (!signatureMatches(spec, keys, rawBody, timestamp, provided)) return false;
  // Signed by the app, but for another of its shops: not this adapter's delivery.
  if (spec.accountPath && foreignPushReason(profile, keys.account, parseJsonBody(rawBody))) return false;
  return true;
}

/** The delivery as a canonical event. Unknown event types are returned as `unknown`, not thrown. */
export function parseProfileWebhook(
  profile: MarketplaceProfile,
  rawBody: string | Buffer,
  account?: string,
): MarketplaceEvent {
  const spec = profile.webhook;
  const body = parseJsonBody(rawBody);
  if (!isRecord(body)) {
    throw new ContractViolationError(
      {
        vi: `Webhook ${profile.platform}: nội dung không phải một đối tượng JSON`,
        en: `${profile.platform} webhook body is not a JSON object`,
      },
      { platform: profile.platform },
    );
  }
  const foreign = foreignPushReason(profile, account, body);
  if (foreign) {
    throw new ValidationError(
      { vi: `Webhook ${profile.platform} bị từ chối`, en: `${profile.platform} webhook refused` },
      [
        {
          path: spec.accountPath!,
          ...(foreign.value !== undefined ? { value: foreign.value } : {}),
          code: 'webhook.foreign_shop',
          messageVi: foreign.vi,
          messageEn: foreign.en,
          platform: profile.platform,
        },
      ],
    );
  }
  // Without a delivery id (Shopee pushes carry none) the raw body's hash identifies the delivery: a
  // retried delivery of the same push dedupes, a new push differs at least in its timestamp.
  const rawId = spec.eventIdPath
    ? getPath(body, spec.eventIdPath)
    : createHash('sha256').update(toBuffer(rawBody)).digest('hex');
  const deliveryId = typeof rawId === 'number' ? String(rawId) : rawId;
  const rawTypeValue = getPath(body, spec.eventTypePath);
  const rawType = typeof rawTypeValue === 'number' ? String(rawTypeValue) : rawTypeValue;
  if (typeof deliveryId !== 'string' || typeof rawType !== 'string') {
    throw new ContractViolationError(
      {
        vi: `Webhook ${profile.platform} thiếu ${spec.eventIdPath ?? 'mã thông báo'} hoặc ${spec.eventTypePath}`,
        en: `${profile.platform} webhook lacks ${spec.eventIdPath ?? 'an id'} or ${spec.eventTypePath}`,
      },
      { platform: profile.platform },
    );
  }
  // The push's own format, as the timestamp that verified it: the API's `time.format` may differ.
  const occurredAt = decodePlatformTime(
    getPath(body, spec.occurredAtPath),
    spec.timestampFormat,
    spec.occurredAtPath,
  ).toISOString();
  const platform = profile.platform;
  const type = spec.eventTypes[rawType];
  if (type === 'order.created' || type === 'order.updated') {
    const order = getPath(body, spec.orderPath);
    const orderId = getPath(order, spec.orderIdPath ?? profile.fields.order.id);
    if (typeof orderId !== 'string' && typeof orderId !== 'number') {
      const idPath = spec.orderIdPath ?? profile.fields.order.id;
      throw new ContractViolationError(
        {
          vi: `Webhook ${platform} ${deliveryId} không có mã đơn tại "${idPath}" trong "${spec.orderPath}" (webhook.orderIdPath tính từ webhook.orderPath)`,
          en: `${platform} webhook ${deliveryId} has no order id at "${idPath}" inside "${spec.orderPath}" (webhook.orderIdPath is relative to webhook.orderPath)`,
        },
        { platform },
      );
    }
    const rawStatus = getPath(order, spec.orderStatusPath ?? profile.fields.order.status);
    const status = typeof rawStatus === 'string' ? profile.statuses.order[rawStatus] : undefined;
    return {
      type,
      platform,
      orderId: String(orderId),
      ...(status ? { status } : {}),
      ...(typeof rawStatus === 'string' ? { rawStatus } : {}),
      occurredAt,
      deliveryId,
    };
  }
  if (type === 'listing.reviewed') {
    const listing = decodeListing(profile, getPath(body, spec.listingPath));
    return {
      type,
      platform,
      sku: listing.sku,
      remoteId: listing.remoteId,
      review: listing.review,
      ...(listing.rejectionReasons ? { reasons: listing.rejectionReasons } : {}),
      occurredAt,
      deliveryId,
    };
  }
  return { type: 'unknown', platform, rawType, occurredAt, deliveryId, payload: body };
}
