import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { AuthStrategy } from './auth/types.js';
import {
  abortedInFlight,
  type CallState,
  callerError,
  limiterOutcome,
  type SendOutcome,
} from './call-state.js';
import type { ClientEvents } from './client-events.js';
import { validateClientOptions } from './client-options.js';
import { ClientSlots } from './client-slots.js';
import { ClientTelemetry } from './client-telemetry.js';
import { adapterClosed, asInternalError, OcopConnectError, underConstruction } from './errors.js';
import type { LimiterPriority } from './limiter.js';
import { createLogger, platformLogger } from './logger.js';
import { recoverByLookup } from './recover-by-lookup.js';
import { mergeRedactionRules, type RedactionRules, redactBody, redactHeaders } from './redact.js';
import { checkRequestArguments } from './request-arguments.js';
import {
  authorizeRequest,
  prepareRequest,
  redactedSummary,
  scrubError,
  secretValuesOf,
} from './request-preparation.js';
import { classifyResponse } from './response-classification.js';
import {
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type RepeatSafety,
  type RetryDecision,
  type RetryPolicy,
} from './retry-policy.js';
import { sleep } from './sleep.js';
import { HttpTransport, type RawResponse } from './transport.js';
import type {
  ApiRequest,
  ApiResponse,
  CallOptions,
  PlatformClient,
  PlatformClientOptions,
  RateLimiterView,
  TrafficClass,
} from './types.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT } from './version.js';

const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';

/** Times a request gives its slot back because its token expired while it queued. */
const MAX_PREPARE_ROUNDS = 3;
/** Re-logins within one attempt when each fresh token expired before it could be used. */
const MAX_RELOGINS_PER_ATTEMPT = 3;

/**
 * The one request pipeline every adapter sends through:
 * limiter slot → auth → transport → platform error mapping → retry decision (pure) → typed error.
 */
class DefaultPlatformClient implements PlatformClient {
  readonly platform: string;
  readonly account: string;
  readonly events: ClientEvents;
  readonly logger: Logger;
  readonly #telemetry: ClientTelemetry;
  readonly #options: PlatformClientOptions;
  readonly #transport: HttpTransport;
  readonly #slots: ClientSlots;
  readonly #retryPolicy: RetryPolicy;
  readonly #redaction: RedactionRules;
  readonly #auth: AuthStrategy | undefined;
  #closed = false;

