import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Contact, Parcel } from '../../../src/model/shipment.js';
import { type VnpostAdapter, type VnpostOptions, vnpost } from '../../../src/platforms/vnpost/index.js';
import {
  startVnpostSandbox,
  type VnpostSandbox,
  type VnpostSandboxOptions,
} from '../../../src/sandbox/index.js';

/** A webhook receiver on loopback: records raw bodies; answers `statuses` in turn, then 200. */
export interface WebhookReceiver {
  url: string;
  deliveries: Array<{ rawBody: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(statuses: number[] = []): Promise<WebhookReceiver> {
  const deliveries: WebhookReceiver['deliveries'] = [];
  const queue = [...statuses];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ rawBody: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(queue.shift() ?? 200, { 'content-type': 'application/json' });
      res.end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/vnpost/webhook`,
    deliveries,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export const PARCEL: Parcel = {
  weightGrams: 1200,
  lengthCm: 20,
  widthCm: 15,
  heightCm: 10,
  declaredValueVnd: 350_000,
  kind: 'goods',
  items: [{ name: 'Hạt tiêu Vĩnh Linh OCOP 4 sao', quantity: 2, priceVnd: 175_000, weightGrams: 600 }],
  description: 'Hạt tiêu đen đóng túi 500 g',
};

/** 2025 two-level address (no district). */
export const SENDER_2025: Contact = {
  name: 'HTX Nông sản Vĩnh Linh',
  phone: '0912345678',
  address: { street: '36 Lê Duẩn, khóm 3', ward: 'Xã Vĩnh Linh', province: 'Quảng Trị' },
};

export const SENDER_LEGACY: Contact = {
  name: 'HTX Nông sản Vĩnh Linh',
  phone: '0912345678',
  address: {
    street: '36 Lê Duẩn',
    ward: 'Thị trấn Hồ Xá',
    district: 'Huyện Vĩnh Linh',
    province: 'Quảng Trị',
  },
};

export const RECEIVER: Contact = {
  name: 'Chị Nguyễn Thị Lan',
  phone: '0987654321',
  address: { street: '144 Xuân Thủy', ward: 'Phường Cầu Giấy', province: 'TP. Hà Nội' },
};

export interface Harness {
  sandbox: VnpostSandbox;
  adapter: VnpostAdapter;
  close(): Promise<void>;
}

export async function startHarness(
  sandboxOptions: VnpostSandboxOptions = {},
  adapterOptions: Partial<VnpostOptions> = {},
): Promise<Harness> {
  const sandbox = await startVnpostSandbox({ stepMs: 0, webhookRetryDelayMs: 20, ...sandboxOptions });
  const adapter = vnpost({
    baseUrl: sandbox.url,
    credentials: sandbox.credentials,
    webhookPublicKey: sandbox.webhookPublicKey,
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 5_000,
    ...adapterOptions,
  });
  return {
    sandbox,
    adapter,
    close: async () => {
      await adapter.close();
      await sandbox.close();
    },
  };
}
