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
  objectWith,
  optional,
  POSITIVE,
  PROBABILITY,
  reads,
  TEXT_OR_NUMBER,
  unknownId,
} from '../handle-guard.js';
import {
  A_BOOLEAN,
  A_LIST,
  A_TEXT,
  AN_OBJECT,
  NON_NEGATIVE,
  oneOf,
  RATE_OR_FALSE,
  rule,
  WHOLE_NUMBER,
} from '../sandbox-options.js';
import { SANDBOX_ORDER_TRANSITIONS } from './order-transitions.js';
import type {
  BuyerSimulator,
  MarketplaceSandboxControls,
  MarketplaceShopView,
  OrderControl,
  ReviewControl,
  WebhookControl,
} from './types.js';

const ORDER_STATUS = oneOf(Object.keys(SANDBOX_ORDER_TRANSITIONS));

/** A buyer's order, as `buyers.placeOrder` and `raceForLastUnit` take it. */
export const PLACE_ORDER_INPUT = objectWith(
  {
    sku: A_TEXT,
    paymentMethod: oneOf(['COD', 'PREPAID']),
    paid: A_BOOLEAN,
    note: ANY_TEXT,
    buyer: AN_OBJECT,
  },
  ['sku'],
);

const BUYER_CLOCK = objectWith(
  { everyMs: POSITIVE, cancelRate: PROBABILITY, maxQuantity: WHOLE_NUMBER, skus: A_LIST },
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
    optional('reasons', A_LIST),
  ),
};

const ORDERS: HandleTable<OrderControl> = {
  advance: drives(arg('orderId', A_TEXT), arg('status', ORDER_STATUS)),
};

const WEBHOOKS: HandleTable<WebhookControl> = {
  url: reads(),
  setUrl: drives(optional('url', A_TEXT)),
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

/** The faults of every marketplace sandbox (Shopee takes `failNext` and `dropAfterCommit` only). */
const FAULTS = objectWith({
  latencyMs: DELAY,
  answerLatencyMs: DELAY,
  serverErrorRate: PROBABILITY,
  failNext: AN_OBJECT,
  failStatus: oneOf([500, 503]),
  dropAfterCommit: AN_OBJECT,
  commitLate: AN_OBJECT,
  commitLateMs: NON_NEGATIVE,
});

const CONTROLS: HandleTable<MarketplaceSandboxControls<unknown>> = {
  setFaults: drives(arg('faults', FAULTS)),
  setRateLimit: drives(arg('rps', RATE_OR_FALSE)),
  resetStats: drives(),
};

/** Guards, in place, every method of a marketplace sandbox's handle (see `handle-guard.ts`). */
export function guardMarketplaceHandle<
  Handle extends MarketplaceSandboxControls<unknown> & { readonly state: MarketplaceShopView },
>(handle: Handle, sandbox: string, isClosed: () => boolean): Handle {
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
  guardHandle<MarketplaceSandboxControls<unknown>>(handle, sandbox, CONTROLS, isClosed);
  return handle;
}
