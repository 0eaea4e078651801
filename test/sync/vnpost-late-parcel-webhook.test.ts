/**
 * #16 trial 4 item 3 (port of /tmp/trial16/t10b.mjs): the webhook of a late-committed parcel of a
 * cancelled order arrives BEFORE any catch-up. The webhook path applies the same completion check as
 * catch-up: the parcel is cancelled at VNPost (never left an orphan), the order is never marked shipped.
 * When that follow-up cannot finish, catchUpWebhooks alone completes it (fails before: nothing pending).
 */
import { expect, it } from 'vitest';
import type { Order } from '../../src/model/order.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { useLostCreateFixture } from './vnpost-lost-create-fixture.js';

const f = useLostCreateFixture({ webhooks: true });
const { newConnector, postmartOrder, keyOf, loseTheCreate, cancelOnPostmart } = f;

/** Given an order whose create answer was lost, then cancelled on Postmart; VNPost commits the parcel late and sends its webhooks. */
async function lateParcelOfCancelledOrder(): Promise<{ order: Order; itemCode: string }> {
  const order = await postmartOrder();
  await loseTheCreate(order);
  await cancelOnPostmart(order);
  expect(f.vnp.commitLateNow()).toBe(1);
  await f.vnp.webhooksIdle();
  return { order, itemCode: f.vnp.state.orders()[0]!.itemCode };
}

it('a receiver-only deployment: the late parcel webhook cancels it at VNPost; catch-up finds nothing left', async () => {
  const { order, itemCode } = await lateParcelOfCancelledOrder();
  expect(f.receiver.deliveries.length).toBeGreaterThan(0);
  const receiverSide = newConnector();
  for (const d of f.receiver.deliveries) {
    const r = await receiverSide.handleWebhook('vnpost', d.rawBody, d.headers);
    expect(r.httpStatus).toBe(200);
    await r.followUp;
  }
  // Cancelled at VNPost by the webhook path itself, before any catch-up ran.
  expect(f.vnp.state.order(itemCode)?.status).toBe('9');
  expect(f.vnp.state.requestCount('orderCancel')).toBe(1);
  expect((await readOrderState(f.store, keyOf(order)))?.shipment).toMatchObject({
    waybill: itemCode,
    status: 'CANCELLED',
    markedShipped: false,
  });
  const caught = await newConnector().catchUpWebhooks();
  expect(caught.failed).toEqual([]);
  expect(caught.pending).toEqual([]);
  expect(f.vnp.state.orders()).toHaveLength(1);
  expect(f.platforms.postmartSandbox.state.order(order.externalId)?.status).toBe('CANCELLED');
  expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
});

it('the webhook follow-up could not finish (marketplace down): catchUpWebhooks alone still cancels the orphan', async () => {
  const { order, itemCode } = await lateParcelOfCancelledOrder();
  const receiverSide = newConnector();
  f.platforms.postmartSandbox.setFaults({ failNext: { getOrder: 50 } });
  for (const d of f.receiver.deliveries) {
    const r = await receiverSide.handleWebhook('vnpost', d.rawBody, d.headers);
    expect(r.httpStatus).toBe(200);
    await r.followUp;
  }
  f.platforms.postmartSandbox.setFaults({});
  // The waybill is saved, the parcel not cancelled yet.
  expect((await readOrderState(f.store, keyOf(order)))?.shipment?.waybill).toBe(itemCode);
  expect(f.vnp.state.order(itemCode)?.status).not.toBe('9');

  const caught = await newConnector().catchUpWebhooks();
  expect(caught.pending).toEqual([
    expect.objectContaining({ outcome: 'cancelled', trackingNumber: itemCode }),
  ]);
  expect(f.vnp.state.order(itemCode)?.status).toBe('9');
  expect((await readOrderState(f.store, keyOf(order)))?.shipment?.status).toBe('CANCELLED');
  expect(f.platforms.postmartSandbox.state.order(order.externalId)?.trackingNumber).toBeNull();
  // Done with: the next catch-up has nothing left for it.
  expect((await newConnector().catchUpWebhooks()).pending).toEqual([]);
});
