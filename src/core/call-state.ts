import type { BilingualText } from '../model/messages.js';
import type { AppliedAuth } from './auth/types.js';
import { AbortedError, asInternalError, OcopConnectError, OutcomeUnknownError } from './errors.js';
import type { LimiterOutcome, LimitScope } from './limiter.js';
import { parseRateLimitHeaders } from './rate-limit-headers.js';
import type { RetryDecision } from './retry-policy.js';
import type { PreparedRequest, RawResponse } from './transport.js';
import type { ApiRequest, CallOptions, TrafficClass } from './types.js';

/** What one send through the pipeline came back with. */
export interface SendOutcome {
  response?: RawResponse;
  /** The answer also when it was classified as an error (the limiter reads its rate-limit headers). */
  answer?: RawResponse;
  error?: OcopConnectError;
  applied: AppliedAuth;
}

/** Everything one logical call needs while it goes through attempts. */
export interface CallState {
  platform: string;
  request: ApiRequest;
  options: CallOptions;
  prepared: PreparedRequest;
  trafficClass: TrafficClass;
  scope: LimitScope;
  startedMs: number;
  sends: number;
  secrets: Set<string>;
}

/** The error of a write whose answer was lost: the caller must look it up before trying again. */
export function outcomeUnknown(state: CallState, cause: unknown, why: BilingualText): OutcomeUnknownError {
  const { platform } = state;
  const { operation } = state.request;
  const request = cause instanceof OcopConnectError ? cause.request : undefined;
  return new OutcomeUnknownError(
    {
      vi: `${platform} ${operation}: yêu cầu đã được gửi nhưng mất câu trả lời, ${why.vi}. Hãy tra cứu theo mã tham chiếu của bạn trước khi thử lại.`,
      en: `${platform} ${operation}: the request was sent but its response was lost, ${why.en}. Look it up by your reference before trying again.`,
    },
    { platform, operation, ...(request ? { request } : {}), cause },
  );
}

/**
 * A write aborted by the caller after it was handed to the network (#14 trial LOW 5): the platform may
 * have carried it out (a listing created), so the outcome is unknown, never a plain "aborted".
 */
export function abortedInFlight(state: CallState, cause: OcopConnectError): OutcomeUnknownError {
  const { platform } = state;
  const { operation } = state.request;
  return new OutcomeUnknownError(
    `${platform} ${operation}: đã hủy khi yêu cầu đang gửi, sàn có thể đã thực hiện — hãy tra cứu trước khi gửi lại / ` +
      'aborted while the request was in flight: the platform may have carried it out; look it up before sending it again.',
    { platform, operation, ...(cause.request ? { request: cause.request } : {}), cause },
  );
}

/** What the limiter learns from one send: answered or not, throttled, the platform's own counts. */
export function limiterOutcome(outcome: SendOutcome): LimiterOutcome {
  const { error } = outcome;
  const response = outcome.response ?? outcome.answer;
  const status = response?.status;
  const quota = response ? parseRateLimitHeaders(response.headers) : undefined;
  return {
    sent: true,
    answered: status !== undefined,
    ...(status !== undefined ? { status } : {}),
    rateLimited: error?.kind === 'rate_limited',
    ...(error?.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(quota ? { quota } : {}),
  };
}

/**
 * The error a call ends with, typed: a write not repeated for fear of a duplicate is an
 * OutcomeUnknownError, a caller's abort an AbortedError, anything else thrown by a hook (mapError,
 * AuthStrategy.applyAuth …) or a bug an InternalError. The client scrubs it before the caller sees it.
 */
export function callerError(error: unknown, state: CallState, decision: RetryDecision | undefined): unknown {
  const { platform } = state;
  const { operation } = state.request;
  if (error instanceof OcopConnectError && decision?.outcomeUnknown) {
    return outcomeUnknown(state, error, {
      vi: 'và không gửi lại vì gửi lại có thể tạo bản trùng',
      en: 'and it was not repeated because repeating could duplicate it',
    });
  }
  if (!(error instanceof OcopConnectError) && state.options.signal?.aborted) {
    return new AbortedError(
      { vi: 'Bên gọi đã dừng yêu cầu', en: 'Aborted by the caller' },
      { platform, operation, cause: error },
    );
  }
  return asInternalError(error, { platform, operation });
}
