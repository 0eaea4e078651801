import {
  AuthenticationError,
  ConflictError,
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

type ErrorFactory = (message: string, options: OcopConnectErrorOptions) => OcopConnectError;

/** HTTP statuses whose meaning is the same on every platform. */
const STATUS_TABLE: Record<number, ErrorFactory> = {
  400: (m, o) => new InvalidRequestError(m, o),
  401: (m, o) => new AuthenticationError(m, o),
  403: (m, o) => new PermissionError(m, o),
  404: (m, o) => new NotFoundError(m, o),
  408: (m, o) => new TimeoutError(m, o),
  409: (m, o) => new ConflictError(m, o),
  410: (m, o) => new NotFoundError(m, o),
  422: (m, o) => new InvalidRequestError(m, o),
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
  const { status, platform, operation, headers } = context;
  if (status < 400) return undefined;
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
  const text = `${platform} ${operation} failed with HTTP ${status}${message ? `: ${message}` : ''}`;
  if (status === 429) return new RateLimitedError(text, options);
  const factory = STATUS_TABLE[status];
  if (factory) return factory(text, options);
  // 501 Not Implemented and 505 will not get better by waiting.
  if (status >= 500)
    return new ServerError(text, { ...options, retriable: status !== 501 && status !== 505 });
  return new InvalidRequestError(text, options);
}
