import { z } from 'zod';
import { ImageSpecSchema } from '../../model/image-spec.js';
import { LISTING_REVIEW_STATUSES, ORDER_STATUSES } from '../../model/status.js';
import { AuthSpecSchema } from './profile-auth-schema.js';
import { FieldMapSchema } from './profile-fields-schema.js';
import {
  HttpMethodSchema,
  JsonValueSchema,
  jsonPath as path,
  nonEmptyString as s,
} from './profile-schema-primitives.js';

export { type AuthSpec, AuthSpecSchema, ExpiryFormatSchema } from './profile-auth-schema.js';
export { type FieldMap, FieldMapSchema } from './profile-fields-schema.js';
export type { JsonValue } from './profile-schema-primitives.js';

/**
 * A marketplace PROFILE: everything that differs between two marketplaces' seller APIs, as data.
 * The Voso and Postmart adapters are this engine plus one profile each; a cooperative that obtains real
 * partner documentation replaces (or deep-patches) the profile instead of forking the code.
 * See docs/profiles.md for a field-by-field guide.
 *
 * Every object is strict: an unknown key is a typo in a hand-written profile, so it is rejected.
 */

/** The operations a profile maps. Each becomes one request (categories may page by level). */
export const MARKETPLACE_OPERATIONS = [
  'categories',
  'categoryAttributes',
  'uploadImage',
  'createListing',
  'updateListing',
  'getListingBySku',
  'listListings',
  'bulkStock',
  'updatePrice',
  'listOrders',
  'getOrder',
  'confirmOrder',
  'cancelOrder',
  'markShipped',
] as const;
export type MarketplaceOperation = (typeof MARKETPLACE_OPERATIONS)[number];

/** The profile section an endpoint name lives in, for messages that name its path. */
export function endpointSection(name: string): 'endpoints' | 'extraEndpoints' {
  return (MARKETPLACE_OPERATIONS as readonly string[]).includes(name) || name === 'setListingSkus'
    ? 'endpoints'
    : 'extraEndpoints';
}

/**
 * Who an endpoint is signed for. `none`: sent without auth (public catalogue, token exchange);
 * `app`: the application's own signature without a user token (Shopee partner-level calls);
 * `user`: signed for the seller account (the default; Shopee shop-level calls).
 */
export const AuthLevelSchema = z.enum(['none', 'app', 'user']);
export type AuthLevel = z.infer<typeof AuthLevelSchema>;

/**
 * Template variables usable in endpoint paths (`/products/{listingId}`), query values and body values:
 * `listingId`, `sku`, `orderId`, `categoryId`, `parentId` (hooks may pass more). A string that is exactly
 * `{var}` takes the variable's typed value (a number when `ids` says the platform uses numeric ids); any
 * other JSON value (number, boolean, array, object) is a constant, with strings inside it templated too.
 */
export const EndpointSchema = z.strictObject({
  method: HttpMethodSchema,
  path: s.startsWith('/'),
  query: z.record(z.string(), JsonValueSchema).optional(),
  body: z.record(z.string(), JsonValueSchema).optional(),
  /** Payload path of this endpoint's answer; overrides `envelope.dataPath` (`response`, `response.item_list`). */
  dataPath: path.optional(),
  /** @default 'user' */
  auth: AuthLevelSchema.optional(),
});
export type EndpointSpec = z.infer<typeof EndpointSchema>;

/**
 * Operations a hook implements need no endpoint; the adapter checks that each one has one or the other.
 * `setListingSkus` (optional, no hook needed): write the seller SKUs of an existing listing (product SKU,
 * variant SKUs by variant id) to link listings typed by hand; the body uses the listing's and variant's
 * `sku` / `id` field names. Mapped = the adapter declares `capabilities.sellerSkuUpdate`.
 */
const EndpointsSchema = z.strictObject({
  ...(Object.fromEntries(MARKETPLACE_OPERATIONS.map((op) => [op, EndpointSchema.optional()])) as Record<
    MarketplaceOperation,
    z.ZodOptional<typeof EndpointSchema>
  >),
  setListingSkus: EndpointSchema.optional(),
});

export const ErrorKindSchema = z.enum([
  'authentication',
  'permission',
  'not_found',
  'conflict',
  'rate_limited',
  'server',
  'invalid_request',
]);

