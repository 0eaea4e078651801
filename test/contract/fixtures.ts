import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { type Product, type ProductInput, ProductSchema } from '../../src/model/product.js';
import { contentHashOf } from './hash.js';

/** A real JPEG (not a stub): square, 600 px, small enough for every platform's byte limit. */
export async function smallJpeg(shade = 180): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 600, channels: 3, background: { r: shade, g: 140, b: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

export async function jpegUpload(shade?: number) {
  const bytes = await smallJpeg(shade);
  return { bytes, contentType: 'image/jpeg', contentHash: contentHashOf(bytes) };
}

/** An OCOP honey product with two variants; every SKU starts with `prefix` so tests never collide. */
export function honeyProduct(prefix: string, overrides: Partial<ProductInput> = {}): Product {
  return ProductSchema.parse({
    sku: `${prefix}-MO`,
    name: 'Mật ong bạc hà Hà Giang OCOP 4 sao',
    description: 'Mật ong nguyên chất thu hoạch từ hoa bạc hà trên cao nguyên đá Đồng Văn.',
    brand: 'HTX Mật ong Mèo Vạc',
    categoryHints: ['mat-ong'],
    origin: 'Hà Giang',
    producer: {
      type: 'cooperative',
      name: 'HTX Mật ong Mèo Vạc',
      address: { ward: 'Xã Pả Vi', district: 'Huyện Mèo Vạc', province: 'Hà Giang' },
    },
    ocop: { stars: 4, certificateNo: '123/QĐ-UBND', issuedBy: 'UBND tỉnh Hà Giang', issuedAt: '2024-01-15' },
    food: { netContent: { value: 500, unit: 'ml' }, shelfLifeDays: 730, storage: 'Nơi khô ráo, thoáng mát' },
    images: [{ path: '/photos/mat-ong.jpg' }],
    variants: [
      {
        sku: `${prefix}-MO-250`,
        options: { 'Dung tích': '250ml' },
        priceVnd: 150_000,
        stock: 60,
        weightGrams: 400,
      },
      {
        sku: `${prefix}-MO-500`,
        options: { 'Dung tích': '500ml' },
        priceVnd: 280_000,
        stock: 50,
        weightGrams: 700,
      },
    ],
    ...overrides,
  });
}

export interface CapturedRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** A loopback receiver for webhook deliveries; keeps the raw bytes exactly as sent. */
export async function startReceiver(): Promise<{
  url: string;
  received: CapturedRequest[];
  close(): Promise<void>;
}> {
  const received: CapturedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
