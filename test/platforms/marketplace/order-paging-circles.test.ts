import { afterEach, describe, expect, it } from 'vitest';
import { ContractViolationError } from '../../../src/core/errors.js';
import {
  createMarketplaceAdapter,
  type MarketplaceHooks,
  type ProfileMarketplaceAdapter,
  replaceWith,
} from '../../../src/platforms/marketplace/index.js';
import { shopee } from '../../../src/platforms/shopee/index.js';
import { VOSO_PROFILE } from '../../../src/platforms/voso/index.js';
import { startShopeeSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import { honeyProduct, jpegUpload } from '../../contract/fixtures.js';
import { HAND_MADE_TURMERIC } from '../../support/hand-made-listing.js';

/**
 * Paging that goes round in circles (issue #15, second trial): a server that ignores a mistyped
 * cursor/page parameter answers the same page forever. The engine must stop with a
 * ContractViolationError naming the setting, hand every order out once, and checkpoint nothing past
 * the last understood page.
 */
const retry = { initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 1000 };
const DAY = 86_400_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
const window = () => ({ from: new Date(Date.now() - DAY), to: new Date(Date.now() + 60_000) });

async function read(adapter: ProfileMarketplaceAdapter, limit = 50) {
  const checkpoints: (string | undefined)[] = [];
  const ids: string[] = [];
  const error = await (async () => {
    for await (const order of adapter.listOrders(window(), {
      onCheckpoint: (c) => void checkpoints.push(c),
    })) {
      ids.push(order.externalId);
      if (ids.length >= limit) return;
    }
  })().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ids, checkpoints, error };
}

async function shopeeShop(orders: number) {
  const sandbox = await startShopeeSandbox({
    handMadeListings: [HAND_MADE_TURMERIC],
  });
  closers.push(() => sandbox.close());
  for (let i = 0; i < orders; i++) expect(sandbox.buyers.placeOrder({ sku: 'VL-TBN-500' }).ok).toBe(true);
  return sandbox;
}

async function vosoShop(orders: number) {
  const sandbox = await startVosoSandbox();
  closers.push(() => sandbox.close());
  const make = (
    override: Parameters<typeof createMarketplaceAdapter>[1]['profile'] = {},
    hooks: MarketplaceHooks = {},
  ) => {
    const adapter = createMarketplaceAdapter(
      VOSO_PROFILE,
      {
        credentials: { username: sandbox.credentials.username, password: sandbox.credentials.password },
        baseUrl: sandbox.baseUrl,
        retry,
        profile: override,
      },
      hooks,
    );
    closers.push(() => adapter.close());
    return adapter;
  };
  const seller = make();
  const product = honeyProduct('PC');
  const image = await seller.uploadImage(await jpegUpload());
  await seller.createListing({
    product,
    categoryId: '1001',
    attributes: seller.resolveAttributes(product, { categoryId: '1001' }),
    imageIds: [image.imageId],
  });
  for (let i = 0; i < orders; i++) expect(sandbox.buyers.placeOrder({ sku: 'PC-MO-250' }).ok).toBe(true);
  return { make };
}

describe('order paging that goes round in circles fails loudly', () => {
  it('shopee: a mistyped cursorParam stops after the first page, naming it; each order once; no checkpoint past page 1', async () => {
    const sandbox = await shopeeShop(3);
    const make = (orders: Record<string, unknown>) => {
      const adapter = shopee({
        credentials: sandbox.credentials,
        baseUrl: sandbox.baseUrl,
        retry,
        profile: { pagination: { orders } },
      });
      closers.push(() => adapter.close());
      return adapter;
    };
    const right = await read(make({ pageSize: 1 }));
    expect(right.error).toBeUndefined();
    expect(new Set(right.ids).size).toBe(3);

    const wrong = await read(make({ pageSize: 1, cursorParam: 'cursr' }));
    expect(wrong.error).toBeInstanceOf(ContractViolationError);
    expect((wrong.error as Error).message).toContain('cursorParam "cursr"');
    expect(wrong.ids).toHaveLength(1);
    expect(wrong.checkpoints).toHaveLength(1);
    // The one checkpoint resumes, with the right parameter, at the second page: the first order is not
    // read again and the other two are not skipped.
    const resumed: string[] = [];
    for await (const order of make({ pageSize: 1 }).listOrders(window(), { cursor: wrong.checkpoints[0] }))
      resumed.push(order.externalId);
    expect(resumed).toHaveLength(2);
    expect(new Set([...wrong.ids, ...resumed]).size).toBe(3);
  });

  it('voso with page paging: a pageParam the server ignores (the same page again) names pageParam', async () => {
    const { make } = await vosoShop(3);
    const adapter = make({
      pagination: {
        orders: replaceWith({
          style: 'page' as const,
          pageParam: 'page',
          sizeParam: 'page_size',
          firstPage: 1,
          pageSize: 1,
          itemsPath: 'ORDERS',
        }),
      },
    });
    const got = await read(adapter);
    expect(got.error).toBeInstanceOf(ContractViolationError);
    expect((got.error as Error).message).toContain('pageParam "page"');
    expect(got.ids).toHaveLength(1);
    expect(got.checkpoints).toHaveLength(1);
  });

  it('a fetchOrderPage hook whose next is the position just requested, or one requested before, fails loudly', async () => {
    const { make } = await vosoShop(3);
    const all = (await read(make())).ids;
    expect(all).toHaveLength(3);
    let calls = 0;
    const hooks = (next: (position: string | undefined) => string): MarketplaceHooks => ({
      async fetchOrderPage(ctx, { position }, options) {
        calls++;
        const n = position === undefined ? 0 : Number(position.replace(/\D/g, '')) % 3;
        const order = await ctx.call('getOrder', { vars: { orderId: all[n] } }, options);
        return { orders: [order], next: next(position) };
      },
    });
    // 'abc' again and again: the second page repeats the position.
    calls = 0;
    const same = await read(
      make(
        {},
        hooks(() => 'abc'),
      ),
    );
    expect(same.error).toBeInstanceOf(ContractViolationError);
    expect((same.error as Error).message).toContain('fetchOrderPage');
    expect(same.ids).toEqual([all[0]]);
    expect(same.checkpoints).toHaveLength(1);
    expect(calls).toBe(2);
    // p1 → p2 → p1: a cycle of two, different orders on each page.
    const cycle = await read(
      make(
        {},
        hooks((p) => (p === 'p1' ? 'p2' : 'p1')),
      ),
    );
    expect(cycle.error).toBeInstanceOf(ContractViolationError);
    expect((cycle.error as Error).message).toContain('"p1" was already requested');
    expect(cycle.ids).toEqual([all[0], all[1]]);
    expect(cycle.checkpoints).toHaveLength(2);
  });

  it('the same order twice in one page is a ContractViolationError and nothing of the page is handed out', async () => {
    const { make } = await vosoShop(2);
    const all = (await read(make())).ids;
    const adapter = make(
      {},
      {
        async fetchOrderPage(ctx, _page, options) {
          const order = await ctx.call('getOrder', { vars: { orderId: all[0] } }, options);
          return { orders: [order, order] };
        },
      },
    );
    const got = await read(adapter);
    expect(got.error).toBeInstanceOf(ContractViolationError);
    expect((got.error as Error).message).toContain(`order ${all[0]} appears twice in one page`);
    expect(got.ids).toEqual([]);
    expect(got.checkpoints).toEqual([]);
  });
});
