/**
 * #16 trial 5 MEDIUM 4: an order cancelled directly on the marketplace after its parcel was created and
 * handed to the marketplace. The next order sync notices it: a parcel not yet picked up is cancelled at
 * the carrier; one past pickup is flagged loudly (outcome `live`, bilingual message) on every sync and
 * by fulfilPending (`cancel_refused`) until it is back.
 */
import { expect, it } from 'vitest';
import type { Order } from '../../src/model/order.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { useVnpostShop } from './vnpost-shop-fixture.js';

const shop = useVnpostShop({ webhooks: true, tuning: { retry: { initialDelayMs: 5, maxDelayMs: 10 } } });
const { postmartOrder, keyOf } = shop;

async function shippedThenCancelledOnMarketplace(
  before?: (waybill: string) => Promise<void>,
): Promise<{ order: Order; waybill: string }> {
  const order = await postmartOrder();
  const result = await shop.connector.fulfil(order);
  expect(result).toMatchObject({ outcome: 'shipped', markedShipped: true });
  const waybill = result.trackingNumber!;
  await before?.(waybill);
  // Cancelled in seller centre / by the platform, not through the connector.
  shop.platforms.postmartSandbox.orders.advance(order.externalId, 'CANCELLED');
  return { order, waybill };
}

it('a parcel not yet picked up is cancelled at the carrier on the next order sync', async () => {
  const { order, waybill } = await shippedThenCancelledOnMarketplace();
  const pulled = await shop.connector.pullOrders();
  expect(pulled.cancelledOrderParcels).toEqual([
    expect.objectContaining({
      externalId: order.externalId,
      trackingNumber: waybill,
      carrier: 'vnpost',
      outcome: 'cancelled',
      shipmentStatus: 'CANCELLED',
    }),
  ]);
  expect(shop.vnp.state.order(waybill)?.status).toBe('9');
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment?.status).toBe('CANCELLED');
  // Done with: the next sync reports nothing.
  expect((await shop.connector.pullOrders()).cancelledOrderParcels).toEqual([]);
});

it('a parcel past pickup is flagged loudly on every sync and by fulfilPending, never cancelled blindly', async () => {
  const { order, waybill } = await shippedThenCancelledOnMarketplace(async (waybill) => {
    const seen = shop.receiver.deliveries.length;
    await shop.vnp.advance(waybill, '10');
    await shop.vnp.webhooksIdle();
    for (const d of shop.receiver.deliveries.slice(seen))
      await shop.connector.handleWebhook('vnpost', d.rawBody, d.headers);
  });
  const cancels = shop.vnp.state.requestCount('orderCancel');
  const pulled = await shop.connector.pullOrders();
  expect(pulled.cancelledOrderParcels).toHaveLength(1);
  const flagged = pulled.cancelledOrderParcels![0]!;
  expect(flagged).toMatchObject({ trackingNumber: waybill, outcome: 'live', shipmentStatus: 'IN_TRANSIT' });
  expect(flagged.messageVi).toMatch(/đã hủy trên sàn nhưng kiện hàng vẫn đi/);
  expect(flagged.messageEn).toMatch(/cancelled on the marketplace but its parcel is moving/);
  expect(shop.vnp.state.requestCount('orderCancel')).toBe(cancels);
  expect(shop.vnp.state.order(waybill)?.status).toBe('10');
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment?.cancelRefused).toBeDefined();

  // Still reported on the next sync, and by fulfilPending.
  expect((await shop.connector.pullOrders()).cancelledOrderParcels).toEqual([
    expect.objectContaining({ trackingNumber: waybill, outcome: 'live' }),
  ]);
  const pending = await shop.connector.fulfilPending();
  expect(pending.orders).toEqual([
    expect.objectContaining({ externalId: order.externalId, outcome: 'skipped', reason: 'cancel_refused' }),
  ]);
});

