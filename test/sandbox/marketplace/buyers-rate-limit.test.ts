import { afterEach, describe, expect, it } from 'vitest';
import {
  type MarketplaceSandbox,
  raceForLastUnit,
  startPostmartSandbox,
  startVosoSandbox,
} from '../../../src/sandbox/index.js';
import {
  call,
  fakeJpeg,
  postmartApples,
  postmartLogin,
  postmartUpload,
  vosoHoney,
  vosoLogin,
  vosoUpload,
  waitFor,
} from './helpers.js';

const open: MarketplaceSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

async function voso(options: Parameters<typeof startVosoSandbox>[0] = {}) {
  const sandbox = await startVosoSandbox(options);
  open.push(sandbox);
  const token = await vosoLogin(sandbox);
  const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
  await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId) });
  return { sandbox, token };
}

async function postmart(options: Parameters<typeof startPostmartSandbox>[0] = {}) {
  const sandbox = await startPostmartSandbox(options);
  open.push(sandbox);
  const token = await postmartLogin(sandbox);
  const imageId = (await postmartUpload(sandbox, token, fakeJpeg(800, 800))).json.result.maHinhAnh;
  await call(sandbox, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) });
  return { sandbox, token };
}

describe('simulated buyers', () => {
  it('two buyers on one platform race for the last unit: exactly one wins', async () => {
    const { sandbox } = await voso();
    sandbox.state.setStock('MO-HG-500', 1);
    const results = raceForLastUnit([
      { sandbox, sku: 'MO-HG-500', buyer: { name: 'Người mua A' } },
      { sandbox, sku: 'MO-HG-500', buyer: { name: 'Người mua B' } },
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, false]);
    expect(results[1]).toEqual({ ok: false, reason: 'OUT_OF_STOCK', available: 0 });
    expect(sandbox.state.stockOf('MO-HG-500')).toBe(0);
    expect(sandbox.state.orders()).toHaveLength(1);
    expect(sandbox.stats.ordersPlaced).toBe(1);
    expect(sandbox.stats.ordersRejected).toBe(1);
  });

  it('two platforms each told "1 left" both accept their buyer: the oversell the ledger must resolve', async () => {
    const vosoSide = await voso();
    const postmartSide = await postmart();
    vosoSide.sandbox.state.setStock('MO-HG-500', 1);
    postmartSide.sandbox.state.setStock('TAO-ML-5KG', 1);
    const results = raceForLastUnit([
      { sandbox: vosoSide.sandbox, sku: 'MO-HG-500' },
      { sandbox: postmartSide.sandbox, sku: 'TAO-ML-5KG' },
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(vosoSide.sandbox.state.stockOf('MO-HG-500')).toBe(0);
    expect(postmartSide.sandbox.state.stockOf('TAO-ML-5KG')).toBe(0);
    // The loser is cancelled by the seller through the API, which gives the unit back.
    const loser = results[1];
    if (!loser?.ok) throw new Error('expected an order');
    const cancelled = await call(postmartSide.sandbox, 'POST', '/CancelOrder', {
      token: postmartSide.token,
      body: { maDonHang: loser.order.id, maLyDo: 'HET_HANG' },
    });
    expect(cancelled.json.result.trangThai).toBe('da_huy');
    expect(postmartSide.sandbox.state.stockOf('TAO-ML-5KG')).toBe(1);
  });

  it('refuses unknown SKUs, unapproved listings and bad quantities', async () => {
    const { sandbox } = await voso({ review: { mode: 'manual' } });
    expect(sandbox.buyers.placeOrder({ sku: 'NOPE' })).toEqual({
      ok: false,
      reason: 'SKU_NOT_FOUND',
      available: 0,
    });
    expect(sandbox.buyers.placeOrder({ sku: 'MO-HG-250' })).toMatchObject({
      ok: false,
      reason: 'NOT_APPROVED',
    });
    sandbox.review.decide('MO-HG-250', 'APPROVED');
    expect(sandbox.buyers.placeOrder({ sku: 'MO-HG-250', quantity: 0 })).toMatchObject({
      reason: 'INVALID_QUANTITY',
    });
    expect(sandbox.buyers.placeOrder({ sku: 'MO-HG-250', quantity: 13 })).toMatchObject({
      reason: 'OUT_OF_STOCK',
      available: 12,
    });
  });

  it('buyer cancel: before confirmation cancels at once, after confirmation only requests it', async () => {
    const { sandbox, token } = await voso();
    const first = sandbox.buyers.placeOrder({ sku: 'MO-HG-250' });
    const second = sandbox.buyers.placeOrder({ sku: 'MO-HG-250' });
    if (!first.ok || !second.ok) throw new Error('orders refused');
    expect(sandbox.buyers.cancel(first.order.id)).toMatchObject({
      ok: true,
      order: { status: 'CANCELLED', cancelledBy: 'BUYER' },
    });
    await call(sandbox, 'POST', `/orders/${second.order.id}/confirm`, { token, body: {} });
    expect(sandbox.buyers.cancel(second.order.id)).toMatchObject({
      ok: true,
      order: { rawStatus: 'CANCEL_REQUESTED' },
    });
    expect(sandbox.state.stockOf('MO-HG-250')).toBe(11);
  });

  it('a buyer clock places orders on its own until stopped, never below zero stock', async () => {
    const { sandbox } = await voso({ seed: 7 });
    sandbox.buyers.start({ everyMs: 5, cancelRate: 0.2 });
    await waitFor(() => sandbox.stats.ordersPlaced >= 5);
    sandbox.buyers.stop();
    const placed = sandbox.stats.ordersPlaced;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sandbox.stats.ordersPlaced).toBe(placed);
    for (const sku of ['MO-HG-250', 'MO-HG-500'])
      expect(sandbox.state.stockOf(sku)).toBeGreaterThanOrEqual(0);
    const sold = sandbox.state
      .orders()
      .filter((order) => order.status !== 'CANCELLED')
      .reduce((sum, order) => sum + (order.lines[0]?.quantity ?? 0), 0);
    expect((sandbox.state.stockOf('MO-HG-250') ?? 0) + (sandbox.state.stockOf('MO-HG-500') ?? 0) + sold).toBe(
      17,
    );
  });
});

describe('rate limits', () => {
  it('Voso answers 429 with Retry-After above 20 requests in a rolling second, per account', async () => {
    const { sandbox, token } = await voso({ rateLimitRps: 20 });
    // Login, upload and create above already used 3 of this second's budget for the account.
    const results = await Promise.all(
      Array.from({ length: 25 }, () => call(sandbox, 'GET', '/categories', { token })),
    );
    const limited = results.filter((result) => result.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(results.filter((result) => result.status === 200).length).toBeLessThanOrEqual(20);
    expect(limited[0]?.headers.get('retry-after')).toBe('1');
    expect(limited[0]?.json).toMatchObject({ status: 429, error: true });
    expect(sandbox.stats.rateLimited).toBe(limited.length);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await call(sandbox, 'GET', '/categories', { token })).status).toBe(200);
  });

  it('Postmart defaults to 10 requests per second and answers RATE_LIMITED', async () => {
    const { sandbox, token } = await postmart();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const results = await Promise.all(
      Array.from({ length: 12 }, () => call(sandbox, 'GET', '/GetCategories', { token })),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(10);
    const limited = results.filter((result) => result.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0]?.json.code).toBe('RATE_LIMITED');
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('can be disabled', async () => {
    const { sandbox, token } = await postmart({ rateLimitRps: false });
    const results = await Promise.all(
      Array.from({ length: 30 }, () => call(sandbox, 'GET', '/GetCategories', { token })),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(sandbox.stats.requests.getCategories).toBe(30);
  });
});
