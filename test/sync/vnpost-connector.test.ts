/**
 * VNPost through the connector: webhook deliveries of several items (only trusted items applied, the
 * adapter's answer passed on), catch-up by polling VNPost's status history (it cannot resend webhooks),
 * same-instant statuses ordered by journey stage, and a create whose answer never came completed by the
 * next process from the same store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import type { Order } from '../../src/model/order.js';
import type { OrderStatus } from '../../src/model/status.js';
import { type VnpostAdapter, vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox, type VnpostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { currentOrderStatus } from '../../src/sync/orders/journey.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from '../platforms/vnpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vnp: VnpostSandbox;
let receiver: WebhookReceiver;
let store: MemoryStore;
let connector: Connector;
const connectors: Connector[] = [];
const paths: { externalId: string; path: OrderStatus[] }[] = [];
/** One instant for every sandbox status: 6 and 7 of one advance() carry the same time. */
const NOW = Date.now();

function vnpostAdapter(
  options: { store?: MemoryStore; retries?: number; now?: () => number } = {},
): VnpostAdapter {
  return vnpost({
    ...(options.now ? { now: options.now } : {}),
    baseUrl: vnp.url,
    credentials: vnp.credentials,
    webhookPublicKey: vnp.webhookPublicKey,
    retry: {
      initialDelayMs: 5,
      maxDelayMs: 10,
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
    },
    lostCreateLookupDelaysMs: [0],
    ...(options.store ? { store: options.store } : {}),
  });
}

function newConnector(carrier: VnpostAdapter): Connector {
  const made = createConnector({
    marketplaces: platforms.adapters,
    carrier,
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
    onOrderPath: (order, path) => {
      paths.push({ externalId: order.externalId, path });
    },
  });
  connectors.push(made);
  return made;
}

