import type { Logger } from 'pino';
import { z } from 'zod';
import type { TokenStore } from '../core/auth/types.js';
import { RateLimitsSchema, RequestLimiterSchema, RetryPolicySchema } from '../core/client-options.js';
import { ConfigurationError } from '../core/errors.js';
import type { RequestLimiter } from '../core/limiter.js';
import type { RetryPolicy } from '../core/retry-policy.js';
import type { RateLimitsOption } from '../core/types.js';
import { zodProblems } from '../model/option-problem.js';
import type { CarrierShipmentStore } from './carrier-state.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const hasMethods = (v: unknown, methods: readonly string[]) =>
  isObject(v) && methods.every((m) => typeof v[m] === 'function');

/**
 * The options both carrier adapters (ViettelPost, VNPost) pass to the request pipeline and their
 * shipment records, checked the same way: spread into each adapter's options schema.
 */
export const carrierPipelineOptionFields = {
  store: z
    .custom<CarrierShipmentStore>((v) => hasMethods(v, ['getShipment', 'updateShipment', 'listShipments']), {
      message:
        'phải là một StateStore (createMemoryStore hoặc createFileStore: getShipment, listShipments, updateShipment) / must be a StateStore (createMemoryStore or createFileStore: getShipment, listShipments, updateShipment)',
    })
    .optional(),
  tokenStore: z
    .custom<TokenStore>((v) => hasMethods(v, ['get', 'set', 'delete']), {
      message: 'phải là một TokenStore (get, set, delete) / must be a TokenStore (get, set, delete)',
    })
    .optional(),
  logger: z
    .custom<Logger>((v) => hasMethods(v, ['child']), {
      message: 'phải là một logger kiểu pino / must be a pino-compatible logger',
    })
    .optional(),
  rateLimits: RateLimitsSchema.optional(),
  limiter: RequestLimiterSchema.optional(),
  timeoutMs: z.number().int().positive().optional(),
  retry: RetryPolicySchema.optional(),
  catalogTtlMs: z.number().int().min(0).optional(),
};

/**
 * The request-pipeline and store options every carrier adapter takes (checked by
 * `carrierPipelineOptionFields`). Each carrier's options extend it and say what `store` keeps and what
 * its default `rateLimits` are.
 */
export interface CarrierPipelineOptions {
  /** Where the adapter's shipment records live. @default an in-memory store private to this adapter */
  store?: CarrierShipmentStore;
  /**
   * Persists the carrier's token between runs, so a run does not log in again.
   * @default an in-memory store private to this adapter
   */
  tokenStore?: TokenStore;
  /** pino-compatible logger; secrets are redacted. @default silent */
  logger?: Logger;
  /** Client-side limits per traffic class (the carriers document none). */
  rateLimits?: RateLimitsOption;
  /**
   * Where requests wait for their rate-limit slot: pass one `createRateLimiter()` (or a shared one, e.g.
   * Redis-backed) to every adapter of the same account so they share one quota. Not closed by the
   * adapter. @default a limiter of this adapter's own
   */
  limiter?: RequestLimiter;
  /** Per-request timeout in ms. @default the pipeline's DEFAULT_TIMEOUT_MS (30 000) */
  timeoutMs?: number;
  /** Retry policy overrides. @default the pipeline's DEFAULT_RETRY_POLICY */
  retry?: Partial<RetryPolicy>;
  /**
   * How long address (and service) catalogs stay cached in memory, in ms.
   * @default DEFAULT_CARRIER_CATALOG_TTL_MS (24 h)
   */
  catalogTtlMs?: number;
}

/** The same after validation, defaults applied. */
export interface ResolvedCarrierPipelineOptions
  extends Omit<CarrierPipelineOptions, 'rateLimits' | 'catalogTtlMs'> {
  rateLimits: RateLimitsOption;
  catalogTtlMs: number;
}

/** Catalogs (provinces, wards, services …) change a few times a year; a day is plenty. */
export const DEFAULT_CARRIER_CATALOG_TTL_MS = 24 * 60 * 60 * 1000;

/** Which carrier an adapter's options are for: its name in messages, its platform, its polite rate. */
export interface CarrierOptionsOwner {
  name: string;
  platform: string;
  /** The default `rateLimits` (the carriers state none): requests per second and burst. */
  rate: { requestsPerSecond: number; burst: number };
}

/**
 * Validates a carrier adapter's options once, at construction: every problem `schema` finds, and those
 * `more` finds beside it, in one ConfigurationError ("Invalid <carrier> options"). Returns the
 * request-pipeline options with their defaults (the carrier's polite rate, a day of catalogs); absent
 * options stay absent.
 */
export function resolveCarrierOptions(
  schema: z.ZodType,
  input: CarrierPipelineOptions,
  carrier: CarrierOptionsOwner,
  more: (input: unknown) => string[] = () => [],
): ResolvedCarrierPipelineOptions {
  const parsed = schema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : zodProblems(parsed.error, input, undefined, schema)),
    ...more(input),
  ];
  if (problems.length > 0) {
    throw new ConfigurationError(
      { vi: `Tùy chọn ${carrier.name} không hợp lệ`, en: `Invalid ${carrier.name} options` },
      problems,
      { platform: carrier.platform },
    );
  }
  return {
    ...(input.store ? { store: input.store } : {}),
    ...(input.tokenStore ? { tokenStore: input.tokenStore } : {}),
    ...(input.logger ? { logger: input.logger } : {}),
    rateLimits: input.rateLimits ?? { shared: { ...carrier.rate } },
    ...(input.limiter ? { limiter: input.limiter } : {}),
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
    ...(input.retry ? { retry: input.retry } : {}),
    catalogTtlMs: input.catalogTtlMs ?? DEFAULT_CARRIER_CATALOG_TTL_MS,
  };
}
