/**
 * Inputs of the marketplace contract suite, exported so an adapter's own extra cases can use the same
 * product and image: an OCOP honey product with two variants, and a real JPEG made with sharp.
 */
import { createHash } from 'node:crypto';
import { type ImageUpload, type Product, type ProductInput, ProductSchema } from 'ocop-connect';

/** A real JPEG (not a stub): square, 600 px, small enough for every platform's byte limit. */
export async function smallJpeg(shade = 180): Promise<Buffer> {
  // sharp is a native module: loaded only when an image is made, like everywhere else in the library.
  const { default: sharp } = await import('sharp');
  return sharp({ create: { width: 600, height: 600, channels: 3, background: { r: shade, g: 140, b: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** {@link smallJpeg} as an upload (bytes, content type and SHA-256). */
export async function jpegUpload(shade?: number): Promise<ImageUpload> {
  const bytes = await smallJpeg(shade);
  return { bytes, contentType: 'image/jpeg', contentHash: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * An OCOP honey product with two variants (`<prefix>-MO-250`, `<prefix>-MO-500`, tier 'Dung tích');
 * every SKU starts with `prefix` so cases never collide.
 */
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
