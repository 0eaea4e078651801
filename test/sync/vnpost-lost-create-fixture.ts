/**
 * A Postmart shop with one product, the VNPost sandbox losing the first create's answer (the parcel
 * commits only when a test calls `vnp.commitLateNow()`), and connectors that share one store — each
 * `newConnector()` stands for another process. Shared by the lost-create + cancellation tests.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { OutcomeUnknownError } from '../../src/core/errors.js';
import type { Order } from '../../src/model/order.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

export interface LostCreateFixture {
  readonly platforms: Platforms;
  readonly vnp: VnpostSandbox;
  readonly store: MemoryStore;
  /** A new connector with a new adapter on the same store: another process. */
  newConnector(): Connector;
  postmartOrder(): Promise<Order>;
  keyOf(order: Order): { platform: string; account: string; externalId: string };
  /** fulfil sends the create; its answer is lost and VNPost lists nothing yet. The order is confirmed. */
  loseTheCreate(order: Order): Promise<void>;
  /** The buyer asks to cancel, the seller accepts: CANCELLED on Postmart. */
  cancelOnPostmart(order: Order): Promise<void>;
}

/** Registers the beforeEach/afterEach of the fixture; read its fields inside tests only. */
export function useLostCreateFixture(): LostCreateFixture {
  let platforms: Platforms | undefined;
  let vnp: VnpostSandbox | undefined;
  let store: MemoryStore | undefined;
  const connectors: Connector[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the lost-create fixture is read outside a test');
    return value;
  };
  const f: LostCreateFixture = {
    get platforms() {
      return ready(platforms);
    },
    get vnp() {
      return ready(vnp);
    },
    get store() {
      return ready(store);
    },
    newConnector() {
      const made = createConnector({
        marketplaces: f.platforms.adapters,
        carrier: vnpost({
          baseUrl: f.vnp.url,
          credentials: f.vnp.credentials,
          webhookPublicKey: f.vnp.webhookPublicKey,
          retry: { initialDelayMs: 5, maxDelayMs: 10 },
          lostCreateLookupDelaysMs: [0],
          store: f.store,
        }),
        store: f.store,
        categories: CATEGORIES,
        sender: SENDER_2025,
      });
      connectors.push(made);
      return made;
    },
    async postmartOrder() {
      const placed = f.platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
      if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
      return f.platforms.adapters[1]!.getOrder(placed.order.id);
    },
    keyOf: (order) => ({
      platform: 'postmart',
      account: f.platforms.adapters[1]!.account,
      externalId: order.externalId,
    }),
    async loseTheCreate(order) {
      const lost = await f
        .newConnector()
        .fulfil(order)
        .catch((e: unknown) => e);
      expect(lost).toBeInstanceOf(OutcomeUnknownError);
      expect(f.vnp.state.requestCount('createOrder')).toBe(1);
      expect(f.vnp.state.orders()).toHaveLength(0);
      expect(f.platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CONFIRMED');
    },
    async cancelOnPostmart(order) {
      expect(f.platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
      await f.newConnector().cancelOrder(f.keyOf(order), 'BUYER_REQUEST');
      expect(f.platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CANCELLED');
    },
  };
  beforeEach(async () => {
    platforms = await startPlatforms({ rps: 100 });
    vnp = await startVnpostSandbox({
      stepMs: 0,
      faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 },
    });
    store = createMemoryStore();
    await f
      .newConnector()
      .publish([makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 })]);
  });
  afterEach(async () => {
    for (const c of connectors.splice(0)) await c.close().catch(() => undefined);
    await Promise.all([platforms?.close(), vnp?.close()]);
  });
  return f;
}
