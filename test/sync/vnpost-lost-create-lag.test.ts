/**
 * #16 trial item 1: a create whose answer is lost while VNPost's list still lags behind the create.
 * Through connector.fulfil, a retry (the same process or another one with the same store) only looks the
 * reference up and fails outcome-unknown; it never creates a second parcel. Once VNPost lists the parcel,
 * fulfilPending / catchUpWebhooks adopt it and complete the order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { OutcomeUnknownError } from '../../src/core/errors.js';
import type { Order } from '../../src/model/order.js';
import { type VnpostAdapter, vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let store: MemoryStore;
const connectors: Connector[] = [];

function vnpostAdapter(): VnpostAdapter {
  return vnpost({
    baseUrl: vnp.url,
    credentials: vnp.credentials,
    webhookPublicKey: vnp.webhookPublicKey,
    retry: { initialDelayMs: 5, maxDelayMs: 10 },
    lostCreateLookupDelaysMs: [0, 20],
    store,
  });
}

/** A new connector with a new adapter on the same store: another process. */
function newConnector(): Connector {
  const made = createConnector({
    marketplaces: platforms.adapters,
    carrier: vnpostAdapter(),
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
  connectors.push(made);
  return made;
}

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  // Committed only when the test calls commitLateNow(): VNPost's list lags as long as the test needs.
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

/** fulfil twice (this process, then another) while VNPost lists nothing: both outcome-unknown, one create sent. */
async function loseTheCreate(order: Order): Promise<void> {
  const connector = connectors[0]!;
  const first = await connector.fulfil(order).catch((e: unknown) => e);
  expect(first).toBeInstanceOf(OutcomeUnknownError);
  const again = await connector.fulfil(order).catch((e: unknown) => e);
  expect(again).toBeInstanceOf(OutcomeUnknownError);
  const elsewhere = await newConnector()
    .fulfil(order)
    .catch((e: unknown) => e);
  expect(elsewhere).toBeInstanceOf(OutcomeUnknownError);
  expect((elsewhere as OutcomeUnknownError).retryAfterMs).toBeGreaterThan(0);
  expect((elsewhere as Error).message).toMatch(/Retry after \d{4}-\d\d-\d\dT/);
  // #16 trial 4 item 10: the message says "retry after …", so the error says retriable (after retryAfterMs).
  expect((elsewhere as OutcomeUnknownError).retriable).toBe(true);
  expect(vnp.state.requestCount('createOrder')).toBe(1);
  expect(vnp.state.orders()).toHaveLength(0);
  expect((await readOrderState(store, keyOf(order)))?.shipment).toMatchObject({
    status: 'WAYBILL_PENDING',
  });
  // VNPost's late commit lands.
  expect(vnp.commitLateNow()).toBe(1);
  expect(vnp.state.orders()).toHaveLength(1);
}

describe('a lost VNPost create while its list lags: never a second parcel', () => {
  it('fulfil retries only look it up; fulfilPending then adopts the one parcel and ships the order', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    const itemCode = vnp.state.orders()[0]!.itemCode;
    const result = await newConnector().fulfilPending({ pull: false });
    expect(result.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
      outcome: 'reused',
      fulfilment: { trackingNumber: itemCode, markedShipped: true },
    });
    const reference = vnp.state.orders()[0]!.saleOrderCode!;
    expect(vnp.state.ordersByReference(reference)).toHaveLength(1);
    expect(vnp.state.requestCount('createOrder')).toBe(1);
    expect(platforms.postmartSandbox.state.order(order.externalId)).toMatchObject({
      trackingNumber: itemCode,
    });
  });

  it('catchUpWebhooks adopts it; a later fulfil reuses it', async () => {
    const order = await postmartOrder();
    await loseTheCreate(order);
    const itemCode = vnp.state.orders()[0]!.itemCode;
    const caught = await newConnector().catchUpWebhooks();
    expect(caught.pending).toEqual([
      expect.objectContaining({ outcome: 'found', trackingNumber: itemCode, completed: true }),
    ]);
    const again = await newConnector().fulfil(order);
    expect(again).toMatchObject({ outcome: 'reused', trackingNumber: itemCode });
    const reference = vnp.state.orders()[0]!.saleOrderCode!;
    expect(vnp.state.ordersByReference(reference)).toHaveLength(1);
    expect(vnp.state.requestCount('createOrder')).toBe(1);
    expect(platforms.postmartSandbox.state.order(order.externalId)).toMatchObject({
      trackingNumber: itemCode,
    });
  });
});
