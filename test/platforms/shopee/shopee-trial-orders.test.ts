import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractViolationError } from '../../../src/core/errors.js';
import type { ProfileMarketplaceAdapter } from '../../../src/platforms/marketplace/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { type ShopeeSandbox, startShopeeSandbox } from '../../../src/sandbox/index.js';
import { createFileStore } from '../../../src/store/file-store.js';
import { HAND_MADE_TURMERIC } from '../../support/hand-made-listing.js';

/** Orders read from the Shopee sandbox as a seller would (issue #15, second trial). */
const fastRetry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 };

describe('shopee orders: trial findings', () => {
  let sandbox: ShopeeSandbox;
  let adapter: ProfileMarketplaceAdapter;
  beforeEach(async () => {
    sandbox = await startShopeeSandbox({ handMadeListings: [HAND_MADE_TURMERIC] });
    adapter = shopee({ credentials: sandbox.credentials, baseUrl: sandbox.baseUrl, retry: fastRetry });
  });
  afterEach(async () => {
    await adapter.close();
    await sandbox.close();
  });
  const window = () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000) });
  const place = (phone: string) => {
    const placed = sandbox.buyers.placeOrder({ sku: 'VL-TBN-500', buyer: { phone } });
    if (!placed.ok) throw new Error(placed.reason);
    return placed.order.id;
  };

  it('an empty buyer phone is "not given": every order of the page is read and the checkpoint moves', async () => {
    const empty = place('');
    const blank = place('   ');
    const full = place('0987654321');
    const masked = place('******678');
    // #15 trial item 5: a masked number showing its prefix failed the whole page.
    const prefixed = place('84****1234');
    const seen = new Map<string, unknown>();
    const checkpoints: (string | undefined)[] = [];
    for await (const order of adapter.listOrders(window(), { onCheckpoint: (c) => void checkpoints.push(c) }))
      seen.set(order.externalId, order.buyer.phone);
    expect([...seen.entries()].sort()).toEqual(
      [
        [empty, undefined],
        [blank, undefined],
        [full, '0987654321'],
        [masked, '******678'],
        [prefixed, '84****1234'],
      ].sort(),
    );
    expect(checkpoints.length).toBeGreaterThan(0);
    const order = await adapter.getOrder(empty);
    expect('phone' in order.buyer).toBe(false);
  });

  it('a malformed phone still fails the page loudly and no checkpoint moves', async () => {
    place('0987654321');
    const bad = place('abc');
    const checkpoints: (string | undefined)[] = [];
    const read: string[] = [];
    const error = await (async () => {
      for await (const order of adapter.listOrders(window(), {
        onCheckpoint: (c) => void checkpoints.push(c),
      }))
        read.push(order.externalId);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as Error).message).toContain(`order ${bad}`);
    expect((error as Error).message).toContain('buyer.phone');
    expect(read).toEqual([]);
    expect(checkpoints).toEqual([]);
  });

  it('markShipped returns the tracking with the carrier that carries the parcel, and later reads keep it', async () => {
    const id = place('0987654321');
    await adapter.confirmOrder(id);
    const shipped = await adapter.markShipped(id, { carrier: 'viettelpost', trackingNumber: 'VTP123456789' });
    expect(shipped.tracking).toEqual({ carrier: 'viettelpost', trackingNumber: 'VTP123456789' });
    // Shopee's own record names its logistics channel (SPX Express), which does not carry this parcel.
    expect(sandbox.state.order(id)).toMatchObject({ trackingNumber: 'VTP123456789' });
    expect((await adapter.getOrder(id)).tracking).toEqual({
      carrier: 'viettelpost',
      trackingNumber: 'VTP123456789',
    });
    const listed: unknown[] = [];
    for await (const order of adapter.listOrders(window()))
      if (order.externalId === id) listed.push(order.tracking);
    expect(listed).toEqual([{ carrier: 'viettelpost', trackingNumber: 'VTP123456789' }]);

    // A carrier Shopee's table does not name is kept as given, never replaced by the channel's.
    const other = place('0912345678');
    await adapter.confirmOrder(other);
    const byEms = await adapter.markShipped(other, { carrier: 'ems', trackingNumber: 'EE123456789VN' });
    expect(byEms.tracking).toEqual({ carrier: 'ems', trackingNumber: 'EE123456789VN' });
  });

  it('the carrier named in markShipped survives the process: a new adapter on the same FileStore reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-shopee-shipped-'));
    try {
      const id = place('0987654321');
      const firstStore = await createFileStore({ dir });
      const first = shopee({
        credentials: sandbox.credentials,
        baseUrl: sandbox.baseUrl,
        retry: fastRetry,
        store: firstStore,
      });
      await first.markShipped(id, { carrier: 'viettelpost', trackingNumber: 'VTP987654321' });
      await first.close();
      // The process ends: its store is closed, the adapter's memory is gone.
      await firstStore.close();

      const secondStore = await createFileStore({ dir });
      expect(
        await secondStore.getMarketplaceShipment({
          platform: 'shopee',
          account: String(sandbox.credentials.shopId),
          orderId: id,
        }),
      ).toMatchObject({ carrier: 'viettelpost', trackingNumber: 'VTP987654321' });
      const second = shopee({
        credentials: sandbox.credentials,
        baseUrl: sandbox.baseUrl,
        retry: fastRetry,
        store: secondStore,
      });
      try {
        // Shopee itself still names its logistics channel for the order.
        expect(sandbox.state.order(id)).toMatchObject({ trackingNumber: 'VTP987654321' });
        expect(sandbox.state.order(id)!.carrierCode).not.toBe('viettelpost');
        expect((await second.getOrder(id)).tracking).toEqual({
          carrier: 'viettelpost',
          trackingNumber: 'VTP987654321',
        });
        const listed: unknown[] = [];
        for await (const order of second.listOrders(window()))
          if (order.externalId === id) listed.push(order.tracking);
        expect(listed).toEqual([{ carrier: 'viettelpost', trackingNumber: 'VTP987654321' }]);
        // Without the store, a fresh adapter can only show what Shopee holds (the channel).
        const forgetful = shopee({
          credentials: sandbox.credentials,
          baseUrl: sandbox.baseUrl,
          retry: fastRetry,
        });
        expect((await forgetful.getOrder(id)).tracking?.carrier).not.toBe('viettelpost');
        await forgetful.close();
      } finally {
        await second.close();
        await secondStore.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
