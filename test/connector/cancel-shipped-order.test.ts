/**
 * #18: connector.cancelOrder re-reads the order on its marketplace and refuses one the marketplace already
 * holds a tracking number for — also when the parcel was not made by connector.fulfil (marked shipped in
 * the seller centre, or by another tool). Nothing is cancelled; the refusal speaks of cancelling, in both
 * languages, naming the tracking number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Connector,
  createConnector,
  createMemoryStore,
  OrderNotCancellableError,
} from '../../src/index.js';
import type { Order } from '../../src/model/order.js';
import type { ProfileMarketplaceAdapter } from '../../src/platforms/marketplace/index.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import {
  type MarketplaceSandbox,
  type ShopeeSandbox,
  startPostmartSandbox,
  startShopeeSandbox,
  startVosoSandbox,
} from '../../src/sandbox/index.js';
import { failure } from '../core/helpers/failure.js';
import { HAND_MADE_TURMERIC } from '../support/hand-made-listing.js';

type Sandbox = MarketplaceSandbox | ShopeeSandbox;
const sandboxes: Record<string, Sandbox> = {};
const adapters: Record<string, ProfileMarketplaceAdapter> = {};
let connector: Connector;

beforeAll(async () => {
  const [v, p, s] = await Promise.all([
    startVosoSandbox({ handMadeListings: [HAND_MADE_TURMERIC] }),
    startPostmartSandbox({ handMadeListings: [HAND_MADE_TURMERIC] }),
    startShopeeSandbox({ handMadeListings: [HAND_MADE_TURMERIC] }),
  ]);
  Object.assign(sandboxes, { voso: v, postmart: p, shopee: s });
  adapters.voso = voso({ credentials: v.credentials, baseUrl: v.baseUrl });
  const { username, password, customerCode } = p.credentials;
  adapters.postmart = postmart({
    credentials: { username, password, customerCode: customerCode! },
    baseUrl: p.baseUrl,
  });
  adapters.shopee = shopee({
    credentials: s.credentials,
    baseUrl: s.baseUrl,
    webhookUrl: 'https://htx.example.vn/p',
  });
  connector = createConnector({ marketplaces: Object.values(adapters), store: createMemoryStore() });
});
afterAll(async () => {
  await connector.close();
  await Promise.all(Object.values(sandboxes).map((s) => s.close()));
});

/** The order object as read from the adapter, passed whole (with its account) as a caller would. */
const withAccount = (order: Order) => ({ ...order, account: adapters[order.platform]!.account });

function place(platform: string): string {
  const placed = sandboxes[platform]!.buyers.placeOrder({ sku: 'VL-TBN-500', quantity: 1 });
  if (!placed.ok) throw new Error(placed.reason);
  return placed.order.id;
}

describe.each([
  'voso',
  'postmart',
  'shopee',
])('%s: cancelOrder of an order marked shipped elsewhere', (platform) => {
  it('is refused, naming the tracking number; the order stays shipped, no cancel sent', async () => {
    const adapter = adapters[platform]!;
    const id = place(platform);
    await adapter.confirmOrder(id);
    await adapter.markShipped(id, { carrier: 'viettelpost', trackingNumber: 'VT100000001' });
    const cancels = () => sandboxes[platform]!.stats.requests.cancelOrder ?? 0;
    const before = cancels();

    const error = await failure(async () =>
      connector.cancelOrder(withAccount(await adapter.getOrder(id)), 'OUT_OF_STOCK'),
    );
    expect(error).toBeInstanceOf(OrderNotCancellableError);
    const { messageEn, messageVi, trackingNumber } = error as OrderNotCancellableError;
    expect(messageEn).toContain(
      `Order ${platform}:${id} cannot be cancelled: the marketplace already holds tracking number VT100000001`,
    );
    expect(messageEn).toContain('cancel the shipment first');
    expect(messageVi).toContain(`Không thể hủy đơn ${platform}:${id}: sàn đã giữ mã vận đơn VT100000001`);
    expect(messageVi).toContain('hãy hủy vận đơn trước');
    expect(`${messageEn} ${messageVi}`).not.toMatch(/cannot be shipped|Không thể giao/);
    expect(trackingNumber).toBe('VT100000001');
    expect(cancels()).toBe(before);
    const held = await adapter.getOrder(id);
    expect(held.status).not.toBe('CANCELLED');
    expect(held.tracking?.trackingNumber).toBe('VT100000001');
  });

  it('a stale order object (read before it was shipped) is refused the same way: the order is re-read', async () => {
    const adapter = adapters[platform]!;
    const id = place(platform);
    await adapter.confirmOrder(id);
    const stale = await adapter.getOrder(id);
    await adapter.markShipped(id, { carrier: 'viettelpost', trackingNumber: 'VT100000002' });
    const error = await failure(() => connector.cancelOrder(withAccount(stale), 'OUT_OF_STOCK'));
    expect(error).toBeInstanceOf(OrderNotCancellableError);
    expect((error as OrderNotCancellableError).messageEn).toContain('tracking number VT100000002');
    expect((await adapter.getOrder(id)).status).not.toBe('CANCELLED');
  });

  it('an order not shipped is still cancelled', async () => {
    const id = place(platform);
    const cancelled = await connector.cancelOrder(
      withAccount(await adapters[platform]!.getOrder(id)),
      'OUT_OF_STOCK',
    );
    expect(cancelled.status).toBe('CANCELLED');
  });
});
