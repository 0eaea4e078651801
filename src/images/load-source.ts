import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { A_TEXT, checkArgument, type Expected } from '../core/argument-guards.js';
import { isPlainObject } from '../model/argument-check.js';
import { defineErrorField } from '../model/error-root.js';
import { ImageError } from './errors.js';
import {
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  DEFAULT_MAX_INPUT_BYTES,
  DEFAULT_MAX_REDIRECTS,
  type LoadImageOptions,
} from './limits.js';

/** Where an image comes from (the model's ImageSource fits: its `alt` is ignored here). */
export type ImageInput = { path: string } | { url: string } | { buffer: Uint8Array };

export interface LoadedSource {
  bytes: Buffer;
  /** For messages: the path, the URL without query string, or `buffer`. */
  label: string;
}

function tooManyBytes(size: number, maxBytes: number, label: string): ImageError {
  return new ImageError(
    'TOO_MANY_BYTES',
    {
      en: `Image is ${size} bytes, more than the ${maxBytes}-byte input limit`,
      vi: `Ảnh nặng ${size} byte, vượt giới hạn đầu vào ${maxBytes} byte`,
    },
    { source: label, details: { size, maxBytes } },
  );
}

/**
 * A local image file that cannot be opened, in both languages: FILE_NOT_FOUND (bad input, fix the path)
 * for a path that names no file — "image file not found: /tmp/nope.jpg" —, UNREACHABLE otherwise. Never the
 * system's own English text (it stays the cause). Shared by prepareImage and publish's image identities.
 */
export function imageFileError(path: string, error: unknown, prefix = ''): ImageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const made =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? new ImageError(
          'FILE_NOT_FOUND',
          { en: `${prefix}image file not found: ${path}`, vi: `${prefix}không tìm thấy tệp ảnh: ${path}` },
          { cause: error },
        )
      : new ImageError(
          'UNREACHABLE',
          {
            en: `${prefix}image file cannot be read${code ? ` (${code})` : ''}: ${path}`,
            vi: `${prefix}không đọc được tệp ảnh${code ? ` (${code})` : ''}: ${path}`,
          },
          { cause: error },
        );
  // The path is in the sentence already: recorded as the source without being repeated after it.
  defineErrorField(made, 'source', path);
  return made;
}

async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw imageFileError(path, error, 'source.path: ');
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooManyBytes(size, maxBytes, path);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** An ImageInput's documented shape: an object with a path, a url or the bytes. */
const AN_IMAGE_SOURCE: Expected = {
  schema: z.union([
    z.object({ path: z.string().min(1) }),
    z.object({ url: z.string().min(1) }),
    z.object({ buffer: z.instanceof(Uint8Array) }),
  ]),
  vi: 'một nguồn ảnh {path} | {url} | {buffer}',
  en: 'an image source {path} | {url} | {buffer}',
};

/** The field a source names, checked on its own (`{ buffer: 'abc' }` → "source.buffer: must be a Uint8Array"). */
const SOURCE_FIELDS: Readonly<Record<'path' | 'url' | 'buffer', Expected>> = {
  path: A_TEXT,
  url: A_TEXT,
  buffer: {
    schema: z.instanceof(Uint8Array),
    vi: 'một Buffer hoặc Uint8Array (các byte của ảnh)',
    en: "a Buffer or Uint8Array (the image's bytes)",
  },
};

/**
 * A source that is not `{path}`, `{url}` or `{buffer}` (a bare path string, undefined) is a
 * ValidationError naming `source`; one whose field has the wrong type names that field (`source.buffer`).
 */
export function checkImageSource(input: unknown): asserts input is ImageInput {
  if (isPlainObject(input)) {
    const field = (['path', 'url', 'buffer'] as const).find((name) => name in input);
    if (field !== undefined) checkArgument(input[field], `source.${field}`, SOURCE_FIELDS[field]);
  }
  checkArgument(input, 'source', AN_IMAGE_SOURCE);
}

/** Reads the source's bytes within the byte limit. Nothing is decoded here. */
export async function loadImageSource(
  input: ImageInput,
  options: LoadImageOptions = {},
): Promise<LoadedSource> {
  checkImageSource(input);
  const maxBytes = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if ('buffer' in input) {
    const bytes = Buffer.isBuffer(input.buffer)
      ? input.buffer
      : Buffer.from(input.buffer.buffer, input.buffer.byteOffset, input.buffer.byteLength);
    if (bytes.length > maxBytes) throw tooManyBytes(bytes.length, maxBytes, 'buffer');
    return { bytes, label: 'buffer' };
  }
  if ('path' in input) {
    const path = resolve(input.path);
    return { bytes: await readFileCapped(path, maxBytes), label: path };
  }
  if ('url' in input) {
    // Loaded on the first download: node:http, node:https, node:dns and node:net are not part of
    // `import('ocop-connect')` for a caller whose images are files or buffers (#14, import cost).
    const { downloadImage } = await import('./download-image.js');
    const bytes = await downloadImage(input.url, {
      maxBytes,
      timeoutMs: options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
      maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      allowPrivateNetwork: options.allowPrivateNetwork ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const url = new URL(input.url);
    return { bytes, label: `${url.protocol}//${url.host}${url.pathname}` };
  }
  throw new ImageError('NOT_AN_IMAGE', {
    en: 'An image source must be { path }, { url } or { buffer }',
    vi: 'Nguồn ảnh phải là { path }, { url } hoặc { buffer }',
  });
}
