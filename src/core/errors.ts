import type { ValidationIssue } from './validation-issue.js';

/**
 * What went wrong, named by what the caller does next:
 * re-authenticate, fix permissions, fix input, wait, retry later, give up, or reconcile.
 */
export type ErrorKind =
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'outcome_unknown'
  | 'invalid_request'
  | 'validation'
  | 'contract_violation'
  | 'configuration'
  | 'aborted';

/**
 * A redacted picture of the request that failed. Errors carry THIS, never the axios config
 * (which holds `Token` / `Authorization` headers and passwords in bodies).
 */
export interface RequestSummary {
  method: string;
  /** Path + query, with secret query parameters replaced by `[REDACTED]`. */
  url: string;
  operation?: string;
  attempt?: number;
}

export interface OcopConnectErrorOptions {
  platform?: string;
  httpStatus?: number;
  /** The platform's own error code (body `status`, `code`, `error_code` ...), as a string. */
  platformCode?: string;
  /** The platform's own message, verbatim (often Vietnamese). */
  platformMessage?: string;
  requestId?: string;
  operation?: string;
  /** Overrides the kind's default (e.g. a platform-declared retriable body error). */
  retriable?: boolean;
  request?: RequestSummary;
  /** Redacted response body, for diagnosis. */
  responseBody?: unknown;
  /** How long the platform asked us to wait (`Retry-After` on 429/503, or a body field), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

const DEFAULT_RETRIABLE: Record<ErrorKind, boolean> = {
  authentication: false,
  permission: false,
  not_found: false,
  conflict: false,
  rate_limited: true,
  server: true,
  network: true,
  timeout: true,
  outcome_unknown: false,
  invalid_request: false,
  validation: false,
  contract_violation: false,
  configuration: false,
  aborted: false,
};

/**
 * Brand shared by every copy of this library loaded in one process (the ESM and the CJS build, two
 * installed versions): `Symbol.for` returns the same symbol everywhere, unlike a class.
 */
const ERROR_BRAND: unique symbol = Symbol.for('ocop-connect.error') as never;

/** The class names on `value`'s prototype chain, when it carries the brand. */
function brandedClassNames(value: unknown): Set<string> | undefined {
  if (typeof value !== 'object' || value === null || !(ERROR_BRAND in value)) return undefined;
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(value);
    proto && proto !== Error.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const ctor = Object.hasOwn(proto, 'constructor')
      ? (proto as { constructor: unknown }).constructor
      : undefined;
    if (typeof ctor === 'function' && ctor.name) names.add(ctor.name);
  }
  return names;
}

/**
 * Root of every error this library throws. `instanceof OcopConnectError` (and of each subclass) catches
 * them all, also across the ESM and CJS builds (the dual-package hazard): an object carrying the
 * library's brand is an instance of a class when a class of that name is on its prototype chain.
 */
export class OcopConnectError extends Error {
  readonly kind: ErrorKind;
  declare platform?: string;
  declare httpStatus?: number;
  declare platformCode?: string;
  declare platformMessage?: string;
  declare requestId?: string;
  declare operation?: string;
  retriable: boolean;
  declare request?: RequestSummary;
  declare responseBody?: unknown;
  declare retryAfterMs?: number;
  declare cause?: unknown;

  constructor(kind: ErrorKind, message: string, options: OcopConnectErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.retriable = options.retriable ?? DEFAULT_RETRIABLE[kind];
    if (options.platform !== undefined) this.platform = options.platform;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.platformCode !== undefined) this.platformCode = options.platformCode;
    if (options.platformMessage !== undefined) this.platformMessage = options.platformMessage;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.request !== undefined) this.request = options.request;
    if (options.responseBody !== undefined) this.responseBody = options.responseBody;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.cause !== undefined) this.cause = options.cause;
  }

  /** Plain, already-redacted data: safe to log or send to an error tracker. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, kind: this.kind, message: this.message };
    for (const key of ERROR_JSON_FIELDS) {
      const value = (this as unknown as Record<string, unknown>)[key];
      if (value !== undefined) json[key] = value;
    }
    if (this.cause !== undefined) json.cause = describeCause(this.cause);
    return json;
  }
}

/*
 * `instanceof` across the ESM and CJS builds. Installed as a plain function (not a static method) so
 * that `this` is the class on the right of `instanceof` for every subclass: inherited as written with
 * the root's name, every library error would be "instanceof ValidationError".
 */
