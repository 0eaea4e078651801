/**
 * Local, stateful emulators of every platform, served over real HTTP on loopback: for trying the
 * library without accounts, for a shop tool's own tests, and for this package's tests and benchmarks.
 * They share no code with the adapters they check.
 */
export { SANDBOX_DEMO_IDENTITIES, sandboxDemoValues } from './demo-identities.js';
export { ocopSeedsHandMadeListings } from './marketplace/hand-made-seeds.js';
export { type RaceEntry, raceForLastUnit } from './marketplace/race.js';
export type {
  BuyerActionResult,
  BuyerClockOptions,
  BuyerSimulator,
  LatencyRange,
  MarketplacePlatform,
  MarketplaceSandbox,
  MarketplaceSandboxOptions,
  OrderControl,
  PlaceOrderInput,
  PlaceOrderResult,
  ReviewControl,
  SandboxAddress,
  SandboxBuyer,
  SandboxCancelReason,
  SandboxCredentials,
  SandboxFaults,
  SandboxHandMadeListing,
  SandboxImage,
  SandboxListing,
  SandboxOperation,
  SandboxOrder,
  SandboxOrderLine,
  SandboxOrderStatus,
  SandboxReviewOptions,
  SandboxReviewStatus,
  SandboxStateView,
  SandboxStats,
  SandboxVariant,
  SandboxWebhookOptions,
  WebhookControl,
  WebhookDelivery,
} from './marketplace/types.js';
export { POSTMART_LISTING_RULES } from './postmart/postmart-dialect.js';
export {
  POSTMART_ORDER_STATUS,
  POSTMART_REVIEW_STATUS,
  signPostmartWebhook,
} from './postmart/postmart-render.js';
export { startPostmartSandbox } from './postmart/start-postmart-sandbox.js';
export type { CarrierTraffic } from './request-log.js';
export { SANDBOX_CATEGORIES } from './sandbox-categories.js';
export { shopeePushSignature, shopeeSignature } from './shopee/shopee-wire.js';
export { startShopeeSandbox } from './shopee/start-shopee-sandbox.js';
export type {
  ShopeeOperation,
  ShopeeSandbox,
  ShopeeSandboxCredentials,
  ShopeeSandboxFaults,
  ShopeeSandboxOptions,
  ShopeeSandboxState,
  ShopeeSandboxStats,
} from './shopee/types.js';
export type { SandboxInventory, ViettelPostAccountSpec } from './viettelpost/accounts.js';
export type { OperationCounts, ViettelPostFaults, ViettelPostOperation } from './viettelpost/faults.js';
export type { JourneyEnding } from './viettelpost/journey.js';
export type { ViettelPostSandboxOptions } from './viettelpost/options.js';
export type {
  SandboxOrder as ViettelPostSandboxOrder,
  SandboxOrderFees as ViettelPostSandboxOrderFees,
  SandboxParty as ViettelPostSandboxParty,
  SandboxStatusEvent as ViettelPostSandboxStatusEvent,
} from './viettelpost/order-types.js';
export {
  startViettelPostSandbox,
  VIETTELPOST_SANDBOX_DEMO,
  type ViettelPostAccountInfo,
  type ViettelPostSandbox,
  type ViettelPostSandboxState,
} from './viettelpost/sandbox.js';
export type { ViettelPostRequestLog } from './viettelpost/server.js';
export type { ViettelPostWebhookChaos, WebhookDeliveryLog } from './viettelpost/webhooks.js';
export type { VnpostFaults, VnpostOperation, VnpostOperationCounts } from './vnpost/faults.js';
export type { VnpostJourneyEnding } from './vnpost/journey.js';
export type {
  VnpostSandboxAccount,
  VnpostSandboxOrder,
  VnpostSandboxStatusEvent,
} from './vnpost/order-types.js';
export {
  SANDBOX_SERVICES as VNPOST_SANDBOX_SERVICES,
  type SandboxService as VnpostSandboxService,
} from './vnpost/pricing.js';
export {
  startVnpostSandbox,
  VNPOST_SANDBOX_DEMO,
  type VnpostSandbox,
  type VnpostSandboxOptions,
  type VnpostSandboxState,
} from './vnpost/sandbox.js';
export type { VnpostRequestLog } from './vnpost/server.js';
export type { VnpostWebhookChaos, VnpostWebhookDeliveryLog } from './vnpost/webhooks.js';
export { startVosoSandbox } from './voso/start-voso-sandbox.js';
export { VOSO_LISTING_RULES } from './voso/voso-dialect.js';
export { signVosoWebhook, VOSO_ORDER_STATUS, VOSO_REVIEW_STATUS } from './voso/voso-render.js';
