import { generateKeyPairSync } from 'node:crypto';
import { MemoryTokenStore } from '../../src/core/auth/token-store.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { startVnpostSandbox } from '../../src/sandbox/index.js';
import { type CarrierDelivery, defineCarrierContract } from './carrier-contract.js';
import { startReceiver } from './fixtures.js';

defineCarrierContract({
  carrier: 'vnpost',
  capabilities: { cancel: true, labels: true },
  async start() {
    const receiver = await startReceiver();
    const sandbox = await startVnpostSandbox({
      stepMs: 0,
      webhookRetryDelayMs: 10,
      webhookUrl: receiver.url,
    });
    const tokenStore = new MemoryTokenStore();
    // Someone without VNPost's private key: a correct payload shape, signed with another key.
    const impostorKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return {
      adapter: (extra = {}) =>
        vnpost({
          baseUrl: sandbox.url,
          credentials: sandbox.credentials,
          tokenStore,
          webhookPublicKey: sandbox.webhookPublicKey,
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
          trackingNumber: order.itemCode,
          cancelled: order.status === '9',
          weightGrams: order.weightGrams,
          codAmountVnd: order.codAmountVnd,
        })),
      requestCount: () => sandbox.state.requestCount(),
      dropNextCreateAnswer: () => sandbox.setFaults({ dropResponseAfterCommit: { createOrder: 1 } }),
      async deliver(trackingNumber) {
        await sandbox.advance(trackingNumber, '14');
        await sandbox.webhooksIdle();
      },
      deliveries: () =>
        receiver.received.map((d) => ({ rawBody: d.rawBody.toString('utf8'), headers: d.headers })),
      webhooksIdle: () => sandbox.webhooksIdle(),
      forge(delivery: CarrierDelivery): CarrierDelivery {
        const body = JSON.parse(delivery.rawBody) as { data: Record<string, unknown>[]; sendDate: string };
        return {
          rawBody: sandbox.webhookPayload(body.data, body.sendDate, impostorKey),
          headers: { 'content-type': 'application/json' },
        };
      },
      async close() {
        await sandbox.close();
        await receiver.close();
      },
    };
  },
});
