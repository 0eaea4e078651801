/**
 * One test per point of the independent check of the adapter against the contract (issue #11), each
 * asserting what the sandbox ended up holding or what the caller got back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTokenStore } from '../../../src/core/auth/token-store.js';
import { ConfigurationError, ContractViolationError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/core/logger.js';
import type { Shipment } from '../../../src/model/shipment.js';
import {
  CreateOutcomeUnknownError,
  DuplicateReferenceError,
  mapViettelPostError,
  OrderActionNotAllowedError,
  type ViettelPostAdapter,
  type ViettelPostOptions,
  type ViettelPostShipmentEvent,
  viettelpost,
  type WebhookVerifyRule,
} from '../../../src/platforms/viettelpost/index.js';
import { MAX_FIELD_BYTES } from '../../../src/platforms/viettelpost/order-payload.js';
import { applyShipmentEvent } from '../../../src/platforms/viettelpost/shipment-events.js';
import { formatVietnamDateTime } from '../../../src/platforms/viettelpost/vietnam-time.js';
import {
  startViettelPostSandbox,
  type ViettelPostSandbox,
  type ViettelPostSandboxOptions,
} from '../../../src/sandbox/index.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { utf8ByteLength } from '../../../src/vn/utf8.js';
import { PARCEL, RECEIVER, SENDER_2025, startWebhookReceiver, type WebhookReceiver } from './helpers.js';

const SECRET = 'fidelity-webhook-secret-2026';
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 20, jitter: 'none' as const };
const tokenStore = new MemoryTokenStore();
const opened: Array<{ close(): Promise<void> }> = [];
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});
afterAll(async () => {
  await receiver?.close();
});

async function sandboxWith(options: ViettelPostSandboxOptions = {}): Promise<ViettelPostSandbox> {
  const sandbox = await startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 10, ...options });
  sandbox.setWebhook(receiver.url, SECRET);
  opened.push(sandbox);
  return sandbox;
}

function adapterOn(sandbox: ViettelPostSandbox, extra: Partial<ViettelPostOptions> = {}): ViettelPostAdapter {
  const adapter = viettelpost({
    baseUrl: sandbox.url,
    credentials: sandbox.memberCredentials,
    tokenStore,
    webhookSecret: SECRET,
    labelHost: sandbox.url,
    retry: FAST_RETRY,
    ...extra,
  });
  opened.push(adapter);
  return adapter;
}

const request = (extra: Record<string, unknown> = {}) => ({
  sender: SENDER_2025,
  receiver: RECEIVER,
  parcel: PARCEL,
  serviceCode: 'VCN',
  codAmountVnd: 350_000,
  ...extra,
});

/** Deliveries of one waybill received since `from`, through the verified path. */
async function receive(
  adapter: ViettelPostAdapter,
  waybill: string,
  from = 0,
): Promise<ViettelPostShipmentEvent[]> {
  const events: ViettelPostShipmentEvent[] = [];
  for (const delivery of receiver.deliveries.slice(from)) {
    const outcome = await adapter.receiveWebhook(delivery.rawBody, delivery.headers);
    if (outcome.verified && outcome.event.trackingNumber === waybill) events.push(outcome.event);
  }
  return events;
}

const createdBodies = (sandbox: ViettelPostSandbox) =>
  sandbox.state
    .requests()
    .filter((r) => r.operation === 'createOrder' || r.operation === 'createOrderNlp')
    .map((r) => ({ body: r.body as Record<string, unknown>, error: r.error, message: r.message }));

describe('1. negative statuses are pre-pickup: a cancel after −108 lands', () => {
  it.each([
    ['postOffice', -108],
    ['collectionPoint', -110],
  ] as const)('first mile %s: %i is PENDING_PICKUP, the cancel is sent and the shipment ends CANCELLED', async (firstMile, code) => {
    const sandbox = await sandboxWith({ firstMile });
    const store = createMemoryStore();
    opened.push(store);
    const adapter = adapterOn(sandbox, { store });
    const reference = `FID-NEG-${firstMile}`;
    const from = receiver.deliveries.length;
    const created = await adapter.createShipment(request(), { reference });
    await adapter.updateOrder(created.trackingNumber!, 'approve');
    await sandbox.advance(created.trackingNumber!, code);
    await sandbox.webhooksIdle();
    const early = await receive(adapter, created.trackingNumber!, from);
    expect(early.map((e) => e.rawStatus)).toContain(code);
    expect(early.find((e) => e.rawStatus === code)).toMatchObject({
      status: 'PENDING_PICKUP',
      terminal: false,
    });
    expect(await store.getShipment(reference)).toMatchObject({
      carrierStatus: 'PENDING_PICKUP',
      rawStatus: String(code),
    });

    await adapter.cancelShipment(created.trackingNumber!, 'Khách đổi ý');
    expect(sandbox.state.orderByWaybill(created.trackingNumber!)!.status).toBe(107);
    await sandbox.webhooksIdle();
    const all = await receive(adapter, created.trackingNumber!, from);
    const folded = all.reduce<Shipment>(applyShipmentEvent, created);
    expect(folded.status).toBe('CANCELLED');
    expect(await store.getShipment(reference)).toMatchObject({
      carrierStatus: 'CANCELLED',
      rawStatus: '107',
      spent: true,
    });
  });
});

