export * from './category-mapper.js';
export { createCodecs, type MarketplaceCodecs } from './codecs.js';
export * from './content-hash.js';
export * from './create-marketplace-adapter.js';
export { createProfileErrorMapper } from './error-mapping.js';
export type {
  AuthHookContext,
  BulkHookItem,
  HookCallRequest,
  MarketplaceCredentials,
  MarketplaceHookContext,
  MarketplaceHooks,
  OrderPage,
  OrderPageRequest,
} from './hooks.js';
export { resolveListingAttributes } from './listing-attributes.js';
export { type CategoryAttributeDetail, typedId } from './listing-codec.js';
export { charCount, checkListingRules, type ListingRuleName } from './listing-rules.js';
export { getPath, setPath } from './object-path.js';
export {
  decodeOrderCheckpoint,
  encodeOrderCheckpoint,
  type OrderCheckpoint,
  splitWindow,
} from './order-window.js';
export { decodePlatformTime, encodePlatformTime } from './platform-time.js';
export * from './profile.js';
export {
  ATTRIBUTE_SOURCES,
  type AttributeSource,
  type AuthLevel,
  type AuthSpec,
  type EndpointSpec,
  type FieldMap,
  type JsonValue,
  type ListingRulesSpec,
  MARKETPLACE_OPERATIONS,
  type MarketplaceOperation,
  type MarketplaceProfile,
  type MarketplaceProfileInput,
  MarketplaceProfileSchema,
  type PagingSpec,
} from './profile-schema.js';
export { computeWebhookSignature, type WebhookKeys } from './webhook.js';
