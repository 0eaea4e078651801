import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { nestedUnknownNameProblems } from '../../core/argument-guards.js';
import type { RateLimitsOption } from '../../core/types.js';
import { pathProblem } from '../../model/option-problem.js';
import { normaliseServiceCode } from '../../model/shipment.js';
import {
  type CarrierPipelineOptions,
  carrierPipelineOptionFields,
  type ResolvedCarrierPipelineOptions,
  resolveCarrierOptions,
} from '../carrier-options.js';
import type { CarrierShipmentStore } from '../carrier-state.js';
import { VNPOST } from './errors.js';
import { legacyRenegotiationFor } from './tls.js';

export const PRODUCTION_BASE_URL = 'https://connect-my.vnpost.vn';
export const UAT_BASE_URL = 'https://my-uat.vnpost.vn/MYVNP_API';
/** Every endpoint of the customer-partner API lives under this prefix. */
export const API_PREFIX = '/customer-partner';
/** Integrators cache the GetAccessToken token about an hour; re-login once earlier refusal happens. */
export const DEFAULT_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** MyVNPost states no rate limit; this keeps a burst of quotes polite. */
export const DEFAULT_REQUESTS_PER_SECOND = 5;
export const DEFAULT_REQUEST_BURST = 5;
/** exportListReport prints at most this many parcels per call. */
export const MAX_ITEMS_PER_LABEL = 100;
/** GetListOrder's largest page. */
export const MAX_LIST_PAGE_SIZE = 500;
/**
 * After a lost CreateOrder answer, the order is looked up by reference at these delays (ms from the
 * loss): VNPost's list may lag behind its create. Not found after the last → OutcomeUnknownError.
 */
export const DEFAULT_LOST_CREATE_LOOKUP_DELAYS_MS: readonly number[] = [0, 500, 2000];
/**
 * How long a create whose answer was lost (`pendingSince` in the store) is only looked up, never sent
 * again: VNPost may commit it late and its list may lag behind its create. Within it a retry that finds
 * nothing fails with OutcomeUnknownError naming when it may create; after it, with still no order under
 * the reference, the create is sent once more. 15 minutes: far beyond the seconds of lag integrators
 * see, short enough that a scheduled run ships the order the same hour.
 */
export const DEFAULT_LOST_CREATE_SETTLE_MS = 15 * 60 * 1000;
/** How far back a lost create is looked for in GetListOrder (days, by last update). */
export const DEFAULT_LOOKUP_WINDOW_DAYS = 3;

export type VnpostEnvironment = 'production' | 'uat';

/** MyVNPost account: username, password and the VNPost CMS customer code (e.g. `C000368268`). */
export interface VnpostPasswordCredentials {
  username: string;
  password: string;
  customerCode: string;
}

/** A token already obtained from GetAccessToken. It cannot be renewed automatically. */
export interface VnpostTokenCredentials {
  token: string;
  customerCode: string;
}

export type VnpostCredentials = VnpostPasswordCredentials | VnpostTokenCredentials;

