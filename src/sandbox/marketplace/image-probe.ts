/**
 * Reads an image's format and pixel size from its header bytes. The sandbox must not depend on sharp
 * (it checks a client that does), so only the PNG IHDR chunk and the JPEG SOFn segment are parsed.
 */
export interface ImageProbe {
  format: 'JPEG' | 'PNG' | 'GIF' | 'WEBP';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** SOF markers that carry frame dimensions (C4 = DHT, C8 = JPG, CC = DAC are not frames). */
const JPEG_SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

export function probeImage(bytes: Buffer): ImageProbe | undefined {
  if (isPng(bytes)) return probePng(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return probeJpeg(bytes);
  if (bytes.length >= 10 && bytes.subarray(0, 4).toString('latin1') === 'GIF8') {
    return { format: 'GIF', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    // Dimensions of WebP are irrelevant: neither platform accepts the format.
    return { format: 'WEBP', width: 0, height: 0 };
  }
  return undefined;
}

function isPng(bytes: Buffer): boolean {
  return bytes.length >= 24 && PNG_SIGNATURE.every((value, index) => bytes[index] === value);
}

function probePng(bytes: Buffer): ImageProbe | undefined {
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  return { format: 'PNG', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function probeJpeg(bytes: Buffer): ImageProbe | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    // Fill bytes (0xFF 0xFF …) may precede a marker.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = bytes.readUInt16BE(offset + 2);
    if (JPEG_SOF_MARKERS.has(marker)) {
      if (offset + 9 > bytes.length) return undefined;
      return {
        format: 'JPEG',
        height: bytes.readUInt16BE(offset + 5),
        width: bytes.readUInt16BE(offset + 7),
      };
    }
    offset += 2 + length;
  }
  return undefined;
}
