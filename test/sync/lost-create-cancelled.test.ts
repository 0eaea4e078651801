/**
 * #16 re-trial item 1 (HIGH): a create whose answer was lost, then the order's cancellation, then the
 * carrier commits the parcel late. The pending reference is never forgotten (state in the store, so any
 * process continues it): the day-run (fulfilPending) and catchUpWebhooks keep looking it up, cancel a
 * parcel that appears for a cancelled order at the carrier, and never mark a cancelled order, or one with
 * a cancel request, shipped on the marketplace.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { OutcomeUnknownError } from '../../src/core/errors.js';
import type { Order } from '../../src/model/order.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/vnpost/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let store: MemoryStore;
const connectors: Connector[] = [];

/** A new connector with a new adapter on the same store: another process. */
function newConnector(): Connector {
  const made = createConnector({
    marketplaces: platforms.adapters,
    carrier: vnpost({
      baseUrl: vnp.url,
      credentials: vnp.credentials,
      webhookPublicKey: vnp.webhookPublicKey,
      retry: { initialDelayMs: 5, maxDelayMs: 10 },
      lostCreateLookupDelaysMs: [0],
      store,
    }),
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
  connectors.push(made);
  return made;
}

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  // The create commits only when the test calls commitLateNow(): its answer is lost meanwhile.
  vnp = await startVnpostSandbox({
    stepMs: 0,
    faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 },
  });
  store = createMemoryStore();
  await newConnector().publish([
    makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
  ]);
});
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.close().catch(() => undefined);
  await Promise.all([platforms.close(), vnp.close()]);
});

async function postmartOrder(): Promise<Order> {
  const placed = platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
  if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
  return platforms.adapters[1]!.getOrder(placed.order.id);
}

const keyOf = (order: Order) => ({
  platform: 'postmart',
  account: platforms.adapters[1]!.account,
  externalId: order.externalId,
});

/** fulfil sends the create; its answer is lost and VNPost lists nothing yet. The order is confirmed. */
async function loseTheCreate(order: Order): Promise<void> {
  const lost = await newConnector()
    .fulfil(order)
    .catch((e: unknown) => e);
  expect(lost).toBeInstanceOf(OutcomeUnknownError);
  expect(vnp.state.requestCount('createOrder')).toBe(1);
  expect(vnp.state.orders()).toHaveLength(0);
  expect(platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CONFIRMED');
}

/** The buyer asks to cancel, the seller accepts: CANCELLED on Postmart. */
async function cancelOnPostmart(order: Order): Promise<void> {
  expect(platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
  await newConnector().cancelOrder(keyOf(order), 'BUYER_REQUEST');
  expect(platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CANCELLED');
}

describe('a lost VNPost create, then the order cancelled, then the parcel committed late', () => {
  it('the day-run keeps the reference pending; catchUpWebhooks cancels the late parcel at VNPost; the order is never marked shipped', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    await cancelOnPostmart(order);

    // The day-run sees the cancellation while VNPost still lists nothing: nothing is created, and the
    // reference is kept pending (before the fix the order's shipment was dropped here).
    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'not_shippable' });
    expect(mine?.error?.message).toMatch(/stays pending/);
    expect(mine?.error?.message).toMatch(/giữ chờ/);
    expect((await readOrderState(store, keyOf(order)))?.shipment).toMatchObject({
      status: 'WAYBILL_PENDING',
    });
    expect(vnp.state.requestCount('createOrder')).toBe(1);

    // VNPost commits the lost create late.
    expect(vnp.commitLateNow()).toBe(1);
    const [parcel] = vnp.state.orders();
    expect(parcel).toBeDefined();

    const caught = await newConnector().catchUpWebhooks();
    expect(caught.pending).toEqual([
      expect.objectContaining({ outcome: 'cancelled', trackingNumber: parcel!.itemCode }),
    ]);
    // VNPost holds the parcel cancelled (status 9), and one parcel only.
    expect(vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(vnp.state.orders()).toHaveLength(1);
    expect(vnp.state.requestCount('createOrder')).toBe(1);
    // Postmart: still cancelled, no tracking number.
    const onPostmart = platforms.postmartSandbox.state.order(order.externalId);
    expect(onPostmart?.status).toBe('CANCELLED');
    expect(onPostmart?.trackingNumber).toBeNull();
    expect((await readOrderState(store, keyOf(order)))?.shipment).toMatchObject({
      waybill: parcel!.itemCode,
      status: 'CANCELLED',
      markedShipped: false,
    });

    // Nothing is left for later runs: no second cancel, no create, no mark-shipped.
    const cancels = vnp.state.requestCount('orderCancel');
    const later = await newConnector().fulfilPending({ pull: false });
    expect(later.orders.find((o) => o.externalId === order.externalId)).toBeUndefined();
    expect((await newConnector().catchUpWebhooks()).pending).toEqual([]);
    expect(vnp.state.requestCount('orderCancel')).toBe(cancels);
    expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('the day-run itself cancels a parcel that appears for a cancelled order', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    await cancelOnPostmart(order);
    await newConnector().fulfilPending({ pull: false });
    vnp.commitLateNow();
    const [parcel] = vnp.state.orders();

    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'not_shippable' });
    expect(mine?.error?.message).toContain(
      `${parcel!.itemCode} (created before the cancellation was seen) was cancelled at vnpost`,
    );
    expect(vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('a cancel request holds the late parcel: not marked shipped (Postmart would accept it); accepted later, the parcel is cancelled', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    expect(platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
    vnp.commitLateNow();
    const [parcel] = vnp.state.orders();

    const caught = await newConnector().catchUpWebhooks();
    expect(caught.pending).toEqual([
      expect.objectContaining({ outcome: 'held', trackingNumber: parcel!.itemCode }),
    ]);
    const held = platforms.postmartSandbox.state.order(order.externalId);
    expect(held?.status).toBe('CANCEL_REQUESTED');
    expect(held?.trackingNumber).toBeNull();
    expect(vnp.state.order(parcel!.itemCode)?.status).not.toBe('9');
    const day = await newConnector().fulfilPending({ pull: false });
    expect(day.orders.find((o) => o.externalId === order.externalId)?.error?.message).toMatch(
      /asked to cancel.*held/,
    );
    expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();

    // The seller accepts the request in seller centre: the next run cancels the parcel at VNPost.
    platforms.postmartSandbox.orders.advance(order.externalId, 'CANCELLED');
    await newConnector().fulfilPending({ pull: false });
    expect(vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('accepting the cancel request through connector.cancelOrder cancels the held parcel at VNPost first', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    expect(platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
    vnp.commitLateNow();
    const [parcel] = vnp.state.orders();
    const caught = await newConnector().catchUpWebhooks();
    expect(caught.pending[0]?.outcome).toBe('held');

    const cancelled = await newConnector().cancelOrder(keyOf(order), 'BUYER_REQUEST');
    expect(cancelled.status).toBe('CANCELLED');
    expect(vnp.state.order(parcel!.itemCode)?.status).toBe('9');
    expect(platforms.postmartSandbox.state.order(order.externalId)).toMatchObject({
      status: 'CANCELLED',
      trackingNumber: null,
    });
    expect((await readOrderState(store, keyOf(order)))?.shipment).toMatchObject({
      status: 'CANCELLED',
      markedShipped: false,
    });
    // Nothing left for the day-run.
    const day = await newConnector().fulfilPending({ pull: false });
    expect(day.orders.find((o) => o.externalId === order.externalId)).toBeUndefined();
  });
});