/** Where data and errors live in every (non-login) response. */
export const EnvelopeSchema = z.strictObject({
  /** Path of the payload (`data`, `result`). */
  dataPath: path,
  /**
   * Success predicate: the value at `successPath` equals `successValue`. Omit both when the HTTP status
   * alone tells success (Tiki): then any 2xx answer is a success.
   */
  successPath: path.min(1).optional(),
  successValue: z.union([z.boolean(), z.string(), z.number()]).optional(),
  /** The platform's own error code (`status` number or `code` string); compared as a string. */
  codePath: path.min(1),
  messagePath: path.min(1),
  /** Per-field error details, kept on the error for diagnosis. */
  detailsPath: path.optional(),
});

export const ErrorTableSchema = z.strictObject({
  /** Platform error code (as a string) → what the caller does next. */
  codes: z.record(z.string(), z.strictObject({ kind: ErrorKindSchema, retriable: z.boolean().optional() })),
  /** Kind for an unsuccessful body whose code is not in the table. */
  defaultKind: ErrorKindSchema.default('invalid_request'),
});

const OrderStatusSchema = z.enum(ORDER_STATUSES);
const ReviewStatusSchema = z.enum(LISTING_REVIEW_STATUSES);

export const StatusMapSchema = z.strictObject({
  /** Raw platform order status → canonical. */
  order: z.record(z.string(), OrderStatusSchema),
  /** Raw listing review status → canonical. */
  review: z.record(z.string(), ReviewStatusSchema),
});

const IdTypeSchema = z.enum(['number', 'string']);

export const PagingSchema = z.discriminatedUnion('style', [
  z.strictObject({
    style: z.literal('offset'),
    offsetParam: s,
    limitParam: s,
    pageSize: z.number().int().positive(),
    itemsPath: path,
    totalPath: path.optional(),
  }),
  z.strictObject({
    style: z.literal('page'),
    pageParam: s,
    sizeParam: s,
    firstPage: z.number().int().min(0).default(1),
    pageSize: z.number().int().positive(),
    itemsPath: path,
    totalPath: path.optional(),
  }),
  z.strictObject({
    style: z.literal('cursor'),
    cursorParam: s,
    sizeParam: s,
    pageSize: z.number().int().positive(),
    itemsPath: path,
    nextCursorPath: path.min(1),
    /** Optional explicit flag; without it, a missing/empty next cursor ends the paging. */
    hasMorePath: path.optional(),
    /** Whether the next-page request repeats the first request's filters (Postmart) or sends only the cursor (Voso). */
    repeatFilters: z.boolean(),
  }),
]);
export type PagingSpec = z.infer<typeof PagingSchema>;

export const PaginationSchema = z.strictObject({
  listings: PagingSchema,
  orders: PagingSchema,
  categories: z.discriminatedUnion('mode', [
    /** One call returns the whole tree; children nested under `childrenPath`. */
    z.strictObject({ mode: z.literal('tree'), childrenPath: path.min(1) }),
    /** One call per level: `categories` endpoint with `{parentId}`, starting at `rootParentId`. */
    z.strictObject({ mode: z.literal('level'), rootParentId: z.string() }),
  ]),
});

export const OrderWindowSpecSchema = z.strictObject({
  fromParam: s,
  toParam: s,
  /** Longest window the platform accepts; longer windows are split. */
  maxWindowMs: z.number().int().positive(),
  /** The platform filters by this timestamp. `created` requests are refused when unsupported. */
  filter: z.enum(['updated', 'created']),
});

/**
 * What `markShipped` takes as a tracking number, checked before the round trip: `minLength`–`maxLength`
 * characters of ASCII letters, digits and the punctuation in `symbols` (`'-'`, `'-_./'`), no spaces.
 * Absent: the general rule, 1–50 characters of letters, digits and `- _ . /`. The shipped Voso and
 * Postmart profiles assume 6–30 with `-` (the modeled contract); a real deployment overrides it.
 */