  constructor(options: PlatformClientOptions) {
    validateClientOptions(options);
    this.#options = options;
    this.platform = options.platform;
    this.account = options.account;
    this.logger = platformLogger(
      options.logger ?? createLogger(options.logLevel ? { level: options.logLevel } : {}),
      options.platform,
      options.account,
    );
    this.#telemetry = new ClientTelemetry(this.logger, options.platform, options.account);
    this.events = this.#telemetry.events;
    this.#transport = new HttpTransport({
      baseUrl: options.baseUrl,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      ...(options.legacyTlsRenegotiation ? { legacyTlsRenegotiation: true } : {}),
    });
    this.#slots = new ClientSlots(options);
    this.#retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#redaction = mergeRedactionRules(options.redaction);
    this.#auth = options.auth;
  }

  limiter(trafficClass: TrafficClass): RateLimiterView {
    return this.#slots.view(trafficClass);
  }

  async request<T = unknown>(request: ApiRequest, options: CallOptions = {}): Promise<ApiResponse<T>> {
    // The caller's mistakes, before anything is sent: a ValidationError naming request.<field>, a
    // ConfigurationError naming the option (not an InternalError from deep inside the pipeline).
    checkRequestArguments(request, options);
    try {
      return await this.#request<T>(request, options);
    } catch (error) {
      // The boundary: whatever is not a library error (a hook's TypeError, a bug) is an InternalError.
      const operation = (request as Partial<ApiRequest> | undefined)?.operation;
      throw asInternalError(error, { platform: this.platform, ...(operation ? { operation } : {}) });
    }
  }

  async #request<T>(request: ApiRequest, options: CallOptions): Promise<ApiResponse<T>> {
    if (this.#closed) throw adapterClosed(this.platform, request.operation);
    const trafficClass = request.trafficClass ?? (request.method === 'GET' ? 'read' : 'write');
    const prepared = prepareRequest(request, options, this.#options);
    const state: CallState = {
      platform: this.platform,
      request,
      options,
      prepared,
      trafficClass,
      scope: this.#slots.scope(trafficClass),
      startedMs: performance.now(),
      sends: 0,
      secrets: secretValuesOf(prepared, request, this.#redaction),
    };
    const policy: RetryPolicy = {
      ...this.#retryPolicy,
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
    };
    const safety = this.#repeatSafety(request, options);
    let decision: RetryDecision | undefined;
    let recoverBeforeNextSend = false;
    await this.#transport.ready();
    let lastError: OcopConnectError | undefined;

    // The policy decides (pure, tested on its own); this loop only carries it out.
    for (let attempt = 1; ; attempt++) {
      try {
        if (recoverBeforeNextSend) {
          recoverBeforeNextSend = false;
          const recovered = await recoverByLookup<T>(state, this.#telemetry, lastError);
          if (recovered) return recovered;
        }
        return await this.#attempt<T>(state);
      } catch (error) {
        if (!(error instanceof OcopConnectError)) throw this.#finalError(error, state, decision);
        lastError = error;
        decision = decideRetry({
          error,
          attempt,
          elapsedMs: performance.now() - state.startedMs,
          safety,
          policy,
        });
        if (!decision.retry) throw this.#finalError(error, state, decision);
        this.#telemetry.retry({
          operation: request.operation,
          attempt,
          delayMs: decision.delayMs,
          reason: decision.reason,
          errorKind: error.kind,
          ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
        });
        try {
          await sleep(decision.delayMs, options.signal);
        } catch (aborted) {
          throw this.#finalError(aborted, state, undefined);
        }
        recoverBeforeNextSend = decision.recoverFirst;
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#slots.close();
    this.#transport.close();
  }

  #repeatSafety(request: ApiRequest, options: CallOptions): RepeatSafety {
    if (request.method === 'GET' || request.idempotent) return 'safe';
    if (options.idempotencyKey && this.#options.idempotencyHeader) return 'safe';
    return request.recover ? 'recoverable' : 'unsafe';
  }

  /** One attempt: a send, plus at most one re-send after re-authenticating. */
  async #attempt<T>(state: CallState): Promise<ApiResponse<T>> {
    let outcome = await this.#sendThroughLimiter(
      state,
      // Logins and retries go first: queued requests wait for the one, the other holds started work.
      state.sends > 0 || state.trafficClass === 'auth' ? 'retry' : 'normal',
    );
    const auth = this.#auth;
    // One re-login per attempt; more only while the refused token had already expired by our own
    // clock (short-lived tokens outliving a long 429 wait): that is expiry, not wrong credentials.
    let relogins = 0;
    const mayRelogin = () =>
      relogins === 0 || (relogins < MAX_RELOGINS_PER_ATTEMPT && auth?.ready !== undefined && !auth.ready());
    while (
      outcome.error?.kind === 'authentication' &&
      auth?.onAuthError &&
      this.#isAuthenticated(state.request) &&
      mayRelogin()
    ) {
      if (!(await auth.onAuthError(outcome.applied))) break;
      relogins++;
      this.#telemetry.auth({ action: 'reauthenticate', operation: state.request.operation });
      outcome = await this.#sendThroughLimiter(state, 'retry');
    }
    if (outcome.error?.kind === 'authentication' && relogins > 0) {
      this.#telemetry.auth({ action: 'failed', operation: state.request.operation });
    }
    if (outcome.error) throw outcome.error;
    const response = outcome.response!;
    const requestId = this.#requestIdOf(response);
    return {
      status: response.status,
      data: response.body as T,
      headers: response.headers,
      attempts: state.sends,
      durationMs: Math.round(performance.now() - state.startedMs),
      ...(requestId !== undefined ? { requestId } : {}),
    };
  }

  #isAuthenticated(request: ApiRequest): boolean {
    return request.authenticated !== false && this.#auth !== undefined;
  }

  async #sendThroughLimiter(state: CallState, priority: LimiterPriority): Promise<SendOutcome> {
    const auth = this.#isAuthenticated(state.request) ? this.#auth! : undefined;
    return this.#slots.counted(state.scope, async () => {
      for (let round = 1; ; round++) {
        await auth?.prepare?.(state.request.authLevel);
        const permit = await this.#slots.acquire(
          state.scope,
          round > 1 ? 'retry' : priority,
          state.options.signal,
          state.request.operation,
        );
        // The token may have expired while we queued: give the slot back rather than log in from
        // inside it (the login may need a slot of this very limiter). After a few rounds, go on.
        if (auth?.ready && !auth.ready(state.request.authLevel) && round < MAX_PREPARE_ROUNDS) {
          permit.release({ sent: false, answered: false, rateLimited: false });
          continue;
        }
        let outcome: SendOutcome;
        try {
          outcome = await this.#sendOnce(state);
        } catch (error) {
          permit.release({ sent: true, answered: false, rateLimited: false });
          throw error;
        }
        permit.release(limiterOutcome(outcome));
        return outcome;
      }
    });
  }

  async #sendOnce(state: CallState): Promise<SendOutcome> {
    const { request, prepared } = state;
    const attempt = ++state.sends;
    const auth = this.#isAuthenticated(request) ? this.#auth : undefined;
    const { wire, applied } = await authorizeRequest(prepared, request, auth, state.secrets);
    const summary = redactedSummary(wire, request.operation, attempt, this.#redaction);
    const base = { platform: this.platform, operation: request.operation, request: summary };
    const sentMs = performance.now();
    this.#telemetry.sending({
      ...summary,
      headers: redactHeaders(wire.headers, this.#redaction),
      body: redactBody(request.body, this.#redaction),
    });
    let outcome: SendOutcome;
    // A write the caller aborts while it is in flight may have been carried out by the platform.
    const abortedBeforeSend = state.options.signal?.aborted === true;
    try {
      const response = await this.#transport.send(wire, {
        timeoutMs: state.options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(state.options.signal ? { signal: state.options.signal } : {}),
        errorOptions: base,
      });
      outcome = { response, applied };
      const requestId = this.#requestIdOf(response);
      const error = classifyResponse(response, {
        platform: this.platform,
        operation: request.operation,
        mapError: this.#options.mapError,
        ...(requestId !== undefined ? { requestId } : {}),
      });
      if (error) {
        underConstruction(error).request ??= summary;
        outcome = { applied, error, answer: response };
      }
    } catch (error) {
      if (!(error instanceof OcopConnectError)) throw error;
      outcome = { applied, error };
      if (error.kind === 'aborted' && !abortedBeforeSend && request.method !== 'GET')
        outcome = { applied, error: abortedInFlight(state, error) };
    }
    this.#telemetry.request({
      operation: request.operation,
      method: request.method,
      path: prepared.path,
      url: summary.url,
      durationMs: Math.round(performance.now() - sentMs),
      attempt,
      ...(outcome.response ? { status: outcome.response.status } : {}),
      ...(outcome.error ? { errorKind: outcome.error.kind } : {}),
    });
    if (outcome.error?.kind === 'rate_limited') this.#onRateLimited(state, outcome.error);
    return outcome;
  }

  #requestIdOf(response: RawResponse): string | undefined {
    const header = (this.#options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase();
    return response.headers[header];
  }

  #onRateLimited(state: CallState, error: OcopConnectError): void {
    const retryAfterMs = error.retryAfterMs;
    // The limiter itself pauses the whole scope when the slot is released (limiterOutcome).
    this.#telemetry.rateLimited({
      operation: state.request.operation,
      trafficClass: state.trafficClass,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
    });
  }

  /** The error the caller sees: typed, enriched, and free of every credential this call used. */
  #finalError(error: unknown, state: CallState, decision: RetryDecision | undefined): unknown {
    const final = callerError(error, state, decision);
    if (final instanceof OcopConnectError) {
      scrubError(final, state.secrets, this.#redaction);
      this.#telemetry.failed(final);
    }
    return final;
  }
}

/** Creates the request pipeline for one platform account. Throws ConfigurationError on bad options. */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  return new DefaultPlatformClient(options);
}
