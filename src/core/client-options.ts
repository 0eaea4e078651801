import { z } from 'zod';
import { zodProblems } from '../model/option-problem.js';
import { ConfigurationError } from './errors.js';
import type { PlatformClientOptions } from './types.js';

const isFunction = (value: unknown) => typeof value === 'function';

/** One limiter's settings (`RateLimitConfig`). Adapters validate their `rateLimits` option with it too. */
export const RateLimitConfigSchema = z.strictObject({
  requestsPerSecond: z.number().positive(),
  burst: z.number().int().min(1).optional(),
  maxConcurrent: z.number().int().min(1).optional(),
  windowMarginMs: z.number().min(0).optional(),
});

/** Overrides of `RetryPolicy`. Adapters validate their `retry` option with it too. */
export const RetryPolicySchema = z.strictObject({
  retries: z.number().int().min(0).optional(),
  initialDelayMs: z.number().min(0).optional(),
  factor: z.number().min(1).optional(),
  maxDelayMs: z.number().min(0).optional(),
  maxElapsedMs: z.number().min(0).optional(),
  jitter: z.enum(['full', 'equal', 'none']).optional(),
});

/** `rateLimits`: one limiter per traffic class, or `shared` for a platform with one quota per account. */
export const RateLimitsSchema = z.strictObject({
  auth: RateLimitConfigSchema.optional(),
  read: RateLimitConfigSchema.optional(),
  write: RateLimitConfigSchema.optional(),
  bulk: RateLimitConfigSchema.optional(),
  shared: RateLimitConfigSchema.optional(),
});

/** An injected `RequestLimiter`. Adapters validate their `limiter` option with it too. */
export const RequestLimiterSchema = z.custom(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    isFunction((v as { acquire?: unknown }).acquire) &&
    isFunction((v as { close?: unknown }).close),
  { message: 'must be a RequestLimiter (with acquire() and close())' },
);

const nameList = z.array(z.string().min(1)).optional();

const optionsSchema = z.strictObject({
  platform: z.string().min(1),
  account: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  timeoutMs: z.number().int().positive().optional(),
  userAgent: z.string().min(1).optional(),
  logger: z
    .custom((v) => typeof v === 'object' && v !== null && isFunction((v as { child?: unknown }).child), {
      message: 'must be a pino-compatible logger (with child())',
    })
    .optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  rateLimits: RateLimitsSchema.optional(),
  limiter: RequestLimiterSchema.optional(),
  retry: RetryPolicySchema.optional(),
  auth: z
    .custom(
      (v) => typeof v === 'object' && v !== null && isFunction((v as { applyAuth?: unknown }).applyAuth),
      {
        message: 'phải là một AuthStrategy (có applyAuth()) / must be an AuthStrategy (with applyAuth())',
      },
    )
    .optional(),
  mapError: z.custom(isFunction, {
    message: 'phải là một hàm (PlatformErrorMapper) / must be a function (PlatformErrorMapper)',
  }),
  redaction: z.strictObject({ headers: nameList, bodyFields: nameList, queryParams: nameList }).optional(),
  idempotencyHeader: z.string().min(1).optional(),
  requestIdHeader: z.string().min(1).optional(),
  defaultHeaders: z.record(z.string(), z.string()).optional(),
  legacyTlsRenegotiation: z.boolean().optional(),
});

/** Checks options once, reporting every problem together (not just the first). */
export function validateClientOptions(options: PlatformClientOptions): void {
  const result = optionsSchema.safeParse(options);
  if (result.success) return;
  const problems = zodProblems(result.error, options, undefined, optionsSchema);
  const platform = typeof options?.platform === 'string' ? options.platform : undefined;
  throw new ConfigurationError(
    { vi: 'Tùy chọn platform client không hợp lệ', en: 'Invalid platform client options' },
    problems,
    platform ? { platform } : {},
  );
}
