import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../../../src/core/auth/token-store.js';
import { ValidationError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/logger.js';
import {
  ReferenceSpentError,
  type ViettelPostAdapter,
  type ViettelPostOptions,
  viettelpost,
} from '../../../src/platforms/viettelpost/index.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';
import { InvalidRecordError } from '../../../src/store/errors.js';
import { createFileStore } from '../../../src/store/file-store.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import type { StateStore } from '../../../src/store/state-store.js';
import { PARCEL, RECEIVER, SENDER_2025, startWebhookReceiver, type WebhookReceiver } from './helpers.js';

const WEBHOOK_SECRET = 'store-test-webhook-secret-2026';
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 20, jitter: 'none' as const };

let sandbox: ViettelPostSandbox;
let receiver: WebhookReceiver;
const tokenStore = new MemoryTokenStore();
const open: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];

function adapterWith(
  store: StateStore | undefined,
  extra: Partial<ViettelPostOptions> = {},
): ViettelPostAdapter {
  const adapter = viettelpost({
    baseUrl: sandbox.url,
    credentials: sandbox.memberCredentials,
    tokenStore,
    webhookSecret: WEBHOOK_SECRET,
    retry: FAST_RETRY,
    ...(store ? { store } : {}),
    ...extra,
  });
  open.push(adapter);
  return adapter;
}

const request = {
  sender: SENDER_2025,
  receiver: RECEIVER,
  parcel: PARCEL,
  serviceCode: 'VCN',
  codAmountVnd: 350_000,
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sandbox = await startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 10 });
  sandbox.setWebhook(receiver.url, WEBHOOK_SECRET);
});
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});
afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A store folder reopened by each "process" (the FileStore allows one process at a time). */
function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vtp-store-'));
  dirs.push(dir);
  return dir;
}

async function runProcess<T>(
  dir: string,
  run: (adapter: ViettelPostAdapter, store: StateStore) => Promise<T>,
): Promise<T> {
  const store = await createFileStore({ dir, flushDelayMs: 0 });
  const adapter = viettelpost({
    baseUrl: sandbox.url,
    credentials: sandbox.memberCredentials,
    tokenStore,
    webhookSecret: WEBHOOK_SECRET,
    retry: FAST_RETRY,
    store,
  });
  try {
    return await run(adapter, store);
  } finally {
    await adapter.close();
    await store.close();
  }
}

