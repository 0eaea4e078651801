/**
 * The root of every error this library throws, in the lowest layer so that every layer — the
 * Vietnamese text helpers (`vn/`), the spreadsheet reader (`catalog/`), the pipeline (`core/`) and the
 * sandboxes — extends the same class. `core/errors.ts` adds the kinds' classes on top.
 */

/**
 * What went wrong, named by what the caller does next:
 * re-authenticate, fix permissions, fix input, wait, retry later, give up, reconcile, or report a bug.
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
  | 'aborted'
  /** A connector, store or limiter was used after `close()`. */
  | 'closed'
  /** A bug: something that is not a library error escaped (a TypeError in a hook, say). Report it. */
  | 'internal';

/**
 * A redacted picture of the request that failed. Errors carry THIS, never the axios config
 * (which holds `Token` / `Authorization` headers and passwords in bodies).
 */
export interface RequestSummary {
  readonly method: string;
  /** Path + query, with secret query parameters replaced by `[REDACTED]`. */
  readonly url: string;
  readonly operation?: string;
  readonly attempt?: number;
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

const DEFAULT_RETRIABLE: Readonly<Record<ErrorKind, boolean>> = {
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
  closed: false,
  internal: false,
};

/** Every kind, in a stable order (for exhaustive tables and tests). */
export const ERROR_KINDS: readonly ErrorKind[] = Object.freeze(Object.keys(DEFAULT_RETRIABLE) as ErrorKind[]);

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
 * Every field is read-only: an error is a record of what happened.
 */
export class OcopConnectError extends Error {
  declare readonly kind: ErrorKind;
  declare readonly platform?: string;
  declare readonly httpStatus?: number;
  declare readonly platformCode?: string;
  declare readonly platformMessage?: string;
  declare readonly requestId?: string;
  declare readonly operation?: string;
  declare readonly retriable: boolean;
  declare readonly request?: RequestSummary;
  declare readonly responseBody?: unknown;
  declare readonly retryAfterMs?: number;
  declare readonly cause?: unknown;

  constructor(kind: ErrorKind, message: string, options: OcopConnectErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    defineErrorField(this, 'kind', kind);
    defineErrorField(this, 'retriable', options.retriable ?? DEFAULT_RETRIABLE[kind]);
    for (const key of OPTION_FIELDS) {
      if (options[key] !== undefined) defineErrorField(this, key, options[key]);
    }
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
 * the root's name, every library error would be "instanceof ValidationError". (Do not let a linter's
 * autofix rewrite `this` here.)
 */
Object.defineProperty(OcopConnectError, Symbol.hasInstance, {
  value: function hasInstance(this: abstract new (...args: never[]) => unknown, value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return brandedClassNames(value)?.has(this.name) ?? false;
  },
});

Object.defineProperty(OcopConnectError.prototype, ERROR_BRAND, { value: true });

/** The options copied onto the error as read-only fields (`retriable` is resolved separately). */
const OPTION_FIELDS = [
  'platform',
  'httpStatus',
  'platformCode',
  'platformMessage',
  'requestId',
  'operation',
  'request',
  'responseBody',
  'retryAfterMs',
  'cause',
] as const satisfies readonly (keyof OcopConnectErrorOptions)[];

/**
 * Defines a field of an error as read-only at run time too (not only in the types): not writable,
 * arrays frozen (a copy). Configurable, so that the pipeline can still complete an error it classifies
 * (`underConstruction` in `core/errors.ts`) before anyone else sees it. Internal, not exported by an entry.
 */
export function defineErrorField(error: Error, key: PropertyKey, value: unknown, enumerable = true): void {
  Object.defineProperty(error, key, {
    value: Array.isArray(value) ? Object.freeze([...value]) : value,
    enumerable,
    writable: false,
    configurable: true,
  });
}

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
  'code',
  'messageVi',
  'messageEn',
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

/** True for any error of this library, whichever build (ESM, CJS) or copy threw it. */
export function isOcopConnectError(error: unknown): error is OcopConnectError {
  return error instanceof OcopConnectError;
}