it('a parcel picked up without our knowing is flagged with the status the carrier gives now, not the stale CREATED (#16 re-trial 4)', async () => {
  const { order, waybill } = await shippedThenCancelledOnMarketplace(async (waybill) => {
    // Picked up at VNPost; its webhook never reached us (the store still says CREATED).
    await shop.vnp.advance(waybill, '6');
    await shop.vnp.webhooksIdle();
  });
  const pulled = await shop.connector.pullOrders();
  expect(shop.vnp.state.order(waybill)?.status).toBe('6');
  const flagged = pulled.cancelledOrderParcels![0]!;
  expect(flagged).toMatchObject({ trackingNumber: waybill, outcome: 'live', shipmentStatus: 'PICKED_UP' });
  expect(flagged.messageEn).toContain(`waybill ${waybill} at vnpost is PICKED_UP`);
  expect(flagged.messageEn).not.toContain('is CREATED');
  // And the order record follows it: the next run starts from PICKED_UP.
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment?.status).toBe('PICKED_UP');
});

it('two runs sharing the store (orders and sync at once) send the carrier one cancel: the other run reports it handled', async () => {
  const { order, waybill } = await shippedThenCancelledOnMarketplace();
  const second = shop.newConnector();
  const cancels = shop.vnp.state.requestCount('orderCancel');
  const [a, b] = await Promise.all([shop.connector.pullOrders(), second.syncInventory()]);
  // The sandbox's own record: one cancel request for the parcel.
  expect(shop.vnp.state.requestCount('orderCancel') - cancels).toBe(1);
  expect(shop.vnp.state.order(waybill)?.status).toBe('9');
  const reports = [...a.cancelledOrderParcels!, ...b.cancelledOrderParcels!];
  expect(reports).toHaveLength(2);
  expect(reports.map((r) => r.outcome)).toEqual(['cancelled', 'cancelled']);
  expect(reports.filter((r) => r.reused)).toHaveLength(1);
  const reused = reports.find((r) => r.reused)!;
  expect(reused.messageEn).toMatch(/another run/);
  expect(reused.messageVi).toMatch(/lần chạy khác/);
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment?.status).toBe('CANCELLED');
});

it('a live parcel is followed at the carrier on later runs: its current status, then what became of it, then no more warning', async () => {
  const { order, waybill } = await shippedThenCancelledOnMarketplace(async (waybill) => {
    // Picked up at VNPost; no webhook reaches us on any run (the CLI runs none).
    await shop.vnp.advance(waybill, '6');
    await shop.vnp.webhooksIdle();
  });
  expect((await shop.connector.pullOrders()).cancelledOrderParcels).toEqual([
    expect.objectContaining({ trackingNumber: waybill, outcome: 'live', shipmentStatus: 'PICKED_UP' }),
  ]);
  // A later run: still moving, with the status the carrier gives now — never the first run's CREATED.
  await shop.vnp.advance(waybill, '10');
  await shop.vnp.webhooksIdle();
  const later = (await shop.connector.pullOrders()).cancelledOrderParcels!;
  expect(later).toEqual([
    expect.objectContaining({ trackingNumber: waybill, outcome: 'live', shipmentStatus: 'IN_TRANSIT' }),
  ]);
  expect(later[0]!.messageEn).toContain(`waybill ${waybill} at vnpost is IN_TRANSIT`);
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment?.status).toBe('IN_TRANSIT');
  // Delivered after all: reported once as ended (bilingual), recorded, and the warning stops.
  await shop.vnp.advance(waybill, '14');
  await shop.vnp.webhooksIdle();
  const ended = (await shop.connector.pullOrders()).cancelledOrderParcels!;
  expect(ended).toEqual([
    expect.objectContaining({ trackingNumber: waybill, outcome: 'ended', shipmentStatus: 'DELIVERED' }),
  ]);
  expect(ended[0]!.messageEn).toMatch(/has now ended: DELIVERED — no longer flagged/);
  expect(ended[0]!.messageVi).toMatch(/nay đã kết thúc: DELIVERED — không còn cảnh báo/);
  expect((await readOrderState(shop.store, keyOf(order)))?.shipment?.status).toBe('DELIVERED');
  expect((await shop.connector.pullOrders()).cancelledOrderParcels).toEqual([]);
  expect(shop.vnp.state.order(waybill)?.status).toBe('14');
});
