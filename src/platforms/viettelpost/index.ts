export { type ViettelPostAdapter, type ViettelPostCatalogs, viettelpost } from './adapter.js';
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
  DuplicateReferenceError,
  mapViettelPostError,
  NotServiceableError,
  OrderActionNotAllowedError,
  OrderStatusConflictError,
  ReferenceSpentError,
} from './errors.js';
export {
  DEVELOPMENT_BASE_URL as VIETTELPOST_DEVELOPMENT_BASE_URL,
  DEVELOPMENT_LABEL_HOST as VIETTELPOST_DEVELOPMENT_LABEL_HOST,
  MAX_WAYBILLS_PER_LABEL as VIETTELPOST_MAX_WAYBILLS_PER_LABEL,
  PRODUCTION_BASE_URL as VIETTELPOST_PRODUCTION_BASE_URL,
  PRODUCTION_LABEL_HOST as VIETTELPOST_PRODUCTION_LABEL_HOST,
  type ViettelPostCredentials,
  type ViettelPostEnvironment,
  type ViettelPostOptions,
  type ViettelPostPasswordCredentials,
  type ViettelPostTokenCredentials,
  type WebhookVerifyRule,
} from './options.js';
export { ORDER_ACTIONS, type OrderAction, type OrderActionRule } from './order-actions.js';
export type { OrderPayment } from './order-payload.js';
export {
  LABEL_TYPES,
  type LabelOptions,
  type RegisterWarehouseInput,
  type UpdateOrderOptions,
  type UpdateOrderResult,
} from './order-updates.js';
export { DOMESTIC_PRICE_TABLE, type ViettelPostServiceQuote } from './quotes.js';
export type {
  CreateViettelPostShipmentOptions,
  EditShipmentOptions,
  OrderStatusOptions,
  ViettelPostShipment,
} from './shipments.js';
export {
  classifyViettelPostStatus,
  VIETTELPOST_STATUS_TABLE,
  type ViettelPostStatusInfo,
} from './status-table.js';
export type { ViettelPostWarehouse } from './warehouses.js';
export {
  parseViettelPostWebhook,
  type ViettelPostShipmentEvent,
  verifyViettelPostWebhook,
  type WebhookVerification,
} from './webhook.js';
export type { ViettelPostWebhookOutcome } from './webhook-handling.js';
