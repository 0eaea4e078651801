/** The controls every marketplace sandbox (Voso, Postmart, Shopee) gives a test, over the shared engine. */
import { handleError, unknownId } from '../handle-guard.js';
import type { BuyerClock } from './buyer-clock.js';
import type { MarketplaceEngine } from './engine.js';
import { canTransition } from './order-transitions.js';
import type {
  BuyerActionResult,
  BuyerSimulator,
  OrderControl,
  PlaceOrderResult,
  ReviewControl,
  WebhookControl,
} from './types.js';
import type { WebhookSender } from './webhook-sender.js';

/**
 * Buyers, review, order moves and webhooks, straight over the engine. `settle` sees the result of every
 * order a buyer places or pays for (Shopee confirms such an order by itself); by default it is returned
 * as it is.
 */
export function engineControls(
  parts: { sandbox: string; engine: MarketplaceEngine; buyerClock: BuyerClock; webhooks: WebhookSender },
  settle: <T extends PlaceOrderResult | BuyerActionResult>(result: T) => T = (result) => result,
): { buyers: BuyerSimulator; review: ReviewControl; orders: OrderControl; webhooks: WebhookControl } {
  const { sandbox, engine, buyerClock, webhooks } = parts;
  return {
    buyers: {
      placeOrder: (input) => settle(engine.placeOrder(input)),
      cancel: (orderId) => engine.buyerCancel(orderId),
      pay: (orderId) => settle(engine.buyerPay(orderId)),
      start: (clockOptions) => buyerClock.start(clockOptions),
      stop: () => buyerClock.stop(),
    },
    review: {
      pending: () => engine.pendingReviews(),
      decide: (idOrSku, decision, reasons) => {
        // A listing the shop does not hold is refused: a quiet `undefined` would let a test pass undecided.
        const listing =
          typeof idOrSku === 'number' ? engine.getListing(idOrSku) : engine.listingBySku(idOrSku);
        if (!listing) {
          const where = { sandbox, method: 'review.decide' };
          throw unknownId(where, { vi: 'tin đăng', en: 'listing' }, String(idOrSku));
        }
        return engine.decideReview(idOrSku, decision, reasons);
      },
    },
    orders: {
      advance: (orderId, status) => {
        const where = { sandbox, method: 'orders.advance' };
        const order = engine.getOrder(orderId);
        if (!order) throw unknownId(where, { vi: 'đơn', en: 'order' }, orderId);
        if (order.status !== status && !canTransition(order.status, status)) {
          throw handleError('conflict', where, {
            vi: `đơn ${orderId} không chuyển được từ ${order.status} sang ${status}`,
            en: `order ${orderId} cannot move from ${order.status} to ${status}`,
          });
        }
        return engine.advanceOrder(orderId, status);
      },
    },
    webhooks: {
      url: () => webhooks.url,
      setUrl: (target) => webhooks.setUrl(target),
      deliveries: () => webhooks.deliveries(),
      idle: () => webhooks.idle(),
    },
  };
}
