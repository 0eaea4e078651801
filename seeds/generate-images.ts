/**
 * Generates the sample product images in seeds/images/: one 1200×1200 JPEG per product, a flat
 * colour with the product name written on it. They are placeholders made by this script, not
 * photographs. Run: `npx tsx seeds/generate-images.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const SEEDS_DIR = dirname(fileURLToPath(import.meta.url));
const SIZE_PX = 1200;
const FONT_SIZE_PX = 84;
const MAX_LINE_CHARS = 18;
const JPEG_QUALITY = 78;
const MAX_FILE_BYTES = 60 * 1024;

interface SeedProduct {
  sku: string;
  name: string;
  ocop?: { stars: number };
  images: Array<{ path?: string }>;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Greedy word wrap; Vietnamese words are short, so this keeps every name within 4 lines. */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A stable, fairly dark colour per SKU so white text stays readable. */
function colourFor(sku: string): { r: number; g: number; b: number } {
  const digest = createHash('sha256').update(sku).digest();
  const channel = (i: number) => 40 + ((digest[i] ?? 0) % 120);
  return { r: channel(0), g: channel(1), b: channel(2) };
}

function overlaySvg(product: SeedProduct): string {
  const lines = wrap(product.name, MAX_LINE_CHARS);
  const lineHeight = FONT_SIZE_PX * 1.25;
  const top = SIZE_PX / 2 - ((lines.length - 1) * lineHeight) / 2;
  const text = lines
    .map(
      (line, i) =>
        `<text x="600" y="${Math.round(top + i * lineHeight)}" font-size="${FONT_SIZE_PX}" font-weight="bold">${escapeXml(line)}</text>`,
    )
    .join('');
  const stars = product.ocop ? `<text x="600" y="200" font-size="72">OCOP ${'★'.repeat(product.ocop.stars)}</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE_PX}" height="${SIZE_PX}">
  <g font-family="DejaVu Sans, Arial, sans-serif" fill="#ffffff" text-anchor="middle" dominant-baseline="middle">
    ${stars}${text}
    <text x="600" y="1080" font-size="40" fill-opacity="0.8">Ảnh minh họa, tạo tự động · ${escapeXml(product.sku)}</text>
  </g>
</svg>`;
}

async function main(): Promise<void> {
  const catalog = JSON.parse(readFileSync(join(SEEDS_DIR, 'catalog.json'), 'utf8')) as SeedProduct[];
  for (const product of catalog) {
    for (const image of product.images) {
      if (image.path === undefined) continue;
      const target = join(SEEDS_DIR, image.path);
      await mkdir(dirname(target), { recursive: true });
      const info = await sharp({
        create: { width: SIZE_PX, height: SIZE_PX, channels: 3, background: colourFor(product.sku) },
      })
        .composite([{ input: Buffer.from(overlaySvg(product)), top: 0, left: 0 }])
        .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
        .toFile(target);
      if (info.size > MAX_FILE_BYTES) throw new Error(`${image.path} is ${info.size} bytes (limit ${MAX_FILE_BYTES})`);
      console.log(`${image.path}  ${info.width}×${info.height}  ${info.size} bytes`);
    }
  }
}

await main();
