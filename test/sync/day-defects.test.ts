/**
 * The defects a cooperative's day through the connector found (issue #12), each against the sandboxes'
 * own records: parcels weighed from the catalog, unshippable orders refused, explicit confirm / approve,
 * orders keyed by account, own store records with loud corruption, one "what the platform shows" ledger,
 * close() leaving a caller's store alone, typed cancel reasons.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { ValidationError } from '../../src/core/errors.js';
import type { ProductInput } from '../../src/model/product.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import {
  startViettelPostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
} from '../../src/sandbox/index.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { OrderNotShippableError } from '../../src/sync/fulfil/errors.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vtp: ViettelPostSandbox;
let store: MemoryStore;
let connector: Connector;
let rice: ProductInput;

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  vtp = await startViettelPostSandbox({ stepMs: 0 });
  store = createMemoryStore();
  connector = createConnector({
    marketplaces: platforms.adapters,
    carrier: viettelpost({
      baseUrl: vtp.url,
      credentials: vtp.memberCredentials,
      retry: { initialDelayMs: 5 },
    }),
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
  // Two 5 kg bags of rice are 10.2 kg, not "2 × 500 g".
  rice = makeProduct(1, [await makeJpeg(1)], {
    sku: 'GAO-ST25-5KG',
    weightGrams: 5100,
    dimensionsCm: { length: 40, width: 30, height: 12 },
    stock: 10,
  });
});
afterEach(async () => {
  await connector.close();
  await Promise.all([platforms.close(), vtp.close()]);
});

const placeOn = (sandbox: Platforms['vosoSandbox'], sku: string, quantity = 1) => {
  const placed = sandbox.buyers.placeOrder({ sku, quantity });
  if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
  return placed.order;
};

describe('fulfil', () => {
  it('weighs the parcel from the catalog variant (two 5.1 kg bags = 10.2 kg), and refuses an unknown SKU', async () => {
    await connector.publish([rice], { to: ['voso'] });
    const placed = placeOn(platforms.vosoSandbox, 'GAO-ST25-5KG', 2);
    const result = await connector.fulfil(await platforms.adapters[0]!.getOrder(placed.id));
    expect(result.parcel).toMatchObject({ weightGrams: 10_200, lengthCm: 40, widthCm: 30, heightCm: 24 });
    expect(vtp.state.orderByReference(result.reference)?.weightGrams).toBe(10_200);

    // A product the catalog does not know: a ValidationError naming the SKU, nothing sent to the carrier.
    const other = makeProduct(2, [await makeJpeg(2)], { stock: 5 });
    await createConnector({ marketplaces: platforms.adapters, store, categories: CATEGORIES }).publish(
      [other],
      {
        to: ['voso'],
        dryRun: false,
      },
    );
    await store.deleteLedgerState(other.sku);
    const unknown = placeOn(platforms.vosoSandbox, other.sku);
    const ordersBefore = vtp.state.orders().length;
    const error = await connector
      .fulfil(await platforms.adapters[0]!.getOrder(unknown.id))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({
      sku: other.sku,
      code: 'shipment.weight_unknown',
    });
    expect(vtp.state.orders()).toHaveLength(ordersBefore);
  });

  it('refuses a cancelled order and one with a cancel request: OrderNotShippableError, no waybill', async () => {
    await connector.publish([rice], { to: ['voso'] });
    const voso = platforms.adapters[0]!;
    const cancelled = placeOn(platforms.vosoSandbox, 'GAO-ST25-5KG');
    const staleCopy = await voso.getOrder(cancelled.id);
    platforms.vosoSandbox.buyers.cancel(cancelled.id);
    const e1 = await connector.fulfil(staleCopy).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(OrderNotShippableError);
    expect(e1).toMatchObject({ status: 'CANCELLED' });

    const requested = placeOn(platforms.vosoSandbox, 'GAO-ST25-5KG');
    await voso.confirmOrder(requested.id);
    platforms.vosoSandbox.buyers.cancel(requested.id); // after confirmation: a request the seller decides
    const e2 = await connector.fulfil(await voso.getOrder(requested.id)).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(OrderNotShippableError);
    expect(e2).toMatchObject({ status: 'CANCEL_REQUESTED' });
    expect(platforms.vosoSandbox.state.order(requested.id)?.status).toBe('CANCEL_REQUESTED');
    expect(vtp.state.orders()).toHaveLength(0);
  });

  it('confirms the marketplace order and approves the waybill by default, and says so; both can be turned off', async () => {
    await connector.publish([rice], { to: ['voso'] });
    const voso = platforms.adapters[0]!;
    const a = placeOn(platforms.vosoSandbox, 'GAO-ST25-5KG');
    const shipped = await connector.fulfil(await voso.getOrder(a.id));
    expect(shipped).toMatchObject({
      outcome: 'shipped',
      confirmed: true,
      approved: true,
      markedShipped: true,
    });
    expect(platforms.vosoSandbox.state.order(a.id)).toMatchObject({
      status: 'SHIPPED',
      trackingNumber: shipped.trackingNumber,
    });
    expect(vtp.state.orderByReference(shipped.reference)?.status).not.toBe(-100);

    const b = placeOn(platforms.vosoSandbox, 'GAO-ST25-5KG');
    const unconfirmed = await connector.fulfil(await voso.getOrder(b.id), { confirm: false }).catch((e) => e);
    expect(unconfirmed).toBeInstanceOf(OrderNotShippableError);
    await voso.confirmOrder(b.id);
    const notApproved = await connector.fulfil(await voso.getOrder(b.id), { approve: false });
    expect(notApproved).toMatchObject({ outcome: 'shipped', confirmed: false, approved: false });
    expect(vtp.state.orderByReference(notApproved.reference)?.status).toBe(-100);
  });
});

describe('orders are keyed by platform + account', () => {
  it('two Voso accounts with the same order id: each order is shipped on its own shop', async () => {
    const second = await startVosoSandbox({ rateLimitRps: 100, credentials: { username: 'htx-hai' } });
    const other = voso({
      baseUrl: second.baseUrl,
      credentials: { username: second.credentials.username, password: second.credentials.password },
      account: 'htx-hai',
    });
    const both = createConnector({
      marketplaces: [platforms.adapters[0]!, other],
      carrier: viettelpost({
        baseUrl: vtp.url,
        credentials: vtp.memberCredentials,
        retry: { initialDelayMs: 5 },
      }),
      store,
      categories: CATEGORIES,
      sender: SENDER_2025,
    });
    try {
      await both.publish([rice]);
      const one = placeOn(platforms.vosoSandbox, 'GAO-ST25-5KG');
      const two = placeOn(second, 'GAO-ST25-5KG', 2);
      expect(one.id).toBe(two.id); // each shop numbers its own orders
      const pulled = await both.pullOrders();
      expect(pulled.orders.map((o) => [o.order.account, o.order.externalId]).sort()).toEqual([
        ['htx-demo', one.id],
        ['htx-hai', two.id],
      ]);
      const result = await both.fulfilPending();
      expect(result.counts).toMatchObject({ shipped: 2, failed: 0 });
      expect(platforms.vosoSandbox.state.order(one.id)?.status).toBe('SHIPPED');
      expect(second.state.order(two.id)?.status).toBe('SHIPPED');
      const weights = vtp.state
        .orders()
        .map((o) => o.weightGrams)
        .sort((x, y) => x - y);
      expect(weights).toEqual([5_100, 10_200]);
    } finally {
      await other.close();
      await second.close();
    }
  });
});

describe('stock: one source of truth for what each platform shows', () => {
  it('after the oversold order is cancelled, the unit the marketplace added back is taken away again', async () => {
    const jam = makeProduct(3, [await makeJpeg(3)], { stock: 1 });
    await connector.publish([jam]);
    placeOn(platforms.vosoSandbox, jam.sku);
    await new Promise((r) => setTimeout(r, 1_100)); // order times are in seconds
    const late = placeOn(platforms.postmartSandbox, jam.sku);
    const sync = await connector.syncInventory();
    expect(sync.oversold[0]!.orders.map((o) => o.externalId)).toEqual([late.id]);
    await new Promise((r) => setTimeout(r, 2_100)); // the cancel must be told apart from the push (s clocks)
    const resolved = await connector.resolveOversells();
    expect(resolved).toMatchObject([{ platform: 'postmart', externalId: late.id, ok: true }]);
    expect(platforms.postmartSandbox.state.order(late.id)?.cancelReasonCode).toBe('OUT_OF_STOCK');
    expect(platforms.postmartSandbox.state.stockOf(jam.sku)).toBe(1); // the platform gave the unit back
    await connector.syncInventory();
    expect(platforms.postmartSandbox.state.stockOf(jam.sku)).toBe(0);
    expect(platforms.vosoSandbox.state.stockOf(jam.sku)).toBe(0);
  });

  it('a catalog stock edit is a recount that keeps reserved units; the first sync after publish sends nothing', async () => {
    const honey = makeProduct(4, [await makeJpeg(4)], { stock: 10 });
    await connector.publish([honey]);
    const writes = () =>
      (platforms.vosoSandbox.stats.requests.updateStock ?? 0) +
      (platforms.postmartSandbox.stats.requests.updateStock ?? 0);
    const before = writes();
    const first = await connector.syncInventory();
    expect(first.pushes).toEqual([]);
    expect(writes()).toBe(before);

    placeOn(platforms.vosoSandbox, honey.sku, 3);
    await connector.syncInventory();
    expect(platforms.postmartSandbox.state.stockOf(honey.sku)).toBe(7);
    // Counted again: 12 on the shelf. 3 are promised to the Voso buyer, so the platforms show 9.
    await connector.publish([{ ...honey, stock: 12 }]);
    expect(await store.getStock(honey.sku)).toMatchObject({ onHand: 12, reserved: 3 });
    expect(platforms.postmartSandbox.state.stockOf(honey.sku)).toBe(9);
    expect(platforms.vosoSandbox.state.stockOf(honey.sku)).toBe(9);
    // setStockCount is the same without a catalog.
    await connector.setStockCount(honey.sku, 5);
    await connector.syncInventory();
    expect(platforms.postmartSandbox.state.stockOf(honey.sku)).toBe(2);
    // A typo in the SKU is refused, naming the nearest known SKU; no second ledger line appears.
    const typo = `${honey.sku.slice(0, -1)}X`;
    const refused = await connector.setStockCount(typo, 5).then(
      () => undefined,
      (e: unknown) => e as ValidationError,
    );
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused?.issues[0]).toMatchObject({ code: 'stock.unknown_sku', value: typo });
    expect(refused?.issues[0]?.messageVi).toContain(honey.sku);
    expect(await store.getStock(typo)).toBeUndefined();
  });

  it('a corrupt order record is a loud StoreCorruptError, never "not seen" (which would reserve twice)', async () => {
    const tea = makeProduct(5, [await makeJpeg(5)], { stock: 4 });
    await connector.publish([tea], { to: ['voso'] });
    const order = placeOn(platforms.vosoSandbox, tea.sku);
    await connector.syncInventory();
    expect(await store.getStock(tea.sku)).toMatchObject({ reserved: 1 });
    const record = (await store.listOrderStates())[0]!;
    await store.putOrderState({ ...record, state: { ...record.state, effect: 'held' } });
    await expect(connector.syncInventory({ overlapMs: 60 * 60_000 })).rejects.toBeInstanceOf(
      StoreCorruptError,
    );
    const error = await connector.syncInventory({ overlapMs: 60 * 60_000 }).catch((e: Error) => e);
    expect((error as Error).message).toContain(order.id);
    expect(await store.getStock(tea.sku)).toMatchObject({ reserved: 1 });
  });
});

describe('connector lifecycle and cancel reasons', () => {
  it("close() leaves a caller's store open", async () => {
    await connector.close();
    await store.putStock({ sku: 'X', onHand: 1, reserved: 0 });
    expect(await store.getStock('X')).toMatchObject({ onHand: 1 });
  });

  it('cancel reasons are typed: unknown ones are refused before anything is sent', async () => {
    await connector.publish([rice], { to: ['voso'] });
    const order = placeOn(platforms.vosoSandbox, 'GAO-ST25-5KG');
    const voso = platforms.adapters[0]!;
    const cancels = () => platforms.vosoSandbox.stats.requests.cancelOrder ?? 0;
    await expect(voso.cancelOrder(order.id, 'out_of_stok' as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(voso.cancelOrder(order.id, { code: 'OTHER' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(cancels()).toBe(0);
    await connector.cancelOrder(
      { platform: 'voso', account: voso.account, externalId: order.id },
      'BUYER_REQUEST',
    );
    expect(platforms.vosoSandbox.state.order(order.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCode: 'BUYER_REQUEST',
    });
    expect(await store.getStock('GAO-ST25-5KG')).toMatchObject({ onHand: 10, reserved: 0 });
  });
});
