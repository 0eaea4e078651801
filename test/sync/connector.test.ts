import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { ConfigurationError, ConnectorClosedError, ValidationError } from '../../src/core/errors.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../src/sandbox/index.js';
import { createFileStore } from '../../src/store/file-store.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES, makeJpeg, makeProduct, type Platforms, startPlatforms } from './helpers.js';

describe('createConnector', () => {
  let platforms: Platforms;
  let vtp: ViettelPostSandbox;
  let dir: string;
  let connector: Connector;

  beforeEach(async () => {
    platforms = await startPlatforms({ rps: 100 });
    vtp = await startViettelPostSandbox({ stepMs: 0 });
    dir = await mkdtemp(join(tmpdir(), 'ocop-connector-'));
    connector = createConnector({
      marketplaces: platforms.adapters,
      carrier: viettelpost({
        baseUrl: vtp.url,
        credentials: vtp.memberCredentials,
        retry: { initialDelayMs: 5 },
      }),
      storeDir: dir,
      categories: CATEGORIES,
      sender: SENDER_2025,
    });
  });
  afterEach(async () => {
    await connector.close();
    await Promise.all([platforms.vosoSandbox.close(), platforms.postmartSandbox.close(), vtp.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes to the named platforms only, remembering state in its FileStore folder', async () => {
    const catalog = [makeProduct(1, [await makeJpeg(1)])];
    const report = await connector.publish(catalog, { to: ['postmart'] });
    expect(report.items.map((i) => [i.platform, i.outcome])).toEqual([['postmart', 'created']]);
    expect(platforms.postmartSandbox.state.listings()).toHaveLength(1);
    expect(platforms.vosoSandbox.stats.totalRequests).toBe(0);
    expect(await readdir(dir)).toContain('lock');

    const all = await connector.publish(catalog);
    expect(all.items.map((i) => [i.platform, i.outcome])).toEqual([
      ['voso', 'created'],
      ['postmart', 'unchanged'],
    ]);

    // close() releases the folder: another process (here: another store) can open it and sees the state.
    await connector.close();
    await expect(connector.publish(catalog)).rejects.toBeInstanceOf(ConnectorClosedError);
    const reopened = await createFileStore({ dir });
    try {
      const record = await reopened.getListing({
        platform: 'postmart',
        account: platforms.adapters[1]!.account,
        sku: 'OCOP-00001',
      });
      expect(record?.remoteListingId).toBe(String(platforms.postmartSandbox.state.listings()[0]!.id));
    } finally {
      await reopened.close();
    }
  });

  it('rejects unknown targets and bad options with every problem listed', async () => {
    await expect(connector.publish([], { to: ['shopee'] })).rejects.toBeInstanceOf(ConfigurationError);
    const error = (() => {
      try {
        createConnector({ marketplaces: [], storeDir: dir, store: {} as never });
      } catch (e) {
        return e as ConfigurationError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    // An empty marketplace list, a store that is not a StateStore, and store with storeDir: all three.
    expect(error!.problems.map((p) => p.split(':')[0])).toEqual(['store', 'marketplaces', 'store, storeDir']);
  });

  it('fulfils a marketplace order once: quote, shipment with the order key as reference, tracking back', async () => {
    await connector.publish([makeProduct(7, [await makeJpeg(7)])], { to: ['voso'] });
    const placed = platforms.vosoSandbox.buyers.placeOrder({ sku: 'OCOP-00007', quantity: 2 });
    if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
    const voso = platforms.adapters[0]!;
    const order = await voso.confirmOrder(placed.order.id);

    const result = await connector.fulfil(order, { service: 'cheapest' });
    expect(result).toMatchObject({ orderKey: `voso:${placed.order.id}`, reused: false });
    expect(result.trackingNumber).not.toBe('');
    const shipment = vtp.state.orderByReference(result.reference);
    expect(shipment).toBeDefined();
    const onVoso = platforms.vosoSandbox.state.order(placed.order.id)!;
    expect(onVoso).toMatchObject({ status: 'SHIPPED', trackingNumber: result.trackingNumber });

    // Again: nothing new on the carrier, the same tracking number.
    const again = await connector.fulfil(await voso.getOrder(placed.order.id));
    expect(again).toMatchObject({ reused: true, trackingNumber: result.trackingNumber });
    expect(vtp.state.orders().filter((o) => o === shipment || o.reference === result.reference)).toHaveLength(
      1,
    );
  });

  it('an order whose buyer phone is empty is read (phone absent) and refused by fulfil before confirming or shipping', async () => {
    await connector.publish([makeProduct(8, [await makeJpeg(8)])], { to: ['voso'] });
    const placed = platforms.vosoSandbox.buyers.placeOrder({ sku: 'OCOP-00008', buyer: { phone: '' } });
    if (!placed.ok) throw new Error(`order refused: ${placed.reason}`);
    const voso = platforms.adapters[0]!;
    const order = await voso.getOrder(placed.order.id);
    expect(order.buyer).toEqual({ name: placed.order.buyer.name });

    const error = await connector.fulfil(order).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const [issue] = (error as ValidationError).issues;
    expect(issue).toMatchObject({ path: 'buyer.phone', code: 'shipment.receiver_phone' });
    expect(issue!.messageVi).toContain('không có số điện thoại người mua');
    expect(issue!.messageEn).toContain('gives no buyer phone');
    // Nothing moved: not confirmed on Voso, no parcel at the carrier.
    expect(platforms.vosoSandbox.state.order(placed.order.id)!.status).toBe('PENDING_CONFIRM');
    expect(vtp.state.orders()).toHaveLength(0);
  });
});
