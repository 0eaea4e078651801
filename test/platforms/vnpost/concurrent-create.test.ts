/**
 * #16 re-trial x9/x9b: concurrent creates for one reference never yield a second parcel — single-flight
 * in one adapter, an atomic claim in the store between adapters (processes) sharing it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, OutcomeUnknownError } from '../../../src/core/errors.js';
import { vnpost } from '../../../src/platforms/vnpost/index.js';
import { createFileStore } from '../../../src/store/file-store.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, startHarness } from './helpers.js';

let h: Harness | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  await h?.close();
  h = undefined;
});

const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' };

describe('concurrent creates for one reference', () => {
  it('one adapter: three concurrent callers share one create and its parcel', async () => {
    const store = createMemoryStore();
    cleanups.push(() => store.close());
    h = await startHarness({ faults: { latencyMs: 20 } }, { store });
    const results = await Promise.all([
      h.adapter.createShipment(request, { reference: 'R9' }),
      h.adapter.createShipment(request, { reference: 'R9' }),
      h.adapter.createShipment(request, { reference: 'R9' }),
    ]);
    const held = h.sandbox.state.ordersByReference('R9');
    expect(held).toHaveLength(1);
    expect(results.map((r) => r.trackingNumber)).toEqual(Array(3).fill(held[0]!.itemCode));
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
  });

  it('one adapter without a store: concurrent callers still create one parcel', async () => {
    h = await startHarness({ faults: { latencyMs: 20 } });
    const results = await Promise.all([
      h.adapter.createShipment(request, { reference: 'R9-nostore' }),
      h.adapter.createShipment(request, { reference: 'R9-nostore' }),
    ]);
    const held = h.sandbox.state.ordersByReference('R9-nostore');
    expect(held).toHaveLength(1);
    expect(results.map((r) => r.trackingNumber)).toEqual([held[0]!.itemCode, held[0]!.itemCode]);
  });

  it('two adapters on one shared file store: the store claim lets one create through, the other never sends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnpost-claim-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const stores: StateStore[] = [];
    for (let i = 0; i < 2; i++) {
      const store = await createFileStore({ dir, shared: true });
      stores.push(store);
      cleanups.push(() => store.close());
    }
    h = await startHarness({ faults: { latencyMs: 20 } }, { store: stores[0] });
    const other = vnpost({ baseUrl: h.sandbox.url, credentials: h.sandbox.credentials, store: stores[1] });
    cleanups.push(() => other.close());
    const settled = await Promise.allSettled([
      h.adapter.createShipment(request, { reference: 'R9-shared' }),
      other.createShipment(request, { reference: 'R9-shared' }),
      h.adapter.createShipment(request, { reference: 'R9-shared' }),
    ]);
    const held = h.sandbox.state.ordersByReference('R9-shared');
    expect(held).toHaveLength(1);
    expect(h.sandbox.state.requestCount('createOrder')).toBe(1);
    const fulfilled = settled.filter((r) => r.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const r of fulfilled) expect(r.value.trackingNumber).toBe(held[0]!.itemCode);
    for (const r of settled.filter((r) => r.status === 'rejected')) {
      const error = r.reason as Error;
      expect(error instanceof ConflictError || error instanceof OutcomeUnknownError).toBe(true);
      expect(error.message).toContain('R9-shared');
    }
    // A later call from the losing side answers the one parcel.
    const again = await other.createShipment(request, { reference: 'R9-shared' });
    expect(again.trackingNumber).toBe(held[0]!.itemCode);
    expect(h.sandbox.state.ordersByReference('R9-shared')).toHaveLength(1);
  });
});
