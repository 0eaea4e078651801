import type { OcopConnectError } from './errors.js';

/** Bounded exponential backoff with jitter. Every field has a unit in its name. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff wait before jitter. */
  initialDelayMs: number;
  /** Growth per retry. */
  factor: number;
  /** Cap on any single wait (also caps an honoured Retry-After). */
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt (waits included). */
  maxElapsedMs: number;
  /** `full`: uniform in [0, backoff]; `equal`: [backoff/2, backoff]; `none`: exactly backoff. */
  jitter: 'full' | 'equal' | 'none';
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 20_000,
  maxElapsedMs: 60_000,
  jitter: 'equal',
};

/**
 * How safe a repeat of this request is.
 * - `safe`: reads, or writes the platform de-duplicates (idempotency key, unique reference);
 * - `recoverable`: a write we can look up by our own reference before sending again;
 * - `unsafe`: a write that may duplicate a shipment or a listing if repeated.
 */
export type RepeatSafety = 'safe' | 'recoverable' | 'unsafe';

export interface RetryDecisionInput {
  error: OcopConnectError;
  /** Attempts made so far (1 after the first failure). */
  attempt: number;
  /** Since the first attempt started. */
  elapsedMs: number;
  safety: RepeatSafety;
  policy: RetryPolicy;
  /** Injected for tests; uniform in [0, 1). */
  random?: () => number;
}

export type RetryReason =
  | 'retriable-error'
  | 'not-retriable'
  | 'retries-exhausted'
  | 'elapsed-exceeded'
  | 'unsafe-write'
  | 'retry-after-too-long';

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: RetryReason;
  /** For a `recoverable` write whose outcome is unknown: call `recover` before re-sending. */
  recoverFirst: boolean;
  /** The write was not retried and its outcome is unknown: report OutcomeUnknownError. */
  outcomeUnknown: boolean;
}

/**
 * Did the platform certainly NOT act on the request? Then even an unsafe write may be repeated:
 * a 429 is refused before processing, and a connection that never opened carried nothing.
 */
function certainlyNotProcessed(error: OcopConnectError): boolean {
  if (error.kind === 'rate_limited') return true;
  if (error.kind === 'network') return (error as { requestSent?: boolean }).requestSent === false;
  return false;
}

/** Response lost after the request may have been processed. */
function responseLost(error: OcopConnectError): boolean {
  return error.kind === 'timeout' || error.kind === 'network';
}

/** Backoff for the retry following `attempt` (1-based), jitter applied, capped. */
export function computeBackoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random) {
  const exponential = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  if (policy.jitter === 'none') return Math.round(capped);
  if (policy.jitter === 'full') return Math.round(capped * random());
  return Math.round(capped / 2 + (capped / 2) * random());
}

/** Pure: should the pipeline try again, and after how long? */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { error, attempt, elapsedMs, safety, policy } = input;
  const no = (reason: RetryReason, outcomeUnknown = false): RetryDecision => ({
    retry: false,
    delayMs: 0,
    reason,
    recoverFirst: false,
    outcomeUnknown,
  });
  const lostWrite = safety !== 'safe' && responseLost(error) && !certainlyNotProcessed(error);

  if (!error.retriable) return no('not-retriable');
  if (safety === 'unsafe' && !certainlyNotProcessed(error)) return no('unsafe-write', lostWrite);
  if (attempt > policy.retries) return no('retries-exhausted', lostWrite);

  const retryAfterMs = error.retryAfterMs;
  let delayMs = computeBackoffMs(attempt, policy, input.random);
  if (retryAfterMs !== undefined) {
    // The platform's own wait wins over our backoff, but a wait beyond our cap means give up now
    // rather than sleep for an hour inside a call.
    if (retryAfterMs > policy.maxDelayMs) return no('retry-after-too-long', lostWrite);
    delayMs = Math.max(delayMs, retryAfterMs);
  }
  if (elapsedMs + delayMs > policy.maxElapsedMs) return no('elapsed-exceeded', lostWrite);

  return {
    retry: true,
    delayMs,
    reason: 'retriable-error',
    recoverFirst: safety === 'recoverable' && !certainlyNotProcessed(error),
    outcomeUnknown: false,
  };
}

/**
 * `Retry-After` as ms from `nowMs`: delta-seconds (`120`, also tolerated `1.5`) or an HTTP-date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). A date in the past means 0. Garbage means undefined.
 */
export function parseRetryAfter(header: string | undefined | null, nowMs: number): number | undefined {
  if (header === undefined || header === null) return undefined;
  const trimmed = header.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only accept things that look like a date, so "soon" or "-5" are not parsed by Date's leniency.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
