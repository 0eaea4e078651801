/**
 * #16 re-trial HIGH 1: every CLI command that builds the day's connector wires the carriers of the config.
 * A Postmart order shipped with VNPost by `fulfil`, then cancelled on the marketplace, has its parcel
 * (not yet picked up) cancelled at VNPost by `orders` and by `sync`, which both report it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MarketplaceSandbox,
  startPostmartSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
  type VnpostSandbox,
} from '../../src/sandbox/index.js';
import { createFileStore } from '../../src/store/file-store.js';
import { applyCatalogCounts } from '../../src/sync/inventory/catalog-counts.js';
import { runCli } from './helpers.js';

const LISTING = [
  {
    sellerSku: 'VL-TBN',
    title: 'Tinh bột nghệ Vĩnh Linh',
    description: 'Tinh bột nghệ nguyên chất',
    category: 'Gạo & ngũ cốc',
    weightGrams: 650,
    variants: [{ sku: 'VL-TBN-500', priceVnd: 350_000, stock: 50 }],
  },
];

const PRODUCT = {
  sku: 'VL-TBN-500',
  name: 'Tinh bột nghệ Vĩnh Linh hũ 500g',
  description: 'Tinh bột nghệ nguyên chất của HTX Vĩnh Linh, hũ 500 g.',
  categoryHints: ['Gạo - ngũ cốc'],
  origin: 'Quảng Trị',
  producer: {
    type: 'cooperative',
    name: 'HTX Vĩnh Linh',
    address: { ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
  },
  images: [{ url: 'https://example.com/a.jpg' }],
  priceVnd: 350_000,
  stock: 50,
  weightGrams: 650,
};

let dir: string;
let voso: MarketplaceSandbox;
let pm: MarketplaceSandbox;
let vtp: ViettelPostSandbox;
let vn: VnpostSandbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-cli-day-carriers-'));
  [voso, pm, vtp, vn] = await Promise.all([
    startVosoSandbox({ handMadeListings: LISTING }),
    startPostmartSandbox({ handMadeListings: LISTING }),
    startViettelPostSandbox({ stepMs: 0 }),
    startVnpostSandbox({ stepMs: 0 }),
  ]);
  const config = {
    voso: { username: voso.credentials.username, password: voso.credentials.password, baseUrl: voso.baseUrl },
    postmart: {
      username: pm.credentials.username,
      password: pm.credentials.password,
      customerCode: pm.credentials.customerCode,
      baseUrl: pm.baseUrl,
    },
    viettelpost: {
      ...vtp.memberCredentials,
      environment: 'development',
      baseUrl: vtp.url,
      labelHost: vtp.url,
      webhookSecret: vtp.webhookSecret,
    },
    vnpost: { ...vn.credentials, baseUrl: vn.url, webhookPublicKey: vn.webhookPublicKey },
    sender: {
      name: 'HTX Vĩnh Linh',
      phone: '0912345678',
      address: { street: 'Thôn Hiền Dũng', ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
    },
    stateDir: '.ocop-connect',
  };
  await writeFile(join(dir, 'ocop-connect.config.json'), JSON.stringify(config));
  // The catalog's unit weight, as publishing it records (fulfil weighs the parcel from it).
  const store = await createFileStore({ dir: join(dir, '.ocop-connect'), shared: true });
  try {
    await applyCatalogCounts(store, [PRODUCT], []);
  } finally {
    await store.close();
  }
});
afterAll(async () => {
  await Promise.allSettled([voso?.close(), pm?.close(), vtp?.close(), vn?.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** A Postmart order, shipped by `fulfil` (Postmart → VNPost), then cancelled by the marketplace. */
async function shippedThenCancelled(): Promise<string> {
  const placed = pm.buyers.placeOrder({ sku: 'VL-TBN-500', quantity: 1, paymentMethod: 'COD' });
  if (!placed.ok) throw new Error(placed.reason);
  const before = new Set(vn.state.orders().map((o) => o.itemCode));
  const fulfil = await runCli(['--lang', 'en', '--json', 'fulfil'], { cwd: dir });
  expect(fulfil.code, fulfil.stdout + fulfil.stderr).toBe(0);
  const parcel = vn.state.orders().find((o) => !before.has(o.itemCode));
  expect(parcel, fulfil.stdout).toBeDefined();
  expect(parcel!.status).not.toBe('9');
  pm.orders.advance(placed.order.id, 'CANCELLED');
  return parcel!.itemCode;
}

describe('CLI day commands wire the config carriers (#16 re-trial HIGH 1)', { timeout: 180_000 }, () => {
  it('orders cancels the VNPost parcel of an order cancelled on Postmart and reports it', async () => {
    const item = await shippedThenCancelled();
    const run = await runCli(['--lang', 'en', '--json', 'orders'], { cwd: dir });
    expect(vn.state.order(item)!.status).toBe('9');
    const json = JSON.parse(run.stdout) as {
      cancelledOrderParcels: { trackingNumber: string; outcome: string }[];
    };
    expect(json.cancelledOrderParcels).toEqual([
      expect.objectContaining({ trackingNumber: item, outcome: 'cancelled' }),
    ]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('sync cancels it too and says so', async () => {
    const item = await shippedThenCancelled();
    const run = await runCli(['--lang', 'en', '--json', 'sync'], { cwd: dir });
    expect(vn.state.order(item)!.status).toBe('9');
    // syncInventory returns them, as pullOrders does (#16 re-trial LOW 5).
    const json = JSON.parse(run.stdout) as {
      result: { cancelledOrderParcels: { trackingNumber: string; outcome: string }[] };
    };
    expect(json.result.cancelledOrderParcels).toEqual([
      expect.objectContaining({ trackingNumber: item, outcome: 'cancelled' }),
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });
});
