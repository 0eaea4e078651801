export {
  type AccountOrder,
  type AppliedSnapshot,
  type ApplyOptions,
  applyOrderSnapshot,
  SAME_INSTANT_MS,
} from './apply-order.js';
export {
  applyCarrierEvent,
  type CarrierEventResult,
  currentOrderStatus,
  ORDER_STATUS_FOR_SHIPMENT,
  orderStatusPath,
} from './journey.js';
export {
  type LedgerState,
  LedgerStateSchema,
  listOrderStates,
  type OrderState,
  OrderStateSchema,
  readLedgerState,
  readOrderState,
  type ShipmentState,
  ShipmentStateSchema,
  type Shown,
} from './order-state.js';
export { type OversellResolution, resolveOversells } from './oversell.js';
export {
  type CancelledOrderParcel,
  type PulledOrder,
  type PullOrdersOptions,
  type PullOrdersResult,
  type PullPlatformResult,
  pullOrders,
} from './pull-orders.js';