beforeEach(async () => {
  paths.length = 0;
  platforms = await startPlatforms({ rps: 100 });
  receiver = await startWebhookReceiver();
  vnp = await startVnpostSandbox({ stepMs: 0, clock: () => NOW, webhookUrl: receiver.url });
  store = createMemoryStore();
  connector = newConnector(vnpostAdapter({ store }));
  await connector.publish([
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

type Delivery = { data: Array<Record<string, unknown>>; sendDate: string; signature: string };

/** The last delivery the sandbox sent about this parcel with this status. */
function delivery(itemCode: string, status: string): Delivery {
  const found = receiver.deliveries
    .map((d) => JSON.parse(d.rawBody) as Delivery)
    .filter((d) => d.data[0]?.itemCode === itemCode && String(d.data[0]?.status) === status)
    .at(-1);
  if (!found) throw new Error(`no delivery ${itemCode}=${status}`);
  return found;
}

describe('VNPost webhooks through the connector', () => {
  it('a delivery of several items: trusted items applied to their orders, the forged one refused with 422', async () => {
    const a = await connector.fulfil(await postmartOrder());
    const b = await connector.fulfil(await postmartOrder());
    expect([a.outcome, b.outcome]).toEqual(['shipped', 'shipped']);
    await vnp.advance(a.trackingNumber!, '4');
    await vnp.advance(b.trackingNumber!, '6');
    // A's genuine signed delivery, with B's genuine "6" (in VNPost's history) and a forged "14" appended.
    const body = delivery(a.trackingNumber!, '4');
    const bItem = delivery(b.trackingNumber!, '6').data[0]!;
    body.data.push(bItem, { ...bItem, status: '14', statusName: 'Phát thành công' });

    const result = await connector.handleWebhook('vnpost', JSON.stringify(body), {});
    expect(result).toMatchObject({ httpStatus: 422, outcome: 'applied', source: 'vnpost' });
    expect(result.notApplied).toEqual([
      expect.stringMatching(new RegExp(`^${b.trackingNumber}=14: unconfirmed`)),
    ]);
    expect(result.shipments?.map((s) => [s.trackingNumber, s.status, s.outcome])).toEqual([
      [a.trackingNumber, 'PENDING_PICKUP', 'applied'],
      [b.trackingNumber, 'PICKED_UP', 'applied'],
    ]);
    const stateA = await readOrderState(store, keyOf({ externalId: a.externalId } as Order));
    const stateB = await readOrderState(store, keyOf({ externalId: b.externalId } as Order));
    expect(stateA?.shipment).toMatchObject({ status: 'PENDING_PICKUP', rawStatus: '4' });
    expect(stateB?.shipment).toMatchObject({ status: 'PICKED_UP', rawStatus: '6' });
    expect(currentOrderStatus(stateB!)).not.toBe('DELIVERED');
    // Sandbox truth: B was never delivered.
    expect(vnp.state.order(b.trackingNumber!)?.status).toBe('6');

    // The same delivery again: nothing new, still not acknowledged (the forged item stays refused).
    const again = await connector.handleWebhook('vnpost', JSON.stringify(body), {});
    expect(again).toMatchObject({ httpStatus: 422, outcome: 'refused' });
    expect(again.shipments?.map((s) => s.outcome)).toEqual(['duplicate', 'duplicate']);
  });

  it('a clean two-item delivery answers 200; a failed confirmation lookup answers 503 and applies only the signed item', async () => {
    const a = await connector.fulfil(await postmartOrder());
    const b = await connector.fulfil(await postmartOrder());
    await vnp.advance(a.trackingNumber!, '2');
    await vnp.advance(b.trackingNumber!, '4');
    const clean = delivery(a.trackingNumber!, '2');
    clean.data.push(delivery(b.trackingNumber!, '4').data[0]!);
    const ok = await connector.handleWebhook('vnpost', JSON.stringify(clean), {});
    expect(ok).toMatchObject({ httpStatus: 200, outcome: 'applied' });
    expect(ok.shipments?.map((s) => s.outcome)).toEqual(['applied', 'applied']);

    await vnp.advance(a.trackingNumber!, '4');
    await vnp.advance(b.trackingNumber!, '6');
    const handler = connector.webhookHandler({ source: 'vnpost' });
    const body = delivery(a.trackingNumber!, '4');
    body.data.push(delivery(b.trackingNumber!, '6').data[0]!);
    vnp.setFaults({ failNext: { getStatusHistoryOrder: 50 } });
    let status = 0;
    await handler(
      { headers: {}, body: Buffer.from(JSON.stringify(body)) },
      {
        writeHead: (s: number) => {
          status = s;
        },
        end: () => undefined,
      },
    );
    vnp.setFaults({ failNext: {} });
    expect(status).toBe(503);
    expect(
      (await readOrderState(store, keyOf({ externalId: a.externalId } as Order)))?.shipment?.rawStatus,
    ).toBe('4');
    expect(
      (await readOrderState(store, keyOf({ externalId: b.externalId } as Order)))?.shipment?.rawStatus,
    ).toBe('4');
    // VNPost redelivers; now the lookup works: 200 and B moves on.
    const redelivered = await connector.handleWebhook('vnpost', JSON.stringify(body), {});
    expect(redelivered.httpStatus).toBe(200);
    expect(
      (await readOrderState(store, keyOf({ externalId: b.externalId } as Order)))?.shipment,
    ).toMatchObject({
      status: 'PICKED_UP',
      rawStatus: '6',
    });
  });

  it('statuses 6 and 7 of the same instant, delivered 7 first: the order keeps 7', async () => {
    const a = await connector.fulfil(await postmartOrder());
    await vnp.advance(a.trackingNumber!, '7');
    const six = delivery(a.trackingNumber!, '6');
    const seven = delivery(a.trackingNumber!, '7');
    expect(seven.data[0]!.statusDate ?? seven.sendDate).toBe(six.data[0]!.statusDate ?? six.sendDate);
    expect((await connector.handleWebhook('vnpost', JSON.stringify(seven), {})).httpStatus).toBe(200);
    expect((await connector.handleWebhook('vnpost', JSON.stringify(six), {})).httpStatus).toBe(200);
    const late = await readOrderState(store, keyOf(a as unknown as Order));
    expect(late?.shipment).toMatchObject({ status: 'PICKED_UP', rawStatus: '7' });

    // In arrival order 6 then 7 (another parcel): 7 again.
    const b = await connector.fulfil(await postmartOrder());
    await vnp.advance(b.trackingNumber!, '7');
    await connector.handleWebhook('vnpost', JSON.stringify(delivery(b.trackingNumber!, '6')), {});
    const r7 = await connector.handleWebhook('vnpost', JSON.stringify(delivery(b.trackingNumber!, '7')), {});
    expect(r7.outcome).toBe('applied');
    expect((await readOrderState(store, keyOf(b as unknown as Order)))?.shipment).toMatchObject({
      status: 'PICKED_UP',
      rawStatus: '7',
    });
  });
});

describe('VNPost catch-up through the connector', () => {
  it('missed webhooks: catchUpWebhooks polls the status history and moves the order to delivered', async () => {
    const order = await postmartOrder();
    const shipped = await connector.fulfil(order);
    await vnp.advance(shipped.trackingNumber!, '7'); // the receiver was down: nothing given to the connector
    const first = await connector.catchUpWebhooks();
    expect(first.failed).toEqual([]);
    expect(first.polled).toEqual([shipped.trackingNumber]);
    expect(first.requested).toEqual([]);
    let state = await readOrderState(store, keyOf(order));
    // 6 and 7 share an instant: the later stage's code is kept.
    expect(state?.shipment).toMatchObject({ status: 'PICKED_UP', rawStatus: '7' });
    expect(currentOrderStatus(state!)).toBe('SHIPPED');

    await vnp.advance(shipped.trackingNumber!, '14');
    const second = await connector.catchUpWebhooks();
    expect(second.applied.filter((r) => r.outcome === 'applied').map((r) => r.status)).toContain('DELIVERED');
    state = await readOrderState(store, keyOf(order));
    expect(state?.shipment?.status).toBe('DELIVERED');
    expect(currentOrderStatus(state!)).toBe('DELIVERED');
    expect(paths.filter((p) => p.externalId === order.externalId).flatMap((p) => p.path)).toEqual([
      'SHIPPED',
      'DELIVERED',
    ]);
    // A late webhook of a polled step is a duplicate; a delivered parcel is not polled again.
    const late = await connector.handleWebhook(
      'vnpost',
      JSON.stringify(delivery(shipped.trackingNumber!, '14')),
      {},
    );
    expect(late.outcome).toBe('duplicate');
    const third = await connector.catchUpWebhooks();
    expect(third.polled).toEqual([]);
  });

  it('a VNPost adapter without the connector store is reported, not silently skipped', async () => {
    const order = await postmartOrder();
    const shipped = await connector.fulfil(order);
    const other = newConnector(vnpostAdapter()); // same connector store, adapter with its own memory
    const result = await other.catchUpWebhooks();
    expect(result.polled).toEqual([]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.trackingNumber).toBe(shipped.trackingNumber);
    expect(result.failed[0]!.error.message).toContain('has no record of shipment');
  });
});

describe('a create whose answer never came (the process died mid-create)', () => {
  async function crashMidCreate(order: Order) {
    // The create commits, its answer is lost and every lookup fails: the run ends outcome-unknown.
    vnp.setFaults({ dropResponseAfterCommit: { createOrder: 1 }, failNext: { getListOrder: 50 } });
    const crashed = newConnector(vnpostAdapter({ store, retries: 1 }));
    await expect(crashed.fulfil(order)).rejects.toThrow();
    vnp.setFaults({ failNext: {} });
    const state = await readOrderState(store, keyOf(order));
    expect(state?.shipment).toMatchObject({ status: 'WAYBILL_PENDING' });
    expect(state?.shipment?.waybill).toBeUndefined();
    expect(vnp.state.orders()).toHaveLength(1);
    return vnp.state.orders()[0]!.itemCode;
  }

  it('catchUpWebhooks in a new process looks the reference up at VNPost and completes the shipment', async () => {
    const order = await postmartOrder();
    const itemCode = await crashMidCreate(order);
    const next = newConnector(vnpostAdapter({ store }));
    const result = await next.catchUpWebhooks();
    expect(result.pending).toEqual([
      expect.objectContaining({
        outcome: 'found',
        carrier: 'vnpost',
        trackingNumber: itemCode,
        completed: true,
      }),
    ]);
    expect(result.polled).toEqual([itemCode]);
    const state = await readOrderState(store, keyOf(order));
    expect(state?.shipment).toMatchObject({ waybill: itemCode, markedShipped: true });
    expect(platforms.postmartSandbox.state.order(order.externalId)).toMatchObject({
      trackingNumber: itemCode,
    });
    expect(vnp.state.orders()).toHaveLength(1);
    expect(vnp.state.requestCount('createOrder')).toBe(1);
  });

  it('fulfilPending in a new process, even with an adapter that lacks the store, adopts the parcel: never a second one', async () => {
    const order = await postmartOrder();
    const itemCode = await crashMidCreate(order);
    const next = newConnector(vnpostAdapter()); // no shared carrier records: the connector asks VNPost itself
    const result = await next.fulfilPending({ pull: false });
    const mine = result.orders.find((o) => o.externalId === order.externalId);
    expect(mine).toMatchObject({
      outcome: 'reused',
      fulfilment: { trackingNumber: itemCode, markedShipped: true },
    });
    expect(vnp.state.orders()).toHaveLength(1);
    expect(vnp.state.requestCount('createOrder')).toBe(1);
    expect(platforms.postmartSandbox.state.order(order.externalId)).toMatchObject({
      trackingNumber: itemCode,
    });
  });

  it('nothing reached VNPost and the order was cancelled meanwhile: kept pending until the settle horizon, then forgotten; no parcel created', async () => {
    const order = await postmartOrder();
    vnp.setFaults({ failNext: { createOrder: 50 } });
    const crashed = newConnector(vnpostAdapter({ store, retries: 0 }));
    await expect(crashed.fulfil(order)).rejects.toThrow();
    vnp.setFaults({ failNext: {} });
    expect((await readOrderState(store, keyOf(order)))?.shipment?.status).toBe('WAYBILL_PENDING');
    expect(vnp.state.orders()).toHaveLength(0);
    const caught = await newConnector(vnpostAdapter({ store })).catchUpWebhooks();
    expect(caught.pending).toEqual([expect.objectContaining({ outcome: 'not_found' })]);

    expect(platforms.postmartSandbox.buyers.cancel(order.externalId).ok).toBe(true);
    platforms.postmartSandbox.orders.advance(order.externalId, 'CANCELLED');
    const result = await newConnector(vnpostAdapter({ store })).fulfilPending();
    expect(result.orders.find((o) => o.externalId === order.externalId)).toMatchObject({
      outcome: 'skipped',
      reason: 'not_shippable',
    });
    expect(vnp.state.orders()).toHaveLength(0);
    // A 5xx may come after VNPost committed (#16 re-trial item 1): the reference stays pending, looked up
    // on every run, until lostCreateSettleMs (15 min) has passed since the send.
    expect((await readOrderState(store, keyOf(order)))?.shipment?.status).toBe('WAYBILL_PENDING');
    const early = await newConnector(vnpostAdapter({ store })).catchUpWebhooks();
    expect(early.pending).toEqual([expect.objectContaining({ outcome: 'not_found' })]);
    const later = () => Date.now() + 16 * 60_000;
    const settled = await newConnector(vnpostAdapter({ store, now: later })).catchUpWebhooks();
    expect(settled.pending).toEqual([expect.objectContaining({ outcome: 'forgotten' })]);
    expect((await readOrderState(store, keyOf(order)))?.shipment).toBeUndefined();
    expect((await store.getShipment(settled.pending[0]!.reference))?.pendingSince).toBeUndefined();
    expect((await newConnector(vnpostAdapter({ store })).catchUpWebhooks()).pending).toEqual([]);
    expect(vnp.state.orders()).toHaveLength(0);
  });
});
