export * from './category-mapper.js';
export * from './content-hash.js';
export * from './create-marketplace-adapter.js';
export { createProfileErrorMapper } from './error-mapping.js';
export { resolveListingAttributes } from './listing-attributes.js';
export type { CategoryAttributeDetail } from './listing-codec.js';
export { charCount, checkListingRules, type ListingRuleName } from './listing-rules.js';
export {
  decodeOrderCheckpoint,
  encodeOrderCheckpoint,
  type OrderCheckpoint,
  splitWindow,
} from './order-window.js';
export * from './profile.js';
export type { MarketplaceCredentials } from './profile-auth.js';
export {
  ATTRIBUTE_SOURCES,
  type AttributeSource,
  type AuthSpec,
  type EndpointSpec,
  type FieldMap,
  type ListingRulesSpec,
  MARKETPLACE_OPERATIONS,
  type MarketplaceOperation,
  type MarketplaceProfile,
  type MarketplaceProfileInput,
  MarketplaceProfileSchema,
  type PagingSpec,
} from './profile-schema.js';
export { computeWebhookSignature } from './webhook.js';
