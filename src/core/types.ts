import type { Logger } from 'pino';
import type { AuthStrategy } from './auth/types.js';
import type { OcopConnectError } from './errors.js';
import type { RateLimitConfig, RequestLimiter, TrafficClass } from './limiter.js';
import type { RedactionRules } from './redact.js';
import type { RetryPolicy } from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type { RateLimitConfig, TrafficClass } from './limiter.js';

export const TRAFFIC_CLASSES: readonly TrafficClass[] = ['auth', 'read', 'write', 'bulk'];

/**
 * Per-class limits. `shared` is one limiter used by every class without its own entry — for a
 * platform whose quota is global per account.
 */
export type RateLimitsOption = Partial<Record<TrafficClass | 'shared', RateLimitConfig>>;

/** One logical call to a platform. */
export interface ApiRequest {
  /** Stable name used in logs, errors and mapping (`createShipment`, `listOrders`). */
  operation: string;
  method: HttpMethod;
  /** Relative to the client's base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-serialisable body. */
  body?: unknown;
  /** Raw bytes (multipart uploads); wins over `body`. */
  rawBody?: Buffer;
  /** @default `application/json` when `body` is set */
  contentType?: string;
  headers?: Record<string, string>;
  /** @default `read` for GET, `write` otherwise */
  trafficClass?: TrafficClass;
  /** @default true — false for login calls and public catalogs */
  authenticated?: boolean;
  /**
   * Which identity signs an authenticated call, for strategies with more than one (Shopee signs some
   * calls for the partner app alone, others for the shop with its access token). @default 'user'
   */
  authLevel?: 'app' | 'user';
  /**
   * The write is safe to repeat: the platform honours an idempotency key or a unique reference
   * (ViettelPost `CHECK_UNIQUE` + `ORDER_NUMBER`). GET is always treated as idempotent.
   */
  idempotent?: boolean;
  /**
   * Lookup-before-retry for writes that are not idempotent: after a lost response, the pipeline
   * calls this before sending again. A value means "it happened": that value becomes the result
   * (with `recovered: true`) and no second write is sent. `undefined` means "it did not happen":
   * the write is retried.
   */
  recover?: () => Promise<unknown | undefined>;
  /**
   * For a platform that does not refuse a duplicate (nothing stops a second listing with the same
   * SKU): when the response was LOST (timeout, reset) and `recover` finds nothing, look again after
   * each of these waits (ms) — the platform may commit after we gave up — and, still finding nothing,
   * fail with OutcomeUnknownError instead of sending the write again. Without it, "not found" means
   * "re-send". A 5xx answer still leads to a re-send after the lookup.
   */
  recoverLookAgainMs?: readonly number[];
  /** How to read the response body. @default `json` */
  responseType?: 'json' | 'text' | 'arraybuffer';
}

/** Per-call overrides of the client's defaults. */
export interface CallOptions {
  timeoutMs?: number;
  /** Maximum retries after the first attempt (0 = no retry). */
  retries?: number;
  signal?: AbortSignal;
  /**
   * Sent in the client's `idempotencyHeader` (one key per LOGICAL write, reused on every retry);
   * makes a write retriable when the platform honours it.
   */
  idempotencyKey?: string;
}

export interface ApiResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string>;
  /** Attempts made, including the successful one (1 = no retry). */
  attempts: number;
  /** From the first attempt's start to the result, including waits. */
  durationMs: number;
  requestId?: string;
  /** True when the result came from the request's `recover` lookup, not from the write itself. */
  recovered?: boolean;
}

export interface ErrorMappingContext {
  platform: string;
  operation: string;
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when possible, else the text (or Buffer for `arraybuffer`). */
  body: unknown;
  requestId?: string;
}

/**
 * One function per platform. Called for EVERY response including HTTP 200 (ViettelPost puts
 * errors in 200 bodies). Return an error to fail the attempt, or undefined to accept the response
 * (the generic HTTP-status mapper then handles any status >= 400 the platform mapper ignored).
 */
export type PlatformErrorMapper = (context: ErrorMappingContext) => OcopConnectError | undefined;

