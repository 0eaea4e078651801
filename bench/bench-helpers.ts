import type { ProductInput } from '../src/model/product.js';
import { postmart } from '../src/platforms/postmart/index.js';
import type { MarketplaceAdapter } from '../src/platforms/types.js';
import { voso } from '../src/platforms/voso/index.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../src/sandbox/marketplace/types.js';
import { startPostmartSandbox } from '../src/sandbox/postmart/index.js';
import { startVosoSandbox } from '../src/sandbox/voso/index.js';
import type { CategoryMap } from '../src/sync/index.js';

export const BENCH_CATEGORIES: CategoryMap = {
  voso: { 'mat-ong': { categoryId: '1001' }, gao: { categoryId: '1002' }, tra: { categoryId: '1101' } },
  postmart: { 'mat-ong': { categoryId: '2001' }, gao: { categoryId: '2002' }, tra: { categoryId: '2101' } },
};
const HINTS = ['mat-ong', 'gao', 'tra'];

export function benchProduct(i: number, images: Uint8Array[] = []): ProductInput {
  const code = String(i).padStart(6, '0');
  return {
    sku: `BENCH-${code}`,
    name: `Mật ong bạc hà Hà Giang hộp số ${code}`,
    description: `Sản phẩm OCOP 4 sao số ${code}, thu hoạch từ cao nguyên đá Đồng Văn.`,
    brand: 'HTX Mật ong Mèo Vạc',
    categoryHints: [HINTS[i % HINTS.length]!],
    origin: 'Hà Giang',
    producer: {
      type: 'cooperative',
      name: 'HTX Mật ong Mèo Vạc',
      address: { ward: 'Thị trấn Mèo Vạc', district: 'Huyện Mèo Vạc', province: 'Hà Giang' },
    },
    ocop: {
      stars: 4,
      certificateNo: `${i + 100}/QĐ-UBND`,
      issuedBy: 'UBND tỉnh Hà Giang',
      issuedAt: '2024-05-10',
    },
    food: { netContent: { value: 500, unit: 'ml' }, shelfLifeDays: 730 },
    images: images.map((buffer) => ({ buffer: buffer as Uint8Array<ArrayBuffer> })),
    priceVnd: 150_000 + (i % 1000) * 100,
    stock: 10 + (i % 7),
    weightGrams: 700,
  };
}

/** A distinct JPEG per seed. */
export async function benchJpeg(seed: number, size = 640): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const r = (seed * 67) % 256;
  const g = (seed * 131) % 256;
  const b = (seed * 29 + 71) % 256;
  const band = await sharp({
    create: { width: size, height: 24, channels: 3, background: { r: b, g: r, b: g } },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width: size, height: size, channels: 3, background: { r, g, b } } })
    .composite([
      { input: band, top: seed % (size - 24), left: 0 },
      { input: band, top: (seed * 7) % (size - 24), left: 0 },
    ])
    .jpeg({ quality: 85 })
    .toBuffer();
}

export interface BenchPlatforms {
  sandboxes: MarketplaceSandbox[];
  adapters: MarketplaceAdapter[];
  close(): Promise<void>;
}

/** Both sandboxes limited to `rps`, and adapters whose limiter is set to exactly that (one shared class). */
export async function startBenchPlatforms(
  rps: number,
  sandboxOptions: MarketplaceSandboxOptions = {},
): Promise<BenchPlatforms> {
  const options = { ...sandboxOptions, rateLimitRps: rps };
  const [v, p] = await Promise.all([startVosoSandbox(options), startPostmartSandbox(options)]);
  // The sandbox allows `rps` requests in any rolling second, so a burst of `rps` is within its limit.
  // The client counts a request until 1 s after its ANSWER, the sandbox from its arrival: that already
  // leaves at least the latency as a margin, so no extra window margin is needed on loopback.
  // BENCH_LIMITER=default keeps the pipeline's defaults (evenly spaced, 25 ms margin) for comparison.
  const rateLimits =
    process.env.BENCH_LIMITER === 'default'
      ? { shared: { requestsPerSecond: rps } }
      : { shared: { requestsPerSecond: rps, burst: rps, windowMarginMs: 0 } };
  const adapters = [
    voso({
      baseUrl: v.baseUrl,
      credentials: { username: v.credentials.username, password: v.credentials.password },
      rateLimits,
    }),
    postmart({
      baseUrl: p.baseUrl,
      credentials: {
        username: p.credentials.username,
        password: p.credentials.password,
        customerCode: p.credentials.customerCode ?? '',
      },
      rateLimits,
    }),
  ];
  return {
    sandboxes: [v, p],
    adapters,
    async close() {
      await Promise.all(adapters.map((a) => a.close()));
      await Promise.all([v.close(), p.close()]);
    },
  };
}
