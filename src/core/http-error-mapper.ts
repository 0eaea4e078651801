import { platformErrorText } from '../model/platform-error-text.js';
import { AN_OBJECT, checkArgument } from './argument-guards.js';
import {
  AuthenticationError,
  ConflictError,
  type ErrorKind,
  type ErrorText,
  InvalidRequestError,
  NotFoundError,
  type OcopConnectError,
  type OcopConnectErrorOptions,
  PermissionError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from './errors.js';
import { parseRetryAfter } from './retry-policy.js';
import type { ErrorMappingContext } from './types.js';

/** The error class of each kind an HTTP status alone can mean (one class a kind). */
const HTTP_KIND_ERRORS = {
  authentication: AuthenticationError,
  permission: PermissionError,
  not_found: NotFoundError,
  conflict: ConflictError,
  rate_limited: RateLimitedError,
  server: ServerError,
  timeout: TimeoutError,
  invalid_request: InvalidRequestError,
} satisfies Partial<
  Record<ErrorKind, new (message: ErrorText, options?: OcopConnectErrorOptions) => OcopConnectError>
>;

/** Kinds an HTTP status alone can mean; each has one error class. */
export type HttpErrorKind = keyof typeof HTTP_KIND_ERRORS;

/** What an HTTP status means on any platform: the kind, and a retriable override where the kind's default is wrong. */
export interface HttpStatusMeaning {
  kind: HttpErrorKind;
  retriable?: boolean;
}

/** HTTP statuses whose meaning is the same on every platform. */
const STATUS_TABLE: Record<number, HttpErrorKind> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  // Request Timeout: the server gave up waiting for our request; sending it again is the cure.
  408: 'timeout',
  409: 'conflict',
  // Gone: the resource was deleted for good, which the caller handles like not found.
  410: 'not_found',
  422: 'invalid_request',
  429: 'rate_limited',
};

/**
 * The generic meaning of an HTTP status, or undefined for 1xx-3xx. Platform mappers that classify by
 * their own body codes fall back to this for plain statuses, so every adapter agrees on them.
 */
export function httpStatusMeaning(status: number): HttpStatusMeaning | undefined {
  if (status < 400) return undefined;
  const kind = STATUS_TABLE[status];
  if (kind) return { kind };
  // 501 Not Implemented and 505 will not get better by waiting.
  if (status >= 500)
    return status === 501 || status === 505 ? { kind: 'server', retriable: false } : { kind: 'server' };
  return { kind: 'invalid_request' };
}

/** The error class of each HTTP-derived kind. */
export function createHttpKindError(
  kind: HttpErrorKind,
  message: ErrorText,
  options: OcopConnectErrorOptions = {},
): OcopConnectError {
  return new HTTP_KIND_ERRORS[kind](message, options);
}

/** The platforms of this library as their users name them (an unknown one keeps its id). */
const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  voso: 'Voso',
  postmart: 'Postmart',
  shopee: 'Shopee',
  viettelpost: 'ViettelPost',
  vnpost: 'MyVNPost',
};

/** The operations a clerk meets in an error, in Vietnamese (others: "thao tác <name>"). */
const OPERATION_VI: Readonly<Record<string, string>> = {
  login: 'đăng nhập',
  refreshToken: 'gia hạn phiên đăng nhập',
};

/** Pulls a message/code out of the usual envelope shapes without knowing the platform. */
export function extractPlatformMessage(body: unknown): { code?: string; message?: string } {
  if (typeof body === 'string') return body.length > 0 && body.length <= 500 ? { message: body } : {};
  if (!body || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const pick = (...names: string[]) => {
    for (const name of names) {
      const value = record[name];
      if (typeof value === 'string' && value !== '') return value;
      if (typeof value === 'number') return String(value);
    }
    return undefined;
  };
  const code = pick('error_code', 'errorCode', 'code');
  const message = pick('message', 'error_description', 'msg', 'errorMessage', 'error');
  return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}) };
}

/**
 * Generic mapping by HTTP status, used for any status >= 400 the platform's own mapper did not
 * claim. Returns undefined for 1xx-3xx.
 */
export function mapHttpStatus(context: ErrorMappingContext): OcopConnectError | undefined {
  checkArgument(context, 'context', AN_OBJECT);
  const { status, platform, operation, headers } = context;
  const meaning = httpStatusMeaning(status);
  if (!meaning) return undefined;
  const { code, message } = extractPlatformMessage(context.body);
  const options: OcopConnectErrorOptions = {
    platform,
    operation,
    httpStatus: status,
    ...(code !== undefined ? { platformCode: code } : {}),
    ...(message !== undefined ? { platformMessage: message } : {}),
    ...(context.requestId !== undefined ? { requestId: context.requestId } : {}),
  };
  // Honoured on any status: 503 with Retry-After is as common as 429 with it.
  const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
  if (retryAfterMs !== undefined) options.retryAfterMs = retryAfterMs;
  const text = platformErrorText({
    name: PLATFORM_NAMES[platform] ?? platform,
    kind: meaning.kind,
    head: {
      vi: `${platform}: ${OPERATION_VI[operation] ?? `thao tác ${operation}`} không thành công`,
      en: `${platform} ${operation} failed`,
    },
    httpStatus: status,
    ...(code !== undefined ? { platformCode: code } : {}),
    ...(message !== undefined ? { platformMessage: message } : {}),
  });
  return createHttpKindError(meaning.kind, text, {
    ...options,
    ...(meaning.retriable !== undefined ? { retriable: meaning.retriable } : {}),
  });
}
