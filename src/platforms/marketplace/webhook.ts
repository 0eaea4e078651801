import { createHmac, timingSafeEqual } from 'node:crypto';
import { ContractViolationError } from '../../core/errors.js';
import { headerValue, parseJsonBody } from '../../core/headers.js';
import type { HeaderBag, MarketplaceEvent } from '../types.js';
import { decodeListing } from './listing-codec.js';
import { getPath, isRecord } from './object-path.js';
import { decodePlatformTime } from './platform-time.js';
import type { MarketplaceProfile } from './profile-schema.js';

function toBuffer(rawBody: string | Buffer): Buffer {
  return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
}

/** Signature over the exact bytes received: re-serialising parsed JSON would change them. */
export function computeWebhookSignature(
  spec: MarketplaceProfile['webhook'],
  secret: string,
  rawBody: string | Buffer,
  timestamp: string,
): string {
  const [before, after] = spec.signedPayload.split('{body}') as [string, string];
  const hmac = createHmac('sha256', secret);
  hmac.update(before.replaceAll('{timestamp}', timestamp), 'utf8');
  hmac.update(toBuffer(rawBody));
  hmac.update(after.replaceAll('{timestamp}', timestamp), 'utf8');
  return hmac.digest(spec.encoding);
}

/**
 * HMAC check in constant time plus a replay window. Returns false (never throws) for anything off:
 * missing headers, malformed signature, stale or future timestamp.
 */
export function verifyProfileWebhook(
  profile: MarketplaceProfile,
  secret: string,
  rawBody: string | Buffer,
  headers: HeaderBag,
  nowMs: number,
): boolean {
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
  const expected = Buffer.from(computeWebhookSignature(spec, secret, rawBody, timestamp), spec.encoding);
  const given = Buffer.from(provided.trim(), spec.encoding);
  // Buffer.from silently drops bad characters; a length mismatch is a bad signature, not a crash.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

/** The delivery as a canonical event. Unknown event types are returned as `unknown`, not thrown. */
export function parseProfileWebhook(profile: MarketplaceProfile, rawBody: string | Buffer): MarketplaceEvent {
  const spec = profile.webhook;
  const body = parseJsonBody(rawBody);
  if (!isRecord(body)) {
    throw new ContractViolationError(`${profile.platform} webhook body is not a JSON object`, {
      platform: profile.platform,
    });
  }
  const deliveryId = getPath(body, spec.eventIdPath);
  const rawType = getPath(body, spec.eventTypePath);
  if (typeof deliveryId !== 'string' || typeof rawType !== 'string') {
    throw new ContractViolationError(
      `${profile.platform} webhook lacks ${spec.eventIdPath} or ${spec.eventTypePath}`,
      {
        platform: profile.platform,
      },
    );
  }
  const occurredAt = decodePlatformTime(
    getPath(body, spec.occurredAtPath),
    profile.time.format,
    spec.occurredAtPath,
  ).toISOString();
  const platform = profile.platform;
  const type = spec.eventTypes[rawType];
  if (type === 'order.created' || type === 'order.updated') {
    const order = getPath(body, spec.orderPath);
    const orderId = getPath(order, profile.fields.order.id);
    if (typeof orderId !== 'string' && typeof orderId !== 'number') {
      throw new ContractViolationError(`${platform} webhook ${deliveryId} has no order id`, { platform });
    }
    const rawStatus = getPath(order, profile.fields.order.status);
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
