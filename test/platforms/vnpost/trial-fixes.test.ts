/**
 * #16 trial items 10–12: raw code 1 reads the same everywhere (one table), the stored record's status
 * follows the known waybill and carrier status, and a partial edit request is a bilingual ValidationError.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OcopConnectError, ValidationError } from '../../../src/core/errors.js';
import type { ShipmentRequest } from '../../../src/platforms/types.js';
import { classifyVnpostStatus } from '../../../src/platforms/vnpost/index.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import { type Harness, PARCEL, RECEIVER, SENDER_2025, startHarness } from './helpers.js';

let h: Harness | undefined;
let store: StateStore | undefined;
afterEach(async () => {
  await h?.close();
  await store?.close();
  h = undefined;
  store = undefined;
});

const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, serviceCode: 'ETN031' };

describe('raw status 1 is one status everywhere', () => {
  it('create, getShipment, findByReference and the status history agree on code 1', async () => {
    h = await startHarness();
    const created = await h.adapter.createShipment(request, { reference: 'code-1' });
    const detail = await h.adapter.getShipment(created.trackingNumber!);
    const listed = await h.adapter.findByReference('code-1');
    const history = await h.adapter.statusHistory(created.trackingNumber!);
    const table = classifyVnpostStatus('1');
    expect(table).toMatchObject({ known: true, status: 'CREATED' });
    expect(created).toMatchObject({ status: 'CREATED', rawStatus: '1' });
    expect(detail).toMatchObject({
      status: 'CREATED',
      rawStatus: '1',
      rawStatusLabel: created.rawStatusLabel,
    });
    expect(listed).toMatchObject({
      status: 'CREATED',
      rawStatus: '1',
      rawStatusLabel: created.rawStatusLabel,
    });
    expect(history.map((s) => [s.rawStatus, s.status])).toEqual([['1', 'CREATED']]);
    // The table's label is VNPost's own wording for code 1.
    expect(table.known && table.labelVi).toBe(
      h.sandbox.state.history(created.trackingNumber!)[0]?.statusName,
    );
  });
});

describe('shipmentRecord().status follows the known waybill and carrier status', () => {
  it('created, then delivered: never WAYBILL_PENDING next to a waybill', async () => {
    store = createMemoryStore();
    h = await startHarness({}, { store });
    const created = await h.adapter.createShipment(request, { reference: 'rec-1' });
    expect(await h.adapter.shipmentRecord('rec-1')).toMatchObject({
      waybill: created.trackingNumber,
      status: 'CREATED',
      carrierStatus: 'CREATED',
    });
    await h.sandbox.advance(created.trackingNumber!);
    await h.adapter.refreshShipments();
    expect(await h.adapter.shipmentRecord('rec-1')).toMatchObject({
      status: 'DELIVERED',
      carrierStatus: 'DELIVERED',
    });
    expect((await store.getShipment('rec-1'))?.status).toBe('DELIVERED');
  });

  it('a lost create adopted later, then cancelled: the status follows each step', async () => {
    store = createMemoryStore();
    h = await startHarness(
      { faults: { commitLate: { createOrder: 1 }, commitLateMs: 3_600_000 } },
      { store, lostCreateLookupDelaysMs: [0] },
    );
    await expect(h.adapter.createShipment(request, { reference: 'rec-2' })).rejects.toThrow();
    expect(await h.adapter.shipmentRecord('rec-2')).toMatchObject({ status: 'WAYBILL_PENDING' });
    h.sandbox.commitLateNow();
    const adopted = await h.adapter.createShipment(request, { reference: 'rec-2' });
    expect(await h.adapter.shipmentRecord('rec-2')).toMatchObject({
      waybill: adopted.trackingNumber,
      status: 'CREATED',
    });
    await h.adapter.cancelShipment(adopted.trackingNumber!);
    expect(await h.adapter.shipmentRecord('rec-2')).toMatchObject({
      status: 'CANCELLED',
      carrierStatus: 'CANCELLED',
      spent: true,
    });
  });

  it("the connector's sync step (marked_shipped) is never overwritten", async () => {
    store = createMemoryStore();
    h = await startHarness({}, { store });
    const created = await h.adapter.createShipment(request, { reference: 'rec-3' });
    await store.updateShipment('rec-3', (current) => ({ ...current!, status: 'marked_shipped' }));
    await h.sandbox.advance(created.trackingNumber!);
    await h.adapter.refreshShipments();
    expect(await h.adapter.shipmentRecord('rec-3')).toMatchObject({
      status: 'marked_shipped',
      carrierStatus: 'DELIVERED',
    });
  });
});

describe('a partial request is a bilingual ValidationError, never a TypeError', () => {
  it('editShipment with only a parcel names every missing field; nothing is sent', async () => {
    h = await startHarness();
    const created = await h.adapter.createShipment(request, { reference: 'edit-partial' });
    const error = await h.adapter
      .editShipment(created.trackingNumber!, { parcel: { ...PARCEL, weightGrams: 2500 } } as ShipmentRequest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(OcopConnectError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['sender', 'receiver', 'serviceCode']));
    for (const issue of issues) {
      expect(issue.messageVi).toEqual(expect.any(String));
      expect(issue.messageEn).toEqual(expect.any(String));
      expect(issue.messageVi).not.toBe(issue.messageEn);
    }
    expect(h.sandbox.state.requestCount('orderCorrection')).toBe(0);
    expect(h.sandbox.state.requestCount('getOrder')).toBe(0);
  });

  it('a receiver without an address, and a bad parcel, are reported together on create', async () => {
    h = await startHarness();
    const { address: _dropped, ...receiver } = RECEIVER;
    const error = await h.adapter
      .createShipment({ ...request, receiver, parcel: { ...PARCEL, weightGrams: 0 } } as ShipmentRequest, {
        reference: 'create-partial',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['receiver.address', 'parcel.weightGrams']),
    );
    expect(h.sandbox.state.requestCount('createOrder')).toBe(0);
  });

  it('a quote without its destination is a ValidationError naming it; nothing is sent', async () => {
    h = await startHarness();
    const error = await h.adapter
      .quote({ from: SENDER_2025.address, parcel: PARCEL } as Parameters<typeof h.adapter.quote>[0])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['to']);
    expect(h.sandbox.state.requestCount('servicesCharge')).toBe(0);
  });
});
