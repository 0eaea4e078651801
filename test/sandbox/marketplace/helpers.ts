/** Plain-fetch helpers for the marketplace sandbox tests (no adapter code on purpose). */
import type { MarketplaceSandbox } from '../../../src/sandbox/index.js';

export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test payloads are inspected field by field
  json: any;
}

export async function call(
  sandbox: MarketplaceSandbox,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: Buffer | FormData } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.token = options.token;
  let body: RequestInit['body'];
  if (options.raw !== undefined)
    body = options.raw instanceof Buffer ? new Uint8Array(options.raw) : options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(sandbox.baseUrl + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

export async function vosoLogin(sandbox: MarketplaceSandbox): Promise<string> {
  const result = await call(sandbox, 'POST', '/auth/login', {
    body: { USERNAME: sandbox.credentials.username, PASSWORD: sandbox.credentials.password },
  });
  if (result.json?.error !== false) throw new Error(`login failed: ${JSON.stringify(result.json)}`);
  return result.json.data.TOKEN;
}

export async function postmartLogin(sandbox: MarketplaceSandbox): Promise<string> {
  const result = await call(sandbox, 'POST', '/GetAccessToken', {
    body: {
      username: sandbox.credentials.username,
      password: sandbox.credentials.password,
      customerCode: sandbox.credentials.customerCode,
    },
  });
  if (result.json?.success !== true) throw new Error(`login failed: ${JSON.stringify(result.json)}`);
  return result.json.token;
}

/** A PNG header (signature + IHDR) padded to `totalBytes`: enough for the sandbox's header probe. */
export function fakePng(width: number, height: number, totalBytes = 2048): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header[24] = 8;
  header[25] = 2;
  return Buffer.concat([header, Buffer.alloc(Math.max(0, totalBytes - header.length), 7)]);
}

/** A JPEG with APP0 + SOF0 segments padded to `totalBytes`; `salt` makes the bytes (and hash) unique. */
export function fakeJpeg(width: number, height: number, totalBytes = 4096, salt = 0): Buffer {
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]);
  const sof = Buffer.alloc(19);
  sof[0] = 0xff;
  sof[1] = 0xc0;
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof[9] = 3;
  const head = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
  const padding = Buffer.alloc(Math.max(0, totalBytes - head.length - 2), salt & 0xff);
  if (padding.length >= 4) padding.writeUInt32BE(salt >>> 0, 0);
  return Buffer.concat([head, padding, Buffer.from([0xff, 0xd9])]);
}

export function multipartImage(bytes: Buffer, contentType = 'image/jpeg', field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: contentType }), 'image.jpg');
  return form;
}

export async function vosoUpload(
  sandbox: MarketplaceSandbox,
  token: string,
  bytes: Buffer,
): Promise<CallResult> {
  return call(sandbox, 'POST', '/images', { token, raw: multipartImage(bytes) });
}

export async function postmartUpload(
  sandbox: MarketplaceSandbox,
  token: string,
  bytes: Buffer,
): Promise<CallResult> {
  return call(sandbox, 'POST', '/UploadImage', {
    token,
    raw: bytes,
    headers: { 'content-type': 'image/jpeg' },
  });
}

export function vosoHoney(imageId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SELLER_SKU: 'MO-HG-PARENT',
    PRODUCT_NAME: 'Mật ong bạc hà Hà Giang OCOP 4 sao',
    DESCRIPTION: 'Mật ong nguyên chất thu hoạch từ hoa bạc hà cao nguyên đá Đồng Văn.',
    CATEGORY_ID: 1001,
    ATTRIBUTES: [
      { CODE: 'ORIGIN', VALUE: 'Hà Giang' },
      { CODE: 'BRAND', VALUE: 'HTX Mật ong Mèo Vạc' },
      { CODE: 'SHELF_LIFE_DAYS', VALUE: 730 },
      { CODE: 'OCOP_STARS', VALUE: 4 },
    ],
    IMAGE_IDS: [imageId],
    WEIGHT_GRAM: 700,
    TIERS: [{ NAME: 'Dung tích', OPTIONS: ['250ml', '500ml'] }],
    VARIANTS: [
      { SELLER_SKU: 'MO-HG-250', TIER_INDEX: [0], PRICE: 150000, STOCK: 12 },
      { SELLER_SKU: 'MO-HG-500', TIER_INDEX: [1], PRICE: 280000, STOCK: 5 },
    ],
    ...overrides,
  };
}

export function postmartApples(
  imageId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    maSkuCha: 'TAO-ML-PARENT',
    tenSanPham: 'Táo đại Mường La HTX Hưng Thịnh hộp 5kg',
    moTa: 'Táo trồng trên cao nguyên Mường La, thu hoạch đúng vụ.',
    maDanhMuc: 2004,
    thuocTinh: { xuatXu: 'Sơn La', hanSuDungNgay: 15, saoOcop: '3' },
    hinhAnh: [imageId],
    khoiLuongGram: 5200,
    phanLoai: [{ ten: 'Quy cách', giaTri: ['Hộp 3kg', 'Hộp 5kg'] }],
    bienThe: [
      { maSku: 'TAO-ML-3KG', chiSoPhanLoai: [0], giaBan: 180000, tonKho: 20 },
      { maSku: 'TAO-ML-5KG', chiSoPhanLoai: [1], giaBan: 290000, tonKho: 8 },
    ],
    ...overrides,
  };
}

/** A mutable clock for token expiry and time windows. */
export function fakeClock(startMs = Date.UTC(2026, 10, 27, 7, 0, 0)) {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
