import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createImagePreparer } from '../../src/images/image-preparer.js';
import type { ProductInput } from '../../src/model/product.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import type { MarketplaceAdapter } from '../../src/platforms/types.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../src/sandbox/index.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../../src/sandbox/marketplace/types.js';
import {
  type CatalogInput,
  type CategoryMap,
  type PublishOptions,
  type PublishReport,
  publish,
} from '../../src/sync/index.js';

/** The category map the seeds use: our OCOP product group → platform leaf categories. */
export const CATEGORIES: CategoryMap = {
  voso: {
    'mat-ong': { categoryId: '1001' },
    gao: { categoryId: '1002' },
    'nuoc-mam': { categoryId: '1003' },
    tra: { categoryId: '1101' },
  },
  postmart: {
    'mat-ong': { categoryId: '2001' },
    gao: { categoryId: '2002' },
    'nuoc-mam': { categoryId: '2003' },
    tra: { categoryId: '2101' },
  },
};

const HINTS = ['mat-ong', 'gao', 'nuoc-mam', 'tra'];

/** The seeds' own category hints (Vietnamese product groups) → leaf categories of each sandbox. */
const SEED_HINTS: Record<string, [string, string]> = {
  'Mật ong': ['1001', '2001'],
  'Gạo - ngũ cốc': ['1002', '2002'],
  'Bột - tinh bột': ['1002', '2002'],
  'Bún - miến - phở khô': ['1002', '2002'],
  'Đặc sản - ăn vặt': ['1002', '2002'],
  'Nước mắm': ['1003', '2003'],
  'Dầu ăn - gia vị': ['1003', '2003'],
  'Trái cây tươi': ['1004', '2004'],
  'Trà - đồ uống': ['1101', '2101'],
  'Thảo dược': ['1201', '2201'],
};
for (const [hint, [v, p]] of Object.entries(SEED_HINTS)) {
  (CATEGORIES as Record<string, Record<string, { categoryId: string }>>).voso![hint] = { categoryId: v };
  (CATEGORIES as Record<string, Record<string, { categoryId: string }>>).postmart![hint] = { categoryId: p };
}

const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** seeds/catalog.json with image paths made absolute (they are relative to the seeds folder). */
export function loadSeedCatalog(): ProductInput[] {
  const raw = JSON.parse(readFileSync(join(SEEDS_DIR, 'catalog.json'), 'utf8')) as ProductInput[];
  return raw.map((p) => ({
    ...p,
    images: (p.images ?? []).map((img) =>
      'path' in img ? { ...img, path: join(SEEDS_DIR, img.path) } : img,
    ),
  }));
}

/** A distinct 800×800 JPEG per seed (both platforms accept it after preparation). */
export async function makeJpeg(seed: number, size = 800): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const r = (seed * 67) % 256;
  const g = (seed * 131) % 256;
  const b = (seed * 29 + 71) % 256;
  const stripe = await sharp({
    create: { width: size, height: 40, channels: 3, background: { r: b, g: r, b: g } },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width: size, height: size, channels: 3, background: { r, g, b } } })
    .composite([{ input: stripe, top: (seed * 37) % (size - 40), left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * Bytes a stand-in preparer can give (no encoder needed): a JPEG's start and end markers around `text`,
 * so each text is different bytes and the upload check (a whole image of its type) passes.
 */
export function jpegShaped(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text), Buffer.from([0xff, 0xd9])]);
}

export function makeProduct(
  i: number,
  images: Buffer[] = [],
  overrides: Partial<ProductInput> = {},
): ProductInput {
  const code = String(i).padStart(5, '0');
  return {
    sku: `OCOP-${code}`,
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
    priceVnd: 150_000 + i * 1000,
    stock: 10 + (i % 7),
    weightGrams: 700,
    ...overrides,
  };
}

export interface Platforms {
  vosoSandbox: MarketplaceSandbox;
  postmartSandbox: MarketplaceSandbox;
  adapters: MarketplaceAdapter[];
  close(): Promise<void>;
}

export interface PlatformsOptions {
  sandbox?: MarketplaceSandboxOptions;
  /** Client-side limit; the sandbox's own limit is set to the same value. @default sandbox defaults */
  rps?: number;
  retries?: number;
}

/** Both marketplace sandboxes on loopback and an adapter for each, limited exactly like the sandbox. */
export async function startPlatforms(options: PlatformsOptions = {}): Promise<Platforms> {
  const sandboxOptions: MarketplaceSandboxOptions = { ...options.sandbox };
  if (options.rps !== undefined) sandboxOptions.rateLimitRps = options.rps;
  const [vosoSandbox, postmartSandbox] = await Promise.all([
    startVosoSandbox(sandboxOptions),
    startPostmartSandbox(sandboxOptions),
  ]);
  const { adapters, close } = adaptersFor(vosoSandbox, postmartSandbox, options);
  return {
    vosoSandbox,
    postmartSandbox,
    adapters,
    async close() {
      await close();
      await Promise.all([vosoSandbox.close(), postmartSandbox.close()]);
    },
  };
}

export function adaptersFor(
  vosoSandbox: {
    baseUrl: string;
    credentials: { username: string; password: string; customerCode?: string };
  },
  postmartSandbox: {
    baseUrl: string;
    credentials: { username: string; password: string; customerCode?: string };
  },
  options: PlatformsOptions = {},
): { adapters: MarketplaceAdapter[]; close(): Promise<void> } {
  const limits = (rps: number) => ({ shared: { requestsPerSecond: rps } });
  // Short waits: a 5xx storm must fail fast in tests.
  const retry =
    options.retries !== undefined
      ? { retry: { retries: options.retries, initialDelayMs: 20, maxDelayMs: 100 } }
      : {};
  const v = voso({
    baseUrl: vosoSandbox.baseUrl,
    credentials: { username: vosoSandbox.credentials.username, password: vosoSandbox.credentials.password },
    rateLimits: limits(options.rps ?? 20),
    ...retry,
  });
  const p = postmart({
    baseUrl: postmartSandbox.baseUrl,
    credentials: {
      username: postmartSandbox.credentials.username,
      password: postmartSandbox.credentials.password,
      customerCode: postmartSandbox.credentials.customerCode ?? '',
    },
    rateLimits: limits(options.rps ?? 10),
    ...retry,
  });
  const adapters = [v, p];
  return {
    adapters,
    async close() {
      await Promise.all(adapters.map((a) => a.close()));
    },
  };
}

export { createImagePreparer };

/** `publish` as the sandbox tests run it: images prepared, the seeds' categories, unless `options` says otherwise. */
export function publishPrepared(
  catalog: CatalogInput,
  options: Omit<PublishOptions, 'categories'> & Partial<Pick<PublishOptions, 'categories'>>,
): Promise<PublishReport> {
  return publish(catalog, { images: createImagePreparer(), categories: CATEGORIES, ...options });
}
