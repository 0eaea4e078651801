import { randomBytes } from 'node:crypto';
import type { ImageUpload } from '../types.js';

/** A one-file multipart/form-data body, built by hand: the bytes go out exactly as prepared. */
export function buildMultipart(fieldName: string, image: ImageUpload): { body: Buffer; contentType: string } {
  const boundary = `----ocop${randomBytes(12).toString('hex')}`;
  const extension = image.contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
  const fileName = `${image.contentHash.slice(0, 16)}.${extension}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${fileName}"\r\n` +
      `Content-Type: ${image.contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    body: Buffer.concat([head, image.bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