describe('ViettelPost shipment state lives in the store', () => {
  it('a create whose answer was lost is completed by ANOTHER process through the store (one order, no re-send)', async () => {
    const dir = storeDir();
    const reference = 'OCOP-STORE-LOST-1';
    sandbox.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
    const creates = sandbox.state.requestCount('createOrder');
    const deliveriesBefore = receiver.deliveries.length;

    // Process 1: the create commits, its answer is lost, the retry is refused as a duplicate.
    const pending = await runProcess(dir, (adapter) => adapter.createShipment(request, { reference }));
    expect(pending).toMatchObject({ status: 'WAYBILL_PENDING', reference });
    expect(pending.trackingNumber).toBeUndefined();
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
    expect(sandbox.state.requestCount('createOrder')).toBe(creates + 2);

    // Process 2: a webhook receiver with its own adapter instance and the same store folder.
    await sandbox.webhooksIdle();
    const waybill = sandbox.state.orderByReference(reference)!.waybill;
    await runProcess(dir, async (adapter, store) => {
      expect((await store.getShipment(reference))?.pendingSince).toMatch(/Z$/);
      expect((await adapter.pendingShipments()).map((r) => r.reference)).toContain(reference);
      for (const delivery of receiver.deliveries.slice(deliveriesBefore)) {
        const outcome = await adapter.receiveWebhook(delivery.rawBody, delivery.headers);
        expect(outcome.verified).toBe(true);
      }
      const record = await store.getShipment(reference);
      expect(record).toMatchObject({
        reference,
        carrier: 'viettelpost',
        waybill,
        carrierStatus: 'CREATED',
        rawStatus: '-100',
      });
      expect(record?.pendingSince).toBeUndefined();
    });

    // Process 3: the next run asks again and gets the waybill from the store; nothing is sent.
    const again = await runProcess(dir, (adapter) => adapter.createShipment(request, { reference }));
    expect(again).toMatchObject({ reference, trackingNumber: waybill, status: 'CREATED', rawStatus: -100 });
    expect(sandbox.state.requestCount('createOrder')).toBe(creates + 2);
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
  });

  it('a new process learns a waybill created earlier from the store, and its later status', async () => {
    const dir = storeDir();
    const reference = 'OCOP-STORE-KNOWN-1';
    const created = await runProcess(dir, (adapter) => adapter.createShipment(request, { reference }));
    expect(created.trackingNumber).toMatch(/^\d+$/);
    const before = sandbox.state.requestCount('createOrder');
    const deliveriesBefore = receiver.deliveries.length;
    await runProcess(dir, async (adapter) => {
      await adapter.updateOrder(created.trackingNumber!, 'approve');
      await sandbox.advance(created.trackingNumber!, 200);
      await sandbox.webhooksIdle();
      for (const delivery of receiver.deliveries.slice(deliveriesBefore)) {
        await adapter.receiveWebhook(delivery.rawBody, delivery.headers);
      }
    });
    const again = await runProcess(dir, async (adapter) => {
      expect(await adapter.lastKnownStatus(created.trackingNumber!)).toBe(200);
      return adapter.createShipment(request, { reference });
    });
    expect(again).toMatchObject({
      trackingNumber: created.trackingNumber,
      status: 'IN_TRANSIT',
      rawStatus: 200,
    });
    expect(sandbox.state.requestCount('createOrder')).toBe(before);
  });

  it('parseWebhook is pure: a forged body changes nothing; the forged delivery is refused and logged without the secret', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(line) },
    });
    const store = createMemoryStore();
    open.push(store);
    const adapter = adapterWith(store, { logger });
    const reference = 'OCOP-FORGED-1';
    const forged = JSON.stringify({
      DATA: {
        ORDER_NUMBER: '99999999999',
        ORDER_REFERENCE: reference,
        ORDER_STATUS: 501,
        ORDER_STATUSDATE: '01/12/2026 10:00:00',
      },
      TOKEN: 'guessed-token',
    });
    expect(adapter.parseWebhook(forged)).toMatchObject({ reference, status: 'DELIVERED' });
    expect(await store.getShipment(reference)).toBeUndefined();

    const outcome = await adapter.receiveWebhook(forged, { authorization: 'guessed-token' });
    expect(outcome.verified).toBe(false);
    expect(await store.getShipment(reference)).toBeUndefined();
    const warning = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'webhook.unverified');
    expect(warning).toMatchObject({ rule: 'either', header: 'mismatch', body: 'mismatch' });
    expect(lines.join('\n')).not.toContain(WEBHOOK_SECRET);
    expect(lines.join('\n')).not.toContain('guessed-token');

    const creates = sandbox.state.requestCount('createOrder');
    const shipment = await adapter.createShipment(request, { reference });
    expect(shipment.status).toBe('CREATED');
    expect(shipment.trackingNumber).not.toBe('99999999999');
    expect(sandbox.state.requestCount('createOrder')).toBe(creates + 1);
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
  });

  it('a cancelled reference is spent: re-creating it fails with ReferenceSpentError (what to do, in both languages), nothing sent', async () => {
    const dir = storeDir();
    const reference = 'OCOP-SPENT-1';
    const shipment = await runProcess(dir, async (adapter) => {
      const created = await adapter.createShipment(request, { reference });
      await adapter.cancelShipment(created.trackingNumber!, 'Khách hủy đơn');
      return created;
    });
    expect(sandbox.state.orderByWaybill(shipment.trackingNumber!)!.status).toBe(107);
    const creates = sandbox.state.requestCount('createOrder');
    const error = await runProcess(dir, (adapter) =>
      adapter.createShipment(request, { reference }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ReferenceSpentError);
    expect((error as ReferenceSpentError).message).toContain(`${reference}-2`);
    expect((error as ReferenceSpentError).messageVi).toContain('đã bị hủy');
    expect((error as ReferenceSpentError).waybill).toBe(shipment.trackingNumber);
    expect(sandbox.state.requestCount('createOrder')).toBe(creates);
  });

  it('a reference spent by a cancel this store never saw: the duplicate refusal then the 107 webhook say so', async () => {
    const reference = 'OCOP-SPENT-ELSEWHERE';
    // Created and cancelled by someone else (another tool, the portal): our store knows nothing.
    const other = adapterWith(createMemoryStore());
    const created = await other.createShipment(request, { reference });
    const deliveriesBefore = receiver.deliveries.length;
    await other.cancelShipment(created.trackingNumber!);
    await sandbox.webhooksIdle();

    const store = createMemoryStore();
    open.push(store);
    const adapter = adapterWith(store);
    const pending = await adapter.createShipment(request, { reference });
    expect(pending.status).toBe('WAYBILL_PENDING');
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
    for (const delivery of receiver.deliveries.slice(deliveriesBefore)) {
      await adapter.receiveWebhook(delivery.rawBody, delivery.headers);
    }
    expect(await store.getShipment(reference)).toMatchObject({
      spent: true,
      carrierStatus: 'CANCELLED',
      rawStatus: '107',
    });
    await expect(adapter.createShipment(request, { reference })).rejects.toBeInstanceOf(ReferenceSpentError);
  });
});

