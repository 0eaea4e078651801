export {
  type CarrierShipmentRecord,
  type CarrierShipmentRecordInput,
  type CarrierShipmentStore,
  type CarrierShipmentUpdater,
  createMemoryShipmentStore,
} from '../carrier-state.js';
export type { ResolvedAddress } from '../types.js';
export {
  type CreateViettelPostShipmentOptions,
  DOMESTIC_PRICE_TABLE,
  type EditShipmentOptions,
  LABEL_TYPES,
  type LabelOptions,
  type OrderStatusOptions,
  type RegisterWarehouseInput,
  type UpdateOrderOptions,
  type UpdateOrderResult,
  type ViettelPostAdapter,
  type ViettelPostCatalogs,
  type ViettelPostServiceQuote,
  type ViettelPostShipment,
  type ViettelPostWebhookOutcome,
  viettelpost,
} from './adapter.js';
export { type AddressPart, AddressResolutionError } from './address-resolver.js';
export type {
  ViettelPostDistrict,
  ViettelPostPostOffice,
  ViettelPostProvince,
  ViettelPostService,
  ViettelPostWard,
} from './catalog.js';
export {
  CreateOutcomeUnknownError,
  DUPLICATE_WORDING,
  DuplicateReferenceError,
  mapViettelPostError,
  NotServiceableError,
  OrderActionNotAllowedError,
  OrderStatusConflictError,
  ReferenceSpentError,
} from './errors.js';
export {
  DEFAULT_CATALOG_TTL_MS,
  DEFAULT_LABEL_EXPIRY_MS,
  DEFAULT_REQUEST_BURST,
  DEFAULT_REQUESTS_PER_SECOND,
  DEFAULT_WEBHOOK_VERIFY,
  DEVELOPMENT_BASE_URL,
  DEVELOPMENT_LABEL_HOST,
  MAX_WAYBILLS_PER_LABEL,
  PRODUCTION_BASE_URL,
  PRODUCTION_LABEL_HOST,
  type ViettelPostCredentials,
  type ViettelPostEnvironment,
  type ViettelPostOptions,
  type ViettelPostPasswordCredentials,
  type ViettelPostTokenCredentials,
  type WebhookVerifyRule,
} from './options.js';
export {
  EDIT_RULE,
  editAllowedIn,
  ORDER_ACTIONS,
  type OrderAction,
  type OrderActionRule,
} from './order-actions.js';
export { MAX_FIELD_BYTES, ORDER_PAYMENT, type OrderPayment, orderPaymentFor } from './order-payload.js';
export { assertReference, validCod, validParcel } from './request-validation.js';
export { parseDeliveryHours } from './response-mapping.js';
export { applyShipmentEvent } from './shipment-events.js';
export { ViettelPostShipmentState } from './shipment-state.js';
export {
  classifyViettelPostStatus,
  VIETTELPOST_STATUS_TABLE,
  VIETTELPOST_TERMINAL_CODES,
  type ViettelPostStatusInfo,
} from './status-table.js';
export { formatVietnamDateTime, parseVietnamDateTime } from './vietnam-time.js';
export type { ViettelPostWarehouse } from './warehouses.js';
export {
  type CredentialCheck,
  checkViettelPostWebhook,
  parseViettelPostWebhook,
  type ViettelPostShipmentEvent,
  verifyViettelPostWebhook,
  type WebhookVerification,
} from './webhook.js';
