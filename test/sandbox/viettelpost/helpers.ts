import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ViettelPostSandbox } from '../../../src/sandbox/index.js';

export interface Envelope<T = unknown> {
  status: number;
  error: boolean;
  message: string;
  data: T;
}

export interface HttpAnswer<T = unknown> {
  httpStatus: number;
  body: T;
}

/** Plain-fetch client for the sandbox (deliberately not the adapter). */
export function vtpClient(sandbox: ViettelPostSandbox) {
  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token !== undefined) headers.Token = options.token;
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { httpStatus: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }
  return {
    call,
    post: async <T = unknown>(path: string, body: unknown, token?: string) =>
      (await call<T>('POST', path, { body, token })).body,
    get: async <T = unknown>(path: string, token?: string) => (await call<T>('GET', path, { token })).body,
  };
}

export type VtpClient = ReturnType<typeof vtpClient>;

interface TokenData {
  token: string;
  userId: number;
  partner: number;
  expired: number;
}

/** Login → ownerconnect with the same account: the documented two-step flow. */
export async function longToken(
  client: VtpClient,
  credentials: { username: string; password: string },
): Promise<string> {
  const body = { USERNAME: credentials.username, PASSWORD: credentials.password };
  const login = await client.post<Envelope<TokenData>>('/v2/user/Login', body);
  if (login.error) throw new Error(login.message);
  const owner = await client.post<Envelope<TokenData>>('/v2/user/ownerconnect', body, login.data.token);
  if (owner.error) throw new Error(owner.message);
  return owner.data.token;
}

export interface CatalogIds {
  quangTri: number;
  vinhLinh: number;
  hoXaOld: number;
  vinhThuyOld: number;
  vinhThuyNew: number;
  vinhLinhNew: number;
  haNoi: number;
  cauGiay: number;
  dichVongOld: number;
  hcm: number;
  hcmDistrict1: number;
  benNgheOld: number;
  daNang: number;
  quangBinh: number;
}

type Row = Record<string, string | number>;

/** Looks the ids the tests need up over HTTP, by name, the way an integrator would. */
export async function lookupIds(client: VtpClient): Promise<CatalogIds> {
  const provinces = (await client.get<Envelope<Row[]>>('/v2/categories/listProvinceById?provinceId=-1')).data;
  const province = (name: string) => Number(provinces.find((p) => p.PROVINCE_NAME === name)!.PROVINCE_ID);
  const district = async (provinceId: number, name: string) => {
    const rows = (await client.get<Envelope<Row[]>>(`/v2/categories/listDistrict?provinceId=${provinceId}`))
      .data;
    return Number(rows.find((d) => d.DISTRICT_NAME === name)!.DISTRICT_ID);
  };
  const ward = async (districtId: number, name: string) => {
    const rows = (await client.get<Envelope<Row[]>>(`/v2/categories/listWards?districtId=${districtId}`))
      .data;
    return Number(rows.find((w) => w.WARDS_NAME === name)!.WARDS_ID);
  };
  const quangTri = province('QUẢNG TRỊ');
  const vinhLinh = await district(quangTri, 'HUYỆN VĨNH LINH');
  const newWards = (await client.get<Envelope<Row[]>>(`/v3/categories/listWardsNew?provinceId=${quangTri}`))
    .data;
  const newWard = (name: string) => Number(newWards.find((w) => w.WARDS_NAME === name)!.WARDS_ID);
  const haNoi = province('HÀ NỘI');
  const cauGiay = await district(haNoi, 'QUẬN CẦU GIẤY');
  const hcm = province('HỒ CHÍ MINH');
  const hcmDistrict1 = await district(hcm, 'QUẬN 1');
  return {
    quangTri,
    vinhLinh,
    hoXaOld: await ward(vinhLinh, 'THỊ TRẤN HỒ XÁ'),
    vinhThuyOld: await ward(vinhLinh, 'XÃ VĨNH THỦY'),
    vinhThuyNew: newWard('XÃ VĨNH THỦY'),
    vinhLinhNew: newWard('XÃ VĨNH LINH'),
    haNoi,
    cauGiay,
    dichVongOld: await ward(cauGiay, 'PHƯỜNG DỊCH VỌNG'),
    hcm,
    hcmDistrict1,
    benNgheOld: await ward(hcmDistrict1, 'PHƯỜNG BẾN NGHÉ'),
    daNang: province('ĐÀ NẴNG'),
    quangBinh: province('QUẢNG BÌNH'),
  };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: { DATA: Record<string, unknown>; TOKEN: string };
}

/** A local webhook receiver; `answer` decides the HTTP status per request (default 200). */
export async function startWebhookReceiver(answer: (index: number) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  let index = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answer(index++);
      if (status === 200) {
        received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      }
      res.writeHead(status).end(status === 200 ? 'OK' : 'NO');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vtp-hook`;
  return {
    url,
    received,
    statuses: (waybill: string) =>
      received
        .filter((r) => r.body.DATA.ORDER_NUMBER === waybill)
        .map((r) => Number(r.body.DATA.ORDER_STATUS)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A valid createOrder body from Vĩnh Linh (old ids) to Cầu Giấy, Hà Nội. */
export function orderBody(ids: CatalogIds, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ORDER_NUMBER: `OCOP-${Math.random().toString(36).slice(2, 10)}`,
    GROUPADDRESS_ID: 0,
    CUS_ID: 0,
    DELIVERY_DATE: '27/11/2026 09:00:00',
    SENDER_FULLNAME: 'HTX Nông sản Vĩnh Linh',
    SENDER_ADDRESS: '36 Lê Duẩn, khóm 3, thị trấn Hồ Xá',
    SENDER_PHONE: '0912.345.678',
    SENDER_PROVINCE: ids.quangTri,
    SENDER_DISTRICT: ids.vinhLinh,
    SENDER_WARD: ids.hoXaOld,
    RECEIVER_FULLNAME: 'Nguyễn Thị Mai',
    RECEIVER_ADDRESS: '144 Xuân Thủy, Dịch Vọng, Cầu Giấy, Hà Nội',
    RECEIVER_PHONE: '0987654321',
    RECEIVER_PROVINCE: ids.haNoi,
    RECEIVER_DISTRICT: ids.cauGiay,
    RECEIVER_WARD: ids.dichVongOld,
    PRODUCT_NAME: 'Hồ tiêu Vĩnh Linh 500g',
    PRODUCT_QUANTITY: 2,
    PRODUCT_PRICE: 240000,
    PRODUCT_WEIGHT: 1000,
    PRODUCT_TYPE: 'HH',
    ORDER_PAYMENT: 3,
    ORDER_SERVICE: 'VCN',
    ORDER_SERVICE_ADD: '',
    ORDER_NOTE: 'Cho xem hàng, không cho thử',
    MONEY_COLLECTION: 240000,
    CHECK_UNIQUE: true,
    ...overrides,
  };
}
