export { type VnpostAdapter, type VnpostCatalogs, vnpost } from './adapter.js';
export {
  type VnpostAddressCodes,
  VnpostAddressError,
  type VnpostResolvedAddress,
  type VnpostUnit,
} from './catalog.js';
export {
  UnknownVnpostStatusError,
  VnpostCaseRefusedError,
  VnpostReferenceSpentError,
} from './errors.js';
export {
  MAX_ITEMS_PER_LABEL as VNPOST_MAX_ITEMS_PER_LABEL,
  PRODUCTION_BASE_URL as VNPOST_PRODUCTION_BASE_URL,
  UAT_BASE_URL as VNPOST_UAT_BASE_URL,
  type VnpostCredentials,
  type VnpostEnvironment,
  type VnpostOptions,
  type VnpostPasswordCredentials,
  type VnpostTokenCredentials,
} from './options.js';
export type { CaseResult } from './order-actions.js';
export type { AddonService } from './order-payload.js';
export type { VnpostOrderDetail, VnpostStatusStep } from './response-mapping.js';
export { VNPOST_ADDONS, VNPOST_PROPERTIES, VNPOST_SERVICES } from './services.js';
export type { VnpostRefreshResult } from './status-polling.js';
export {
  type ClassifiedVnpostStatus,
  classifyVnpostStatus,
  VNPOST_STATUS_TABLE,
  type VnpostStatusInfo,
} from './status-table.js';
export {
  parseVnpostWebhook,
  toPublicKey as vnpostPublicKey,
  type UnknownVnpostStatus,
  type VnpostShipmentEvent,
  type VnpostWebhookBatch,
  verifyVnpostWebhook,
} from './webhook.js';
export type { RefusedVnpostItem, VnpostWebhookOutcome } from './webhook-handling.js';
