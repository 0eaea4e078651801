import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

/** A webhook receiver that answers with the scripted statuses, then 200. */
async function receiver(script: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(script.shift() ?? 200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Verification exactly as documented, independent of the sandbox's code. */
function verifyVoso(secret: string, entry: Received, nowSeconds: number): boolean {
  const timestamp = String(entry.headers['x-voso-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${entry.raw}`).digest();
  const given = Buffer.from(String(entry.headers['x-voso-signature']), 'hex');
  return (
    given.length === expected.length &&
    timingSafeEqual(given, expected) &&
    Math.abs(nowSeconds - Number(timestamp)) <= 300
  );
}

function verifyPostmart(secret: string, entry: Received, nowMs: number): boolean {
  const expected = createHmac('sha256', secret).update(entry.raw).digest();
  const given = Buffer.from(String(entry.headers['x-postmart-signature']), 'hex');
  const sentAt = Date.parse(JSON.parse(entry.raw).thoiGianGui);
  return (
    given.length === expected.length &&
    timingSafeEqual(given, expected) &&
    Math.abs(nowMs - sentAt) <= 300_000
  );
}

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

function track(sandbox: MarketplaceSandbox): MarketplaceSandbox {
  cleanup.push(() => sandbox.close());
  return sandbox;
}

describe('Voso webhooks', () => {
  it('registers a URL and sends HMAC-signed events verifiable with the documented algorithm', async () => {
    const hook = await receiver();
    cleanup.push(hook.close);
    const sandbox = track(await startVosoSandbox());
    const token = await vosoLogin(sandbox);
    const registered = await call(sandbox, 'PUT', '/webhook', { token, body: { URL: hook.url } });
    expect(registered.json.data.URL).toBe(hook.url);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId) });
    const placed = sandbox.buyers.placeOrder({ sku: 'MO-HG-250' });
    if (!placed.ok) throw new Error('order refused');
    await call(sandbox, 'POST', `/orders/${placed.order.id}/confirm`, { token, body: {} });
    await sandbox.webhooks.idle();

    const bodies = hook.received.map((entry) => JSON.parse(entry.raw));
    expect(bodies.map((body) => body.EVENT_TYPE)).toEqual([
      'PRODUCT_REVIEWED',
      'ORDER_CREATED',
      'ORDER_STATUS_CHANGED',
    ]);
    expect(bodies[0].DATA.PRODUCT.REVIEW_STATUS).toBe('APPROVED');
    expect(bodies[2].DATA).toMatchObject({
      PREVIOUS_STATUS: 'WAITING_CONFIRM',
      ORDER: { ORDER_STATUS: 'CONFIRMED' },
    });
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const entry of hook.received) {
      expect(verifyVoso(sandbox.credentials.webhookSecret, entry, nowSeconds)).toBe(true);
      expect(entry.headers['x-voso-event-id']).toBe(JSON.parse(entry.raw).EVENT_ID);
      expect(verifyVoso('wrong-secret', entry, nowSeconds)).toBe(false);
    }
    const tampered = {
      ...(hook.received[2] as Received),
      raw: (hook.received[2] as Received).raw.replace('CONFIRMED', 'CANCELED'),
    };
    expect(verifyVoso(sandbox.credentials.webhookSecret, tampered, nowSeconds)).toBe(false);
  });

  it('retries non-2xx deliveries with the same EVENT_ID and duplicates when configured', async () => {
    const hook = await receiver([500, 503]);
    cleanup.push(hook.close);
    const sandbox = track(
      await startVosoSandbox({ webhook: { url: hook.url, retryDelaysMs: [10, 10, 10], duplicateRate: 1 } }),
    );
    const token = await vosoLogin(sandbox);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId) });
    await sandbox.webhooks.idle();
    const ids = hook.received.map((entry) => JSON.parse(entry.raw).EVENT_ID);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
    expect(sandbox.webhooks.deliveries().map((d) => [d.attempt, d.status, d.duplicate])).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, false],
      [3, 200, true],
    ]);
    expect(sandbox.stats).toMatchObject({
      webhookAttempts: 4,
      webhookDelivered: 2,
      webhookFailedAttempts: 2,
    });
  });

  it('gives up after the last retry delay', async () => {
    const hook = await receiver([500, 500, 500]);
    cleanup.push(hook.close);
    const sandbox = track(await startVosoSandbox({ webhook: { url: hook.url, retryDelaysMs: [5, 5] } }));
    const token = await vosoLogin(sandbox);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId) });
    await sandbox.webhooks.idle();
    expect(hook.received).toHaveLength(3);
    expect(sandbox.webhooks.deliveries().every((d) => !d.ok)).toBe(true);
  });
});

describe('Postmart webhooks', () => {
  it('signs the raw body only; the send time sits inside the signed body', async () => {
    const hook = await receiver([500]);
    cleanup.push(hook.close);
    const sandbox = track(await startPostmartSandbox({ webhook: { retryDelaysMs: [10] } }));
    const token = await postmartLogin(sandbox);
    await call(sandbox, 'POST', '/RegisterWebhook', { token, body: { url: hook.url } });
    const imageId = (await postmartUpload(sandbox, token, fakeJpeg(800, 800))).json.result.maHinhAnh;
    await call(sandbox, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) });
    const placed = sandbox.buyers.placeOrder({ sku: 'TAO-ML-3KG' });
    if (!placed.ok) throw new Error('order refused');
    await sandbox.webhooks.idle();

    const bodies = hook.received.map((entry) => JSON.parse(entry.raw));
    // The first delivery failed (500) and was retried with the same maSuKien; the retry waits on its own
    // schedule, so the order event may overtake it (receivers must not rely on arrival order).
    const reviews = bodies.filter((body) => body.loaiSuKien === 'SAN_PHAM_DUYET');
    const orders = bodies.filter((body) => body.loaiSuKien === 'DON_HANG_MOI');
    expect(bodies).toHaveLength(3);
    expect(reviews).toHaveLength(2);
    expect(reviews[0].maSuKien).toBe(reviews[1].maSuKien);
    expect(reviews[0].duLieu.sanPham).toMatchObject({
      maSkuCha: 'TAO-ML-PARENT',
      trangThaiDuyet: 'da_duyet',
    });
    expect(orders[0].duLieu.donHang).toMatchObject({ maDonHang: placed.order.id, trangThai: 'cho_xac_nhan' });
    for (const entry of hook.received) {
      expect(verifyPostmart(sandbox.credentials.webhookSecret, entry, Date.now())).toBe(true);
      expect(entry.headers['x-postmart-timestamp']).toBe(JSON.parse(entry.raw).thoiGianGui);
    }
    const invalid = await call(sandbox, 'POST', '/RegisterWebhook', {
      token,
      body: { url: 'ftp://example' },
    });
    expect(invalid.json.result.errors[0]).toMatchObject({ field: 'url', rule: 'FORMAT' });
  });

  it('close() stops pending retries and resolves idle()', async () => {
    const hook = await receiver([500]);
    cleanup.push(hook.close);
    const sandbox = await startPostmartSandbox({ webhook: { url: hook.url, retryDelaysMs: [60_000] } });
    const token = await postmartLogin(sandbox);
    const imageId = (await postmartUpload(sandbox, token, fakeJpeg(800, 800))).json.result.maHinhAnh;
    await call(sandbox, 'POST', '/CreateProduct', { token, body: postmartApples(imageId) });
    while (hook.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const idle = sandbox.webhooks.idle();
    await sandbox.close();
    await idle;
    expect(hook.received).toHaveLength(1);
  });
});
