import {
  defineErrorField,
  defineErrorText,
  errorTextOf,
  givenMessage,
  OcopConnectError,
  type OcopConnectErrorOptions,
} from '../model/error-root.js';
import { detailText, withDetails } from '../model/error-text.js';
import type { BilingualText } from '../model/messages.js';
import type { ValidationIssue } from './validation-issue.js';

/** An error's text: both languages, or one string its pair is derived from (see OcopConnectError). */
export type ErrorText = string | BilingualText;

export {
  ERROR_KINDS,
  type ErrorKind,
  isOcopConnectError,
  OcopConnectError,
  type OcopConnectErrorOptions,
  type RequestSummary,
} from '../model/error-root.js';

/** Credentials were refused or the token expired; the pipeline already re-authenticated once. */
export class AuthenticationError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('authentication', message, options);
  }
}

/** Authenticated, but this account may not do this (wrong shop, missing scope, not a partner). */
export class PermissionError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('permission', message, options);
  }
}

export class NotFoundError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('not_found', message, options);
  }
}

/** The object already exists (duplicate reference, duplicate SKU) or the state forbids the change. */
export class ConflictError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('conflict', message, options);
  }
}

/**
 * The platform throttled us (HTTP 429, or a throttling code inside a 200 body). Wait
 * `retryAfterMs` (when known) and retry.
 */
export class RateLimitedError extends OcopConnectError {
  constructor(message: ErrorText, options: OcopConnectErrorOptions = {}) {
    super('rate_limited', message, options);
  }
}

/** The platform failed (5xx or a body error it declares transient). Usually safe to retry later. */
export class ServerError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('server', message, options);
  }
}

export interface NetworkErrorOptions extends OcopConnectErrorOptions {
  /**
   * False when the connection never opened (DNS failure, connection refused): the platform cannot
   * have seen the request, so even a non-idempotent write may be repeated.
   */
  requestSent?: boolean;
  /** Node's error code, e.g. `ECONNRESET`. */
  code?: string;
}

/** No response arrived (connection refused/reset, DNS failure). */
export class NetworkError extends OcopConnectError {
  declare readonly requestSent: boolean;
  declare readonly code?: string;
  constructor(message: ErrorText, options: NetworkErrorOptions = {}) {
    super('network', message, options);
    defineErrorField(this, 'requestSent', options.requestSent ?? true);
    if (options.code !== undefined) defineErrorField(this, 'code', options.code);
  }
}

/** No response within `timeoutMs` (or the platform answered HTTP 408). */
export class TimeoutError extends OcopConnectError {
  declare readonly timeoutMs?: number;
  constructor(message: ErrorText, options: OcopConnectErrorOptions & { timeoutMs?: number } = {}) {
    super('timeout', message, options);
    if (options.timeoutMs !== undefined) defineErrorField(this, 'timeoutMs', options.timeoutMs);
  }
}

/**
 * A write that is NOT safe to repeat was sent and its response was lost (timeout, reset).
 * It may or may not have happened on the platform. It was deliberately not retried: look the
 * object up by your reference (or wait for the webhook) before trying again.
 */
export class OutcomeUnknownError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('outcome_unknown', message, options);
  }
}

/** The platform rejected the request as malformed or invalid (HTTP 400/422 or a body error). */
export class InvalidRequestError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('invalid_request', message, options);
  }
}

/** OUR input failed our own model's rules; nothing was sent. */
export class ValidationError extends OcopConnectError {
  /** Frozen: an error is a record of what happened. */
  declare readonly issues: readonly ValidationIssue[];
  /** `issues` left out (or not an array): none, the message says what is wrong. */
  constructor(
    message: ErrorText,
    issues: readonly ValidationIssue[] = [],
    options?: OcopConnectErrorOptions,
  ) {
    super('validation', message, options);
    if (!Array.isArray(issues)) issues = [];
    defineErrorField(this, 'issues', issues);
    const details = issues
      .filter((issue) => typeof issue === 'object' && issue !== null)
      .map((issue) => ({ vi: String(issue.messageVi ?? ''), en: String(issue.messageEn ?? '') }));
    defineErrorText(this, withDetails(errorTextOf('validation', message), details));
  }
}

/** The platform answered something that does not fit its own contract (bad JSON, missing field). */
export class ContractViolationError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('contract_violation', message, options);
  }
}

