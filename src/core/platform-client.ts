import { performance } from 'node:perf_hooks';
import Bottleneck from 'bottleneck';
import pRetry from 'p-retry';
import type { Logger } from 'pino';
import type { AppliedAuth, AuthStrategy } from './auth/types.js';
import type { ClientEvents } from './client-events.js';
import { validateClientOptions } from './client-options.js';
import { ClientTelemetry } from './client-telemetry.js';
import { AbortedError, OcopConnectError, OutcomeUnknownError } from './errors.js';
import { createLogger, platformLogger } from './logger.js';
import { PRIORITY_NORMAL, PRIORITY_RETRY, type RateLimiter, RateLimiterRegistry } from './rate-limiter.js';
import { mergeRedactionRules, type RedactionRules, redactBody, redactHeaders } from './redact.js';
import { prepareRequest, redactedSummary, scrubError, secretValuesOf } from './request-preparation.js';
import { classifyResponse } from './response-classification.js';
import {
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type RepeatSafety,
  type RetryDecision,
  type RetryPolicy,
} from './retry-policy.js';
import { sleep } from './sleep.js';
import { GateClosedError } from './sliding-window-gate.js';
import { HttpTransport, type PreparedRequest, type RawResponse } from './transport.js';
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

/** How long a limiter stops admitting requests after a 429 that named no Retry-After. */
export const DEFAULT_RATE_LIMITED_PAUSE_MS = 1000;

const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';

/** Times a request gives its slot back because its token expired while it queued. */
const MAX_PREPARE_ROUNDS = 3;

interface SendOutcome {
  response?: RawResponse;
  error?: OcopConnectError;
  applied: AppliedAuth;
}

