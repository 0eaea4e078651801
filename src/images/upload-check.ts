/**
 * The last look at image bytes before they are sent (an adapter's `uploadImage`, publish's upload of
 * what a preparer gave): they must be a whole image of a format the marketplaces take, of the type
 * they are labelled with. Cheap checks of the bytes alone (no decoder): empty, text, no image
 * signature, an unsupported format, a type that is not the bytes', an image cut short (no end marker).
 */
import type { BilingualText } from '../model/messages.js';
import { ImageError } from './errors.js';
import { CONTENT_TYPES, isDecodableFormat, type SniffedFormat, sniffImageFormat } from './sniff-format.js';

/** How far from the end an end marker may sit (some writers pad a JPEG or GIF after its end). */
const TAIL = 1024;

function lastIndexOf(bytes: Uint8Array, marker: readonly number[], within: number): number {
  const from = Math.max(0, bytes.length - within);
  for (let at = bytes.length - marker.length; at >= from; at--) {
    if (marker.every((byte, index) => bytes[at + index] === byte)) return at;
  }
  return -1;
}

/** Whether the bytes end as their format says a whole file ends (undefined: not checked). */
function isWhole(bytes: Uint8Array, format: SniffedFormat): boolean {
  switch (format) {
    case 'jpeg':
      // End of image (FF D9): in the coded data FF is always followed by 00 or a restart marker.
      return lastIndexOf(bytes, [0xff, 0xd9], TAIL) >= 0;
    case 'png':
      return lastIndexOf(bytes, [0x49, 0x45, 0x4e, 0x44], 64) >= 0;
    case 'gif':
      return lastIndexOf(bytes, [0x3b], 16) >= 0;
    case 'webp': {
      const size =
        (bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16) | ((bytes[7] ?? 0) << 24);
      return (size >>> 0) + 8 <= bytes.length;
    }
    default:
      return true;
  }
}

/** Text (UTF-8 without control characters but tab and newlines) in its first bytes: a note, HTML, JSON. */
function startsAsText(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('utf8');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what tells bytes from text
  if (head.includes('\uFFFD') || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(head))
    return undefined;
  const line = head.split(/\r?\n/)[0]?.trim() ?? '';
  return line.length > 24 ? `${line.slice(0, 24)}…` : line;
}

/**
 * Why `bytes` (labelled `contentType`) cannot be sent as an image, in both languages; undefined when
 * they can. The reason only: the caller names the file or the argument.
 */
export function imageBytesProblem(bytes: Uint8Array, contentType?: string): BilingualText | undefined {
  if (bytes.length === 0)
    return { vi: 'tệp rỗng (0 byte), không phải ảnh', en: 'it is empty (0 bytes), not an image' };
  const format = sniffImageFormat(bytes);
  if (format === undefined) {
    const text = startsAsText(bytes);
    return text !== undefined
      ? {
          vi: `đây là văn bản, không phải ảnh (bắt đầu bằng "${text}")`,
          en: `it is text, not an image (it starts with "${text}")`,
        }
      : {
          vi: 'không phải ảnh (không có dấu hiệu JPEG, PNG, WebP, GIF hay AVIF)',
          en: 'it is not an image (no JPEG, PNG, WebP, GIF or AVIF signature)',
        };
  }
  const name = format.toUpperCase();
  if (!isDecodableFormat(format))
    return {
      vi: `ảnh ${name} không được hỗ trợ; hãy dùng JPEG, PNG hoặc WebP`,
      en: `${name} images are not supported; use JPEG, PNG or WebP`,
    };
  if (!isWhole(bytes, format))
    return {
      vi: `ảnh ${name} bị cắt cụt (thiếu phần cuối tệp, ${bytes.length} byte): tệp chưa tải hoặc chép xong`,
      en: `the ${name} image is cut short (its end is missing, ${bytes.length} bytes): the file was not fully downloaded or copied`,
    };
  if (contentType !== undefined && contentType.toLowerCase() !== CONTENT_TYPES[format])
    return {
      vi: `nội dung là ảnh ${name} nhưng kiểu khai báo là ${contentType} (phải là ${CONTENT_TYPES[format]})`,
      en: `the bytes are a ${name} image but the type given is ${contentType} (it must be ${CONTENT_TYPES[format]})`,
    };
  return undefined;
}

/** Where an image came from, as an ImageError names it: its path, its URL without the query, or `buffer`. */
export function imageSourceLabel(source: unknown): string {
  if (typeof source !== 'object' || source === null) return 'buffer';
  const { path, url } = source as { path?: unknown; url?: unknown };
  if (typeof path === 'string') return path;
  if (typeof url === 'string') {
    const parsed = URL.parse(url);
    // As downloads name it: no query string (it may hold a token).
    return parsed ? `${parsed.protocol}//${parsed.host}${parsed.pathname}` : url.slice(0, 200);
  }
  return 'buffer';
}

/**
 * Prepared bytes about to be uploaded, from `source`: an ImageError naming the source and the reason
 * when they are not a whole image of their type (a preparer of the caller's own that passed a text
 * file named .jpg, an empty or truncated file) — thrown before anything is sent.
 */
export function checkUploadBytes(upload: { bytes: Uint8Array; contentType: string }, source: unknown): void {
  const problem = imageBytesProblem(upload.bytes, upload.contentType);
  if (!problem) return;
  const format = upload.bytes.length > 0 ? sniffImageFormat(upload.bytes) : undefined;
  throw new ImageError(
    format !== undefined && !isDecodableFormat(format) ? 'UNSUPPORTED_FORMAT' : 'NOT_AN_IMAGE',
    {
      vi: `Ảnh không gửi được: ${problem.vi}`,
      en: `The image cannot be uploaded: ${problem.en}`,
    },
    { source: imageSourceLabel(source), details: { bytes: upload.bytes.length } },
  );
}
