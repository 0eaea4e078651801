/**
 * The cooperative's day with faults on (5xx, lost responses, the receiver down for a while) and the
 * scheduled process SIGKILLed between steps, rerun until it finishes; the webhook receiver is a second
 * process-side connector on the same shared FileStore. Checked from the sandboxes' own records: exactly
 * one shipment per order, no phantom or lost stock.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connector, createConnector } from '../../src/connector.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import {
  startPostmartSandbox,
  startViettelPostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
} from '../../src/sandbox/index.js';
import type { MarketplaceSandbox } from '../../src/sandbox/marketplace/types.js';
import { createFileStore, type FileStore } from '../../src/store/file-store.js';
import { SENDER_2025 } from '../platforms/viettelpost/helpers.js';
import { CATEGORIES } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/day-child.ts', import.meta.url));
const STOCKS = [10, 1, 6]; // OCOP-00001 .. 00003; the second is the last jar

let vosoBox: MarketplaceSandbox;
let postmartBox: MarketplaceSandbox;
let vtp: ViettelPostSandbox;
let dir: string;
let store: FileStore;
let receiver: Connector;
let server: Server | undefined;
let hookBase = '';

async function startReceiver(): Promise<void> {
  server = createServer(receiver.webhookHandler());
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  hookBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  vtp.setWebhook(`${hookBase}/viettelpost`, vtp.webhookSecret);
}
async function stopReceiver(): Promise<void> {
  vtp.setWebhook('http://127.0.0.1:9/down');
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
}

function runChild(extra: Record<string, string>, killOnStep?: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      ...extra,
      DAY_STORE_DIR: dir,
      DAY_STOCKS: JSON.stringify(STOCKS),
      VOSO_URL: vosoBox.baseUrl,
      VOSO_USER: vosoBox.credentials.username,
      VOSO_PASS: vosoBox.credentials.password,
      POSTMART_URL: postmartBox.baseUrl,
      POSTMART_USER: postmartBox.credentials.username,
      POSTMART_PASS: postmartBox.credentials.password,
      POSTMART_CODE: postmartBox.credentials.customerCode ?? '',
      VTP_URL: vtp.url,
      VTP_USER: vtp.memberCredentials.username,
      VTP_PASS: vtp.memberCredentials.password,
      VTP_SECRET: vtp.webhookSecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let steps = 0;
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    steps = (stdout.match(/^STEP /gm) ?? []).length;
    // Between two steps: the previous one finished, the next has not sent anything yet.
    if (killOnStep !== undefined && steps >= killOnStep) child.kill('SIGKILL');
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise<{ done: boolean; signal: string | null; stderr: string }>((resolve) =>
    child.on('exit', (_code, signal) => resolve({ done: stdout.includes('DONE'), signal, stderr })),
  );
}

/** Reruns until a run reports DONE, killing the first runs at the given steps. */
async function untilDone(extra: Record<string, string>, kills: number[]): Promise<number> {
  let runs = 0;
  for (;;) {
    const kill = kills.shift();
    const result = await runChild(extra, kill);
    runs += 1;
    if (result.done) return runs;
    if (runs > 12) throw new Error(`never finished: ${result.stderr.slice(-2000)}`);
  }
}

beforeAll(async () => {
  const faults = {
    serverErrorRate: 0.1,
    dropAfterCommit: { updateStock: 1, confirmOrder: 1, shipOrder: 1, cancelOrder: 1 },
  };
  [vosoBox, postmartBox, vtp] = await Promise.all([
    startVosoSandbox({ seed: 3, webhook: { retryDelaysMs: [50] } }),
    startPostmartSandbox({ seed: 4, webhook: { retryDelaysMs: [50] } }),
    startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 30, webhookMaxRetries: 1, seed: 5 }),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'ocop-day-chaos-'));
  store = await createFileStore({ dir, shared: true });
  const retry = { retry: { retries: 4, initialDelayMs: 20, maxDelayMs: 100 } };
  receiver = createConnector({
    marketplaces: [
      voso({ baseUrl: vosoBox.baseUrl, credentials: { ...vosoBox.credentials }, ...retry }),
      postmart({
        baseUrl: postmartBox.baseUrl,
        credentials: { ...postmartBox.credentials, customerCode: postmartBox.credentials.customerCode ?? '' },
        ...retry,
      }),
    ],
    carrier: viettelpost({
      baseUrl: vtp.url,
      credentials: vtp.memberCredentials,
      webhookSecret: vtp.webhookSecret,
      store,
      ...retry,
    }),
    store,
    categories: CATEGORIES,
    sender: SENDER_2025,
    onOrderPath: (order, path) => {
      const box = order.platform === 'voso' ? vosoBox : postmartBox;
      for (const status of path)
        if (box.state.order(order.externalId)?.status !== status)
          box.orders.advance(order.externalId, status);
    },
  });
  await startReceiver();
  // Publishing under faults, killed once mid-way.
  vosoBox.setFaults(faults);
  postmartBox.setFaults(faults);
  await untilDone({ DAY_ONLY_PUBLISH: '1' }, [1]);
}, 240_000);

