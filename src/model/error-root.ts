/**
 * The root of every error this library throws, in the lowest layer so that every layer — the
 * Vietnamese text helpers (`vn/`), the spreadsheet reader (`catalog/`), the pipeline (`core/`) and the
 * sandboxes — extends the same class. `core/errors.ts` adds the kinds' classes on top.
 */

import { deriveErrorText, joinBilingual } from './error-text.js';
import type { BilingualText } from './messages.js';

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

/**
 * Each kind: whether it is retriable unless told otherwise, and what it means for the reader in both
 * languages (the other language of an error made in one; see {@link OcopConnectError}).
 */
const KINDS: Readonly<Record<ErrorKind, { retriable: boolean } & BilingualText>> = {
  authentication: {
    retriable: false,
    vi: 'Đăng nhập bị từ chối: kiểm tra tên đăng nhập, mật khẩu hoặc token',
    en: 'Login refused: check the username, password or token',
  },
  permission: {
    retriable: false,
    vi: 'Tài khoản không có quyền làm việc này',
    en: 'This account is not allowed to do this',
  },
  not_found: { retriable: false, vi: 'Không tìm thấy trên sàn', en: 'Not found on the platform' },
  conflict: {
    retriable: false,
    vi: 'Đã tồn tại hoặc trạng thái không cho phép',
    en: 'Already exists or not allowed now',
  },
  rate_limited: {
    retriable: true,
    vi: 'Sàn đang giới hạn số yêu cầu; thử lại sau',
    en: 'The platform is throttling requests; try again later',
  },
  server: {
    retriable: true,
    vi: 'Máy chủ của sàn báo lỗi; thử lại sau',
    en: 'The platform failed; try again later',
  },
  network: {
    retriable: true,
    vi: 'Không kết nối được tới máy chủ (mạng hoặc địa chỉ sai)',
    en: 'Could not reach the server (network down or wrong address)',
  },
  timeout: { retriable: true, vi: 'Máy chủ không trả lời kịp', en: 'The server did not answer in time' },
  outcome_unknown: {
    retriable: false,
    vi: 'Không rõ yêu cầu đã được thực hiện chưa; hãy kiểm tra trên sàn trước khi thử lại',
    en: 'It is not known whether the request took effect; check on the platform before retrying',
  },
  invalid_request: { retriable: false, vi: 'Sàn từ chối yêu cầu', en: 'The platform refused the request' },
  validation: { retriable: false, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  contract_violation: {
    retriable: false,
    vi: 'Sàn trả lời không đúng định dạng đã biết',
    en: 'The platform answered in an unexpected format',
  },
  configuration: { retriable: false, vi: 'Cấu hình không hợp lệ', en: 'Invalid configuration' },
  aborted: { retriable: false, vi: 'Đã dừng', en: 'Stopped' },
  closed: {
    retriable: false,
    vi: 'Đã đóng, không dùng tiếp được: hãy tạo mới',
    en: 'Already closed: create a new one',
  },
  internal: {
    retriable: false,
    vi: 'Lỗi nội bộ của ocop-connect; hãy báo lỗi kèm thông tin dưới đây',
    en: 'Internal error in ocop-connect; please report it with the details below',
  },
};

/**
 * A message as given: a text, both texts (`{ vi, en }`, or `{ messageVi, messageEn }` as an issue
 * carries them), or a number and the like as its String (as `Error` does); undefined for nothing, an
 * empty text or an object that is none of these (the error then says what its kind means). Internal:
 * error classes whose constructors take a structured argument read their message through it too.
 */
export function givenMessage(message: unknown): string | BilingualText | undefined {
  if (typeof message === 'string') return message.trim() === '' ? undefined : message;
  if (typeof message === 'object' && message !== null) {
    const { vi, en, messageVi, messageEn } = message as Record<string, unknown>;
    const pair =
      typeof vi === 'string' || typeof en === 'string' ? { vi, en } : { vi: messageVi, en: messageEn };
    const viText = typeof pair.vi === 'string' && pair.vi.trim() !== '' ? pair.vi : undefined;
    const enText = typeof pair.en === 'string' && pair.en.trim() !== '' ? pair.en : undefined;
    if (viText !== undefined && enText !== undefined) return { vi: viText, en: enText };
    if (viText !== undefined || enText !== undefined) return viText ?? enText;
    const text = String(message);
    return text === '[object Object]' || text.trim() === '' ? undefined : text;
  }
  if (message === undefined || message === null) return undefined;
  const text = String(message);
  return text.trim() === '' ? undefined : text;
}

/** The message of an error of `kind`: as given (see {@link givenMessage}), else what the kind means. */
function textOf(kind: ErrorKind, message: unknown): string | BilingualText {
  const given = givenMessage(message);
  return given ?? { vi: KINDS[kind].vi, en: KINDS[kind].en };
}

/** `new OcopConnectError(5)`: the kind named, in both languages (kind `validation`). */
function unknownKind(kind: unknown): OcopConnectError {
  const got = kind === null ? 'null' : Array.isArray(kind) ? 'array' : typeof kind;
  const shown = typeof kind === 'string' ? `"${kind}"` : got;
  const kinds = Object.keys(KINDS).join(', ');
  if (kind === undefined) {
    return new OcopConnectError('validation', {
      vi: `kind: thiếu loại lỗi; hãy dùng một trong: ${kinds}`,
      en: `kind: missing; use one of: ${kinds}`,
    });
  }
  return new OcopConnectError('validation', {
    vi: `kind: phải là một loại lỗi (${kinds}) (nhận được ${shown})`,
    en: `kind: must be an error kind (${kinds}) (got ${shown})`,
  });
}

/** Every kind, in a stable order (for exhaustive tables and tests). */
export const ERROR_KINDS: readonly ErrorKind[] = Object.freeze(Object.keys(KINDS) as ErrorKind[]);

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
 *
 * Every error has its text in Vietnamese (`messageVi`) and in English (`messageEn`); `message` is one
 * readable string holding both. An error made with both texts keeps them; one made with a single
 * string gets the pair derived from it (a "Vietnamese / English" string is split; a string in one
 * language is kept for that language, and the other says what the kind means, the original in brackets).
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

  constructor(kind: ErrorKind, message: string | BilingualText, options: OcopConnectErrorOptions = {}) {
    // Like Error, any message is taken (a non-text one as its String; none or an empty one: what the
    // kind means, in both languages); an unknown kind is a caller's bug.
    if (!Object.hasOwn(KINDS, kind)) throw unknownKind(kind);
    message = textOf(kind, message);
    options = typeof options === 'object' && options !== null ? options : {};
    super(typeof message === 'string' ? message : joinBilingual(message));
    this.name = new.target.name;
    if (typeof message !== 'string') defineErrorText(this, message);
    defineErrorField(this, 'kind', kind);
    defineErrorField(this, 'retriable', options.retriable ?? KINDS[kind].retriable);
    for (const key of OPTION_FIELDS) {
      if (options[key] !== undefined) defineErrorField(this, key, options[key]);
    }
  }

  /** The text in Vietnamese: given at construction, or derived from `message` (see the class). */
  get messageVi(): string {
    return errorText(this).vi;
  }

  /** The text in English: given at construction, or derived from `message` (see the class). */
  get messageEn(): string {
    return errorText(this).en;
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

/** Where an error keeps the texts it was given (not enumerable: `toJSON` lists `messageVi`/`messageEn`). */
const ERROR_TEXT: unique symbol = Symbol('ocop-connect.errorText') as never;

/**
 * Gives an error its Vietnamese and English text, for a subclass that builds `message` itself (its
 * pair is then not derived from `message`). Internal, not exported by an entry.
 */
export function defineErrorText(error: OcopConnectError, text: BilingualText): void {
  defineErrorField(error, ERROR_TEXT, Object.freeze({ vi: text.vi, en: text.en }), false);
}

function errorText(error: OcopConnectError): BilingualText {
  const given = (error as unknown as { [ERROR_TEXT]?: BilingualText })[ERROR_TEXT];
  return given ?? deriveErrorText(error, KINDS[error.kind]);
}

/** The pair of an error text of `kind`: as given, or derived from one string (see OcopConnectError). */
export function errorTextOf(kind: ErrorKind, message: string | BilingualText): BilingualText {
  const text = textOf(kind, message);
  return typeof text === 'string' ? deriveErrorText({ kind, message: text }, KINDS[kind]) : text;
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