export interface VnpostOptions extends CarrierPipelineOptions {
  /**
   * `production` → https://connect-my.vnpost.vn, `uat` → https://my-uat.vnpost.vn/MYVNP_API.
   * Required unless `baseUrl` is given.
   */
  environment?: VnpostEnvironment;
  /** Explicit API origin (a local sandbox). Wins over `environment`. @default derived from `environment` */
  baseUrl?: string;
  /** @default none (required) */
  credentials: VnpostCredentials;
  /** VNPost contract number sent with quotes and orders, when the account has one. @default none (null) */
  contractCode?: string;
  /** Name of this account in logs, limiter and token keys. @default credentials.customerCode */
  account?: string;
  /**
   * VNPost's RSA public key (PEM, base64 DER, or a KeyObject) that checks webhook signatures. Ask VNPost
   * for the one of your environment. Without it `verifyWebhook` refuses every delivery.
   * @default none
   */
  webhookPublicKey?: string | KeyObject;
  /**
   * Allow TLS legacy renegotiation (OpenSSL `SSL_OP_LEGACY_SERVER_CONNECT`) for the API host. `auto`
   * enables it only for an https host under `vnpost.vn`, on this adapter's own agent (never globally).
   * @default 'auto'
   */
  legacyTlsRenegotiation?: 'auto' | boolean;
  /**
   * Where "a create for this reference was sent", reference ↔ waybill and the carrier status are kept
   * (the `shipments` records; give the connector's StateStore). A create whose answer was lost is then
   * looked up by reference — even after a restart — before anything is sent again; webhooks applied
   * by a receiver process are seen by the sync process. Never closed by the adapter.
   * @default a memory store private to this adapter (this process only)
   */
  store?: CarrierShipmentStore;
  /** @default { shared: { requestsPerSecond: 5, burst: 5 } } */
  rateLimits?: RateLimitsOption;
  /** @default DEFAULT_TOKEN_LIFETIME_MS (1 h) */
  tokenLifetimeMs?: number;
  /** @default DEFAULT_LOOKUP_WINDOW_DAYS (3) */
  lookupWindowDays?: number;
  /** @default DEFAULT_LOST_CREATE_LOOKUP_DELAYS_MS ([0, 500, 2000]) */
  lostCreateLookupDelaysMs?: readonly number[];
  /**
   * A create sent less than this long ago whose answer was lost is only looked up by reference: a
   * retry that finds nothing fails with OutcomeUnknownError (its `retryAfterMs` says when it may create)
   * instead of sending a second CreateOrder. Counted from the last send recorded in the store, with
   * `now`. At most 24 h (and shorter than `lookupWindowDays`).
   * @default DEFAULT_LOST_CREATE_SETTLE_MS (15 minutes)
   */
  lostCreateSettleMs?: number;
  /** Clock (epoch ms), for the lookup window and timestamps. @default Date.now */
  now?: () => number;
  /**
   * Service codes your MyVNPost contract offers beyond `VNPOST_SERVICES` (the published list): the
   * adapter refuses any other code before anything is sent, so a code of your account must be named
   * here to be quoted or shipped. Normalised (trimmed, upper case). @default []
   */
  extraServices?: readonly string[];
}

const nonEmpty = z.string().trim().min(1);
const isFn = (v: unknown) => typeof v === 'function';
const CUSTOMER_CODE_REQUIRED =
  'bắt buộc: mã khách hàng VNPost (ví dụ C000368268) / required: the VNPost customer code (e.g. C000368268)';

const optionsSchema = z.strictObject({
  environment: z.enum(['production', 'uat']).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  // One object, not a union: a missing piece is named (customerCode, the password …), never "Invalid input".
  credentials: z
    .object(
      {
        username: nonEmpty.optional(),
        password: z.string().min(1).optional(),
        token: z.string().min(1).optional(),
        customerCode: z
          .string({ error: CUSTOMER_CODE_REQUIRED })
          .trim()
          .min(1, { error: CUSTOMER_CODE_REQUIRED }),
      },
      {
        error:
          'cần { username, password, customerCode } hoặc { token, customerCode } / required: { username, password, customerCode } or { token, customerCode }',
      },
    )
    .superRefine((c, ctx) => {
      const login = c.username !== undefined || c.password !== undefined;
      if (c.token !== undefined && login)
        ctx.addIssue({
          code: 'custom',
          message:
            'chỉ đưa token hoặc username + password, không cả hai / give either token or username + password, not both',
        });
      else if (c.token === undefined) {
        for (const key of ['username', 'password'] as const)
          if (c[key] === undefined)
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: login
                ? 'bắt buộc khi dùng username + password / required with username + password'
                : 'bắt buộc (hoặc đưa token) / required (or give token)',
            });
      }
    }),
  contractCode: nonEmpty.optional(),
  account: nonEmpty.optional(),
  webhookPublicKey: z
    .custom<string | KeyObject>(
      (v) => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'object' && v !== null),
      {
        message:
          'phải là chuỗi PEM hoặc base64, hoặc một KeyObject / must be a PEM or base64 string or a KeyObject',
      },
    )
    .optional(),
  legacyTlsRenegotiation: z.union([z.literal('auto'), z.boolean()]).optional(),
  ...carrierPipelineOptionFields,
  tokenLifetimeMs: z.number().int().positive().optional(),
  lookupWindowDays: z.number().int().min(1).max(31).optional(),
  lostCreateLookupDelaysMs: z.array(z.number().int().min(0).max(60_000)).min(1).max(10).optional(),
  lostCreateSettleMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000)
    .optional(),
  now: z
    .custom<() => number>(isFn, {
      message: 'phải là một hàm trả về epoch ms / must be a function returning epoch ms',
    })
    .optional(),
  extraServices: z
    .array(
      z.string().regex(/^\s*[A-Za-z0-9]{2,20}\s*$/, {
        error: 'một mã dịch vụ: chỉ chữ và số / a service code: letters and digits',
      }),
    )
    .optional(),
});

