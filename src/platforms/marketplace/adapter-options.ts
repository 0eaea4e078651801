import { z } from 'zod';
import { nestedUnknownNameProblems } from '../../core/argument-guards.js';
import type { TokenStore } from '../../core/auth/types.js';
import { RateLimitsSchema, RequestLimiterSchema, RetryPolicySchema } from '../../core/client-options.js';
import type { RequestLimiter } from '../../core/limiter.js';
import type { Logger } from '../../core/logger.js';
import type { RetryPolicy } from '../../core/retry-policy.js';
import type { PlatformClient, RateLimitsOption } from '../../core/types.js';
import { zodProblems } from '../../model/option-problem.js';
import type { Product } from '../../model/product.js';
import type { MarketplaceShipmentStore } from '../marketplace-state.js';
import type { CategoryMapping, MarketplaceAdapter } from '../types.js';
import type { MarketplaceCredentials } from './hooks.js';
import type { MarketplaceProfileOverride } from './profile.js';
import { requiredCredentials } from './profile-auth.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** How long fetched category attributes are reused. */
export const DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS = 60 * 60_000;

export interface MarketplaceAdapterOptions {
  /** Secrets the profile's auth needs, e.g. `{ username, password }` (Voso) or `+ customerCode` (Postmart). */
  credentials: MarketplaceCredentials;
  /**
   * Which seller account this is (limiters, tokens and logs are per account).
   * @default credentials.username ?? credentials.partnerId ?? credentials.appKey ?? 'default'
   */
  account?: string;
  /** Overrides `profile.baseUrl`, e.g. a sandbox URL. */
  baseUrl?: string;
  /** Deep-partial patch over the built-in profile (paths, field names, limits ...). */
  profile?: MarketplaceProfileOverride;
  /**
   * Shared secret for webhook signatures (from the seller centre). Without it `verifyWebhook` is false.
   * @default credentials.webhookSecret
   */
  webhookSecret?: string;
  /**
   * PEM public key for RSA-signed webhooks (`webhook.algorithm: 'rsa-sha256'`).
   * @default credentials.webhookPublicKey
   */
  webhookPublicKey?: string;
  /**
   * The callback URL registered with the platform, when the webhook signature covers it (`{url}` in
   * `webhook.signedPayload`, e.g. Shopee). Without it `verifyWebhook` throws a ConfigurationError.
   */
  webhookUrl?: string;
  /** pino logger; a child per platform/account is derived. @default silent */
  logger?: Logger;
  /** Per-request timeout. @default 30 000 */
  timeoutMs?: number;
  /** Overrides of the pipeline's retry policy. @default DEFAULT_RETRY_POLICY */
  retry?: Partial<RetryPolicy>;
  /** Replaces the profile's rate limits. @default profile.rateLimits */
  rateLimits?: RateLimitsOption;
  /**
   * Where requests wait for their rate-limit slot: pass one `createRateLimiter()` to every adapter of
   * the same account so they share one quota. @default a limiter of this adapter's own
   */
  limiter?: RequestLimiter;
  /** Persists login tokens between runs. @default in memory */
  tokenStore?: TokenStore;
  /**
   * Keeps what the adapter must remember about orders it shipped (Shopee: the carrier the caller named,
   * which the platform does not keep), so a later process reports it too. Pass the connector's
   * StateStore (createFileStore / the Postgres store). @default in memory (lost when the process ends)
   */
  store?: MarketplaceShipmentStore;
  /** @default DEFAULT_CATEGORY_ATTRIBUTES_TTL_MS */
  categoryAttributesTtlMs?: number;
  /** Clock (epoch ms) for token expiry and webhook replay checks. @default Date.now */
  now?: () => number;
  /** @default `ocop-connect/<version>` */
  userAgent?: string;
}

/** A marketplace adapter built from a profile; exposes the resolved profile for tooling. */
export interface ProfileMarketplaceAdapter extends MarketplaceAdapter {
  readonly profile: MarketplaceProfile;
  /** The request pipeline of this adapter (events: request, retry, rateLimited, auth). */
  readonly client: PlatformClient;
  /** Attribute values a listing of `product` gets here: derived, then mapping defaults, then the product's own. */
  resolveAttributes(product: Product, mapping?: CategoryMapping): Record<string, string>;
}

const OptionsSchema = z.strictObject({
  credentials: z.record(z.string(), z.string().optional()),
  account: z.string().min(1).optional(),
  baseUrl: z.url().optional(),
  profile: z.unknown().optional(),
  webhookSecret: z.string().min(1).optional(),
  webhookPublicKey: z.string().min(1).optional(),
  webhookUrl: z.url().optional(),
  logger: z.unknown().optional(),
  timeoutMs: z.number().int().positive().optional(),
  retry: RetryPolicySchema.optional(),
  rateLimits: RateLimitsSchema.optional(),
  limiter: RequestLimiterSchema.optional(),
  tokenStore: z.unknown().optional(),
  store: z
    .custom<MarketplaceShipmentStore>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as MarketplaceShipmentStore).getMarketplaceShipment === 'function' &&
        typeof (value as MarketplaceShipmentStore).putMarketplaceShipment === 'function',
      'phải là một StateStore (getMarketplaceShipment, putMarketplaceShipment) / must be a StateStore (getMarketplaceShipment, putMarketplaceShipment)',
    )
    .optional(),
  categoryAttributesTtlMs: z.number().int().min(0).optional(),
  now: z.function().optional(),
  userAgent: z.string().min(1).optional(),
});

/** Problems with the options themselves (unknown keys included), as `path: vi / path: en` lines. */
export function adapterOptionProblems(options: unknown): string[] {
  const parsed = OptionsSchema.safeParse(options ?? {});
  return parsed.success ? [] : zodProblems(parsed.error, options ?? {}, undefined, OptionsSchema);
}

/** Credentials the engine reads beside what a profile's auth needs (tokens, the shop, webhook keys). */
const OPTIONAL_CREDENTIALS = ['accessToken', 'refreshToken', 'shopId', 'webhookSecret', 'webhookPublicKey'];

/**
 * Credential names the profile does not know (`pasword`, `tokne`): refused with the nearest known
 * name, never silently kept unused while the right name stays unset.
 */
export function credentialNameProblems(profile: MarketplaceProfile, options: unknown): string[] {
  const shop = profile.webhook.accountCredential;
  const known = [...requiredCredentials(profile), ...OPTIONAL_CREDENTIALS, ...(shop ? [shop] : [])];
  return nestedUnknownNameProblems(options, { credentials: [...new Set(known)] });
}
