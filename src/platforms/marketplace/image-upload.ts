import { randomBytes } from 'node:crypto';
import { ContractViolationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { ImageUpload, UploadedImage } from '../types.js';
import { getPath } from './object-path.js';
import type { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** A one-file multipart/form-data body, built by hand: the bytes go out exactly as prepared. */
function buildMultipart(fieldName: string, image: ImageUpload): { body: Buffer; contentType: string } {
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

/** `uploadImage` as the profile describes it: multipart or raw bytes out, the image id (and URL) back. */
export async function uploadProfileImage(
  profile: MarketplaceProfile,
  requester: ProfileRequester,
  image: ImageUpload,
  options?: CallOptions,
): Promise<UploadedImage> {
  const upload = profile.upload;
  const encoded =
    upload.encoding === 'multipart'
      ? buildMultipart(upload.fieldName, image)
      : { body: image.bytes, contentType: image.contentType };
  // An orphan image from a repeated upload costs storage, never a duplicate listing.
  const extras = { rawBody: encoded.body, contentType: encoded.contentType, idempotent: true };
  const data = await requester.call('uploadImage', {}, extras, options);
  const f = profile.fields.image;
  const id = getPath(data, f.id);
  const url = f.url ? getPath(data, f.url) : undefined;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new ContractViolationError(
      {
        vi: `${profile.platform} uploadImage: câu trả lời không có ${f.id}`,
        en: `${profile.platform} uploadImage answer has no ${f.id}`,
      },
      {
        platform: profile.platform,
        operation: 'uploadImage',
      },
    );
  }
  return { imageId: String(id), ...(typeof url === 'string' ? { url } : {}) };
}
