import { MemoryTokenStore } from '../../src/core/auth/token-store.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { startViettelPostSandbox } from '../../src/sandbox/index.js';
import { type CarrierDelivery, defineCarrierContract } from './carrier-contract.js';
import { startReceiver } from './fixtures.js';

const WEBHOOK_SECRET = 'carrier-contract-vtp-secret-2026';

defineCarrierContract({
  carrier: 'viettelpost',
  capabilities: { cancel: true, labels: true },
  async start() {
    const receiver = await startReceiver();
    // firstMile 'mixed': journeys go through the negative pre-pickup codes too.
    const sandbox = await startViettelPostSandbox({ stepMs: 0, webhookRetryDelayMs: 10, firstMile: 'mixed' });
    sandbox.setWebhook(receiver.url, WEBHOOK_SECRET);
    const tokenStore = new MemoryTokenStore();
    return {
      adapter: (extra = {}) =>
        viettelpost({
          baseUrl: sandbox.url,
          credentials: sandbox.memberCredentials,
          tokenStore,
          webhookSecret: WEBHOOK_SECRET,
          labelHost: sandbox.url,
          retry: { initialDelayMs: 5, maxDelayMs: 20 },
          ...(extra.store ? { store: extra.store } : {}),
          ...(extra.logger ? { logger: extra.logger } : {}),
        }),
      sender: {
        name: 'HTX Nông sản Vĩnh Linh',
        phone: '0912345678',
        address: { street: '36 Lê Duẩn, khóm 3', ward: 'Xã Vĩnh Linh', province: 'Quảng Trị' },
      },
      receiver: {
        name: 'Chị Nguyễn Thị Lan',
        phone: '0987654321',
        address: { street: '144 Xuân Thủy', ward: 'Phường Cầu Giấy', province: 'TP. Hà Nội' },
      },
      legacyAddress: {
        street: '36 Lê Duẩn',
        ward: 'Thị trấn Hồ Xá',
        district: 'Huyện Vĩnh Linh',
        province: 'Quảng Trị',
      },
      ordersByReference: (reference) =>
        sandbox.state.ordersByReference(reference).map((order) => ({
          trackingNumber: order.waybill,
          cancelled: order.status === 107,
          weightGrams: order.weightGrams,
          codAmountVnd: order.codVnd,
        })),
      requestCount: () => sandbox.state.requestCount(),
      dropNextCreateAnswer: () => sandbox.setFaults({ dropResponseAfterCommit: { createOrder: 1 } }),
      async deliver(trackingNumber) {
        await sandbox.advance(trackingNumber, 501);
        await sandbox.webhooksIdle();
      },
      deliveries: () =>
        receiver.received.map((d) => ({ rawBody: d.rawBody.toString('utf8'), headers: d.headers })),
      webhooksIdle: () => sandbox.webhooksIdle(),
      forge(delivery: CarrierDelivery): CarrierDelivery {
        const body = JSON.parse(delivery.rawBody) as { DATA: unknown; TOKEN?: unknown };
        return {
          rawBody: JSON.stringify({ ...body, TOKEN: 'guessed-webhook-token' }),
          headers: { 'content-type': 'application/json', authorization: 'guessed-webhook-token' },
        };
      },
      async close() {
        await sandbox.close();
        await receiver.close();
      },
    };
  },
});
