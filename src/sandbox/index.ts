/**
 * Local, stateful emulators of every platform, served over real HTTP on loopback: for trying the
 * library without accounts, for a shop tool's own tests, and for this package's tests and benchmarks.
 * They share no code with the adapters they check.
 */
export * from './marketplace/index.js';
export * from './postmart/index.js';
export * from './shopee/index.js';
export {
  type JourneyEnding,
  NEW_WARD_ID_BASE,
  type OperationCounts,
  PSEUDO_DISTRICT_BASE,
  PSEUDO_DISTRICT_NAME,
  type SandboxInventory,
  type SandboxOrder as ViettelPostSandboxOrder,
  type SandboxOrderFees as ViettelPostSandboxOrderFees,
  type SandboxParty as ViettelPostSandboxParty,
  type SandboxStatusEvent as ViettelPostSandboxStatusEvent,
  startViettelPostSandbox,
  VIETTELPOST_SANDBOX_DEMO,
  VIETTELPOST_SANDBOX_MESSAGES,
  type ViettelPostAccountInfo,
  type ViettelPostAccountSpec,
  type ViettelPostFaults,
  type ViettelPostOperation,
  type ViettelPostRequestLog,
  type ViettelPostSandbox,
  type ViettelPostSandboxOptions,
  type ViettelPostSandboxState,
  type ViettelPostWebhookChaos,
  type WebhookDeliveryLog,
} from './viettelpost/index.js';
export * from './vnpost/index.js';
export * from './voso/index.js';