describe('2. the 150-byte clip shortens the street and keeps ward and province', () => {
  const longStreet = `Số 144 ngõ 12 ngách 34 hẻm 56, ${'đường Nguyễn Văn Cừ kéo dài qua khu công nghiệp '.repeat(3)}`;

  it('with ids: RECEIVER_ADDRESS ends with the ward and province and fits 150 bytes', async () => {
    const sandbox = await sandboxWith();
    const adapter = adapterOn(sandbox);
    const receiverLong = { ...RECEIVER, address: { ...RECEIVER.address, street: longStreet } };
    await adapter.createShipment(request({ receiver: receiverLong }), { reference: 'FID-CLIP-IDS' });
    const body = createdBodies(sandbox).at(-1)!.body;
    const address = String(body.RECEIVER_ADDRESS);
    expect(utf8ByteLength(address)).toBeLessThanOrEqual(MAX_FIELD_BYTES);
    expect(address.endsWith(', Phường Cầu Giấy, TP. Hà Nội')).toBe(true);
    expect(address.startsWith('Số 144 ngõ 12')).toBe(true);
  });

  it('free-text fallback: the long address still geocodes, so the order is created', async () => {
    const sandbox = await sandboxWith();
    const adapter = adapterOn(sandbox, { nlpFallback: true });
    // A misspelt ward ("Giây") the id catalog does not match forces createOrderNlp; VTP geocodes the
    // text by its district and province, which a clip of the whole line would have cut off.
    const receiverLong = {
      ...RECEIVER,
      address: {
        street: longStreet,
        ward: 'Phường Dịch Vọng Hậu Xa',
        district: 'Quận Cầu Giấy',
        province: 'Hà Nội',
      },
    };
    const shipment = await adapter.createShipment(request({ receiver: receiverLong }), {
      reference: 'FID-CLIP-NLP',
    });
    expect(shipment.trackingNumber).toBeTruthy();
    const sent = createdBodies(sandbox).at(-1)!;
    const nlp = sandbox.state.requests().filter((r) => r.operation === 'createOrderNlp');
    // (A token of an earlier sandbox in the shared token store may be refused once first.)
    expect(nlp.filter((r) => !r.error)).toHaveLength(1);
    expect(nlp.filter((r) => /price does not apply/i.test(r.message ?? ''))).toHaveLength(0);
    expect(sent.error).toBe(false);
    const address = String(sent.body.RECEIVER_ADDRESS);
    expect(address.endsWith(', Phường Dịch Vọng Hậu Xa, Quận Cầu Giấy, Hà Nội')).toBe(true);
    expect(utf8ByteLength(address)).toBeLessThanOrEqual(MAX_FIELD_BYTES);
  });
});

describe('4. COD: goods money and what the receiver pays are kept apart', () => {
  it('no COD, receiver pays the freight (ORDER_PAYMENT 4): codAmountVnd 0, the freight is collectFromReceiverVnd', async () => {
    const sandbox = await sandboxWith();
    const adapter = adapterOn(sandbox);
    const shipment = await adapter.createShipment(request({ codAmountVnd: 0, freightPaidBy: 'receiver' }), {
      reference: 'FID-COD-4',
    });
    expect(createdBodies(sandbox).at(-1)!.body.ORDER_PAYMENT).toBe(4);
    expect(shipment.codAmountVnd).toBe(0);
    expect(shipment.collectFromReceiverVnd).toBeGreaterThan(0);
  });

  it('COD + receiver pays (ORDER_PAYMENT 2): goods stay 350 000; webhook events split the same way', async () => {
    const sandbox = await sandboxWith();
    const adapter = adapterOn(sandbox);
    const from = receiver.deliveries.length;
    const shipment = await adapter.createShipment(request({ freightPaidBy: 'receiver' }), {
      reference: 'FID-COD-2',
    });
    expect(shipment.codAmountVnd).toBe(350_000);
    expect(shipment.collectFromReceiverVnd).toBe(350_000 + shipment.fees!.totalVnd);
    await sandbox.webhooksIdle();
    const [created] = await receive(adapter, shipment.trackingNumber!, from);
    expect(created).toMatchObject({
      codAmountVnd: 350_000,
      collectFromReceiverVnd: shipment.collectFromReceiverVnd,
    });
  });
});

