import { z } from 'zod';
import { nestedUnknownNameProblems } from '../../core/argument-guards.js';
import type { RateLimitsOption } from '../../core/types.js';
import {
  type CarrierPipelineOptions,
  carrierPipelineOptionFields,
  type ResolvedCarrierPipelineOptions,
  resolveCarrierOptions,
} from '../carrier-options.js';
import type { CarrierShipmentStore } from '../carrier-state.js';
import { VIETTELPOST } from './errors.js';

export const PRODUCTION_BASE_URL = 'https://partner.viettelpost.vn';
export const DEVELOPMENT_BASE_URL = 'https://partnerdev.viettelpost.vn';
export const PRODUCTION_LABEL_HOST = 'digitalize.viettelpost.vn';
export const DEVELOPMENT_LABEL_HOST = 'dev-print.viettelpost.vn';

/** A printing code stays valid this long; the label page must be opened before it expires. */
export const DEFAULT_LABEL_EXPIRY_MS = 24 * 60 * 60 * 1000;
/** VTP states no rate limit; this keeps a burst of quotes polite. */
export const DEFAULT_REQUESTS_PER_SECOND = 10;
/** Requests that may start back-to-back (an address resolution needs 3–4 catalog reads at once). */
export const DEFAULT_REQUEST_BURST = 10;
/** Printing-code accepts at most this many waybills per call (contract §8.4). */
export const MAX_WAYBILLS_PER_LABEL = 100;

export type ViettelPostEnvironment = 'production' | 'development';

/**
 * Which credential of a webhook delivery must equal `webhookSecret` (contract §8.1: VTP sends the
 * portal's secret as header `Authorization` and, per the doc, as body `TOKEN`, but the doc's sample
 * TOKEN looks like a phone number and integrators check one or the other):
 * - `header`: `Authorization` must match (TOKEN ignored);
 * - `body`: `TOKEN` must match (header ignored);
 * - `either`: at least one of them must match — the default, see DEFAULT_WEBHOOK_VERIFY;
 * - `both`: both must be present and match.
 */
export type WebhookVerifyRule = 'header' | 'body' | 'either' | 'both';

/**
 * `either`: a forger must still know the secret (both places carry the same one), while a genuine
 * delivery is not rejected if VTP fills one of the two fields with something else (which the doc's
 * sample suggests for TOKEN). A mismatching second credential is logged, never silently ignored.
 */
export const DEFAULT_WEBHOOK_VERIFY: WebhookVerifyRule = 'either';

/** Log in with the account's phone/e-mail and password: Login, then ownerconnect for the long-lived token. */
export interface ViettelPostPasswordCredentials {
  username: string;
  password: string;
}

/** A long-lived (ownerconnect) token already obtained and stored. It cannot be renewed automatically. */
export interface ViettelPostTokenCredentials {
  token: string;
}

export type ViettelPostCredentials = ViettelPostPasswordCredentials | ViettelPostTokenCredentials;

export interface ViettelPostOptions extends CarrierPipelineOptions {
  /**
   * Which ViettelPost servers: `production` → https://partner.viettelpost.vn,
   * `development` → https://partnerdev.viettelpost.vn. Required unless `baseUrl` is given.
   * Also picks the default `labelHost`.
   * @default `development` when only `baseUrl` is given
   */
  environment?: ViettelPostEnvironment;
  /**
   * Explicit API origin, e.g. a local sandbox (`http://127.0.0.1:54321`). Wins over `environment`.
   * @default derived from `environment`
   */
  baseUrl?: string;
  /**
   * The cooperative's (member) account. With `{ username, password }` the adapter logs in and
   * exchanges the short login token for the long-lived ownerconnect token; with `{ token }` it uses
   * a stored long-lived token and fails with AuthenticationError once VTP refuses it (a token given
   * here wins over anything in `tokenStore`, which is then not used).
   * @default none (required)
   */
  credentials: ViettelPostCredentials;
  /**
   * Partner delegation: the partner account logs in, then ownerconnect with `credentials` (the member)
   * yields a token that acts for the member under the partner. Needs password credentials.
   * @default none (the member logs in for itself)
   */
  partner?: ViettelPostPasswordCredentials;
  /**
   * Name of this account in logs, limiter keys and the token-store key (`viettelpost:<account>`).
   * @default credentials.username, or `token` for token credentials
   */
  account?: string;
  /**
   * Secret VTP sends with each webhook (header `Authorization` and body `TOKEN`), as configured in the
   * partner portal. Without it `verifyWebhook` returns false for every delivery.
   * @default none
   */
  webhookSecret?: string;
  /**
   * Host (or full origin, e.g. a sandbox `http://127.0.0.1:5000`) of the label print page.
   * @default with a `baseUrl` of its own (not ViettelPost's API): that origin (the sandbox serves the
   * print page itself); else `digitalize.viettelpost.vn` in production, `dev-print.viettelpost.vn` otherwise
   */
  labelHost?: string;
  /**
   * Client-side limits per traffic class (VTP documents none).
   * @default { shared: { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND, burst: DEFAULT_REQUEST_BURST } }
   */
  rateLimits?: RateLimitsOption;
  /**
   * When an address cannot be resolved to VTP ids, price and create with VTP's free-text endpoints
   * (getPriceAllNlp / createOrderNlp) instead of failing. VTP then geocodes the text itself, which can
   * silently pick the wrong commune, so it is off by default.
   * @default false
   */
  nlpFallback?: boolean;
  /** Ask VTP for a sort code on create (for self-printed labels). @default true */
  enableSortCode?: boolean;
  /** How long a label printing code stays valid, in ms. @default DEFAULT_LABEL_EXPIRY_MS (24 h) */
  labelExpiryMs?: number;
  /**
   * Where shipment state lives (the `shipments` records: reference ↔ waybill, carrier status, pending
   * creates, spent references). Share the connector's store so every process — a webhook receiver, the
   * next cron run — sees and completes the same shipments. The adapter never closes a store given here.
   * @default an in-memory store private to this adapter (state is lost with the process)
   */
  store?: CarrierShipmentStore;
  /** Clock for DELIVERY_DATE, label expiry and every timestamp the adapter writes. @default () => new Date() */
  now?: () => Date;
  /** Which webhook credential must match `webhookSecret`. @default DEFAULT_WEBHOOK_VERIFY ('either') */
  webhookVerify?: WebhookVerifyRule;
}

