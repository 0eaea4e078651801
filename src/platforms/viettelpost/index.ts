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
  DuplicateReferenceError,
  mapViettelPostError,
  NotServiceableError,
  OrderActionNotAllowedError,
  OrderStatusConflictError,
} from './errors.js';
export {
  DEFAULT_CATALOG_TTL_MS,
  DEFAULT_LABEL_EXPIRY_MS,
  DEFAULT_REQUEST_BURST,
  DEFAULT_REQUESTS_PER_SECOND,
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
} from './options.js';
export { ORDER_ACTIONS, type OrderAction, type OrderActionRule } from './order-actions.js';
export { MAX_FIELD_BYTES, ORDER_PAYMENT, type OrderPayment, orderPaymentFor } from './order-payload.js';
export { parseDeliveryHours } from './response-mapping.js';
export { applyShipmentEvent } from './shipment-events.js';
export {
  classifyViettelPostStatus,
  VIETTELPOST_STATUS_TABLE,
  VIETTELPOST_TERMINAL_CODES,
  type ViettelPostStatusInfo,
} from './status-table.js';
export { formatVietnamDateTime, parseVietnamDateTime } from './vietnam-time.js';
export type { ViettelPostWarehouse } from './warehouses.js';
export {
  parseViettelPostWebhook,
  type ViettelPostShipmentEvent,
  verifyViettelPostWebhook,
} from './webhook.js';