export interface ResolvedVnpostOptions extends ResolvedCarrierPipelineOptions {
  baseUrl: string;
  credentials: VnpostCredentials;
  contractCode?: string;
  account: string;
  webhookPublicKey?: string | KeyObject;
  legacyTlsRenegotiation: boolean;
  tokenLifetimeMs: number;
  lookupWindowDays: number;
  lostCreateLookupDelaysMs: readonly number[];
  lostCreateSettleMs: number;
  now: () => number;
  extraServices: readonly string[];
}

/** Validates once at construction and reports every problem in one ConfigurationError. */
export function resolveVnpostOptions(input: VnpostOptions): ResolvedVnpostOptions {
  // The environment is checked beside the schema (not in a refinement, which zod skips while a
  // credential is missing): every gap is named at once.
  const rate = { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND, burst: DEFAULT_REQUEST_BURST };
  const pipeline = resolveCarrierOptions(
    optionsSchema,
    input,
    { name: 'VNPost', platform: VNPOST, rate },
    (given) => {
      const { environment, baseUrl } = (given ?? {}) as { environment?: unknown; baseUrl?: unknown };
      // A mistyped credential key (`pasword`) is named with the right one (the object itself is not strict).
      const keys = nestedUnknownNameProblems(given, {
        credentials: ['username', 'password', 'token', 'customerCode'],
      });
      return environment === undefined && baseUrl === undefined
        ? [
            ...keys,
            pathProblem(
              'environment',
              "bắt buộc: `environment` ('production' hoặc 'uat') hoặc `baseUrl`",
              "required: `environment` ('production' or 'uat') or `baseUrl`",
            ),
          ]
        : keys;
    },
  );
  const options = input;
  const baseUrl = (
    options.baseUrl ?? (options.environment === 'production' ? PRODUCTION_BASE_URL : UAT_BASE_URL)
  ).replace(/\/+$/, '');
  const tls = options.legacyTlsRenegotiation ?? 'auto';
  return {
    baseUrl,
    credentials: options.credentials,
    ...(options.contractCode ? { contractCode: options.contractCode } : {}),
    account: options.account ?? options.credentials.customerCode.trim(),
    ...(options.webhookPublicKey ? { webhookPublicKey: options.webhookPublicKey } : {}),
    legacyTlsRenegotiation: tls === 'auto' ? legacyRenegotiationFor(baseUrl) : tls,
    ...pipeline,
    tokenLifetimeMs: options.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS,
    lookupWindowDays: options.lookupWindowDays ?? DEFAULT_LOOKUP_WINDOW_DAYS,
    lostCreateLookupDelaysMs: options.lostCreateLookupDelaysMs ?? DEFAULT_LOST_CREATE_LOOKUP_DELAYS_MS,
    lostCreateSettleMs: options.lostCreateSettleMs ?? DEFAULT_LOST_CREATE_SETTLE_MS,
    now: options.now ?? Date.now,
    extraServices: (options.extraServices ?? []).map(normaliseServiceCode),
  };
}
