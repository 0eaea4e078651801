/**
 * #16 trial 5 MEDIUM 4: an order cancelled directly on the marketplace after its parcel was created and
 * handed to the marketplace. The next order sync notices it: a parcel not yet picked up is cancelled at
 * the carrier; one past pickup is flagged loudly (outcome `live`, bilingual message) on every sync and
 * by fulfilPending (`cancel_refused`) until it is back.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import type { Order } from '../../src/model/order.js';
import { type VnpostAdapter, vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from '../platforms/vnpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let receiver: WebhookReceiver;
let store: MemoryStore;
let adapter: VnpostAdapter;
let connector: Connector;

beforeEach(async () => {
  platforms = await startPlatforms({ rps: 100 });
  receiver = await startWebhookReceiver();
  vnp = await startVnpostSandbox({ stepMs: 0, webhookUrl: receiver.url });
  store = createMemoryStore();
  adapter = vnpost({
    baseUrl: vnp.url,
    credentials: vnp.credentials,
    webhookPublicKey: vnp.webhookPublicKey,
    retry: { initialDelayMs: 5, maxDelayMs: 10 },
    store,
  });
  connector = createConnector({
    marketplaces: platforms.adapters,
    carrier: adapter,
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
  });
  await connector.publish([
    makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
  ]);
});
afterEach(async () => {
  await connector.close().catch(() => undefined);
  await Promise.all([platforms.close(), vnp.close(), receiver.close()]);
});

async function shippedThenCancelledOnMarketplace(
  before?: (waybill: string) => Promise<void>,
): Promise<{ order: Order; waybill: string }> {
  const placed = platforms.postmartSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
  if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
  const order = await platforms.adapters[1]!.getOrder(placed.order.id);
  const result = await connector.fulfil(order);
  expect(result).toMatchObject({ outcome: 'shipped', markedShipped: true });
  const waybill = result.trackingNumber!;
  await before?.(waybill);
  // Cancelled in seller centre / by the platform, not through the connector.
  platforms.postmartSandbox.orders.advance(order.externalId, 'CANCELLED');
  return { order, waybill };
}

const keyOf = (order: Order) => ({
  platform: 'postmart',
  account: platforms.adapters[1]!.account,
  externalId: order.externalId,
});

it('a parcel not yet picked up is cancelled at the carrier on the next order sync', async () => {
  const { order, waybill } = await shippedThenCancelledOnMarketplace();
  const pulled = await connector.pullOrders();
  expect(pulled.cancelledOrderParcels).toEqual([
    expect.objectContaining({
      externalId: order.externalId,
      trackingNumber: waybill,
      carrier: 'vnpost',
      outcome: 'cancelled',
      shipmentStatus: 'CANCELLED',
    }),
  ]);
  expect(vnp.state.order(waybill)?.status).toBe('9');
  expect((await readOrderState(store, keyOf(order)))?.shipment?.status).toBe('CANCELLED');
  // Done with: the next sync reports nothing.
  expect((await connector.pullOrders()).cancelledOrderParcels).toEqual([]);
});

it('a parcel past pickup is flagged loudly on every sync and by fulfilPending, never cancelled blindly', async () => {
  const { order, waybill } = await shippedThenCancelledOnMarketplace(async (waybill) => {
    const seen = receiver.deliveries.length;
    await vnp.advance(waybill, '10');
    await vnp.webhooksIdle();
    for (const d of receiver.deliveries.slice(seen))
      await connector.handleWebhook('vnpost', d.rawBody, d.headers);
  });
  const cancels = vnp.state.requestCount('orderCancel');
  const pulled = await connector.pullOrders();
  expect(pulled.cancelledOrderParcels).toHaveLength(1);
  const flagged = pulled.cancelledOrderParcels![0]!;
  expect(flagged).toMatchObject({ trackingNumber: waybill, outcome: 'live', shipmentStatus: 'IN_TRANSIT' });
  expect(flagged.messageVi).toMatch(/đã hủy trên sàn nhưng kiện hàng vẫn đi/);
  expect(flagged.messageEn).toMatch(/cancelled on the marketplace but its parcel is moving/);
  expect(vnp.state.requestCount('orderCancel')).toBe(cancels);
  expect(vnp.state.order(waybill)?.status).toBe('10');
  expect((await readOrderState(store, keyOf(order)))?.shipment?.cancelRefused).toBeDefined();

  // Still reported on the next sync, and by fulfilPending.
  expect((await connector.pullOrders()).cancelledOrderParcels).toEqual([
    expect.objectContaining({ trackingNumber: waybill, outcome: 'live' }),
  ]);
  const pending = await connector.fulfilPending();
  expect(pending.orders).toEqual([
    expect.objectContaining({ externalId: order.externalId, outcome: 'skipped', reason: 'cancel_refused' }),
  ]);
});

it('a parcel picked up without our knowing is flagged with the status the carrier gives now, not the stale CREATED (#16 re-trial 4)', async () => {
  const { waybill } = await shippedThenCancelledOnMarketplace(async (waybill) => {
    // Picked up at VNPost; its webhook never reached us (the store still says CREATED).
    await vnp.advance(waybill, '6');
    await vnp.webhooksIdle();
  });
  const pulled = await connector.pullOrders();
  expect(vnp.state.order(waybill)?.status).toBe('6');
  const flagged = pulled.cancelledOrderParcels![0]!;
  expect(flagged).toMatchObject({ trackingNumber: waybill, outcome: 'live', shipmentStatus: 'PICKED_UP' });
  expect(flagged.messageEn).toContain(`waybill ${waybill} at vnpost is PICKED_UP`);
  expect(flagged.messageEn).not.toContain('is CREATED');
});
