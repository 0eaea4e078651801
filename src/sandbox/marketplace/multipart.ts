/** Minimal multipart/form-data reader: enough for one file part in an image upload. */
import { issue, validationError } from './errors.js';
export interface MultipartPart {
  name: string | undefined;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2])?.trim() : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString('latin1') === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    const part = body.subarray(afterDelimiter, next);
    const parsed = parsePart(part);
    if (parsed) parts.push(parsed);
    start = next;
  }
  return parts;
}

function parsePart(raw: Buffer): MultipartPart | undefined {
  // A part is "\r\n<headers>\r\n\r\n<data>\r\n".
  const headerEnd = raw.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const headers = raw.subarray(0, headerEnd).toString('utf8');
  let data = raw.subarray(headerEnd + 4);
  if (data.length >= 2 && data[data.length - 2] === 0x0d && data[data.length - 1] === 0x0a) {
    data = data.subarray(0, data.length - 2);
  }
  const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
  return {
    name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
    filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
    contentType,
    data,
  };
}

/** The bytes of the named file part of a multipart upload; a per-field validation error otherwise. */
export function multipartFile(contentType: string | undefined, body: Buffer, field: string): Buffer {
  const boundary = boundaryOf(contentType);
  if (!boundary) {
    throw validationError([issue(['image'], 'TYPE', 'Cần gửi multipart/form-data với phần tệp "file"')]);
  }
  const part = parseMultipart(body, boundary).find((candidate) => candidate.name === field);
  if (!part) throw validationError([issue(['image'], 'REQUIRED', `Thiếu phần tệp "${field}"`)]);
  return part.data;
}
