import { afterEach, describe, expect, it } from 'vitest';
import type { MarketplaceSandbox } from '../../../src/sandbox/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import {
  call,
  fakeJpeg,
  postmartApples,
  postmartLogin,
  postmartUpload,
  vosoHoney,
  vosoLogin,
  vosoUpload,
} from './helpers.js';

let sandbox: MarketplaceSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('Voso Idempotency-Key', () => {
  it('replays the original response for the same key and body, and creates one product', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    const headers = { 'idempotency-key': 'publish-MO-HG-PARENT-1' };
    const first = await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId), headers });
    const second = await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId), headers });
    expect(first.json.error).toBe(false);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(sandbox.state.listings()).toHaveLength(1);
    expect(sandbox.stats.idempotentReplays).toBe(1);
  });

  it('refuses the same key with a different body (status 412) and a duplicate SKU without key (status 409)', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    const headers = { 'idempotency-key': 'k-1' };
    await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId), headers });
    const changed = await call(sandbox, 'POST', '/products', {
      token,
      body: vosoHoney(imageId, { DESCRIPTION: 'Khác' }),
      headers,
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ status: 412, error: true });

    const noKey = await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId) });
    expect(noKey.json.status).toBe(409);
    expect(noKey.json.data.ERRORS.map((e: { FIELD: string }) => e.FIELD)).toEqual([
      'SELLER_SKU',
      'VARIANTS[0].SELLER_SKU',
      'VARIANTS[1].SELLER_SKU',
    ]);
    expect(sandbox.state.listings()).toHaveLength(1);
  });

  it('does not remember a failed attempt: a key whose create failed validation can be used again', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    const headers = { 'idempotency-key': 'k-2' };
    const invalid = await call(sandbox, 'POST', '/products', {
      token,
      body: vosoHoney(imageId, { WEIGHT_GRAM: 0 }),
      headers,
    });
    expect(invalid.json.status).toBe(400);
    const valid = await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId), headers });
    expect(valid.json.error).toBe(false);
  });

  it('drops the connection after committing, and a retry with the same key returns the committed product', async () => {
    sandbox = await startVosoSandbox({ faults: { dropAfterCommit: { createListing: 1 } } });
    const token = await vosoLogin(sandbox);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    const headers = { 'idempotency-key': 'k-drop' };
    await expect(
      call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId), headers }),
    ).rejects.toThrow();
    expect(sandbox.state.listings()).toHaveLength(1);
    expect(sandbox.stats.droppedConnections).toBe(1);
    const retry = await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId), headers });
    expect(retry.json.data.PRODUCT_ID).toBe(sandbox.state.listings()[0]?.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(sandbox.state.listings()).toHaveLength(1);
  });
});

describe('Postmart has no idempotency', () => {
  it('rejects a re-sent create with HTTP 409 DUPLICATE_SKU after a dropped response; lookup by SKU finds it', async () => {
    sandbox = await startPostmartSandbox({ faults: { dropAfterCommit: { createListing: 1 } } });
    const token = await postmartLogin(sandbox);
    const imageId = (await postmartUpload(sandbox, token, fakeJpeg(800, 800))).json.result.maHinhAnh;
    await expect(
      call(sandbox, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) }),
    ).rejects.toThrow();
    const again = await call(sandbox, 'POST', '/CreateProduct', {
      token,
      body: postmartApples(imageId),
      headers: { 'idempotency-key': 'ignored-by-postmart' },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('DUPLICATE_SKU');
    expect(again.json.result.errors[0]).toMatchObject({ field: 'maSkuCha', rule: 'DUPLICATE' });
    expect(JSON.stringify(again.json)).not.toContain('43001');
    const found = await call(sandbox, 'GET', '/GetProductBySku?maSku=TAO-ML-PARENT', { token });
    expect(found.json.result.maSanPham).toBe(43001);
    expect(sandbox.state.listings()).toHaveLength(1);
  });
});

describe('fault injection', () => {
  it('fails the next N calls of one operation with 503 before anything is committed', async () => {
    sandbox = await startPostmartSandbox({ faults: { failNext: { updateStock: 2 } } });
    const token = await postmartLogin(sandbox);
    const imageId = (await postmartUpload(sandbox, token, fakeJpeg(800, 800))).json.result.maHinhAnh;
    await call(sandbox, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) });
    const body = { items: [{ maSku: 'TAO-ML-3KG', tonKho: 3 }] };
    const first = await call(sandbox, 'POST', '/UpdateStock', { token, body });
    const second = await call(sandbox, 'POST', '/UpdateStock', { token, body });
    expect([first.status, second.status]).toEqual([503, 503]);
    expect(first.json.code).toBe('SERVICE_UNAVAILABLE');
    expect(sandbox.state.stockOf('TAO-ML-3KG')).toBe(20);
    const third = await call(sandbox, 'POST', '/UpdateStock', { token, body });
    expect(third.status).toBe(200);
    expect(sandbox.state.stockOf('TAO-ML-3KG')).toBe(3);
    expect(sandbox.stats.injectedErrors).toBe(2);
  });

  it('applies a 5xx rate and per-request latency (Voso 5xx use real HTTP status)', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    sandbox.setFaults({ serverErrorRate: 1, failStatus: 500 });
    const failed = await call(sandbox, 'GET', '/categories', { token });
    expect(failed.status).toBe(500);
    expect(failed.json).toMatchObject({ status: 500, error: true });
    sandbox.setFaults({ latencyMs: 120 });
    const started = performance.now();
    const slow = await call(sandbox, 'GET', '/categories', { token });
    expect(slow.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});