Object.defineProperty(OcopConnectError, Symbol.hasInstance, {
  value: function hasInstance(this: abstract new (...args: never[]) => unknown, value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return brandedClassNames(value)?.has(this.name) ?? false;
  },
});

const ERROR_JSON_FIELDS = [
  'platform',
  'operation',
  'httpStatus',
  'platformCode',
  'platformMessage',
  'requestId',
  'retriable',
  'request',
  'responseBody',
  'retryAfterMs',
  'issues',
  'problems',
] as const;

function describeCause(cause: unknown): unknown {
  if (cause instanceof OcopConnectError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? { name: cause.name, code, message: cause.message } : cause.message;
  }
  return String(cause);
}

/** Credentials were refused or the token expired; the pipeline already re-authenticated once. */
export class AuthenticationError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('authentication', message, options);
  }
}

/** Authenticated, but this account may not do this (wrong shop, missing scope, not a partner). */
export class PermissionError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('permission', message, options);
  }
}

export class NotFoundError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('not_found', message, options);
  }
}

/** The object already exists (duplicate reference, duplicate SKU) or the state forbids the change. */
export class ConflictError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('conflict', message, options);
  }
}

export type RateLimitedErrorOptions = OcopConnectErrorOptions;

/**
 * The platform throttled us (HTTP 429, or a throttling code inside a 200 body). Wait
 * `retryAfterMs` (when known) and retry.
 */
export class RateLimitedError extends OcopConnectError {
  constructor(message: string, options: RateLimitedErrorOptions = {}) {
    super('rate_limited', message, options);
  }
}

/** The platform failed (5xx or a body error it declares transient). Usually safe to retry later. */
export class ServerError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
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
  requestSent: boolean;
  declare code?: string;
  constructor(message: string, options: NetworkErrorOptions = {}) {
    super('network', message, options);
    this.requestSent = options.requestSent ?? true;
    if (options.code !== undefined) this.code = options.code;
  }
}

/** No response within `timeoutMs` (or the platform answered HTTP 408). */
export class TimeoutError extends OcopConnectError {
  declare timeoutMs?: number;
  constructor(message: string, options: OcopConnectErrorOptions & { timeoutMs?: number } = {}) {
    super('timeout', message, options);
    if (options.timeoutMs !== undefined) this.timeoutMs = options.timeoutMs;
  }
}

/**
 * A write that is NOT safe to repeat was sent and its response was lost (timeout, reset).
 * It may or may not have happened on the platform. It was deliberately not retried: look the
 * object up by your reference (or wait for the webhook) before trying again.
 */
export class OutcomeUnknownError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('outcome_unknown', message, options);
  }
}

/** The platform rejected the request as malformed or invalid (HTTP 400/422 or a body error). */
export class InvalidRequestError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('invalid_request', message, options);
  }
}

/** OUR input failed our own model's rules; nothing was sent. */
export class ValidationError extends OcopConnectError {
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[], options?: OcopConnectErrorOptions) {
    super('validation', message, options);
    this.issues = issues;
  }
}

/** The platform answered something that does not fit its own contract (bad JSON, missing field). */
export class ContractViolationError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('contract_violation', message, options);
  }
}

/** Bad options at construction. Lists every problem at once, not just the first. */
export class ConfigurationError extends OcopConnectError {
  readonly problems: string[];
  constructor(message: string, problems: string[], options?: OcopConnectErrorOptions) {
    super('configuration', problems.length ? `${message}: ${problems.join('; ')}` : message, options);
    this.problems = problems;
  }
}

/** The caller aborted the call through its `signal`. */
export class AbortedError extends OcopConnectError {
  constructor(message: string, options?: OcopConnectErrorOptions) {
    super('aborted', message, options);
  }
}

Object.defineProperty(OcopConnectError.prototype, ERROR_BRAND, { value: true });

/** True for any error of this library, whichever build (ESM, CJS) or copy threw it. */
export function isOcopConnectError(error: unknown): error is OcopConnectError {
  return error instanceof OcopConnectError;
}