describe('5. webhook verification rule', () => {
  const body = (token?: string) =>
    JSON.stringify({
      DATA: { ORDER_NUMBER: '15878189999', ORDER_STATUS: 100, ORDER_STATUSDATE: '01/12/2026 10:00:00' },
      ...(token !== undefined ? { TOKEN: token } : {}),
    });
  const header = (value?: string) => (value !== undefined ? { authorization: value } : {});
  // [header, TOKEN] → accepted under header / body / either / both
  const CASES: ReadonlyArray<[string | undefined, string | undefined, Record<WebhookVerifyRule, boolean>]> = [
    [SECRET, SECRET, { header: true, body: true, either: true, both: true }],
    [SECRET, undefined, { header: true, body: false, either: true, both: false }],
    [undefined, SECRET, { header: false, body: true, either: true, both: false }],
    [SECRET, '0967363789', { header: true, body: false, either: true, both: false }],
    ['wrong', SECRET, { header: false, body: true, either: true, both: false }],
    ['wrong', 'wrong', { header: false, body: false, either: false, both: false }],
    [undefined, undefined, { header: false, body: false, either: false, both: false }],
  ];

  it.each(CASES)('Authorization %s, TOKEN %s', (auth, token, expected) => {
    for (const rule of ['header', 'body', 'either', 'both'] as const) {
      const lines: string[] = [];
      const logger = createLogger({ level: 'info', destination: { write: (l: string) => lines.push(l) } });
      const adapter = viettelpost({
        environment: 'development',
        credentials: { token: 't' },
        webhookSecret: SECRET,
        webhookVerify: rule,
        logger,
      });
      expect(adapter.verifyWebhook(body(token), header(auth)), rule).toBe(expected[rule]);
      const failure = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.event === 'webhook.unverified');
      if (expected[rule]) expect(failure).toBeUndefined();
      else expect(failure, rule).toMatchObject({ rule, level: 40 });
      expect(lines.join('\n')).not.toContain(SECRET);
      void adapter.close();
    }
  });

  it('the default is either, and an unknown rule is a ConfigurationError', () => {
    const adapter = viettelpost({
      environment: 'development',
      credentials: { token: 't' },
      webhookSecret: SECRET,
    });
    expect(adapter.verifyWebhook(body('0967363789'), header(SECRET))).toBe(true);
    void adapter.close();
    expect(() =>
      viettelpost({
        environment: 'development',
        credentials: { token: 't' },
        webhookVerify: 'any' as unknown as WebhookVerifyRule,
      }),
    ).toThrow(ConfigurationError);
  });
});

