export {
  CASE_ACCEPTED,
  CASE_PENDING,
  type CaseResult,
  LOOKUP_BY_ITEM_CODE,
  type RefusedVnpostItem,
  type VnpostAdapter,
  type VnpostCatalogs,
  type VnpostRefreshResult,
  type VnpostWebhookOutcome,
  vnpost,
} from './adapter.js';
export {
  matchUnit as matchVnpostUnit,
  TWO_LEVEL_DISTRICT_CODE,
  type VnpostAddressCodes,
  VnpostAddressError,
  type VnpostResolvedAddress,
  type VnpostUnit,
} from './catalog.js';
export {
  mapVnpostError,
  UnknownVnpostStatusError,
  VNPOST,
  VnpostCaseRefusedError,
  VnpostReferenceSpentError,
} from './errors.js';
export {
  API_PREFIX,
  DEFAULT_CATALOG_TTL_MS,
  DEFAULT_LOOKUP_WINDOW_DAYS,
  DEFAULT_REQUEST_BURST,
  DEFAULT_REQUESTS_PER_SECOND,
  DEFAULT_TOKEN_LIFETIME_MS,
  MAX_ITEMS_PER_LABEL,
  MAX_LIST_PAGE_SIZE,
  PRODUCTION_BASE_URL,
  UAT_BASE_URL,
  type VnpostCredentials,
  type VnpostEnvironment,
  type VnpostOptions,
  type VnpostPasswordCredentials,
  type VnpostShipmentStore,
  type VnpostTokenCredentials,
} from './options.js';
export { type AddonService, addonServices, MAX_REFERENCE_LENGTH } from './order-payload.js';
export type { VnpostOrderDetail, VnpostStatusStep } from './response-mapping.js';
export { VNPOST_ADDONS, VNPOST_PROPERTIES, VNPOST_SERVICES } from './services.js';
export {
  type ClassifiedVnpostStatus,
  classifyVnpostStatus,
  normaliseStatusCode,
  VNPOST_STATUS_TABLE,
  VNPOST_TERMINAL_CODES,
  type VnpostStatusInfo,
  vnpostStage,
} from './status-table.js';
export { legacyRenegotiationFor, VNPOST_TLS_HOST_SUFFIX } from './tls.js';
export { formatVnpostDay, parseVnpostDate } from './vietnam-time.js';
export {
  parseVnpostWebhook,
  signedText as vnpostSignedText,
  toPublicKey as vnpostPublicKey,
  type UnknownVnpostStatus,
  type VnpostShipmentEvent,
  type VnpostWebhookBatch,
  verifyVnpostWebhook,
  WEBHOOK_SIGNATURE_PREFIX,
} from './webhook.js';
