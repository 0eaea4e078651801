import { ContractViolationError } from '../../core/errors.js';
import { createHttpKindError, type HttpErrorKind, httpStatusMeaning } from '../../core/http-error-mapper.js';
import { parseRetryAfter } from '../../core/retry-policy.js';
import type { ErrorMappingContext, PlatformErrorMapper } from '../../core/types.js';
import { platformErrorText } from '../../model/platform-error-text.js';
import { getPath, isRecord } from './object-path.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** Operations whose answers are not wrapped in the envelope when the profile says so (login/refresh). */
export const AUTH_OPERATIONS = new Set(['login', 'refreshToken']);

/** The operations a clerk meets in an error, in Vietnamese (others: "thao tác <name>"). */
const OPERATION_VI: Readonly<Record<string, string>> = {
  login: 'đăng nhập',
  refreshToken: 'gia hạn phiên đăng nhập',
};

/** A body's per-field problems, each as its values (field, rule, message), at most five and "…". */
function detailValues(details: unknown): (string | string[])[] {
  if (!Array.isArray(details) || details.length === 0) return [];
  const parts: (string | string[])[] = details.slice(0, 5).map((d) => {
    if (!isRecord(d)) return JSON.stringify(d);
    return Object.values(d)
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map(String);
  });
  return details.length > 5 ? [...parts, '…'] : parts;
}

/**
 * The one error mapper of a profile-driven adapter. Classifies by the body's own code first (Voso-style
 * platforms report failures inside HTTP 200), then by HTTP status; the table decides the kind and
 * whether it is worth retrying.
 */
export function createProfileErrorMapper(
  profile: MarketplaceProfile,
  now: () => number = Date.now,
): PlatformErrorMapper {
  const { envelope, errors } = profile;
  const flatAuth = 'enveloped' in profile.auth && !profile.auth.enveloped;
  return (ctx: ErrorMappingContext) => {
    const body = ctx.body;
    const isAuthCall = AUTH_OPERATIONS.has(ctx.operation);
    // `dataPath: ''` means "the answer itself is the payload": a top-level JSON array then carries no
    // envelope, so the HTTP status alone tells success (a 4xx/5xx gets the generic HTTP mapping).
    const endpointDataPath = (profile.endpoints as Record<string, { dataPath?: string } | undefined>)[
      ctx.operation
    ]?.dataPath;
    if (Array.isArray(body) && !isAuthCall && (endpointDataPath ?? envelope.dataPath) === '')
      return undefined;
    if (!isRecord(body)) {
      if (ctx.status >= 400) return undefined; // generic HTTP mapping
      if (ctx.operation === 'rawImage') return undefined;
      return new ContractViolationError(
        {
          vi: `${profile.platform} ${ctx.operation}: câu trả lời không phải object JSON`,
          en: `${profile.platform} ${ctx.operation}: the answer is not a JSON object`,
        },
        {
          platform: profile.platform,
          operation: ctx.operation,
          httpStatus: ctx.status,
          ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
        },
      );
    }
    // Without a success predicate the HTTP status alone tells success (Tiki-style APIs).
    const successValue = envelope.successPath ? getPath(body, envelope.successPath) : undefined;
    const succeeded = envelope.successPath ? successValue === envelope.successValue : ctx.status < 300;
    if (succeeded && ctx.status < 400) return undefined;
    // A flat login answer has no code on success; only its failures are classified.
    if (isAuthCall && flatAuth && ctx.status < 400 && successValue === undefined) return undefined;
    const rawCode = getPath(body, envelope.codePath);
    const code = rawCode === undefined || rawCode === null ? undefined : String(rawCode);
    const entry = code !== undefined ? errors.codes[code] : undefined;
    // The profile's code table first; a plain HTTP status means what it means everywhere (core table).
    const byStatus = httpStatusMeaning(ctx.status);
    const kind: HttpErrorKind = entry?.kind ?? byStatus?.kind ?? errors.defaultKind;
    const retriable = entry?.retriable ?? (entry ? undefined : byStatus?.retriable);
    const message = getPath(body, envelope.messagePath);
    const platformMessage = typeof message === 'string' ? message : undefined;
    const details = envelope.detailsPath ? getPath(body, envelope.detailsPath) : undefined;
    const retryAfterMs =
      kind === 'rate_limited' ? parseRetryAfter(ctx.headers['retry-after'], now()) : undefined;
    return createHttpKindError(
      kind,
      platformErrorText({
        name: profile.displayName,
        kind,
        head: {
          vi: `${profile.platform}: ${OPERATION_VI[ctx.operation] ?? `thao tác ${ctx.operation}`} không thành công`,
          en: `${profile.platform} ${ctx.operation} failed`,
        },
        httpStatus: ctx.status,
        ...(code !== undefined ? { platformCode: code } : {}),
        ...(platformMessage !== undefined ? { platformMessage } : {}),
        details: detailValues(details),
      }),
      {
        platform: profile.platform,
        operation: ctx.operation,
        httpStatus: ctx.status,
        ...(code !== undefined ? { platformCode: code } : {}),
        ...(platformMessage !== undefined ? { platformMessage } : {}),
        ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
        ...(retriable !== undefined ? { retriable } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(details !== undefined ? { responseBody: { details } } : {}),
      },
    );
  };
}

/**
 * The payload of a successful enveloped answer, at the endpoint's own `dataPath` when it has one. A
 * payload missing where the profile says it is means the profile does not fit the platform: fail loudly
 * rather than read "nothing".
 */
export function unwrapData(profile: MarketplaceProfile, body: unknown, dataPath?: string): unknown {
  const path = dataPath ?? profile.envelope.dataPath;
  const data = getPath(body, path);
  if (data === undefined && path !== '') {
    throw new ContractViolationError(
      {
        vi: `${profile.platform}: câu trả lời không có dữ liệu ở "${path}"`,
        en: `${profile.platform}: the answer has no payload at "${path}"`,
      },
      {
        platform: profile.platform,
      },
    );
  }
  return data;
}
