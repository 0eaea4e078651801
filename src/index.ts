/**
 * ocop-connect — one product and order model for Vietnamese OCOP cooperatives, mapped onto Voso,
 * Postmart and ViettelPost. The main entry holds the model, the Vietnamese helpers, the request
 * pipeline's errors and building blocks, the catalog reader, the state stores and the connector.
 * Platforms live in subpaths (`ocop-connect/viettelpost`, `/vnpost`, `/voso`, `/postmart`, `/shopee`, the
 * profile engine in `/marketplace`); emulators in
 * `ocop-connect/sandbox`; the image pipeline in `ocop-connect/images`.
 */

export type { ReadCatalogOptions } from './catalog/catalog-options.js';
export { CATALOG_COLUMNS, type CatalogColumn, type ColumnKey } from './catalog/columns.js';
export { type CatalogReadResult, catalogFromSheet, readCatalog } from './catalog/read-catalog.js';
export type { CatalogFormat, SheetData, SheetRow } from './catalog/read-rows.js';
export { type TemplateFiles, writeCatalogTemplate } from './catalog/write-template.js';
export {
  type CarrierChooser,
  type CatchUpResult,
  type Connector,
  type ConnectorFulfilOptions,
  type ConnectorFulfilPendingOptions,
  type ConnectorLinkListingsOptions,
  type ConnectorMatchListingsOptions,
  type ConnectorOptions,
  type ConnectorPublishOptions,
  type ConnectorPullOrdersOptions,
  type ConnectorSyncInventoryOptions,
  createConnector,
  type PendingShipmentLookup,
} from './connector.js';
export {
  bearerAuth,
  type HeaderTokenAuthOptions,
  headerTokenAuth,
  type LazadaSigningAuthOptions,
  type LoginTokenAuthOptions,
  lazadaSigningAuth,
  loginTokenAuth,
  type OAuth2AuthOptions,
  oauth2Auth,
  type ShopeeSigningAuthOptions,
  shopeeSigningAuth,
} from './core/auth/strategies.js';
export { createTokenManager, type TokenManagerOptions } from './core/auth/token-manager.js';
export { MemoryTokenStore } from './core/auth/token-store.js';
export type {
  AppliedAuth,
  AuthStrategy,
  AuthToken,
  SignableRequest,
  TokenFetcher,
  TokenManager,
  TokenStore,
} from './core/auth/types.js';
export {
  AbortedError,
  AuthenticationError,
  ClosedError,
  ConfigurationError,
  ConflictError,
  ConnectorClosedError,
  ContractViolationError,
  ERROR_KINDS,
  type ErrorKind,
  InternalError,
  InvalidRequestError,
  isOcopConnectError,
  NetworkError,
  type NetworkErrorOptions,
  NotFoundError,
  OcopConnectError,
  type OcopConnectErrorOptions,
  OutcomeUnknownError,
  PermissionError,
  RateLimitedError,
  type RequestSummary,
  ServerError,
  TimeoutError,
  ValidationError,
} from './core/errors.js';
export { newIdempotencyKey, type StableReferenceOptions, stableReference } from './core/idempotency.js';
export {
  type AcquireOptions,
  LimiterClosedError,
  type LimiterOutcome,
  type LimiterPermit,
  type LimiterPriority,
  type LimitScope,
  type RateLimitConfig,
  type RateLimitHeaderInfo,
  type RequestLimiter,
  type TrafficClass,
} from './core/limiter.js';
export { type CreateLoggerOptions, createLogger, type Logger } from './core/logger.js';
export { createPlatformClient } from './core/platform-client.js';
export { createRateLimiter } from './core/rate-limiter.js';
export type { RedactionRules } from './core/redact.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './core/retry-policy.js';
export type {
  ApiRequest,
  ApiResponse,
  AuthEvent,
  CallOptions,
  ErrorMappingContext,
  HttpMethod,
  PlatformClient,
  PlatformClientEventEmitter,
  PlatformClientEventName,
  PlatformClientEvents,
  PlatformClientOptions,
  PlatformErrorMapper,
  RateLimitedEvent,
  RateLimiterView,
  RateLimitsOption,
  RequestEvent,
  RetryEvent,
} from './core/types.js';
export { LIBRARY_VERSION } from './core/version.js';
export { type Address, type AddressEra, AddressSchema, addressEra, formatAddress } from './model/address.js';
export type { DimensionsCm, ExternalIds, PlatformName } from './model/common.js';
export {
  type ImageFormat,
  type ImageSpec,
  type ImageSpecInput,
  ImageSpecSchema,
} from './model/image-spec.js';
export type { BilingualText } from './model/messages.js';
export { zodIssueText } from './model/option-problem.js';
export {
  type Buyer,
  BuyerSchema,
  CANCEL_REASONS,
  type CancelReason,
  type CancelReasonCode,
  CancelReasonSchema,
  type Order,
  type OrderInput,
  type OrderLine,
  OrderLineSchema,
  OrderSchema,
  orderKey,
  type Payment,
  type PaymentMethod,
  PaymentMethodSchema,
  PaymentSchema,
} from './model/order.js';
export {
  type Bundle,
  type BundleComponent,
  BundleComponentSchema,
  BundleSchema,
  type FoodFacts,
  FoodFactsSchema,
  type ImageSource,
  ImageSourceSchema,
  NetContentUnitSchema,
  type OcopCertification,
  OcopCertificationSchema,
  type Offer,
  type Producer,
  ProducerSchema,
  type ProducerType,
  ProducerTypeSchema,
  type Product,
  type ProductInput,
  ProductSchema,
  type ProductStatus,
  ProductStatusSchema,
  productOffers,
  type Variant,
  VariantSchema,
} from './model/product.js';
export {
  type Contact,
  ContactSchema,
  normaliseServiceCode,
  type Parcel,
  type ParcelInput,
  type ParcelItem,
  ParcelItemSchema,
  ParcelSchema,
  type Quote,
  QuoteSchema,
  type Shipment,
  type ShipmentEvent,
  ShipmentEventSchema,
  type ShipmentFees,
  ShipmentFeesSchema,
  ShipmentSchema,
} from './model/shipment.js';
export {
  canTransitionOrder,
  canTransitionShipment,
  LISTING_REVIEW_STATUSES,
  type ListingReviewStatus,
  ListingReviewStatusSchema,
  ORDER_STATUSES,
  type OrderStatus,
  OrderStatusSchema,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  ShipmentStatusSchema,
  TERMINAL_ORDER_STATUSES,
  TERMINAL_SHIPMENT_STATUSES,
  type TimedShipmentStatus,
} from './model/status.js';
export {
  type CatalogValidation,
  formatIssue,
  type Language,
  type ValidationIssue,
  type ValidationResult,
  validateCatalog,
  validateProduct,
} from './model/validation.js';
export { ReferenceReusedError } from './platforms/carrier-request.js';
export {
  type CarrierShipmentRecord,
  type CarrierShipmentRecordInput,
  type CarrierShipmentStore,
  type CarrierShipmentUpdater,
  createMemoryShipmentStore,
} from './platforms/carrier-state.js';
export type {
  MarketplaceShipmentInput,
  MarketplaceShipmentKey,
  MarketplaceShipmentRecord,
  MarketplaceShipmentStore,
} from './platforms/marketplace-state.js';
export type {
  CancelShipmentOutcome,
  CarrierAdapter,
  CarrierCapabilities,
  CarrierRefreshResult,
  CarrierShipmentMatch,
  CarrierWebhookReceipt,
  Category,
  CategoryAttribute,
  CategoryMapping,
  CreateShipmentOptions,
  HeaderBag,
  ImageUpload,
  ItemResult,
  LabelSize,
  ListingDraft,
  ListingRules,
  ListingSkuAssignment,
  ListOrdersOptions,
  MarketplaceAdapter,
  MarketplaceCapabilities,
  MarketplaceEvent,
  OrderWindow,
  PriceUpdate,
  QuoteRequest,
  RemoteListing,
  RemoteVariant,
  ResolvedAddress,
  ShipmentPayer,
  ShipmentRequest,
  ShippedInfo,
  ShopListing,
  ShopListingVariant,
  StockUpdate,
  UploadedImage,
} from './platforms/types.js';
export {
  InvalidRecordError,
  NestedTransactionError,
  StoreClosedError,
  StoreCorruptError,
  StoreError,
  type StoreErrorCode,
  StoreLockedError,
  StoreUnusableError,
} from './store/errors.js';
export { createFileStore, FileStore, type FileStoreOptions } from './store/file-store.js';
export {
  createFileTokenStore,
  FileTokenStore,
  type FileTokenStoreOptions,
} from './store/file-token-store.js';
export { createMemoryStore, MemoryStore } from './store/memory-store.js';
export type {
  ClaimWebhookOptions,
  ImageUploadInput,
  ImageUploadKey,
  ImageUploadRecord,
  IntentFilter,
  IntentStatus,
  LedgerStateInput,
  LedgerStateRecord,
  LinkProposalInput,
  LinkProposalRecord,
  ListingInput,
  ListingKey,
  ListingRecord,
  OrderCheckpoint,
  OrderCheckpointInput,
  OrderStateFilter,
  OrderStateInput,
  OrderStateKey,
  OrderStateRecord,
  PendingLinkProposal,
  PublishIntent,
  PublishIntentInput,
  StateStore,
  StockEntry,
  StockEntryInput,
  StockUpdater,
  StoreOperations,
  TransactionOptions,
} from './store/state-store.js';
export type { TransactionalStoreOptions } from './store/transactional-store.js';
export { bundleAvailable } from './sync/bundles/bundle-stock.js';
export {
  type CarrierChoice,
  type CarrierChoiceContext,
  type CarrierChoiceFailure,
  type CarrierChoiceRule,
  type CarrierPolicy,
  type CarrierPolicyFunction,
  type CarrierQuotes,
  chooseCarrier,
} from './sync/fulfil/carrier-choice.js';
export { FULFIL_RACE_WAIT_MS } from './sync/fulfil/create-claim.js';
export {
  CarrierQuoteFailedError,
  FulfilInProgressError,
  OrderNotCancellableError,
  OrderNotShippableError,
  ParcelCancelPendingError,
  ParcelCancelRefusedError,
} from './sync/fulfil/errors.js';
export type {
  FulfilPendingResult,
  PendingOrderResult,
  PendingOutcome,
  SkipReason,
} from './sync/fulfil/fulfil-pending.js';
export type { FulfilOutcome, FulfilResult } from './sync/fulfil/fulfil-types.js';
export type { UnitFacts } from './sync/fulfil/parcel.js';
export type { ServicePolicy } from './sync/fulfil/service-policy.js';
export type {
  InventoryOrderChange,
  InventoryOversell,
  InventoryPlatformResult,
  InventoryProgressEvent,
  InventoryPushItem,
  InventoryStockLine,
  InventorySyncResult,
  OrderStockEffect,
  UnfulfillableOrder,
} from './sync/inventory/types.js';
export type {
  ExportCatalogOptions,
  ExportCatalogResult,
  ImageNotDownloaded,
  UnfilledColumn,
  UnmappedCategory,
} from './sync/onboarding/export-catalog.js';
export { DEFAULT_MIN_MATCH_CONFIDENCE } from './sync/onboarding/match-listings.js';
export {
  type ReviewSheetDecisions,
  type ReviewSheetRow,
  readReviewSheet,
  writeReviewSheet,
} from './sync/onboarding/review-sheet.js';
export type {
  LinkDecision,
  LinkListingsResult,
  LinkOutcome,
  LinkResultItem,
  ListingMatch,
  MatchCandidate,
  MatchListingsResult,
  MatchPlatformResult,
  MatchReason,
  OtherProductMatch,
  UnmatchedProduct,
  VariantMatch,
} from './sync/onboarding/types.js';
export { type CarrierEventResult, currentOrderStatus } from './sync/orders/journey.js';
export {
  type LedgerState,
  listOrderStates,
  type OrderState,
  type ShipmentState,
} from './sync/orders/order-state.js';
export type { OversellResolution } from './sync/orders/oversell.js';
export type {
  CancelledOrderParcel,
  PulledOrder,
  PullOrdersResult,
  PullPlatformResult,
} from './sync/orders/pull-orders.js';
export { MATCH_CHECKPOINT_NAMESPACE } from './sync/publish/existing-listings.js';
export type {
  CatalogInput,
  CategoryMap,
  OtherTenantListings,
  OtherTenantListingsLookup,
  PlannedAction,
  PublishChange,
  PublishImagePreparer,
  PublishItemResult,
  PublishOutcome,
  PublishPhase,
  PublishPlatformSummary,
  PublishProgressEvent,
  PublishReport,
  PublishWarning,
  PublishWarningCode,
} from './sync/publish/types.js';
export type {
  WebhookOutcome,
  WebhookResult,
} from './sync/webhooks/handle-webhook.js';
export type {
  WebhookHandlerOptions,
  WebhookRequest,
  WebhookResponse,
} from './sync/webhooks/webhook-endpoint.js';
export { findVnAdminDataDir } from './vn/admin/data-dir.js';
export {
  defaultVnAdmin,
  findDistrict,
  findProvince,
  findWard,
  findWards,
  getDistrict,
  getProvince,
  getWard,
  legacyProvincesOf,
  legacyWardsOf,
  listDistricts,
  listProvinces,
  listWards,
  mapDistrictTo2025,
  mapProvinceTo2025,
  mapWardTo2025,
  resolveAddress,
  suggestDistricts,
  suggestProvinces,
  suggestWards,
} from './vn/admin/default-admin.js';
export { type ParsedQuery, parseQuery } from './vn/admin/names.js';
export type { AddressResolution, AddressUnitsInput } from './vn/admin/resolve-address.js';
export type {
  AdminCandidate,
  District,
  DistrictType,
  Province,
  ProvinceQueryOptions,
  ProvinceType,
  SuggestOptions,
  Ward,
  WardMapping,
  WardQueryOptions,
  WardType,
} from './vn/admin/types.js';
export { createVnAdmin, VnAdmin, type VnAdminOptions } from './vn/admin/vn-admin.js';
export {
  VndParseError,
  VnInputError,
  type VnInputErrorCode,
  type VnInputErrorDetails,
  VnPhoneError,
} from './vn/errors.js';
export { type FormatVndOptions, formatVnd, parseVnd, tryParseVnd } from './vn/money.js';
export {
  formatVnPhone,
  isValidVnPhone,
  type NormalizeVnPhoneOptions,
  normalizeVnPhone,
  type ParseVnPhoneOptions,
  parseVnPhone,
  type VnPhone,
} from './vn/phone.js';
export type { VnMobileCarrier } from './vn/phone-prefixes.js';
export {
  foldAccents,
  normalizeToneMarks,
  type SlugifyOptions,
  slugify,
  type ToneMarkStyle,
} from './vn/text.js';