export const TrackingNumberRuleSchema = z.strictObject({
  minLength: z.number().int().positive(),
  maxLength: z.number().int().positive(),
  /** The punctuation allowed besides letters and digits, each once (`''`: letters and digits only). */
  symbols: z
    .string()
    .regex(
      /^[!-/:-@[-`{-~]*$/,
      'chỉ gồm dấu câu ASCII, không chữ, số hay khoảng trắng (ví dụ "-" hoặc "-_./") / ASCII punctuation only, no letters, digits or spaces (e.g. "-" or "-_./")',
    ),
});
export type TrackingNumberRule = z.infer<typeof TrackingNumberRuleSchema>;

export const ListingRulesSpecSchema = z.strictObject({
  titleMinChars: z.number().int().min(0),
  titleMaxChars: z.number().int().positive(),
  descriptionMinChars: z.number().int().min(0),
  descriptionMaxChars: z.number().int().positive(),
  image: ImageSpecSchema,
  requiredAttributes: z.array(z.string()),
  maxVariants: z.number().int().positive(),
  maxVariantTiers: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  tierNameMaxChars: z.number().int().positive(),
  tierOptionMaxChars: z.number().int().positive(),
  skuPattern: z.string(),
  minPriceVnd: z.number().int().positive(),
  maxPriceVnd: z.number().int().positive(),
  maxStock: z.number().int().positive(),
  maxWeightGrams: z.number().int().positive(),
  maxDimensionCm: z.number().int().positive(),
  /** Phrases that get a listing rejected in review (medical claims), matched case-insensitively after NFC. */
  prohibitedPhrases: z.array(z.string()),
  /** markShipped's tracking number (see TrackingNumberRuleSchema); absent = the general 1–50 rule. */
  trackingNumber: TrackingNumberRuleSchema.optional(),
});
export type ListingRulesSpec = z.infer<typeof ListingRulesSpecSchema>;

const RateLimitConfigSchema = z.strictObject({
  requestsPerSecond: z.number().positive(),
  burst: z.number().int().positive().optional(),
  maxConcurrent: z.number().int().positive().optional(),
});
export const RateLimitsSpecSchema = z.strictObject({
  auth: RateLimitConfigSchema.optional(),
  read: RateLimitConfigSchema.optional(),
  write: RateLimitConfigSchema.optional(),
  bulk: RateLimitConfigSchema.optional(),
  shared: RateLimitConfigSchema.optional(),
});

export const IdempotencySpecSchema = z.discriminatedUnion('mode', [
  /** The platform replays the first answer for a repeated key: creates are retried with the same key. */
  z.strictObject({ mode: z.literal('header'), header: s }),
  /** No key: a create is never blindly retried; the listing is looked up by seller SKU first. */
  z.strictObject({ mode: z.literal('lookup-by-sku') }),
]);

export const WebhookSpecSchema = z.strictObject({
  /** Header of the signature; `signaturePath` reads it from the body instead (MyVNPost). */
  signatureHeader: s,
  /**
   * `hmac-sha256` with the shared secret (`webhookSecret`); `rsa-sha256` verified with the platform's
   * PEM public key (`webhookPublicKey`).
   */
  algorithm: z.enum(['hmac-sha256', 'rsa-sha256']),
  encoding: z.enum(['hex', 'base64']),
  /**
   * What is signed: `{body}`, `{timestamp}` and `{url}` (the callback URL registered with the platform,
   * adapter option `webhookUrl`) placeholders, e.g. `{timestamp}.{body}` or `{url}|{body}` (Shopee).
   */
  signedPayload: z.string().includes('{body}'),
  /** Where the delivery timestamp comes from (header or a field of the body). */
  timestampHeader: s.optional(),
  timestampPath: path.optional(),
  /** How a push writes its instants: the delivery timestamp and the time at `occurredAtPath`. */
  timestampFormat: z.enum(['epochSeconds', 'epochMs', 'iso8601']),
  replayWindowMs: z.number().int().positive(),
  /** Delivery id; omit when the platform sends none (a hash of the raw body is used, for dedupe). */
  eventIdPath: path.min(1).optional(),
  eventTypePath: path.min(1),
  occurredAtPath: path.min(1),
  /** Raw event type → canonical event. */
  eventTypes: z.record(z.string(), z.enum(['order.created', 'order.updated', 'listing.reviewed'])),
  orderPath: path.min(1),
  /** Order id and raw status inside `orderPath`, when a push names them differently from `fields.order`. */
  orderIdPath: path.optional(),
  orderStatusPath: path.optional(),
  listingPath: path.min(1),
  /**
   * Where a push names the shop it is for (Shopee `shop_id`: one partner key signs the pushes of every
   * shop of the app). With it, `accountCredential` names the credential holding this adapter's shop
   * (`shopId`): a push for another shop fails `verifyWebhook` and `parseWebhook`, so it is never
   * attributed to the wrong account.
   */
  accountPath: path.min(1).optional(),
  accountCredential: s.optional(),
});

export const CapabilitiesSpecSchema = z.strictObject({
  listingReview: z.boolean(),
  webhooks: z.boolean(),
  priceUpdate: z.boolean(),
  /**
   * `listListings` pages hold full listings (description, category, attributes, tiers, variants with
   * options), so a shop's existing listings can be downloaded and matched (onboarding).
   */
  listingDownload: z.boolean().default(false),
});

/** Canonical → platform values for the few enumerations we write. */
export const CodesSchema = z.strictObject({
  payment: z.strictObject({ cod: z.string(), prepaid: z.string() }),
  /** Canonical carrier name (`viettelpost`, `vnpost`, `ghn`, `ghtk`, `jt`, `ems`) → platform code. */
  carriers: z.record(z.string(), z.string()),
  otherCarrier: z.string(),
  /**
   * Cancel reasons: canonical key → platform code; `other` is used for free-text reasons. `''` = the
   * platform has no reason for it: `cancelOrder` refuses it (vi + en) instead of sending another reason.
   */
  cancelReasons: z.strictObject({
    out_of_stock: z.string(),
    buyer_request: z.string(),
    wrong_price: z.string(),
    cannot_ship: z.string(),
    other: z.string(),
  }),
});

/**
 * Where each platform attribute's value comes from when the product does not give it explicitly
 * (`product.attributes[code]` and the category mapping's fixed values win).
 */
export const ATTRIBUTE_SOURCES = [
  'origin',
  'brand',
  'producerName',
  'shelfLifeDays',
  'ocopStars',
  'netContent',
  'ingredients',
  'storage',
] as const;
export const AttributeSourceSchema = z.enum(ATTRIBUTE_SOURCES);
export type AttributeSource = z.infer<typeof AttributeSourceSchema>;

export const UploadSpecSchema = z.discriminatedUnion('encoding', [
  z.strictObject({ encoding: z.literal('multipart'), fieldName: s }),
  z.strictObject({ encoding: z.literal('raw') }),
]);

export const MarketplaceProfileSchema = z.strictObject({
  platform: s.regex(/^[a-z][a-z0-9-]*$/),
  displayName: s,
  /** `modeled`: built from public facts + a modeled contract; `verified`: from partner documentation. */
  contractStatus: z.enum(['modeled', 'verified']),
  baseUrl: z.url(),
  auth: AuthSpecSchema,
  endpoints: EndpointsSchema,
  envelope: EnvelopeSchema,
  errors: ErrorTableSchema,
  fields: FieldMapSchema,
  statuses: StatusMapSchema,
  time: z.strictObject({
    format: z.enum(['epochSeconds', 'epochMs', 'iso8601']),
    /** Offset used when WE write ISO times (Vietnam: +07:00, no DST). */
    utcOffset: z.string().regex(/^(Z|[+-]\d{2}:\d{2})$/),
  }),
  ids: z.strictObject({ listing: IdTypeSchema, category: IdTypeSchema, order: IdTypeSchema }),
  pagination: PaginationSchema,
  orderWindow: OrderWindowSpecSchema,
  rules: ListingRulesSpecSchema,
  maxBatch: z.number().int().positive(),
  /** Per-item error codes worth retrying later. */
  retriableItemCodes: z.array(z.string()),
  upload: UploadSpecSchema,
  rateLimits: RateLimitsSpecSchema,
  idempotency: IdempotencySpecSchema,
  webhook: WebhookSpecSchema,
  capabilities: CapabilitiesSpecSchema,
  codes: CodesSchema,
  attributeSources: z.record(z.string(), AttributeSourceSchema),
  /** Response header holding the platform's request id. */
  requestIdHeader: s.default('x-request-id'),
  /** Endpoints only hooks call (`ctx.call('initTierVariation', ...)`), by name. */
  extraEndpoints: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), EndpointSchema).default({}),
  /** Units the platform writes. Weight: `g` (default) or `kg` (Shopee: a float in kilograms). */
  units: z.strictObject({ weight: z.enum(['g', 'kg']).default('g') }).default({ weight: 'g' }),
});

/** A validated profile (defaults applied). */
export type MarketplaceProfile = z.output<typeof MarketplaceProfileSchema>;
/** What a profile author writes (defaults optional). */
export type MarketplaceProfileInput = z.input<typeof MarketplaceProfileSchema>;