/** Everything one logical call needs while it goes through attempts. */
interface CallState {
  platform: string;
  request: ApiRequest;
  options: CallOptions;
  prepared: PreparedRequest;
  trafficClass: TrafficClass;
  limiter: RateLimiter;
  startedMs: number;
  sends: number;
  secrets: Set<string>;
}

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
  readonly #limiters: RateLimiterRegistry;
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
    });
    this.#limiters = new RateLimiterRegistry({
      platform: options.platform,
      account: options.account,
      ...(options.rateLimits ? { limits: options.rateLimits } : {}),
    });
    this.#retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#redaction = mergeRedactionRules(options.redaction);
    this.#auth = options.auth;
  }

  limiter(trafficClass: TrafficClass): RateLimiterView {
    return this.#limiters.get(trafficClass);
  }

  async request<T = unknown>(request: ApiRequest, options: CallOptions = {}): Promise<ApiResponse<T>> {
    if (this.#closed)
      throw new AbortedError(`${this.platform} client is closed`, { platform: this.platform });
    const trafficClass = request.trafficClass ?? (request.method === 'GET' ? 'read' : 'write');
    const prepared = prepareRequest(request, options, this.#options);
    const state: CallState = {
      platform: this.platform,
      request,
      options,
      prepared,
      trafficClass,
      limiter: this.#limiters.get(trafficClass),
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

    try {
      return await pRetry(
        async () => {
          if (recoverBeforeNextSend) {
            recoverBeforeNextSend = false;
            const recovered = await this.#tryRecover<T>(state);
            if (recovered) return recovered;
          }
          return this.#attempt<T>(state);
        },
        {
          // The policy decides; p-retry runs the loop. +1 so the policy also sees the last failure
          // (it must know whether that write's outcome is unknown).
          retries: policy.retries + 1,
          minTimeout: 0,
          maxTimeout: 0,
          shouldRetry: async ({ error, attemptNumber }) => {
            if (!(error instanceof OcopConnectError)) return false;
            decision = decideRetry({
              error,
              attempt: attemptNumber,
              elapsedMs: performance.now() - state.startedMs,
              safety,
              policy,
            });
            if (!decision.retry) return false;
            this.#telemetry.retry({
              operation: request.operation,
              attempt: attemptNumber,
              delayMs: decision.delayMs,
              reason: decision.reason,
              errorKind: error.kind,
              ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
            });
            await sleep(decision.delayMs, options.signal);
            recoverBeforeNextSend = decision.recoverFirst;
            return true;
          },
        },
      );
    } catch (error) {
      throw this.#finalError(error, state, decision);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#limiters.close();
    this.#transport.close();
  }

  #repeatSafety(request: ApiRequest, options: CallOptions): RepeatSafety {
    if (request.method === 'GET' || request.idempotent) return 'safe';
    if (options.idempotencyKey && this.#options.idempotencyHeader) return 'safe';
    return request.recover ? 'recoverable' : 'unsafe';
  }

  /** Lookup-before-retry. A failed lookup leaves the outcome unknown, unless it may be retried. */
  async #tryRecover<T>(state: CallState): Promise<ApiResponse<T> | undefined> {
    let value: unknown;
    try {
      value = await state.request.recover!();
    } catch (error) {
      if (error instanceof OcopConnectError && error.retriable) throw error;
      throw outcomeUnknown(state, error, 'and looking it up by reference failed');
    }
    this.#telemetry.recover(state.request.operation, value !== undefined);
    if (value === undefined) return undefined;
    return {
      status: 200,
      data: value as T,
      headers: {},
      attempts: state.sends,
      durationMs: Math.round(performance.now() - state.startedMs),
      recovered: true,
    };
  }

  /** One attempt: a send, plus at most one re-send after re-authenticating. */
  async #attempt<T>(state: CallState): Promise<ApiResponse<T>> {
    let outcome = await this.#sendThroughLimiter(state, state.sends > 0 ? PRIORITY_RETRY : PRIORITY_NORMAL);
    const auth = this.#auth;
    if (
      outcome.error?.kind === 'authentication' &&
      auth?.onAuthError &&
      this.#isAuthenticated(state.request)
    ) {
      if (await auth.onAuthError(outcome.applied)) {
        this.#telemetry.auth({ action: 'reauthenticate', operation: state.request.operation });
        outcome = await this.#sendThroughLimiter(state, PRIORITY_RETRY);
        if (outcome.error?.kind === 'authentication') {
          this.#telemetry.auth({ action: 'failed', operation: state.request.operation });
        }
      }
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

  async #sendThroughLimiter(state: CallState, priority: number): Promise<SendOutcome> {
    const auth = this.#isAuthenticated(state.request) ? this.#auth! : undefined;
    try {
      for (let round = 1; ; round++) {
        await auth?.prepare?.(state.request.authLevel);
        const outcome = await state.limiter.schedule(
          // The token may have expired while we queued: give the slot back rather than log in from
          // inside it (the login may need a slot of this very limiter). After a few rounds, go on.
          () =>
            auth?.ready && !auth.ready(state.request.authLevel) && round < MAX_PREPARE_ROUNDS
              ? Promise.resolve(undefined)
              : this.#sendOnce(state),
          {
            priority: round > 1 ? PRIORITY_RETRY : priority,
            ...(state.options.signal ? { signal: state.options.signal } : {}),
          },
        );
        if (outcome) return outcome;
      }
    } catch (error) {
      if (error instanceof OcopConnectError || !isLimiterStop(error, state.options.signal)) throw error;
      throw new AbortedError(
        state.options.signal?.aborted ? 'Aborted by the caller' : `${this.platform} client was closed`,
        { platform: this.platform, operation: state.request.operation },
      );
    }
  }

  async #sendOnce(state: CallState): Promise<SendOutcome> {
    const { request, prepared } = state;
    const attempt = ++state.sends;
    let applied: AppliedAuth = {};
    const wire: PreparedRequest = {
      ...prepared,
      headers: { ...prepared.headers },
      query: { ...prepared.query },
    };
    if (this.#isAuthenticated(request)) {
      applied = await this.#auth!.applyAuth({
        operation: request.operation,
        method: prepared.method,
        path: prepared.path,
        query: wire.query,
        headers: wire.headers,
        ...(prepared.bodyText !== undefined ? { bodyText: prepared.bodyText } : {}),
        ...(request.authLevel ? { authLevel: request.authLevel } : {}),
        nowMs: Date.now(),
      });
      Object.assign(wire.headers, applied.headers);
      Object.assign(wire.query, applied.query);
      if (applied.credential) state.secrets.add(applied.credential);
      for (const value of Object.values(applied.query ?? {})) state.secrets.add(value);
    }
    const summary = redactedSummary(wire, request.operation, attempt, this.#redaction);
    const base = { platform: this.platform, operation: request.operation, request: summary };
    const sentMs = performance.now();
    this.#telemetry.sending({
      ...summary,
      headers: redactHeaders(wire.headers, this.#redaction),
      body: redactBody(request.body, this.#redaction),
    });
    let outcome: SendOutcome;
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
        error.request ??= summary;
        outcome = { applied, error };
      }
    } catch (error) {
      if (!(error instanceof OcopConnectError)) throw error;
      outcome = { applied, error };
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
    // Slow the whole limiter, not just this call: every queued request would get the same 429.
    state.limiter.pause(retryAfterMs ?? DEFAULT_RATE_LIMITED_PAUSE_MS);
    this.#telemetry.rateLimited({
      operation: state.request.operation,
      trafficClass: state.trafficClass,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
    });
  }

  /** The error the caller sees: typed, enriched, and free of every credential this call used. */
  #finalError(error: unknown, state: CallState, decision: RetryDecision | undefined): unknown {
    let final = error;
    if (error instanceof OcopConnectError && decision?.outcomeUnknown) {
      final = outcomeUnknown(state, error, 'and it was not repeated because repeating could duplicate it');
    } else if (!(error instanceof OcopConnectError) && state.options.signal?.aborted) {
      final = new AbortedError('Aborted by the caller', {
        platform: this.platform,
        operation: state.request.operation,
        cause: error,
      });
    }
    if (final instanceof OcopConnectError) {
      scrubError(final, state.secrets, this.#redaction);
      this.#telemetry.failed(final);
    }
    return final;
  }
}

function outcomeUnknown(state: CallState, cause: unknown, why: string): OutcomeUnknownError {
  const { platform } = state;
  const { operation } = state.request;
  const request = cause instanceof OcopConnectError ? cause.request : undefined;
  return new OutcomeUnknownError(
    `${platform} ${operation}: the request was sent but its response was lost, ${why}. ` +
      'Look it up by your reference before trying again.',
    { platform, operation, ...(request ? { request } : {}), cause },
  );
}

/** The limiter was closed (gate or Bottleneck) or the caller aborted while the job was queued. */
function isLimiterStop(error: unknown, signal: AbortSignal | undefined): boolean {
  return (
    error instanceof GateClosedError ||
    error instanceof Bottleneck.BottleneckError ||
    (signal?.aborted === true && error === signal.reason)
  );
}

/** Creates the request pipeline for one platform account. Throws ConfigurationError on bad options. */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  return new DefaultPlatformClient(options);
}