describe('6. smaller points', () => {
  let sandbox: ViettelPostSandbox;
  let adapter: ViettelPostAdapter;
  beforeAll(async () => {
    sandbox = await startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 10, firstMile: 'pickup' });
    sandbox.setWebhook(receiver.url, SECRET);
    adapter = viettelpost({
      baseUrl: sandbox.url,
      credentials: sandbox.memberCredentials,
      tokenStore,
      webhookSecret: SECRET,
      retry: FAST_RETRY,
    });
  });
  afterAll(async () => {
    await adapter?.close();
    await sandbox?.close();
  });

  it.each([
    506, 507,
  ])('return / re-deliver at %i are refused before sending (contract: after 505 only)', async (code) => {
    const shipment = await adapter.createShipment(request(), { reference: `FID-RET-${code}` });
    const updates = sandbox.state.requestCount('updateOrder');
    for (const action of ['approveReturn', 'redeliver'] as const) {
      const error = await adapter
        .updateOrder(shipment.trackingNumber!, action, { currentStatus: code })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderActionNotAllowedError);
      expect((error as OrderActionNotAllowedError).message).toContain('505');
    }
    expect(sandbox.state.requestCount('updateOrder')).toBe(updates);
  });

  it('return at 505 is sent and the sandbox walks the return', async () => {
    const shipment = await adapter.createShipment(request(), { reference: 'FID-RET-505' });
    sandbox.setOrderEnding(shipment.trackingNumber!, 'failed');
    await sandbox.advance(shipment.trackingNumber!, 505);
    const from = receiver.deliveries.length;
    await adapter.updateOrder(shipment.trackingNumber!, 'approveReturn', { currentStatus: 505 });
    await sandbox.advance(shipment.trackingNumber!, 504);
    await sandbox.webhooksIdle();
    expect(sandbox.state.orderByWaybill(shipment.trackingNumber!)!.status).toBe(504);
    expect((await receive(adapter, shipment.trackingNumber!, from)).at(-1)).toMatchObject({
      status: 'RETURNED',
    });
  });

  it.each([101, 105, 107])('edit at %i is refused before sending', async (code) => {
    const shipment = await adapter.createShipment(request(), { reference: `FID-EDIT-${code}` });
    const edits = sandbox.state.requestCount('editOrder');
    const error = await adapter
      .editShipment(shipment.trackingNumber!, request(), { currentStatus: code })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderActionNotAllowedError);
    expect(sandbox.state.requestCount('editOrder')).toBe(edits);
  });

  it('edit at 100 is sent without CHECK_UNIQUE and the sandbox applies it', async () => {
    const shipment = await adapter.createShipment(request(), { reference: 'FID-EDIT-OK' });
    await adapter.editShipment(shipment.trackingNumber!, request({ note: 'Gọi trước khi giao' }), {
      currentStatus: 100,
    });
    const edit = sandbox.state
      .requests()
      .filter((r) => r.operation === 'editOrder')
      .at(-1)!;
    expect(edit.body).not.toHaveProperty('CHECK_UNIQUE');
    expect(sandbox.state.orderByWaybill(shipment.trackingNumber!)).toMatchObject({
      editCount: 1,
      orderNote: 'Gọi trước khi giao',
    });
  });

  it.each([501.7, '501.7', '5e2', 'abc'])('ORDER_STATUS %s is refused, not rounded', (status) => {
    const raw = JSON.stringify({
      DATA: { ORDER_NUMBER: '15878180012', ORDER_STATUS: status, ORDER_STATUSDATE: '01/12/2026 10:00:00' },
    });
    expect(() => adapter.parseWebhook(raw)).toThrow(ContractViolationError);
    expect(() => adapter.parseWebhook(raw)).toThrow(/ORDER_STATUS/);
  });

  it.each([
    'ORDER_NUMBER already exists',
    'Mã đơn hàng đã tồn tại',
    'Duplicate order number',
    'Mã đơn hàng bị trùng',
    'Order number has already been used',
    'ORDER_NUMBER đã được sử dụng',
  ])('reads "%s" as a duplicate refusal', (message) => {
    const error = mapViettelPostError({
      platform: 'viettelpost',
      operation: 'createOrder',
      status: 200,
      headers: {},
      body: { status: 205, error: true, message, data: null },
    });
    expect(error).toBeInstanceOf(DuplicateReferenceError);
  });
});

describe('6. a duplicate refusal in wording the adapter has never seen', () => {
  const WORDING = 'Đơn XK-7781: yêu cầu bị từ chối vì mã tham chiếu này đã ghi nhận trước đó';

  it('after a lost answer: no second waybill, a clear CreateOutcomeUnknownError, and the webhook still completes it', async () => {
    const sandbox = await sandboxWith({ duplicateRefusalMessage: WORDING });
    const store = createMemoryStore();
    opened.push(store);
    const adapter = adapterOn(sandbox, { store });
    const reference = 'FID-UNSEEN-1';
    const from = receiver.deliveries.length;
    sandbox.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
    const error = await adapter.createShipment(request(), { reference }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreateOutcomeUnknownError);
    expect((error as CreateOutcomeUnknownError).message).toContain(reference);
    expect((error as CreateOutcomeUnknownError).message).toContain(WORDING);
    expect((error as CreateOutcomeUnknownError).messageVi).toContain('Không có đơn mới');
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
    expect((await store.getShipment(reference))?.pendingSince).toBeTruthy();

    // A later run: still refused in the unknown wording, still one order, still a clear error.
    const again = await adapter.createShipment(request(), { reference }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(CreateOutcomeUnknownError);
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);

    await sandbox.webhooksIdle();
    await receive(adapter, sandbox.state.orderByReference(reference)!.waybill, from);
    const completed = await adapter.createShipment(request(), { reference });
    expect(completed.trackingNumber).toBe(sandbox.state.orderByReference(reference)!.waybill);
    expect(sandbox.state.ordersByReference(reference)).toHaveLength(1);
  });
});

