import type { Logger } from 'pino';
import { z } from 'zod';
import type { TokenStore } from '../core/auth/types.js';
import { RateLimitsSchema, RequestLimiterSchema, RetryPolicySchema } from '../core/client-options.js';
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
        'must be a StateStore (createMemoryStore / createFileStore: getShipment, listShipments, updateShipment)',
    })
    .optional(),
  tokenStore: z
    .custom<TokenStore>((v) => hasMethods(v, ['get', 'set', 'delete']), {
      message: 'must be a TokenStore (get, set, delete)',
    })
    .optional(),
  logger: z
    .custom<Logger>((v) => hasMethods(v, ['child']), { message: 'must be a pino-compatible logger' })
    .optional(),
  rateLimits: RateLimitsSchema.optional(),
  limiter: RequestLimiterSchema.optional(),
  timeoutMs: z.number().int().positive().optional(),
  retry: RetryPolicySchema.optional(),
  catalogTtlMs: z.number().int().min(0).optional(),
};
