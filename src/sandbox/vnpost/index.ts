export type { VnpostSandboxAccount, VnpostSandboxOrder, VnpostSandboxStatusEvent } from './emulator.js';
export type { VnpostFaults, VnpostOperation, VnpostOperationCounts } from './faults.js';
export type { VnpostJourneyEnding } from './journey.js';
export {
  SANDBOX_SERVICES as VNPOST_SANDBOX_SERVICES,
  type SandboxService as VnpostSandboxService,
} from './pricing.js';
export {
  startVnpostSandbox,
  VNPOST_SANDBOX_DEMO,
  type VnpostSandbox,
  type VnpostSandboxOptions,
  type VnpostSandboxState,
} from './sandbox.js';
export type { VnpostRequestLog } from './server.js';
export type { VnpostWebhookChaos, VnpostWebhookDeliveryLog } from './webhooks.js';
