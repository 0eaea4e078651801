import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  computeBackoffMs,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  InvalidRequestError,
  NetworkError,
  parseRetryAfter,
  RateLimitedError,
  type RetryPolicy,
  ServerError,
  TimeoutError,
} from '../../src/core/index.js';

const policy: RetryPolicy = {
  retries: 3,
  initialDelayMs: 100,
  factor: 2,
  maxDelayMs: 1000,
  maxElapsedMs: 5000,
  jitter: 'none',
};
const base = { attempt: 1, elapsedMs: 0, safety: 'safe' as const, policy };

describe('decideRetry', () => {
  it('retries retriable errors with exponential backoff', () => {
    const error = new ServerError('503', { httpStatus: 503 });
    expect(decideRetry({ ...base, error, attempt: 1 })).toMatchObject({ retry: true, delayMs: 100 });
    expect(decideRetry({ ...base, error, attempt: 2 })).toMatchObject({ retry: true, delayMs: 200 });
    expect(decideRetry({ ...base, error, attempt: 3 })).toMatchObject({ retry: true, delayMs: 400 });
  });

  it('stops after the retry budget', () => {
    const decision = decideRetry({ ...base, error: new ServerError('503'), attempt: 4 });
    expect(decision).toMatchObject({ retry: false, reason: 'retries-exhausted' });
  });

  it('never retries 4xx validation or auth errors', () => {
    expect(
      decideRetry({ ...base, error: new InvalidRequestError('bad', { httpStatus: 400 }) }),
    ).toMatchObject({
      retry: false,
      reason: 'not-retriable',
    });
    expect(decideRetry({ ...base, error: new AuthenticationError('no') }).retry).toBe(false);
  });

  it('retries network errors, timeouts and 429s for reads', () => {
    expect(decideRetry({ ...base, error: new NetworkError('reset') }).retry).toBe(true);
    expect(decideRetry({ ...base, error: new TimeoutError('slow') }).retry).toBe(true);
    expect(decideRetry({ ...base, error: new RateLimitedError('429') }).retry).toBe(true);
  });

  it('honours a platform-declared retriable body error', () => {
    const error = new InvalidRequestError('busy, try later', { retriable: true });
    expect(decideRetry({ ...base, error }).retry).toBe(true);
  });

  it('never blindly repeats an unsafe write whose response was lost', () => {
    const timeout = decideRetry({ ...base, safety: 'unsafe', error: new TimeoutError('slow') });
    expect(timeout).toMatchObject({ retry: false, reason: 'unsafe-write', outcomeUnknown: true });
    const reset = decideRetry({
      ...base,
      safety: 'unsafe',
      error: new NetworkError('reset', { requestSent: true }),
    });
    expect(reset).toMatchObject({ retry: false, outcomeUnknown: true });
  });

  it('an unsafe write whose 5xx came back is not retried but its outcome is not "unknown"', () => {
    const decision = decideRetry({ ...base, safety: 'unsafe', error: new ServerError('500') });
    expect(decision).toMatchObject({ retry: false, reason: 'unsafe-write', outcomeUnknown: false });
  });

  it('repeats an unsafe write the platform certainly did not process (429, connection refused)', () => {
    expect(decideRetry({ ...base, safety: 'unsafe', error: new RateLimitedError('429') }).retry).toBe(true);
    const refused = new NetworkError('refused', { requestSent: false, code: 'ECONNREFUSED' });
    expect(decideRetry({ ...base, safety: 'unsafe', error: refused })).toMatchObject({
      retry: true,
      recoverFirst: false,
    });
  });

  it('a recoverable write retries only after looking the object up', () => {
    const decision = decideRetry({ ...base, safety: 'recoverable', error: new TimeoutError('slow') });
    expect(decision).toMatchObject({ retry: true, recoverFirst: true });
  });

  it('a recoverable write that exhausted retries after a lost response reports outcome unknown', () => {
    const decision = decideRetry({
      ...base,
      attempt: 4,
      safety: 'recoverable',
      error: new TimeoutError('slow'),
    });
    expect(decision).toMatchObject({ retry: false, outcomeUnknown: true });
  });

  it('uses Retry-After when longer than the backoff, and gives up when it exceeds the cap', () => {
    const wait = decideRetry({ ...base, error: new RateLimitedError('429', { retryAfterMs: 800 }) });
    expect(wait).toMatchObject({ retry: true, delayMs: 800 });
    const tooLong = decideRetry({ ...base, error: new RateLimitedError('429', { retryAfterMs: 60_000 }) });
    expect(tooLong).toMatchObject({ retry: false, reason: 'retry-after-too-long' });
  });

  it('stops when the next wait would pass the maximum elapsed time', () => {
    const decision = decideRetry({ ...base, elapsedMs: 4950, error: new ServerError('503') });
    expect(decision).toMatchObject({ retry: false, reason: 'elapsed-exceeded' });
  });
});

describe('computeBackoffMs', () => {
  it('caps each wait', () => {
    expect(computeBackoffMs(10, policy)).toBe(1000);
  });

  it('applies equal jitter within [half, full]', () => {
    const jittered = { ...policy, jitter: 'equal' as const };
    expect(computeBackoffMs(2, jittered, () => 0)).toBe(100);
    expect(computeBackoffMs(2, jittered, () => 0.999999)).toBe(200);
  });

  it('applies full jitter within [0, full]', () => {
    const jittered = { ...policy, jitter: 'full' as const };
    expect(computeBackoffMs(3, jittered, () => 0)).toBe(0);
    expect(computeBackoffMs(3, jittered, () => 0.5)).toBe(200);
  });

  it('default policy is bounded', () => {
    for (let attempt = 1; attempt < 50; attempt++) {
      expect(computeBackoffMs(attempt, DEFAULT_RETRY_POLICY)).toBeLessThanOrEqual(
        DEFAULT_RETRY_POLICY.maxDelayMs,
      );
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('rejects garbage', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('12abc', now)).toBeUndefined();
  });
});
