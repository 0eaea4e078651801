/**
 * The guards of a marketplace sandbox's handle (Voso, Postmart, Shopee): each method's arguments, and
 * which methods only read (see `handle-guard.ts`). An order or SKU the shop does not hold is refused
 * by the methods themselves (`engine-controls.ts`).
 */
import {
  ANY_TEXT,
  arg,
  BOOLEAN,
  drives,
  guardHandle,
  type HandleTable,
  LIST,
  OBJECT,
  objectWith,
  oneOf,
  optional,
  POSITIVE,
  PROBABILITY,
  RATE_OR_FALSE,
  reads,
  TEXT,
  TEXT_OR_NUMBER,
  unknownId,
  WHOLE,
} from '../handle-guard.js';
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

const PLACE_ORDER_INPUT = objectWith(
  {
    sku: TEXT,
    paymentMethod: oneOf(['COD', 'PREPAID']),
    paid: BOOLEAN,
    note: ANY_TEXT,
    buyer: OBJECT,
  },
  ['sku'],
);

const BUYER_CLOCK = objectWith(
  { everyMs: POSITIVE, cancelRate: PROBABILITY, maxQuantity: WHOLE, skus: LIST },
  ['everyMs'],
);

const BUYERS: HandleTable<BuyerSimulator> = {
  placeOrder: drives(arg('input', PLACE_ORDER_INPUT)),
  cancel: drives(arg('orderId', TEXT)),
  pay: drives(arg('orderId', TEXT)),
  start: drives(arg('options', BUYER_CLOCK)),
  stop: drives(),
};

const REVIEW: HandleTable<ReviewControl> = {
  pending: reads(),
  decide: drives(
    arg('listingIdOrSku', TEXT_OR_NUMBER),
    optional('decision', oneOf(['APPROVED', 'REJECTED'])),
    optional('reasons', LIST),
  ),
};

const ORDERS: HandleTable<OrderControl> = {
  advance: drives(arg('orderId', TEXT), arg('status', ORDER_STATUS)),
};

const WEBHOOKS: HandleTable<WebhookControl> = {
  url: reads(),
  setUrl: drives(optional('url', TEXT)),
  deliveries: reads(),
  idle: reads(),
};

const STATE: HandleTable<MarketplaceShopView> = {
  listings: reads(),
  listingBySku: reads(arg('sku', TEXT)),
  images: reads(),
  imageBytes: reads(arg('id', TEXT)),
  orders: reads(),
  order: reads(arg('id', TEXT)),
  stockOf: reads(arg('sku', TEXT)),
  setStock: drives(arg('sku', TEXT), arg('stock', WHOLE)),
};

const CONTROLS: HandleTable<MarketplaceSandboxControls<unknown>> = {
  setFaults: drives(arg('faults', OBJECT)),
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