const nonEmpty = z.string().trim().min(1);
const passwordCredentials = z.strictObject({ username: nonEmpty, password: z.string().min(1) });
const tokenCredentials = z.strictObject({ token: z.string().min(1) });
/** The keys each credentials object may hold. */
const CREDENTIAL_KEYS = {
  credentials: ['username', 'password', 'token'],
  partner: ['username', 'password'],
} as const;

const optionsSchema = z
  .strictObject({
    environment: z.enum(['production', 'development']).optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    credentials: z.union([passwordCredentials, tokenCredentials], {
      error: 'cần { username, password } hoặc { token } / needs { username, password } or { token }',
    }),
    partner: passwordCredentials.optional(),
    account: nonEmpty.optional(),
    webhookSecret: z.string().min(1).optional(),
    labelHost: nonEmpty.optional(),
    ...carrierPipelineOptionFields,
    nlpFallback: z.boolean().optional(),
    enableSortCode: z.boolean().optional(),
    labelExpiryMs: z.number().int().positive().optional(),
    now: z
      .custom<() => Date>((v) => typeof v === 'function', {
        message: 'phải là một hàm trả về Date / must be a function returning a Date',
      })
      .optional(),
    webhookVerify: z.enum(['header', 'body', 'either', 'both']).optional(),
  })
  .superRefine((options, ctx) => {
    if (!options.environment && !options.baseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        message: 'cần `environment` hoặc `baseUrl` / give `environment` or `baseUrl`',
      });
    }
    if (options.partner && 'token' in options.credentials) {
      ctx.addIssue({
        code: 'custom',
        path: ['partner'],
        message:
          'ủy quyền đối tác cần username và password của thành viên, không phải token / partner delegation needs the member username and password, not a token',
      });
    }
  });

/** Options after validation, defaults applied. */
export interface ResolvedViettelPostOptions extends ResolvedCarrierPipelineOptions {
  baseUrl: string;
  environment: ViettelPostEnvironment;
  credentials: ViettelPostCredentials;
  partner?: ViettelPostPasswordCredentials;
  account: string;
  webhookSecret?: string;
  labelOrigin: string;
  nlpFallback: boolean;
  enableSortCode: boolean;
  labelExpiryMs: number;
  now: () => Date;
  webhookVerify: WebhookVerifyRule;
}

/**
 * The label page's origin: `labelHost` when given; with a `baseUrl` that is not ViettelPost's own API (a
 * sandbox, a proxy) that origin — never links to ViettelPost's print host for waybills it never saw;
 * else ViettelPost's print host for the environment.
 */
function labelOrigin(
  labelHost: string | undefined,
  environment: ViettelPostEnvironment,
  baseUrl: string,
): string {
  const ownApi = baseUrl === PRODUCTION_BASE_URL || baseUrl === DEVELOPMENT_BASE_URL;
  const host =
    labelHost ??
    (!ownApi ? baseUrl : environment === 'production' ? PRODUCTION_LABEL_HOST : DEVELOPMENT_LABEL_HOST);
  return /^https?:\/\//.test(host) ? host.replace(/\/+$/, '') : `https://${host}`;
}

/** Validates once at construction and reports every problem in one ConfigurationError. */
export function resolveViettelPostOptions(input: ViettelPostOptions): ResolvedViettelPostOptions {
  const pipeline = resolveCarrierOptions(
    optionsSchema,
    input,
    {
      name: 'ViettelPost',
      platform: VIETTELPOST,
      rate: { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND, burst: DEFAULT_REQUEST_BURST },
    },
    // A mistyped key (`pasword`) is named with the right one, not only as "needs { username, password }".
    (given) => nestedUnknownNameProblems(given, CREDENTIAL_KEYS),
  );
  const options = input;
  // With only a baseUrl (a sandbox), default to development: nothing production-only may be implied.
  const environment = options.environment ?? 'development';
  const baseUrl = (
    options.baseUrl ?? (environment === 'production' ? PRODUCTION_BASE_URL : DEVELOPMENT_BASE_URL)
  ).replace(/\/+$/, '');
  const credentials = options.credentials;
  const account = options.account ?? ('username' in credentials ? credentials.username.trim() : 'token');
  return {
    baseUrl,
    environment,
    credentials,
    ...(options.partner ? { partner: options.partner } : {}),
    account,
    ...(options.webhookSecret ? { webhookSecret: options.webhookSecret } : {}),
    labelOrigin: labelOrigin(options.labelHost, environment, baseUrl),
    ...pipeline,
    nlpFallback: options.nlpFallback ?? false,
    enableSortCode: options.enableSortCode ?? true,
    labelExpiryMs: options.labelExpiryMs ?? DEFAULT_LABEL_EXPIRY_MS,
    now: options.now ?? (() => new Date()),
    webhookVerify: options.webhookVerify ?? DEFAULT_WEBHOOK_VERIFY,
  };
}
