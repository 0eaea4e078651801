import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import type { ImageSpecInput } from '../../src/model/image-spec.js';

export const SQUARE_SPEC: ImageSpecInput = {
  minWidth: 500,
  minHeight: 500,
  maxWidth: 1000,
  maxHeight: 1000,
  aspect: 'square',
  formats: ['jpeg', 'png'],
  maxBytes: 1_000_000,
  minCount: 1,
  maxCount: 9,
};

/** A marker that only exists inside the GPS block, so finding it in output bytes means GPS leaked. */
export const GPS_MARKER = 'OCOP-FARM-GPS-MARKER';

export function solid(width: number, height: number, color: string): Sharp {
  return sharp({ create: { width, height, channels: 3, background: color } });
}

/**
 * A landscape photo stored sideways: left half red, right half blue, EXIF orientation 6 (display
 * rotated 90° clockwise → red on top), with GPS coordinates and a camera model.
 */
export async function sidewaysPhotoWithGps(): Promise<Buffer> {
  const left = await solid(600, 800, '#ff0000').png().toBuffer();
  return solid(1200, 800, '#0000ff')
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'OcopCam', Model: 'Field 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '16/1 28/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '107/1 35/1 1200/100',
        GPSMapDatum: GPS_MARKER,
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Random pixels: incompressible, so a byte budget forces quality and size down. */
export async function noise(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = seed >> 16;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid PNG of width × height 1-bit grey pixels, all black: a few hundred KB on disk that would
 * decode to width × height pixels (a decompression bomb).
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 + zero bits per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function pixelAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [data[offset] ?? -1, data[offset + 1] ?? -1, data[offset + 2] ?? -1];
}

export async function startServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
