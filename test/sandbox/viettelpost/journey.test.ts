import { afterEach, describe, expect, it } from 'vitest';
import {
  startViettelPostSandbox,
  type ViettelPostSandbox,
  type ViettelPostSandboxOptions,
} from '../../../src/sandbox/index.js';
import {
  type Envelope,
  longToken,
  lookupIds,
  orderBody,
  startWebhookReceiver,
  vtpClient,
} from './helpers.js';

const SECRET = 'hook-secret-123';
const DELIVERED = [-100, 100, 102, 103, 104, 105, 200, 300, 400, 500, 501];

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ViettelPost sandbox: courier journeys and webhooks', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });

  async function setup(options: ViettelPostSandboxOptions = {}, answer?: (index: number) => number) {
    const receiver = await startWebhookReceiver(answer);
    const sandbox: ViettelPostSandbox = await startViettelPostSandbox({
      stepMs: 0,
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
      webhookRetryDelayMs: 5,
      ...options,
    });
    cleanups.push(receiver.close, sandbox.close);
    const client = vtpClient(sandbox);
    const token = await longToken(client, sandbox.credentials);
    const ids = await lookupIds(client);
    const create = async (overrides: Record<string, unknown> = {}) => {
      const answer = await client.post<Envelope<Record<string, unknown>>>(
        '/v2/order/createOrder',
        orderBody(ids, overrides),
        token,
      );
      if (answer.error) throw new Error(answer.message);
      return String(answer.data.ORDER_NUMBER);
    };
    const update = (waybill: string, type: number) =>
      client.post<Envelope>('/v2/order/UpdateOrder', { TYPE: type, ORDER_NUMBER: waybill }, token);
    return { sandbox, receiver, client, token, create, update };
  }

  it('walks an approved order to 501 on the courier clock and posts every status with the secret', async () => {
    const { receiver, create, update, sandbox } = await setup({ stepMs: 15 });
    const waybill = await create({ ORDER_NUMBER: 'OCOP-J-1', MONEY_COLLECTION: 150000 });
    await waitFor(() => receiver.statuses(waybill).length === 1);
    expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(-100);
    await update(waybill, 1);
    await waitFor(() => receiver.statuses(waybill).includes(501));
    await sandbox.webhooksIdle();
    expect(receiver.statuses(waybill)).toEqual(DELIVERED);

    const delivered = receiver.received.find((r) => r.body.DATA.ORDER_STATUS === 501)!;
    expect(delivered.headers.authorization).toBe(SECRET);
    expect(delivered.headers['content-type']).toBe('application/json');
    expect(delivered.body.TOKEN).toBe(SECRET);
    const data = delivered.body.DATA;
    expect(data).toMatchObject({
      ORDER_NUMBER: waybill,
      ORDER_REFERENCE: 'OCOP-J-1',
      ORDER_STATUS: 501,
      STATUS_NAME: 'Phát thành công',
      MONEY_COLLECTION: 150000,
      MONEY_COLLECTION_ORIGIN: '150000',
      VOUCHER_VALUE: '0',
      GROUPADDRESS_ID: '0',
      PRODUCT_WEIGHT: 1000,
      ORDER_SERVICE: 'VCN',
      ORDER_PAYMENT: 3,
      IS_RETURNING: false,
      REASON_CODE: null,
      RECEIVER_FULLNAME: 'Nguyễn Thị Mai',
      DETAIL: [],
      POD: { IMAGES: [expect.stringMatching(/\.jpg$/)] },
    });
    expect(data.LOCALION_CURRENTLY).toBe(data.LOCATION_CURRENTLY);
    expect(String(data.LOCATION_CURRENTLY)).toContain('Cầu Giấy');
    expect(String(data.ORDER_STATUSDATE)).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    for (const key of [
      'MONEY_FEECOD',
      'MONEY_TOTALFEE',
      'MONEY_TOTAL',
      'MONEY_TOTALVAT',
      'EXPECTED_DELIVERY',
      'EXPECTED_DELIVERY_DATE',
      'ORDER_SERVICE_ADD',
      'ORDER_NOTE',
      'EMPLOYEE_NAME',
      'EMPLOYEE_PHONE',
      'NOTE',
    ]) {
      expect(data).toHaveProperty(key);
    }
    const created = receiver.received.find((r) => r.body.DATA.ORDER_STATUS === -100)!;
    expect(created.body.DATA.MONEY_COLLECTION_ORIGIN).toBeNull();
    // Status dates are strictly increasing, so (waybill, status, date) is a usable dedupe key.
    const dates = sandbox.state.history(waybill).map((h) => h.atMs);
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('formats ORDER_STATUSDATE in Vietnam time', async () => {
    const fixed = Date.UTC(2026, 0, 31, 20, 5, 9);
    const { receiver, create } = await setup({ now: () => fixed });
    const waybill = await create();
    await waitFor(() => receiver.statuses(waybill).length === 1);
    expect(receiver.received[0]!.body.DATA.ORDER_STATUSDATE).toBe('01/02/2026 03:05:09');
  });

  it('returns the parcel: 506 → 505 with a reason code → 502 → 504', async () => {
    const { receiver, create, sandbox } = await setup({
      ending: 'returned',
      failReasonCode: '32',
      autoApprove: true,
    });
    const waybill = await create();
    expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(100);
    await sandbox.advance(waybill, 504);
    await sandbox.webhooksIdle();
    expect(receiver.statuses(waybill)).toEqual([
      -100, 100, 102, 103, 104, 105, 200, 300, 400, 500, 506, 500, 505, 502, 504,
    ]);
    const byStatus = (s: number) =>
      receiver.received.find((r) => r.body.DATA.ORDER_NUMBER === waybill && r.body.DATA.ORDER_STATUS === s)!;
    expect(byStatus(505).body.DATA.REASON_CODE).toBe('32');
    expect(byStatus(506).body.DATA.REASON_CODE).toBe('36');
    expect(byStatus(504).body.DATA.IS_RETURNING).toBe(true);
    expect(String(byStatus(504).body.DATA.LOCATION_CURRENTLY)).toContain('Vĩnh Linh');
  });

  it('stops a failed delivery at 505 until the shop decides (TYPE 2 → return)', async () => {
    const { receiver, create, update, sandbox } = await setup({ ending: 'failed', stepMs: 10 });
    const waybill = await create();
    await update(waybill, 1);
    await waitFor(() => receiver.statuses(waybill).includes(505));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(505);
    expect(await update(waybill, 2)).toMatchObject({ error: false });
    await waitFor(() => receiver.statuses(waybill).includes(504));
    expect(receiver.statuses(waybill).slice(-3)).toEqual([505, 502, 504]);
  });

  it('retries a non-200 answer and records every attempt', async () => {
    const { receiver, create, sandbox } = await setup({}, (index) => (index < 2 ? 500 : 200));
    const waybill = await create();
    await sandbox.webhooksIdle();
    expect(receiver.statuses(waybill)).toEqual([-100]);
    const attempts = sandbox.state.webhookDeliveries().filter((d) => d.waybill === waybill);
    expect(attempts.map((a) => [a.attempt, a.httpStatus, a.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
  });

  it('gives up after 5 retries', async () => {
    const { receiver, create, sandbox } = await setup({}, () => 503);
    const waybill = await create();
    await sandbox.webhooksIdle();
    expect(receiver.received).toHaveLength(0);
    expect(sandbox.state.webhookDeliveries().filter((d) => d.waybill === waybill)).toHaveLength(6);
  });

  it('sends chosen statuses twice and others out of order', async () => {
    const { receiver, create, sandbox } = await setup({
      webhookChaos: { duplicateStatuses: [501], outOfOrderStatuses: [105] },
    });
    const waybill = await create();
    await sandbox.advance(waybill, 501);
    await sandbox.webhooksIdle();
    expect(receiver.statuses(waybill)).toEqual([-100, 100, 102, 103, 104, 200, 105, 300, 400, 500, 501, 501]);
    const twice = receiver.received.filter((r) => r.body.DATA.ORDER_STATUS === 501);
    expect(twice[0]!.body).toEqual(twice[1]!.body);
    const log = sandbox.state.webhookDeliveries();
    expect(log.filter((d) => d.duplicate).map((d) => d.status)).toEqual([501]);
    expect(log.filter((d) => d.outOfOrder).map((d) => d.status)).toEqual([105]);
  });

  it('applies duplicate / out-of-order probabilities, changeable at run time', async () => {
    const { receiver, create, sandbox } = await setup();
    sandbox.setWebhookChaos({ duplicateProbability: 1 });
    const waybill = await create();
    await sandbox.advance(waybill, 102);
    await sandbox.webhooksIdle();
    expect(receiver.statuses(waybill)).toEqual([-100, -100, 100, 100, 102, 102]);
    sandbox.setWebhookChaos({ duplicateProbability: 0, outOfOrderProbability: 1 });
    await sandbox.advance(waybill, 501);
    await sandbox.webhooksIdle();
    const rest = receiver.statuses(waybill).slice(6);
    expect([...rest].sort((a, b) => a - b)).toEqual([103, 104, 105, 200, 300, 400, 500, 501]);
    expect(rest).not.toEqual([103, 104, 105, 200, 300, 400, 500, 501]);
  });

  it('registerOrderHook re-sends the whole journey', async () => {
    const { receiver, create, sandbox, client, token } = await setup();
    const waybill = await create();
    await sandbox.advance(waybill, 200);
    await sandbox.webhooksIdle();
    const before = receiver.statuses(waybill);
    const answer = await client.get<Envelope>(`/v2/order/registerOrderHook?oid=${waybill}&mes=resend`, token);
    expect(answer).toMatchObject({ error: false });
    await sandbox.webhooksIdle();
    expect(receiver.statuses(waybill)).toEqual([...before, ...before]);
    expect(await client.get(`/v2/order/registerOrderHook?oid=1&mes=x`, token)).toMatchObject({
      message: 'Order does not exist',
    });
  });

  it('sends a cancel (107) event and nothing after it', async () => {
    const { receiver, create, update, sandbox } = await setup({ stepMs: 10 });
    const waybill = await create();
    await update(waybill, 1);
    await waitFor(() => receiver.statuses(waybill).includes(100));
    expect(await update(waybill, 4)).toMatchObject({ error: false });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await sandbox.webhooksIdle();
    const statuses = receiver.statuses(waybill);
    expect(statuses.at(-1)).toBe(107);
    expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(107);
  });

  it('close() stops the courier clock', async () => {
    const receiver = await startWebhookReceiver();
    cleanups.push(receiver.close);
    const sandbox = await startViettelPostSandbox({
      stepMs: 30,
      webhookUrl: receiver.url,
      autoApprove: true,
    });
    const client = vtpClient(sandbox);
    const token = await longToken(client, sandbox.credentials);
    const ids = await lookupIds(client);
    await client.post('/v2/order/createOrder', orderBody(ids), token);
    await sandbox.close();
    const count = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received.length).toBe(count);
  });

  it('setJourney starts the clock for orders parked while stepMs was 0', async () => {
    const { receiver, create, update, sandbox } = await setup();
    const waybill = await create();
    await update(waybill, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(100);
    sandbox.setJourney({ stepMs: 5 });
    await waitFor(() => receiver.statuses(waybill).includes(501));
  });

  it('can route a parcel through 507 (collect at the office) with advance()', async () => {
    const { receiver, create, sandbox } = await setup();
    const waybill = await create();
    await sandbox.advance(waybill, 507);
    expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(507);
    await sandbox.advance(waybill);
    await sandbox.webhooksIdle();
    expect(receiver.statuses(waybill).slice(-3)).toEqual([500, 507, 501]);
    const at507 = receiver.received.find((r) => r.body.DATA.ORDER_STATUS === 507)!;
    expect(at507.body.DATA.REASON_CODE).toBe('38');
  });

  it("sends a delegated member's events to its partner's webhook URL", async () => {
    const partnerHook = await startWebhookReceiver();
    const { sandbox, receiver, client } = await setup();
    cleanups.push(partnerHook.close);
    sandbox.addAccount({
      username: 'partner-2',
      password: 'pw-2',
      isPartner: true,
      webhookUrl: partnerHook.url,
      webhookSecret: 'p2',
    });
    sandbox.addAccount({ username: 'member-2', password: 'pw-3', partner: 'partner-2' });
    const login = await client.post<Envelope<{ token: string }>>('/v2/user/Login', {
      USERNAME: 'partner-2',
      PASSWORD: 'pw-2',
    });
    const delegated = await client.post<Envelope<{ token: string }>>(
      '/v2/user/ownerconnect',
      { USERNAME: 'member-2', PASSWORD: 'pw-3' },
      login.data.token,
    );
    const ids = await lookupIds(client);
    const created = await client.post<Envelope<{ ORDER_NUMBER: string }>>(
      '/v2/order/createOrder',
      orderBody(ids),
      delegated.data.token,
    );
    const waybill = created.data.ORDER_NUMBER;
    await sandbox.advance(waybill, 102);
    await sandbox.webhooksIdle();
    expect(partnerHook.statuses(waybill)).toEqual([-100, 100, 102]);
    expect(partnerHook.received[0]!.headers.authorization).toBe('p2');
    expect(receiver.statuses(waybill)).toEqual([]);
    expect(sandbox.state.orderByWaybill(waybill)!.partnerUserId).toBeDefined();
  });
});
