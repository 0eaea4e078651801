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

const SECRET = 'hook-secret-adversarial';

describe('ViettelPost sandbox: first miles and adversarial modes', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });

  async function setup(options: ViettelPostSandboxOptions = {}) {
    const receiver = await startWebhookReceiver();
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
    const create = (overrides: Record<string, unknown> = {}) =>
      client.post<Envelope<Record<string, unknown>>>(
        '/v2/order/createOrder',
        orderBody(ids, overrides),
        token,
      );
    const update = (waybill: string, type: number) =>
      client.post<Envelope>('/v2/order/UpdateOrder', { TYPE: type, ORDER_NUMBER: waybill }, token);
    return { sandbox, receiver, client, token, ids, create, update };
  }

  const historyOf = (sandbox: ViettelPostSandbox, waybill: string) =>
    sandbox.state.history(waybill).map((h) => h.status);

  it("'mixed' cycles pickup, post office (−108), collection point (−109, −110) and sends those codes", async () => {
    const { sandbox, create, update } = await setup({ firstMile: 'mixed' });
    const waybills: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await create();
      const waybill = String(answer.data.ORDER_NUMBER);
      waybills.push(waybill);
      await update(waybill, 1);
      await sandbox.advance(waybill, 501);
    }
    await sandbox.webhooksIdle();
    expect(historyOf(sandbox, waybills[0]!)).toEqual([
      -100, 100, 102, 103, 104, 105, 200, 300, 400, 500, 501,
    ]);
    expect(historyOf(sandbox, waybills[1]!)).toEqual([-100, 100, -108, 200, 300, 400, 500, 501]);
    expect(historyOf(sandbox, waybills[2]!)).toEqual([-100, 100, -109, -110, 200, 300, 400, 500, 501]);
    const sent = sandbox.state.webhookDeliveries().filter((d) => d.ok && d.status < -100);
    expect(sent.map((d) => d.status).sort()).toEqual([-108, -109, -110].sort());
  });

  it('an order handed in at a post office (−108) can still be cancelled and edited', async () => {
    const { sandbox, create, update, client, token, ids } = await setup({ firstMile: 'postOffice' });
    const waybill = String((await create()).data.ORDER_NUMBER);
    await update(waybill, 1);
    await sandbox.advance(waybill, -108);
    const edit = await client.post<Envelope>(
      '/v2/order/edit',
      orderBody(ids, { ORDER_NUMBER: waybill, ORDER_NOTE: 'Gọi trước' }),
      token,
    );
    expect(edit.error).toBe(false);
    const cancel = await update(waybill, 4);
    expect(cancel).toMatchObject({ error: false, message: 'Hủy đơn hàng thành công' });
    expect(sandbox.state.orderByWaybill(waybill)!.status).toBe(107);
  });

  it('duplicateRefusalMessage replaces the wording of the CHECK_UNIQUE refusal', async () => {
    const wording = 'Yêu cầu bị từ chối: mã này đã ghi nhận trước đó';
    const { sandbox, create } = await setup({ duplicateRefusalMessage: wording });
    const first = await create({ ORDER_NUMBER: 'ADV-DUP-1', CHECK_UNIQUE: true });
    expect(first.error).toBe(false);
    const second = await create({ ORDER_NUMBER: 'ADV-DUP-1', CHECK_UNIQUE: true });
    expect(second).toMatchObject({ error: true, message: wording });
    expect(sandbox.state.ordersByReference('ADV-DUP-1')).toHaveLength(1);
  });

  it('refusePseudoDistrict: the pseudo-district is refused with a new ward, district 0 is accepted', async () => {
    const { sandbox, client, token, ids } = await setup({ refusePseudoDistrict: true });
    const hanoi = 1;
    const wards = (
      await client.get<Envelope<Array<{ WARDS_ID: number }>>>(
        `/v3/categories/listWardsNew?provinceId=${hanoi}`,
      )
    ).data;
    const newWard = wards[0]!.WARDS_ID;
    const priced = (district: number) =>
      client.post<Envelope>(
        '/v2/order/getPrice',
        {
          SENDER_PROVINCE: ids.quangTri,
          SENDER_DISTRICT: ids.vinhLinh,
          RECEIVER_PROVINCE: hanoi,
          RECEIVER_DISTRICT: district,
          RECEIVER_WARD: newWard,
          PRODUCT_WEIGHT: 1000,
          PRODUCT_TYPE: 'HH',
          ORDER_SERVICE: 'VCN',
          NATIONAL_TYPE: 1,
        },
        token,
      );
    expect(await priced(100_000_000 + hanoi)).toMatchObject({
      error: true,
      message: 'Incorrect data: RECEIVER_DISTRICT',
    });
    expect((await priced(0)).error).toBe(false);
    expect(sandbox.state.requests().filter((r) => r.operation === 'getPrice')).toHaveLength(2);
  });

  it('webhook jitter delays deliveries but still delivers every event once, in order per order', async () => {
    const { sandbox, create, update } = await setup({ firstMile: 'pickup', webhookChaos: { jitterMs: 30 } });
    const waybill = String((await create()).data.ORDER_NUMBER);
    await update(waybill, 1);
    await sandbox.advance(waybill, 501);
    await sandbox.webhooksIdle();
    const delivered = sandbox.state.webhookDeliveries().filter((d) => d.waybill === waybill && d.ok);
    expect(delivered.map((d) => d.status)).toEqual([-100, 100, 102, 103, 104, 105, 200, 300, 400, 500, 501]);
  });
});