/** Bad options at construction. Lists every problem at once, not just the first. */
export class ConfigurationError extends OcopConnectError {
  /** Frozen: an error is a record of what happened. */
  declare readonly problems: readonly string[];
  /** `problems` left out (or not an array): none, the message says what is wrong. */
  constructor(message: ErrorText, problems: readonly string[] = [], options?: OcopConnectErrorOptions) {
    const list = Array.isArray(problems) ? problems.map(String) : [];
    const text = withDetails(errorTextOf('configuration', message), list.map(detailText));
    const given = givenMessage(message);
    super(
      'configuration',
      typeof given !== 'string' ? text : list.length ? `${given}: ${list.join('; ')}` : given,
      options,
    );
    defineErrorField(this, 'problems', list);
    defineErrorText(this, text);
  }
}

/** The caller aborted the call through its `signal`. */
export class AbortedError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('aborted', message, options);
  }
}

/** Used after `close()`: a connector, a store or a rate limiter. Create a new one. */
export class ClosedError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('closed', message, options);
  }
}

/** The connector was closed (`connector.close()`); its adapters and store are released. */
export class ConnectorClosedError extends ClosedError {
  constructor(operation?: string) {
    super(
      { en: 'Connector is closed: create a new connector', vi: 'Connector đã đóng: hãy tạo connector mới' },
      operation === undefined ? {} : { operation },
    );
  }
}

/** An adapter (its platform client) used after `close()`: kind `closed`. Internal. */
export function adapterClosed(platform: string, operation?: string): ClosedError {
  return new ClosedError(
    {
      en: `${platform} adapter is closed: create a new one`,
      vi: `Adapter ${platform} đã đóng: hãy tạo adapter mới`,
    },
    { platform, ...(operation ? { operation } : {}) },
  );
}

/**
 * A bug, not a platform's or the caller's fault: something that is not a library error escaped
 * (a TypeError in a hook, a failing dependency). `cause` holds the original; please report it.
 */
export class InternalError extends OcopConnectError {
  constructor(message: ErrorText, options?: OcopConnectErrorOptions) {
    super('internal', message, options);
  }
}

/** An error's fields, writable: only for the pipeline, which completes errors it classifies. */
export type ErrorUnderConstruction = { -readonly [K in keyof OcopConnectError]: OcopConnectError[K] };

/**
 * Internal: lets the pipeline fill in what it learns after an error was made (platform, request,
 * a redacted body) before anyone else sees the error. The fields stay read-only for everyone else.
 * Not part of the public API.
 */
export function underConstruction(error: OcopConnectError): ErrorUnderConstruction {
  return new Proxy(error, {
    set(target, key, value) {
      const own = Object.getOwnPropertyDescriptor(target, key);
      // `message` and `stack` are Error's own writable fields: they stay as Error made them.
      if (own?.writable) Reflect.set(target, key, value);
      else defineErrorField(target, key, value, own?.enumerable ?? true);
      return true;
    },
  }) as ErrorUnderConstruction;
}

/**
 * What the library's boundary turns anything that is not a library error into (a TypeError thrown by
 * a hook, a bug of ours): an {@link InternalError} with the original as `cause`. Library errors pass.
 */
export function asInternalError(
  error: unknown,
  context: { platform?: string; operation?: string } = {},
): OcopConnectError {
  if (error instanceof OcopConnectError) return error;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const scope = {
    ...(context.platform !== undefined ? { platform: context.platform } : {}),
    ...(context.operation !== undefined ? { operation: context.operation } : {}),
    cause: error,
  };
  // A signal's abort (a DOMException AbortError) keeps its meaning: the caller aborted.
  if (error instanceof Error && error.name === 'AbortError') {
    return new AbortedError({ vi: 'Đã huỷ theo yêu cầu', en: 'Aborted by the caller' }, scope);
  }
  const where = [context.operation, context.platform && `(${context.platform})`].filter(Boolean).join(' ');
  const prefix = where ? `${where}: ` : '';
  return new InternalError(
    {
      vi: `${prefix}lỗi nội bộ, vui lòng báo lại — ${reason}`,
      en: `${prefix}internal error, please report it — ${reason}`,
    },
    scope,
  );
}
