/**
 * #16 trial 4 items 2 and 8 (port of /tmp/trial16/t6.mjs): a late parcel of a cancelled order whose
 * VNPost cancel is answered "02" (waiting for approval) is reported as pending approval — recorded in the
 * store, never a second orderCancel — then cancelled when approved, or reported refused (the parcel is
 * live: a person must act) when VNPost lets it travel on. A late parcel already picked up ends in that
 * terminal state too, instead of `found` then `failed` on every run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { OutcomeUnknownError } from '../../src/core/errors.js';
import type { Order } from '../../src/model/order.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/vnpost/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { ParcelCancelPendingError, ParcelCancelRefusedError } from '../../src/sync/fulfil/errors.js';
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

async function lateParcelOfCancelledOrder(): Promise<{ order: Order; itemCode: string }> {
  const order = await postmartOrder();
  await loseTheCreate(order);
  await cancelOnPostmart(order);
  expect(vnp.commitLateNow()).toBe(1);
  return { order, itemCode: vnp.state.orders()[0]!.itemCode };
}

const cancelCalls = () => vnp.state.requestCount('orderCancel');

describe('the cancel of a late parcel waits for VNPost approval', () => {
  it('reported pending (one case, recorded), then cancelled once approved', async () => {
    vnp.setCancelMode('approval');
    const { order, itemCode } = await lateParcelOfCancelledOrder();
    const first = await newConnector().catchUpWebhooks();
    expect(first.pending).toEqual([
      expect.objectContaining({ outcome: 'cancel_pending', trackingNumber: itemCode }),
    ]);
    expect(first.pending[0]?.error).toBeInstanceOf(ParcelCancelPendingError);
    expect(first.pending[0]?.error?.message).toMatch(/waits for vnpost's approval/);
    expect(first.pending[0]?.error?.message).toMatch(/chờ vnpost duyệt/);
    expect(cancelCalls()).toBe(1);
    const ref = (await readOrderState(store, keyOf(order)))!.shipment!.reference;
    expect((await store.getShipment(ref))?.cancelPendingSince).toBeDefined();

    // Two more day-runs: still pending, no second case opened.
    for (let i = 0; i < 2; i++) {
      const day = await newConnector().fulfilPending({ pull: false });
      expect(day.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
        outcome: 'skipped',
        reason: 'cancel_pending',
      });
    }
    expect(cancelCalls()).toBe(1);

    expect(await vnp.approveCases('approve')).toEqual([itemCode]);
    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'not_shippable' });
    expect(mine?.error?.message).toMatch(/was cancelled at vnpost/);
    expect(cancelCalls()).toBe(1);
    expect(vnp.state.order(itemCode)?.status).toBe('9');
    expect((await readOrderState(store, keyOf(order)))?.shipment?.status).toBe('CANCELLED');
    expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  });

  it('refused (the parcel travels on): reported as a live parcel needing a person, not "cancelled", and not retried', async () => {
    vnp.setCancelMode('approval');
    const { order, itemCode } = await lateParcelOfCancelledOrder();
    await newConnector().catchUpWebhooks();
    expect(await vnp.approveCases('refuse')).toEqual([]);
    await vnp.advance(itemCode, '6');
    const day = await newConnector().fulfilPending({ pull: false });
    const mine = day.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({ outcome: 'skipped', reason: 'cancel_refused' });
    expect(mine?.error).toBeInstanceOf(ParcelCancelRefusedError);
    expect(mine?.error?.message).toMatch(/the parcel is live — a person must act/);
    expect(mine?.error?.message).toMatch(/cần người xử lý/);
    expect(mine?.error?.message).not.toMatch(/was cancelled at/);
    expect(cancelCalls()).toBe(1);
    const again = await newConnector().fulfilPending({ pull: false });
    expect(again.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
      outcome: 'skipped',
      reason: 'cancel_refused',
    });
    expect(again.counts.failed).toBe(0);
    expect(cancelCalls()).toBe(1);
    expect(vnp.state.order(itemCode)?.status).toBe('6');
  });
});

it('a late parcel already picked up: cancel_refused once, then the same terminal report, never failed', async () => {
  const { order, itemCode } = await lateParcelOfCancelledOrder();
  await vnp.advance(itemCode, '6');
  const caught = await newConnector().catchUpWebhooks();
  expect(caught.pending).toEqual([
    expect.objectContaining({ outcome: 'cancel_refused', trackingNumber: itemCode }),
  ]);
  expect(caught.failed).toEqual([]);
  expect((await readOrderState(store, keyOf(order)))?.shipment?.cancelRefused).toBeDefined();
  const calls = cancelCalls();
  for (let i = 0; i < 2; i++) {
    const day = await newConnector().fulfilPending({ pull: false });
    expect(day.ok).toBe(true);
    expect(day.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
      outcome: 'skipped',
      reason: 'cancel_refused',
    });
  }
  expect(cancelCalls()).toBe(calls);
  expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
});
