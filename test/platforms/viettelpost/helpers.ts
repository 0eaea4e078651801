import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { Contact, Parcel } from '../../../src/model/shipment.js';
import { type ViettelPostAdapter, viettelpost } from '../../../src/platforms/viettelpost/index.js';
import { startViettelPostSandbox, type ViettelPostSandbox } from '../../../src/sandbox/index.js';

/** A webhook receiver on loopback: records raw bodies + headers, always answers 200 (as VTP expects). */
export interface WebhookReceiver {
  url: string;
  deliveries: Array<{ rawBody: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: WebhookReceiver['deliveries'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ rawBody: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/vtp/webhook`,
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

/** A producer in the former Vĩnh Linh district, written in the 2025 two-level structure. */
export const SENDER_2025: Contact = {
  name: 'HTX Nông sản Vĩnh Linh',
  phone: '0912.345.678',
  address: { street: '36 Lê Duẩn, khóm 3', ward: 'Xã Vĩnh Linh', province: 'Quảng Trị' },
};

/** The same producer in the legacy three-level structure. */
export const SENDER_LEGACY: Contact = {
  name: 'HTX Nông sản Vĩnh Linh',
  phone: '0912345678',
  address: {
    street: '36 Lê Duẩn, khóm 3',
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

/**
 * Before the suite's tests: the ViettelPost sandbox (no step delay) and an adapter logged in as its member,
 * handed to `use` (`useViettelPostMember((made) => { ({ box, vtp } = made); })`); both closed after.
 */
export function useViettelPostMember(
  use: (made: { box: ViettelPostSandbox; vtp: ViettelPostAdapter }) => void,
): void {
  let made: { box: ViettelPostSandbox; vtp: ViettelPostAdapter } | undefined;
  beforeAll(async () => {
    const box = await startViettelPostSandbox({ stepMs: 0 });
    made = { box, vtp: viettelpost({ baseUrl: box.url, credentials: box.memberCredentials }) };
    use(made);
  });
  afterAll(async () => {
    await made?.vtp.close();
    await made?.box.close();
  });
}
