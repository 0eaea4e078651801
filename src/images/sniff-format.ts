import { z } from 'zod';
import { checkArgument, type Expected } from '../core/argument-guards.js';

const BYTES: Expected = {
  schema: z.instanceof(Uint8Array),
  vi: 'các byte (Uint8Array)',
  en: 'bytes (a Uint8Array)',
};

/** Formats recognised from their first bytes. Only some of them can be prepared. */
export type SniffedFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic' | 'tiff' | 'bmp' | 'ico';

/** What the pipeline decodes. HEIC is refused: prebuilt libvips has no HEVC decoder (patents). */
export const DECODABLE_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif'] as const;
export type DecodableFormat = (typeof DECODABLE_FORMATS)[number];

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** ISO-BMFF (`ftyp` box): AVIF and HEIC share the container; the brands tell them apart. */
function sniffIsoMedia(bytes: Uint8Array): SniffedFormat | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
    bytes.length,
    256,
  );
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIC_BRANDS.has(brand)) || brands.includes('mif1') || brands.includes('msf1')) {
    return 'heic';
  }
  return undefined;
}

/**
 * The format from the bytes' magic numbers. File extensions and Content-Type headers lie (a PNG
 * saved as .jpg, a CDN answering text/html), so they are never consulted.
 */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat | undefined {
  checkArgument(bytes, 'bytes', BYTES);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'gif';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 26) return 'bmp';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length >= 22) return 'ico';
  return sniffIsoMedia(bytes);
}

export function isDecodableFormat(format: SniffedFormat): format is DecodableFormat {
  return (DECODABLE_FORMATS as readonly string[]).includes(format);
}

export const CONTENT_TYPES: Record<SniffedFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heic: 'image/heic',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  ico: 'image/vnd.microsoft.icon',
};
