/**
 * A Postmart shop with one product, the VNPost sandbox losing the first create's answer (the parcel
 * commits only when a test calls `vnp.commitLateNow()`), and connectors that share one store — each
 * `newConnector()` stands for another process. Shared by the lost-create + cancellation tests.
 */
import { expect } from 'vitest';
import { OutcomeUnknownError } from '../../src/core/errors.js';
import type { Order } from '../../src/model/order.js';
import { useVnpostShop, type VnpostShop } from './vnpost-shop-fixture.js';

export interface LostCreateFixture extends VnpostShop {
  /** fulfil sends the create; its answer is lost and VNPost lists nothing yet. The order is confirmed. */
  loseTheCreate(order: Order): Promise<void>;
  /** The buyer asks to cancel, the seller accepts: CANCELLED on Postmart. */
  cancelOnPostmart(order: Order): Promise<void>;
}

/**
 * Registers the beforeEach/afterEach of the fixture; read its fields inside tests only. With `webhooks`,
 * VNPost's status webhooks go to `receiver`.
 */
export function useLostCreateFixture(options: { webhooks?: boolean } = {}): LostCreateFixture {
  const shop = useVnpostShop({
    faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 },
    ...options,
  });
  const more: Pick<LostCreateFixture, 'loseTheCreate' | 'cancelOnPostmart'> = {
    async loseTheCreate(order) {
      const lost = await shop
        .newConnector()
        .fulfil(order)
        .catch((e: unknown) => e);
      expect(lost).toBeInstanceOf(OutcomeUnknownError);
      expect(shop.vnp.state.requestCount('createOrder')).toBe(1);
      expect(shop.vnp.state.orders()).toHaveLength(0);
      expect(shop.platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CONFIRMED');
    },
    async cancelOnPostmart(order) {
      expect(shop.platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
      await shop.newConnector().cancelOrder(shop.keyOf(order), 'BUYER_REQUEST');
      expect(shop.platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CANCELLED');
    },
  };
  // The shop's fields are getters: add the two steps to it rather than copy it.
  return Object.assign(shop, more);
}
