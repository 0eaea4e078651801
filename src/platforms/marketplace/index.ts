export type { MarketplaceAdapterOptions, ProfileMarketplaceAdapter } from './adapter-options.js';
export {
  type CategoryMapper,
  type CategoryMapperConfig,
  type CategoryResolution,
  createCategoryMapper,
} from './category-mapper.js';
export type { MarketplaceCodecs } from './codecs.js';
export { createMarketplaceAdapter } from './create-marketplace-adapter.js';
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
export type { ListingRuleName } from './listing-rule-messages.js';
export { checkListingRules } from './listing-rules.js';
export {
  type DeepPartial,
  type DeepPartialOrNull,
  type MarketplaceProfileOverride,
  mergeProfile,
  replaceWith,
} from './profile.js';
export {
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
