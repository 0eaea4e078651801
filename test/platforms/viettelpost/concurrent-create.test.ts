/**
 * #16 re-trial item 5: concurrent ViettelPost creates for one reference send one createOrder —
 * single-flight in one adapter, and the same atomic store claim as VNPost between adapters (processes)
 * sharing a store: the loser never sends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors.js';
import { viettelpost } from '../../../src/platforms/viettelpost/index.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';
import { createFileStore } from '../../../src/store/file-store.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import { PARCEL, RECEIVER, SENDER_2025 } from './helpers.js';

let sandbox: ViettelPostSandbox | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  await sandbox?.close();
  sandbox = undefined;
});

const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'VCN' };

function adapterOn(store: StateStore) {
  const adapter = viettelpost({
    baseUrl: sandbox!.url,
    credentials: sandbox!.memberCredentials,
    retry: { initialDelayMs: 5 },
    store,
  });
  cleanups.push(() => adapter.close());
  return adapter;
}

describe('concurrent ViettelPost creates for one reference', () => {
  it('one adapter: concurrent callers share one create and its waybill', async () => {
    sandbox = await startViettelPostSandbox({ stepMs: 0, faults: { latencyMs: 20 } });
    const store = createMemoryStore();
    cleanups.push(() => store.close());
    const adapter = adapterOn(store);
    const results = await Promise.all([
      adapter.createShipment(request, { reference: 'VTP-R9' }),
      adapter.createShipment(request, { reference: 'VTP-R9' }),
      adapter.createShipment(request, { reference: 'VTP-R9' }),
    ]);
    const held = sandbox.state.ordersByReference('VTP-R9');
    expect(held).toHaveLength(1);
    expect(results.map((r) => r.trackingNumber)).toEqual(Array(3).fill(held[0]!.waybill));
    expect(sandbox.state.requestCount('createOrder')).toBe(1);
  });

  it('two adapters on one shared file store: one createOrder is sent, the other caller gets the waybill or a ConflictError', async () => {
    sandbox = await startViettelPostSandbox({ stepMs: 0, faults: { latencyMs: 30 } });
    const dir = mkdtempSync(join(tmpdir(), 'vtp-claim-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const adapters = [];
    for (let i = 0; i < 2; i++) {
      const store = await createFileStore({ dir, shared: true });
      cleanups.push(() => store.close());
      adapters.push(adapterOn(store));
    }
    const settled = await Promise.allSettled([
      adapters[0]!.createShipment(request, { reference: 'VTP-R9-shared' }),
      adapters[1]!.createShipment(request, { reference: 'VTP-R9-shared' }),
    ]);
    const held = sandbox.state.ordersByReference('VTP-R9-shared');
    expect(held).toHaveLength(1);
    expect(sandbox.state.requestCount('createOrder')).toBe(1);
    const fulfilled = settled.filter((r) => r.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const r of fulfilled) expect(r.value.trackingNumber).toBe(held[0]!.waybill);
    for (const r of settled.filter((r) => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect((r.reason as Error).message).toMatch(/VTP-R9-shared.*in flight.*\/ Một lệnh tạo đơn khác/);
    }
    // Afterwards either adapter answers from the store: nothing more is sent.
    const again = await adapters[1]!.createShipment(request, { reference: 'VTP-R9-shared' });
    expect(again.trackingNumber).toBe(held[0]!.waybill);
    expect(sandbox.state.requestCount('createOrder')).toBe(1);
  });
});