afterAll(async () => {
  await stopReceiver();
  await receiver.close();
  await store.close();
  await Promise.all([vosoBox.close(), postmartBox.close(), vtp.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('a cooperative day under faults and SIGKILL', () => {
  it('ends with one shipment per order and stock that matches on every platform', async () => {
    // Buyers (no faults on the buyers' side).
    const place = (box: MarketplaceSandbox, sku: string, quantity: number) => {
      const placed = box.buyers.placeOrder({ sku, quantity });
      if (!placed.ok) throw new Error(`${box.platform} ${sku}: ${placed.reason}`);
      return placed.order.id;
    };
    const delivered = [place(vosoBox, 'OCOP-00001', 2), place(postmartBox, 'OCOP-00003', 1)];
    const lastJar = place(vosoBox, 'OCOP-00002', 1);
    await new Promise((r) => setTimeout(r, 1_100));
    const oversold = place(postmartBox, 'OCOP-00002', 1);
    const cancelled = place(postmartBox, 'OCOP-00001', 1);
    postmartBox.buyers.cancel(cancelled);
    vtp.setFaults({ errorRate: 0.1, errorKind: 'http500', dropResponseAfterCommit: { createOrder: 1 } });

    // The scheduled run, SIGKILLed between steps (after each of the first four), rerun until done.
    const runs = await untilDone({}, [2, 3, 4, 5]);
    expect(runs).toBeGreaterThanOrEqual(5);

    // The couriers, while the receiver is down: every event of the journeys is lost.
    await stopReceiver();
    vtp.setFaults({ errorRate: 0, dropResponseAfterCommit: {} });
    for (const o of vtp.state.orders()) while (![501, 504].includes(await vtp.advance(o.waybill)));
    await vtp.webhooksIdle();
    // Back up; the next scheduled run catches up.
    await startReceiver();
    await untilDone({}, []);
    await vtp.webhooksIdle();
    await new Promise((r) => setTimeout(r, 300));
    await untilDone({}, []);

    // Exactly one shipment per shipped order, none for the others.
    const shipments = vtp.state.orders();
    for (const id of [...delivered, lastJar])
      expect(shipments.filter((s) => s.reference.endsWith(id))).toHaveLength(1);
    for (const id of [oversold, cancelled])
      expect(shipments.filter((s) => s.reference.endsWith(id))).toHaveLength(0);
    expect(shipments).toHaveLength(3);
    expect(postmartBox.state.order(oversold)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCode: 'OUT_OF_STOCK',
    });
    for (const id of [delivered[0]!, lastJar]) expect(vosoBox.state.order(id)?.status).toBe('DELIVERED');
    expect(postmartBox.state.order(delivered[1]!)?.status).toBe('DELIVERED');

    // No phantom or lost stock: on hand = counted − delivered; every platform shows what is available.
    const gone: Record<string, number> = { 'OCOP-00001': 2, 'OCOP-00002': 1, 'OCOP-00003': 1 };
    for (const [i, count] of STOCKS.entries()) {
      const sku = `OCOP-0000${i + 1}`;
      const entry = await store.getStock(sku);
      expect([sku, entry?.onHand, entry?.reserved]).toEqual([sku, count - gone[sku]!, 0]);
      for (const box of [vosoBox, postmartBox])
        expect([box.platform, sku, box.state.stockOf(sku)]).toEqual([box.platform, sku, count - gone[sku]!]);
    }
  }, 300_000);
});
