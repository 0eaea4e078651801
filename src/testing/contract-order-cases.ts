import { expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import type { ContractSandbox } from './contract-sandbox.js';

/** The contract cases of orders: listing them over windows and pages, and fulfilment. */
export function defineOrderCases<S extends ContractSandbox>(h: ContractHarness<S>): void {
  const { options, caps, make, draftFor } = h;
  it.runIf(caps.orders)(
    'pages orders over a split window without loss or duplication, checkpointing each page',
    async () => {
      // Profile-driven adapters read pages of 10 (two full pages, then the platform fails); an adapter
      // that takes no profile keeps its own page size: more orders than a page of 50, fail after the first page.
      const paged = caps.profileOverride;
      const adapter = make(paged ? { profile: { pagination: { orders: { pageSize: 10 } } } } : {});
      const total = paged ? 45 : 90;
      await adapter.createListing(await draftFor(adapter, 'OR'));
      for (let i = 0; i < total; i++) {
        const placed = h.sandbox.buyers.placeOrder({ sku: i % 2 ? 'OR-MO-250' : 'OR-MO-500' });
        expect(placed.ok).toBe(true);
      }
      const now = Date.now();
      const window = { from: new Date(now - 20 * 86_400_000), to: new Date(now + 60_000) };
      const checkpoints: (string | undefined)[] = [];
      const first: string[] = [];
      // The platform fails after the first page(s): the checkpoint must not move past the last full page.
      let pagesSeen = 0;
      let failed = false;
      const error = await (async () => {
        for await (const order of adapter.listOrders(window, {
          retries: 0,
          onCheckpoint: (cursor) => {
            checkpoints.push(cursor);
            pagesSeen = first.length;
            if (paged ? first.length === 20 : first.length > 0 && !failed) {
              failed = true;
              h.sandbox.setFaults({ failNext: { listOrders: 1 } });
            }
          },
        })) {
          first.push(order.externalId);
          expect(order.platform).toBe(options.platform);
          expect(order.createdAt.endsWith('Z')).toBe(true);
          expect(order.rawStatus).toBeDefined();
        }
      })().catch((e: unknown) => e);
      if (paged) expect(first).toHaveLength(20);
      // A first page that held every order leaves nothing to fail on.
      if (first.length < total) expect(error).toBeDefined();
      expect(first.length).toBeGreaterThan(0);
      expect(pagesSeen).toBe(first.length);
      const rest: string[] = [];
      if (error !== undefined) {
        const resumeFrom = checkpoints.at(-1)!;
        for await (const order of adapter.listOrders(window, { cursor: resumeFrom }))
          rest.push(order.externalId);
      }
      const all = [...first, ...rest];
      expect(new Set(all).size).toBe(total);
      expect(all).toHaveLength(total);
      expect(new Set(all)).toEqual(new Set(h.sandbox.state.orders().map((o) => o.id)));
      expect(h.sandbox.stats.rateLimited).toBe(0);
    },
  );

  it.runIf(caps.orders && caps.profileOverride)(
    'a profile override takes effect: page size 10 reads 45 orders in 5 requests',
    async () => {
      const adapter = make({ profile: { pagination: { orders: { pageSize: 10 } } } });
      await adapter.createListing(await draftFor(adapter, 'PS'));
      for (let i = 0; i < 45; i++) h.sandbox.buyers.placeOrder({ sku: 'PS-MO-250' });
      h.sandbox.resetStats();
      const now = Date.now();
      const ids: string[] = [];
      for await (const order of adapter.listOrders({
        from: new Date(now - 3_600_000),
        to: new Date(now + 60_000),
      })) {
        ids.push(order.externalId);
      }
      expect(new Set(ids).size).toBe(45);
      expect(h.sandbox.stats.requests.listOrders).toBe(5);
    },
  );

  it.runIf(caps.fulfilment)('confirms, cancels and marks orders shipped', async () => {
    const adapter = make();
    await adapter.createListing(await draftFor(adapter, 'FU'));
    const a = h.sandbox.buyers.placeOrder({ sku: 'FU-MO-250', quantity: 2 });
    const b = h.sandbox.buyers.placeOrder({ sku: 'FU-MO-500' });
    if (!a.ok || !b.ok) throw new Error('orders not placed');
    expect(h.sandbox.state.stockOf('FU-MO-500')).toBe(49);

    const unpaid = h.sandbox.buyers.placeOrder({ sku: 'FU-MO-250', paymentMethod: 'PREPAID', paid: false });
    if (!unpaid.ok) throw new Error('prepaid order not placed');
    expect(await adapter.getOrder(unpaid.order.id)).toMatchObject({
      status: 'UNPAID',
      payment: { method: 'prepaid', codAmountVnd: 0 },
    });

    const fetched = await adapter.getOrder(a.order.id);
    expect(fetched).toMatchObject({ externalId: a.order.id, status: options.newOrderStatus });
    expect(fetched.lines[0]).toMatchObject({ sku: 'FU-MO-250', quantity: 2, unitPriceVnd: 150_000 });
    expect(fetched.payment.totalVnd).toBe(a.order.totalVnd);

    const confirmed = await adapter.confirmOrder(a.order.id);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(h.sandbox.state.order(a.order.id)!.status).toBe('CONFIRMED');
    // Confirming twice is harmless.
    expect((await adapter.confirmOrder(a.order.id)).status).toBe('CONFIRMED');

    const cancelled = await adapter.cancelOrder(b.order.id, 'OUT_OF_STOCK');
    expect(cancelled.status).toBe('CANCELLED');
    expect(h.sandbox.state.order(b.order.id)!.cancelReasonCode).toBe('OUT_OF_STOCK');
    expect(h.sandbox.state.stockOf('FU-MO-500')).toBe(50);

    const shipped = await adapter.markShipped(a.order.id, {
      carrier: 'viettelpost',
      trackingNumber: 'VTP123456789',
    });
    expect(shipped.status).toBe(options.shippedStatus);
    expect(shipped.tracking).toEqual({ carrier: options.shippedCarrier, trackingNumber: 'VTP123456789' });
    expect(h.sandbox.state.order(a.order.id)).toMatchObject({
      carrierCode: options.shippedCarrierCode,
      trackingNumber: 'VTP123456789',
    });
  });
}