export interface PlatformClientOptions {
  /** `viettelpost`, `voso`, `postmart` ... */
  platform: string;
  /** Which account (phone, shop id): limiters, tokens and logs are per account. */
  account: string;
  baseUrl: string;
  /** @default DEFAULT_TIMEOUT_MS (30 000) */
  timeoutMs?: number;
  /** @default `ocop-connect/<version>` */
  userAgent?: string;
  /** pino logger; a child per platform/account is derived. @default a silent logger */
  logger?: Logger;
  /** Level of the logger created when `logger` is not given (stdout). @default `silent` */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  rateLimits?: RateLimitsOption;
  /**
   * Where requests wait for their rate-limit slot. Give several clients (adapters) of one account the
   * same limiter and they share one quota; a limiter backed by a shared store shares it between
   * processes. The client does not close a limiter it was given.
   * @default a new in-process limiter owned (and closed) by this client
   */
  limiter?: RequestLimiter;
  retry?: Partial<RetryPolicy>;
  auth?: AuthStrategy;
  mapError: PlatformErrorMapper;
  redaction?: Partial<RedactionRules>;
  /** Header carrying `CallOptions.idempotencyKey`, for platforms that honour one. */
  idempotencyHeader?: string;
  /** Response header holding the platform's request id. @default `x-request-id` */
  requestIdHeader?: string;
  /** Extra headers on every request. */
  defaultHeaders?: Record<string, string>;
  /**
   * Allow TLS legacy renegotiation (OpenSSL `SSL_OP_LEGACY_SERVER_CONNECT`) on THIS client's own
   * https agent, i.e. for its `baseUrl` host only (redirects are never followed). For a platform host
   * that still lacks RFC 5746 support (MyVNPost's production host, as integrators report); never set
   * it for a host that does not need it.
   * @default false
   */
  legacyTlsRenegotiation?: boolean;
}

export interface RequestEvent {
  platform: string;
  account: string;
  operation: string;
  method: HttpMethod;
  /** Path without query string. */
  path: string;
  /** Redacted path + query. */
  url: string;
  status?: number;
  durationMs: number;
  attempt: number;
  errorKind?: string;
}

export interface RetryEvent {
  platform: string;
  account: string;
  operation: string;
  attempt: number;
  delayMs: number;
  reason: string;
  errorKind: string;
  httpStatus?: number;
}

export interface RateLimitedEvent {
  platform: string;
  account: string;
  operation: string;
  trafficClass: TrafficClass;
  retryAfterMs?: number;
  httpStatus?: number;
}

export interface AuthEvent {
  platform: string;
  account: string;
  action: 'reauthenticate' | 'failed';
  operation: string;
}

export interface PlatformClientEvents {
  request: RequestEvent;
  retry: RetryEvent;
  rateLimited: RateLimitedEvent;
  auth: AuthEvent;
}

export type PlatformClientEventName = keyof PlatformClientEvents;

export interface PlatformClientEventEmitter {
  on<E extends PlatformClientEventName>(event: E, listener: (payload: PlatformClientEvents[E]) => void): this;
  off<E extends PlatformClientEventName>(
    event: E,
    listener: (payload: PlatformClientEvents[E]) => void,
  ): this;
  once<E extends PlatformClientEventName>(
    event: E,
    listener: (payload: PlatformClientEvents[E]) => void,
  ): this;
}

/** Read-only view of one limiter, for the publish engine to reason about throughput. */
export interface RateLimiterView {
  readonly key: string;
  readonly config: Required<RateLimitConfig>;
  /** Jobs waiting + running. */
  pending(): number;
  /** Minimum ms between request starts in steady state. */
  readonly spacingMs: number;
}

export interface PlatformClient {
  readonly platform: string;
  readonly account: string;
  request<T = unknown>(req: ApiRequest, opts?: CallOptions): Promise<ApiResponse<T>>;
  readonly events: PlatformClientEventEmitter;
  /** The limiter a request of this class goes through (platform + account + class). */
  limiter(trafficClass: TrafficClass): RateLimiterView;
  readonly logger: Logger;
  /** Stops limiters and timers; pending calls reject. Idempotent. */
  close(): Promise<void>;
}