describe('7. dates come from the injected clock', () => {
  it('DELIVERY_DATE, shipment timestamps, pendingSince and the label expiry use `now`', async () => {
    const sandbox = await sandboxWith();
    const fixed = new Date('2026-12-24T02:30:00.000Z');
    const store = createMemoryStore();
    opened.push(store);
    const adapter = adapterOn(sandbox, { store, now: () => fixed, labelExpiryMs: 3_600_000 });
    const shipment = await adapter.createShipment(request(), { reference: 'FID-CLOCK-1' });
    expect(createdBodies(sandbox).at(-1)!.body.DELIVERY_DATE).toBe(formatVietnamDateTime(fixed));
    expect(createdBodies(sandbox).at(-1)!.body.DELIVERY_DATE).toBe('24/12/2026 09:30:00');
    expect(shipment.createdAt).toBe(fixed.toISOString());
    // The label code expires an hour after the injected now, which is far in the future for the sandbox.
    await adapter.labelUrl([shipment.trackingNumber!]);
    const print = sandbox.state
      .requests()
      .filter((r) => r.operation === 'printingCode')
      .at(-1)!;
    expect((print.body as { EXPIRY_TIME: number }).EXPIRY_TIME).toBe(fixed.getTime() + 3_600_000);

    sandbox.setFaults({ dropResponseAfterCommit: { createOrder: 1 } });
    const pending = await adapter.createShipment(request(), { reference: 'FID-CLOCK-2' });
    expect(pending).toMatchObject({ status: 'WAYBILL_PENDING', pendingSince: fixed.toISOString() });
  });
});

describe('7. the catalog cache ages on the same injected clock', () => {
  it('catalogs are read again only once the injected clock passes catalogTtlMs', async () => {
    const sandbox = await sandboxWith();
    let nowMs = Date.parse('2026-12-24T02:30:00.000Z');
    const adapter = adapterOn(sandbox, { now: () => new Date(nowMs), catalogTtlMs: 60_000 });
    await adapter.resolveAddress(RECEIVER.address);
    const reads = sandbox.state.requestCount('listProvinceNew');
    nowMs += 59_000;
    await adapter.resolveAddress(RECEIVER.address);
    expect(sandbox.state.requestCount('listProvinceNew')).toBe(reads);
    nowMs += 2_000;
    await adapter.resolveAddress(RECEIVER.address);
    expect(sandbox.state.requestCount('listProvinceNew')).toBe(reads + 1);
  });
});

describe('8. a ViettelPost that refuses the two-level pseudo-district', () => {
  it('quote and create fall back to district 0 with the new ward; later requests send 0 straight away', async () => {
    const sandbox = await sandboxWith({ refusePseudoDistrict: true });
    const adapter = adapterOn(sandbox);
    const quotes = await adapter.quote({ from: SENDER_2025.address, to: RECEIVER.address, parcel: PARCEL });
    expect(quotes.length).toBeGreaterThan(0);
    const shipment = await adapter.createShipment(request(), { reference: 'FID-PSEUDO-1' });
    expect(shipment.trackingNumber).toBeTruthy();
    const order = sandbox.state.orderByWaybill(shipment.trackingNumber!)!;
    expect(order.receiver.districtId).toBe(0);
    expect(order.receiver.wardId).toBeGreaterThan(0);
    const creates = createdBodies(sandbox);
    // Only the first priced request was refused; the create went out with 0 directly.
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatchObject({ error: false, body: { RECEIVER_DISTRICT: 0, SENDER_DISTRICT: 0 } });
    const refusals = sandbox.state.requests().filter((r) => r.error && /_DISTRICT/.test(r.message ?? ''));
    expect(refusals).toHaveLength(1);
  });

  it('by default the sandbox accepts the pseudo-district, and the adapter sends it', async () => {
    const sandbox = await sandboxWith();
    const adapter = adapterOn(sandbox);
    const shipment = await adapter.createShipment(request(), { reference: 'FID-PSEUDO-2' });
    const order = sandbox.state.orderByWaybill(shipment.trackingNumber!)!;
    expect(order.receiver.districtId).toBe(100_000_000 + order.receiver.provinceId);
  });
});
