/**
 * A Postmart shop with one product (MAT-ONG-500, 20 in stock) shipping with VNPost: the marketplace
 * sandboxes, a VNPost sandbox, one memory store and a connector that has published the product. Shared
 * by the sync tests of fulfilment, cancellation and VNPost webhooks; `useLostCreateFixture` builds on it.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import type { Order } from '../../src/model/order.js';
import { type VnpostAdapter, vnpost } from '../../src/platforms/vnpost/index.js';
import type { VnpostOptions } from '../../src/platforms/vnpost/options.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import type { VnpostSandboxOptions } from '../../src/sandbox/vnpost/sandbox.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import type { CarrierPolicy } from '../../src/sync/fulfil/carrier-choice.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from '../platforms/vnpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

/** The product every order of the shop is for. */
export const SKU = 'MAT-ONG-500';

type CarrierTuning = Partial<Pick<VnpostOptions, 'retry' | 'lostCreateLookupDelaysMs'>>;

/** How the tests configure the VNPost adapter unless they say otherwise: fast retries, one immediate lost-create lookup. */
const TUNING: CarrierTuning = {
  retry: { initialDelayMs: 5, maxDelayMs: 10 },
  lostCreateLookupDelaysMs: [0],
};

/** A VNPost adapter on the sandbox `vnp` recording in `store`; `tuning` replaces the test defaults. */
export function vnpostCarrier(
  vnp: VnpostSandbox,
  store: StateStore,
  tuning: CarrierTuning = TUNING,
): VnpostAdapter {
  return vnpost({
    baseUrl: vnp.url,
    credentials: vnp.credentials,
    webhookPublicKey: vnp.webhookPublicKey,
    ...tuning,
    store,
  });
}

/** A signed VNPost event for `waybill` dated 2099 (the adapter clamps it). */
export function futureEvent(vnp: VnpostSandbox, waybill: string, status: string): string {
  return vnp.webhookPayload(
    [{ itemCode: waybill, status, statusName: 'x', statusDate: '01/01/2099 00:00:00' }],
    '01/01/2099 00:00:00',
  );
}

export interface VnpostShopOptions {
  /** Start a webhook receiver and have VNPost send its status webhooks there. @default false */
  readonly webhooks?: boolean;
  /** Faults of the VNPost sandbox from the start. */
  readonly faults?: VnpostSandboxOptions['faults'];
  /** The adapter's retry and lost-create lookups. @default fast retries, lookups `[0]` */
  readonly tuning?: CarrierTuning;
  /** Give the connector `carriers: [vnpost]` and this policy (instead of `carrier: vnpost`). */
  readonly carrierPolicy?: CarrierPolicy;
}

export interface VnpostShop {
  readonly platforms: Platforms;
  readonly vnp: VnpostSandbox;
  readonly store: MemoryStore;
  /** Only with `webhooks: true`. */
  readonly receiver: WebhookReceiver;
  /** The connector that published the product, and its VNPost adapter. */
  readonly connector: Connector;
  readonly adapter: VnpostAdapter;
  /** A new connector with a new adapter on the same store: another process. Closed after the test. */
  newConnector(): Connector;
  /** A buyer orders one MAT-ONG-500 on Postmart; the order as the Postmart adapter reads it. */
  postmartOrder(): Promise<Order>;
  /** The order record's key of a Postmart order. */
  keyOf(order: Order): { platform: string; account: string; externalId: string };
}

/** Registers the beforeEach/afterEach of the shop; read its fields inside tests only. */
export function useVnpostShop(options: VnpostShopOptions = {}): VnpostShop {
  let platforms: Platforms | undefined;
  let vnp: VnpostSandbox | undefined;
  let store: MemoryStore | undefined;
  let receiver: WebhookReceiver | undefined;
  let first: { connector: Connector; adapter: VnpostAdapter } | undefined;
  const connectors: Connector[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the VNPost shop fixture is read outside a test (or has no such part)');
    return value;
  };
  const connect = (): { connector: Connector; adapter: VnpostAdapter } => {
    const adapter = vnpostCarrier(shop.vnp, shop.store, options.tuning);
    const connector = createConnector({
      marketplaces: shop.platforms.adapters,
      ...(options.carrierPolicy === undefined
        ? { carrier: adapter }
        : { carriers: [adapter], carrierPolicy: options.carrierPolicy }),
      store: shop.store,
      categories: CATEGORIES,
      sender: SENDER_2025,
    });
    connectors.push(connector);
    return { connector, adapter };
  };
  const shop: VnpostShop = {
    get platforms() {
      return ready(platforms);
    },
    get vnp() {
      return ready(vnp);
    },
    get store() {
      return ready(store);
    },
    get receiver() {
      return ready(receiver);
    },
    get connector() {
      return ready(first).connector;
    },
    get adapter() {
      return ready(first).adapter;
    },
    newConnector: () => connect().connector,
    async postmartOrder() {
      const placed = shop.platforms.postmartSandbox.buyers.placeOrder({ sku: SKU, quantity: 1 });
      if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
      return shop.platforms.adapters[1]!.getOrder(placed.order.id);
    },
    keyOf: (order) => ({
      platform: 'postmart',
      account: shop.platforms.adapters[1]!.account,
      externalId: order.externalId,
    }),
  };
  beforeEach(async () => {
    platforms = await startPlatforms({ rps: 100 });
    if (options.webhooks) receiver = await startWebhookReceiver();
    vnp = await startVnpostSandbox({
      stepMs: 0,
      // A copy per test: the sandbox counts its faults down in the object it is given.
      ...(options.faults === undefined ? {} : { faults: structuredClone(options.faults) }),
      ...(receiver === undefined ? {} : { webhookUrl: receiver.url }),
    });
    store = createMemoryStore();
    first = connect();
    await first.connector.publish([
      makeProduct(1, [await makeJpeg(1)], { sku: SKU, weightGrams: 700, stock: 20 }),
    ]);
  });
  afterEach(async () => {
    for (const c of connectors.splice(0)) await c.close().catch(() => undefined);
    await Promise.all([platforms?.close(), vnp?.close(), receiver?.close()]);
    first = undefined;
    receiver = undefined;
  });
  return shop;
}

/** A buyer orders on Postmart and fulfil ships it with VNPost (outcome `shipped`); its waybill and the adapter's shipment reference. */
export async function shipPostmartOrder(
  shop: VnpostShop,
): Promise<{ order: Order; waybill: string; reference: string }> {
  const order = await shop.postmartOrder();
  const result = await shop.connector.fulfil(order);
  expect(result.outcome).toBe('shipped');
  await shop.vnp.webhooksIdle();
  const record = (await shop.store.listShipments()).find((r) => r.waybill === result.trackingNumber)!;
  return { order, waybill: result.trackingNumber!, reference: record.reference };
}

/** A fixed-carrier shop: `{ byMarketplace: { postmart: 'vnpost' } }`, one retry on VNPost calls. */
export const POSTMART_SHIPS_VNPOST: VnpostShopOptions = {
  tuning: { retry: { retries: 1, initialDelayMs: 5, maxDelayMs: 10 } },
  carrierPolicy: { byMarketplace: { postmart: 'vnpost' } },
};
