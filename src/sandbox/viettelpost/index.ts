export type { SandboxInventory, ViettelPostAccountSpec } from './accounts.js';
export {
  NEW_WARD_ID_BASE,
  PSEUDO_DISTRICT_BASE,
  PSEUDO_DISTRICT_NAME,
} from './catalog.js';
export { MESSAGES as VIETTELPOST_SANDBOX_MESSAGES } from './envelope.js';
export type { OperationCounts, ViettelPostFaults, ViettelPostOperation } from './faults.js';
export type { JourneyEnding } from './journey.js';
export type { ViettelPostSandboxOptions } from './options.js';
export type { SandboxOrder, SandboxOrderFees, SandboxParty, SandboxStatusEvent } from './order-types.js';
export {
  startViettelPostSandbox,
  VIETTELPOST_SANDBOX_DEMO,
  type ViettelPostAccountInfo,
  type ViettelPostSandbox,
  type ViettelPostSandboxState,
} from './sandbox.js';
export type { ViettelPostRequestLog } from './server.js';
export type { ViettelPostWebhookChaos, WebhookDeliveryLog } from './webhooks.js';