describe('ViettelPost shipment state: refusals and event order', () => {
  it('a create VTP refuses outright leaves the record as it was (no pending trace)', async () => {
    const store = createMemoryStore();
    open.push(store);
    const adapter = adapterWith(store);
    const fresh = await adapter
      .createShipment({ ...request, serviceCode: 'NOPE' }, { reference: 'OCOP-REFUSED-1' })
      .catch((e: unknown) => e);
    expect(fresh).toBeInstanceOf(ValidationError);
    expect(await store.getShipment('OCOP-REFUSED-1')).toBeUndefined();
    // The sync engine's own record (written before it calls the carrier) is left untouched.
    await store.putShipment({ reference: 'OCOP-REFUSED-2', carrier: 'viettelpost', status: 'creating' });
    await adapter
      .createShipment({ ...request, serviceCode: 'NOPE' }, { reference: 'OCOP-REFUSED-2' })
      .catch(() => undefined);
    const kept = await store.getShipment('OCOP-REFUSED-2');
    expect(kept).toMatchObject({ reference: 'OCOP-REFUSED-2', carrier: 'viettelpost', status: 'creating' });
    expect(kept?.pendingSince).toBeUndefined();
    expect(kept?.carrierStatus).toBeUndefined();
  });

  it('events apply by VTP time: a late older event never rolls back, a final status is never left', async () => {
    const store = createMemoryStore();
    open.push(store);
    const adapter = adapterWith(store);
    const event = (status: number, date: string) =>
      adapter.parseWebhook(
        JSON.stringify({
          DATA: {
            ORDER_NUMBER: '15878170001',
            ORDER_REFERENCE: 'OCOP-ORDER-1',
            ORDER_STATUS: status,
            ORDER_STATUSDATE: date,
          },
        }),
      );
    await adapter.applyEvent(event(500, '01/12/2026 12:00:00'));
    await adapter.applyEvent(event(200, '01/12/2026 09:00:00'));
    expect(await store.getShipment('OCOP-ORDER-1')).toMatchObject({
      waybill: '15878170001',
      carrierStatus: 'OUT_FOR_DELIVERY',
      rawStatus: '500',
      lastEventAt: '2026-12-01T05:00:00.000Z',
    });
    await adapter.applyEvent(event(501, '01/12/2026 15:00:00'));
    await adapter.applyEvent(event(506, '01/12/2026 16:00:00'));
    expect(await store.getShipment('OCOP-ORDER-1')).toMatchObject({
      carrierStatus: 'DELIVERED',
      rawStatus: '501',
    });
    // Without ORDER_REFERENCE the record is found by its waybill.
    const anonymous = adapter.parseWebhook(
      JSON.stringify({
        DATA: { ORDER_NUMBER: '15878170001', ORDER_STATUS: 501, ORDER_STATUSDATE: '01/12/2026 15:00:00' },
      }),
    );
    expect((await adapter.applyEvent(anonymous))?.reference).toBe('OCOP-ORDER-1');
    expect(await adapter.lastKnownStatus('15878170001')).toBe(501);
  });
});

describe('store: shipment record fields', () => {
  it('keeps the carrier fields, validates them, and updateShipment is a read-modify-write', async () => {
    const store = createMemoryStore({ nowMs: () => Date.parse('2026-12-01T00:00:00Z') });
    open.push(store);
    await store.putShipment({
      reference: 'R1',
      carrier: 'viettelpost',
      account: '0905000002',
      status: 'creating',
      carrierStatus: 'WAYBILL_PENDING',
      pendingSince: '2026-12-01T00:00:00.000Z',
    });
    const next = await store.updateShipment('R1', (current) => ({
      ...current!,
      waybill: '15878180099',
      carrierStatus: 'PENDING_PICKUP',
      rawStatus: '-108',
      lastEventAt: '2026-12-01T01:00:00.000Z',
      pendingSince: undefined,
    }));
    expect(next).toEqual({
      reference: 'R1',
      carrier: 'viettelpost',
      account: '0905000002',
      waybill: '15878180099',
      status: 'creating',
      carrierStatus: 'PENDING_PICKUP',
      rawStatus: '-108',
      lastEventAt: '2026-12-01T01:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    await expect(
      store.putShipment({ reference: 'R2', status: 'x', lastEventAt: 'yesterday' }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(
      store.putShipment({ reference: 'R2', status: 'x', spent: 'yes' as unknown as boolean }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(store.updateShipment('R1', (c) => ({ ...c!, reference: 'R9' }))).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
    expect(await store.updateShipment('R1', () => undefined)).toBeUndefined();
    expect(await store.getShipment('R1')).toBeUndefined();
  });
});
