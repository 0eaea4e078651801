/**
 * #16 trial 4 item 3 (port of /tmp/trial16/t10b.mjs): the webhook of a late-committed parcel of a
 * cancelled order arrives BEFORE any catch-up. The webhook path applies the same completion check as
 * catch-up: the parcel is cancelled at VNPost (never left an orphan), the order is never marked shipped.
 * When that follow-up cannot finish, catchUpWebhooks alone completes it (fails before: nothing pending).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { OutcomeUnknownError } from '../../src/core/errors.js';
import type { Order } from '../../src/model/order.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from '../platforms/vnpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let store: MemoryStore;
let receiver: WebhookReceiver;
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
  receiver = await startWebhookReceiver();
  // The create commits only when the test calls commitLateNow(): its answer is lost meanwhile.
  vnp = await startVnpostSandbox({
    stepMs: 0,
    faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 },
    webhookUrl: receiver.url,
  });
  store = createMemoryStore();
  await newConnector().publish([
    makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
  ]);
});
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.close().catch(() => undefined);
  await Promise.all([platforms.close(), vnp.close(), receiver.close()]);
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

it('a receiver-only deployment: the late parcel webhook cancels it at VNPost; catch-up finds nothing left', async () => {
  const order = await postmartOrder();
  await loseTheCreate(order);
  await cancelOnPostmart(order);
  expect(vnp.commitLateNow()).toBe(1);
  await vnp.webhooksIdle();
  const itemCode = vnp.state.orders()[0]!.itemCode;
  expect(receiver.deliveries.length).toBeGreaterThan(0);
  const receiverSide = newConnector();
  for (const d of receiver.deliveries) {
    const r = await receiverSide.handleWebhook('vnpost', d.rawBody, d.headers);
    expect(r.httpStatus).toBe(200);
    await r.followUp;
  }
  // Cancelled at VNPost by the webhook path itself, before any catch-up ran.
  expect(vnp.state.order(itemCode)?.status).toBe('9');
  expect(vnp.state.requestCount('orderCancel')).toBe(1);
  expect((await readOrderState(store, keyOf(order)))?.shipment).toMatchObject({
    waybill: itemCode,
    status: 'CANCELLED',
    markedShipped: false,
  });
  const caught = await newConnector().catchUpWebhooks();
  expect(caught.failed).toEqual([]);
  expect(caught.pending).toEqual([]);
  expect(vnp.state.orders()).toHaveLength(1);
  expect(platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CANCELLED');
  expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
});

it('the webhook follow-up could not finish (marketplace down): catchUpWebhooks alone still cancels the orphan', async () => {
  const order = await postmartOrder();
  await loseTheCreate(order);
  await cancelOnPostmart(order);
  expect(vnp.commitLateNow()).toBe(1);
  await vnp.webhooksIdle();
  const itemCode = vnp.state.orders()[0]!.itemCode;
  const receiverSide = newConnector();
  platforms.postmartSandbox.setFaults({ failNext: { getOrder: 50 } });
  for (const d of receiver.deliveries) {
    const r = await receiverSide.handleWebhook('vnpost', d.rawBody, d.headers);
    expect(r.httpStatus).toBe(200);
    await r.followUp;
  }
  platforms.postmartSandbox.setFaults({});
  // The waybill is saved, the parcel not cancelled yet.
  expect((await readOrderState(store, keyOf(order)))?.shipment?.waybill).toBe(itemCode);
  expect(vnp.state.order(itemCode)?.status).not.toBe('9');

  const caught = await newConnector().catchUpWebhooks();
  expect(caught.pending).toEqual([
    expect.objectContaining({ outcome: 'cancelled', trackingNumber: itemCode }),
  ]);
  expect(vnp.state.order(itemCode)?.status).toBe('9');
  expect((await readOrderState(store, keyOf(order)))?.shipment?.status).toBe('CANCELLED');
  expect(platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  // Done with: the next catch-up has nothing left for it.
  expect((await newConnector().catchUpWebhooks()).pending).toEqual([]);
});
