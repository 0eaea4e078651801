/**
 * ViettelPost documents no lookup by our reference: a create committed at ViettelPost whose answer never
 * came and whose webhook never arrived is reported by catchUpWebhooks as `no_lookup` (never silently), and
 * no run ever creates a second order under the reference.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { createMemoryStore, type MemoryStore } from '../../src/store/memory-store.js';
import { readOrderState } from '../../src/sync/orders/order-state.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

let platforms: Platforms;
let vtp: ViettelPostSandbox;
let store: MemoryStore;
const connectors: Connector[] = [];

function newConnector(): Connector {
  const made = createConnector({
    marketplaces: platforms.adapters,
    carrier: viettelpost({
      baseUrl: vtp.url,
      credentials: vtp.memberCredentials,
      store,
      retry: { initialDelayMs: 5 },
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
  vtp = await startViettelPostSandbox({ stepMs: 0 }); // no webhook URL: no journey webhook ever arrives
  store = createMemoryStore();
  await newConnector().publish([
    makeProduct(1, [await makeJpeg(1)], { sku: 'MAT-ONG-500', weightGrams: 700, stock: 20 }),
  ]);
});
afterEach(async () => {
  for (const c of connectors.splice(0)) await c.close().catch(() => undefined);
  await Promise.all([platforms.close(), vtp.close()]);
});

describe('ViettelPost pending create, no webhook', () => {
  it('catchUpWebhooks reports it no_lookup; fulfilPending never creates a second order', async () => {
    const placed = platforms.vosoSandbox.buyers.placeOrder({ sku: 'MAT-ONG-500', quantity: 1 });
    if (!placed.ok) throw new Error(placed.reason);
    vtp.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
    const first = await connectors[0]!.fulfil(await platforms.adapters[0]!.getOrder(placed.order.id));
    expect(first.outcome).toBe('waybill_pending');
    const reference = first.reference;
    expect(vtp.state.ordersByReference(reference)).toHaveLength(1);

    const next = newConnector();
    const caught = await next.catchUpWebhooks();
    expect(caught.pending).toEqual([
      expect.objectContaining({ outcome: 'no_lookup', carrier: 'viettelpost', reference }),
    ]);
    const again = await next.fulfilPending({ pull: false });
    expect(again.orders.find((o) => o.externalId === placed.order.id)?.outcome).toBe('waybill_pending');
    expect(vtp.state.ordersByReference(reference)).toHaveLength(1);
    const key = { platform: 'voso', account: platforms.adapters[0]!.account, externalId: placed.order.id };
    expect((await readOrderState(store, key))?.shipment?.waybill).toBeUndefined();
  });
});
