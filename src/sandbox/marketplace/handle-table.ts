/**
 * The guards of a marketplace sandbox's handle (Voso, Postmart, Shopee): each method's arguments, and
 * which methods only read (see `handle-guard.ts`). An order or SKU the shop does not hold is refused
 * by the methods themselves (`engine-controls.ts`).
 */
import {
  ANY_TEXT,
  arg,
  drives,
  guardHandle,
  type HandleTable,
  optional,
  POSITIVE,
  PROBABILITY,
  reads,
  TEXT_OR_NUMBER,
  unknownId,
} from '../handle-guard.js';
import {
  A_BOOLEAN,
  A_NUMBER,
  A_TEXT,
  A_URL,
  countsOf,
  listOf,
  NON_NEGATIVE,
  NUMBER_LIST,
  type OptionRule,
  objectWith,
  oneOf,
  RATE_OR_FALSE,
  rule,
  WHOLE_NUMBER,
} from '../sandbox-options.js';
import { SANDBOX_ORDER_TRANSITIONS } from './order-transitions.js';
import {
  type BuyerSimulator,
  type MarketplaceSandboxControls,
  type MarketplaceShopView,
  type OrderControl,
  type ReviewControl,
  SANDBOX_OPERATIONS,
  type WebhookControl,
} from './types.js';

const TEXT_OR_NULL = rule(
  (v) => v === null || typeof v === 'string',
  'một chuỗi hoặc null',
  'a string or null',
);

const ORDER_STATUS = oneOf(Object.keys(SANDBOX_ORDER_TRANSITIONS));

/** A buyer's order, as `buyers.placeOrder` and `raceForLastUnit` take it. */
export const PLACE_ORDER_INPUT = objectWith(
  {
    sku: A_TEXT,
    paymentMethod: oneOf(['COD', 'PREPAID']),
    paid: A_BOOLEAN,
    quantity: A_NUMBER,
    note: ANY_TEXT,
    buyer: objectWith({
      name: ANY_TEXT,
      phone: ANY_TEXT,
      address: objectWith({ province: ANY_TEXT, district: TEXT_OR_NULL, ward: ANY_TEXT, detail: ANY_TEXT }),
    }),
  },
  ['sku'],
);

const BUYER_CLOCK = objectWith(
  { everyMs: POSITIVE, cancelRate: PROBABILITY, maxQuantity: WHOLE_NUMBER, skus: listOf(A_TEXT) },
  ['everyMs'],
);

const BUYERS: HandleTable<BuyerSimulator> = {
  placeOrder: drives(arg('input', PLACE_ORDER_INPUT)),
  cancel: drives(arg('orderId', A_TEXT)),
  pay: drives(arg('orderId', A_TEXT)),
  start: drives(arg('options', BUYER_CLOCK)),
  stop: drives(),
};

const REVIEW: HandleTable<ReviewControl> = {
  pending: reads(),
  decide: drives(
    arg('listingIdOrSku', TEXT_OR_NUMBER),
    optional('decision', oneOf(['APPROVED', 'REJECTED'])),
    optional('reasons', listOf(objectWith({ code: A_TEXT, message: ANY_TEXT }, ['code', 'message']))),
  ),
};

const ORDERS: HandleTable<OrderControl> = {
  advance: drives(arg('orderId', A_TEXT), arg('status', ORDER_STATUS)),
};

const WEBHOOKS: HandleTable<WebhookControl> = {
  url: reads(),
  setUrl: drives(optional('url', A_URL)),
  deliveries: reads(),
  idle: reads(),
};

const STATE: HandleTable<MarketplaceShopView> = {
  listings: reads(),
  listingBySku: reads(arg('sku', A_TEXT)),
  images: reads(),
  imageBytes: reads(arg('id', A_TEXT)),
  orders: reads(),
  order: reads(arg('id', A_TEXT)),
  stockOf: reads(arg('sku', A_TEXT)),
  setStock: drives(arg('sku', A_TEXT), arg('stock', WHOLE_NUMBER)),
};

/** A delay: ms, 0 or more, or a range `{ minMs, maxMs }` drawn per request. */
const DELAY = rule(
  (v) =>
    NON_NEGATIVE.fits(v) ||
    objectWith({ minMs: NON_NEGATIVE, maxMs: NON_NEGATIVE }, ['minMs', 'maxMs']).fits(v),
  'số mili giây không âm hoặc { minMs, maxMs }',
  'milliseconds, 0 or more, or { minMs, maxMs }',
);

const OPERATION_COUNTS = countsOf(SANDBOX_OPERATIONS);

/** The faults of Voso and Postmart (Shopee has its own): no other key, counts by operation name. */
export const MARKETPLACE_FAULTS = objectWith({
  latencyMs: DELAY,
  answerLatencyMs: DELAY,
  serverErrorRate: PROBABILITY,
  failNext: OPERATION_COUNTS,
  failStatus: oneOf([500, 503]),
  dropAfterCommit: OPERATION_COUNTS,
  commitLate: OPERATION_COUNTS,
  commitLateMs: NON_NEGATIVE,
});

/** `options.review` of a marketplace sandbox. */
export const REVIEW_OPTIONS = objectWith({ mode: oneOf(['auto', 'manual']), delayMs: NON_NEGATIVE });

/** `options.webhook` of Voso and Postmart. */
export const WEBHOOK_OPTIONS = objectWith({
  url: A_URL,
  retryDelaysMs: NUMBER_LIST,
  duplicateRate: PROBABILITY,
  timeoutMs: NON_NEGATIVE,
});

const controls = (faults: OptionRule): HandleTable<MarketplaceSandboxControls<unknown>> => ({
  setFaults: drives(arg('faults', faults)),
  setRateLimit: drives(arg('rps', RATE_OR_FALSE)),
  resetStats: drives(),
});

/**
 * Guards, in place, every method of a marketplace sandbox's handle (see `handle-guard.ts`); `faults`
 * is the rule of its `setFaults` (Voso and Postmart's by default).
 */
export function guardMarketplaceHandle<
  Handle extends MarketplaceSandboxControls<unknown> & { readonly state: MarketplaceShopView },
>(handle: Handle, sandbox: string, isClosed: () => boolean, faults = MARKETPLACE_FAULTS): Handle {
  const { state } = handle;
  const setStock = state.setStock;
  state.setStock = (sku, stock) => {
    if (state.stockOf(sku) === undefined) {
      throw unknownId({ sandbox, method: 'state.setStock' }, { vi: 'SKU', en: 'SKU' }, sku);
    }
    setStock(sku, stock);
  };
  guardHandle(handle.buyers, sandbox, BUYERS, isClosed, 'buyers.');
  guardHandle(handle.review, sandbox, REVIEW, isClosed, 'review.');
  guardHandle(handle.orders, sandbox, ORDERS, isClosed, 'orders.');
  guardHandle(handle.webhooks, sandbox, WEBHOOKS, isClosed, 'webhooks.');
  guardHandle(handle.state, sandbox, STATE, isClosed, 'state.');
  guardHandle<MarketplaceSandboxControls<unknown>>(handle, sandbox, controls(faults), isClosed);
  return handle;
}
