import { sha256Hex } from '../core/canonical-json.js';
import type { ImageFormat, ImageSpecInput } from '../model/image-spec.js';
import { ImageError } from './errors.js';
import { assertUsableSpec, chooseOutputFormat, type Geometry, planGeometry } from './image-geometry.js';
import { checkPrepareImageOptions } from './image-options.js';
import {
  DEFAULT_MAX_INPUT_PIXELS,
  type PrepareImageOptions,
  QUALITY_STEPS,
  SHRINK_FACTOR,
} from './limits.js';
import { loadSharp, type Sharp } from './load-sharp.js';
import { type ImageInput, loadImageSource } from './load-source.js';
import { CONTENT_TYPES, type DecodableFormat, isDecodableFormat, sniffImageFormat } from './sniff-format.js';

/** An image ready to upload: bytes in an accepted format, within the spec, without any metadata. */
export interface PreparedImage {
  bytes: Buffer;
  /** `image/jpeg`, `image/png` or `image/webp`. */
  contentType: string;
  format: ImageFormat;
  width: number;
  height: number;
  /** sha256 hex of `bytes` (the output): the key of the image upload cache. */
  contentHash: string;
  /** sha256 hex of the source bytes as loaded. */
  sourceHash: string;
}

const DEFAULT_BACKGROUND = '#ffffff';

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

async function encode(
  sharp: Sharp,
  raw: RawImage,
  format: ImageFormat,
  quality: number | undefined,
): Promise<Buffer> {
  const image = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
  if (format === 'jpeg') return image.jpeg({ quality: quality ?? 90, chromaSubsampling: '4:2:0' }).toBuffer();
  if (format === 'webp') return image.webp({ quality: quality ?? 90, effort: 4 }).toBuffer();
  // PNG: lossless first; then 256-colour palette at falling quality.
  return quality === undefined
    ? image.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer()
    : image.png({ compressionLevel: 9, palette: true, quality }).toBuffer();
}

function qualityLadder(format: ImageFormat): readonly (number | undefined)[] {
  return format === 'png' ? [undefined, ...QUALITY_STEPS] : QUALITY_STEPS;
}

function decodeFailure(error: unknown, label: string, maxPixels: number): ImageError {
  const text = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(text)) {
    return new ImageError(
      'TOO_MANY_PIXELS',
      {
        en: `Image has more than ${maxPixels} pixels`,
        vi: `Ảnh có nhiều hơn ${maxPixels} điểm ảnh`,
      },
      { source: label, details: { maxPixels }, cause: error },
    );
  }
  return new ImageError(
    'NOT_AN_IMAGE',
    { en: 'Image data is damaged and cannot be decoded', vi: 'Dữ liệu ảnh bị hỏng, không giải mã được' },
    { source: label, cause: error },
  );
}

/** What the header says about an image that can be prepared for a spec (nothing decoded yet). */
export interface InspectedImage {
  /** The input format (magic numbers). */
  format: DecodableFormat;
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
}

interface Inspection extends InspectedImage {
  geometry: Geometry;
}

/**
 * Every check of the pipeline short of encoding: sniff → format supported → size within the pixel
 * limit (from the header, before any pixel is decoded) → fits the spec (too small is refused unless
 * `upscale`) → the full decode the preparation does (a truncated or damaged file). Throws the same
 * ImageError the full preparation would: a dry run refuses exactly the images a real run refuses.
 */
export async function inspectImageBytes(
  bytes: Buffer,
  spec: ImageSpecInput,
  options: PrepareImageOptions & { label?: string } = {},
): Promise<InspectedImage> {
  const { geometry, ...inspected } = await inspect(bytes, spec, options);
  // The header can be whole while the pixels are not (a truncated upload): decode as the real run does.
  await decodeToSpec(
    bytes,
    geometry,
    chooseOutputFormat(spec.formats),
    spec.background ?? DEFAULT_BACKGROUND,
    options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS,
    options.label ?? 'buffer',
  );
  return inspected;
}

async function inspect(
  bytes: Buffer,
  spec: ImageSpecInput,
  options: PrepareImageOptions & { label?: string },
): Promise<Inspection> {
  assertUsableSpec(spec);
  const label = options.label ?? 'buffer';
  const maxPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const sniffed = sniffImageFormat(bytes);
  if (sniffed === undefined) {
    throw new ImageError(
      'NOT_AN_IMAGE',
      {
        en: 'Not an image (no JPEG, PNG, WebP, GIF or AVIF signature)',
        vi: 'Không phải tệp ảnh (không có dấu hiệu JPEG, PNG, WebP, GIF hay AVIF)',
      },
      { source: label },
    );
  }
  if (!isDecodableFormat(sniffed)) {
    throw new ImageError(
      'UNSUPPORTED_FORMAT',
      {
        en: `${sniffed.toUpperCase()} images are not supported; use JPEG, PNG or WebP${sniffed === 'heic' ? ' (on iPhone: Settings → Camera → Formats → Most Compatible)' : ''}`,
        vi: `Không hỗ trợ ảnh ${sniffed.toUpperCase()}; hãy dùng JPEG, PNG hoặc WebP${sniffed === 'heic' ? ' (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất)' : ''}`,
      },
      { source: label, details: { format: sniffed } },
    );
  }

  const sharp = await loadSharp();
  let metadata: Awaited<ReturnType<ReturnType<Sharp>['metadata']>>;
  try {
    // Reads the header only: a 20000×20000 "bomb" is refused here, before any pixel is decoded.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decodeFailure(error, label, maxPixels);
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > maxPixels) {
    throw new ImageError(
      'TOO_MANY_PIXELS',
      {
        en: `Image is ${width}×${height} px (${width * height} pixels), more than the ${maxPixels}-pixel limit`,
        vi: `Ảnh ${width}×${height} px (${width * height} điểm ảnh) vượt giới hạn ${maxPixels} điểm ảnh`,
      },
      { source: label, details: { width, height, maxPixels } },
    );
  }
  // EXIF orientations 5–8 are rotated by 90°: the upright image has the sides swapped.
  const rotated = (metadata.orientation ?? 1) >= 5;
  const upright = rotated ? { width: height, height: width } : { width, height };
  const geometry = planGeometry(upright.width, upright.height, spec, options.upscale ?? false, label);
  return { format: sniffed, ...upright, geometry };
}

/**
 * Decodes every pixel once (auto-orient, fit/pad to the planned geometry, sRGB): the step of the
 * pipeline that finds a truncated or damaged file, whose header alone looks fine. Used by the real
 * preparation and by the dry-run check alike, so both refuse the same files with the same error.
 */
async function decodeToSpec(
  bytes: Buffer,
  geometry: Geometry,
  format: ImageFormat,
  background: NonNullable<ImageSpecInput['background']>,
  maxPixels: number,
  label: string,
): Promise<RawImage> {
  const sharp = await loadSharp();
  try {
    let pipeline = sharp(bytes, { limitInputPixels: maxPixels })
      .autoOrient()
      .resize({
        width: geometry.width,
        height: geometry.height,
        fit: geometry.pad ? 'contain' : 'fill',
        background,
      });
    // JPEG has no alpha: put transparent product shots on the background, not on black.
    if (format === 'jpeg') pipeline = pipeline.flatten({ background });
    const { data, info } = await pipeline
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    throw decodeFailure(error, label, maxPixels);
  }
}

/**
 * The pipeline for bytes already loaded: sniff → header check (pixels) → decode once, auto-orient,
 * to sRGB, fit/pad → encode, stepping quality down, then size, until it fits `maxBytes`.
 * Output carries no EXIF (GPS!), XMP, IPTC or ICC: it is re-encoded from bare pixels.
 */
export async function prepareImageBytes(
  bytes: Buffer,
  spec: ImageSpecInput,
  options: PrepareImageOptions & { label?: string; sourceHash?: string } = {},
): Promise<PreparedImage> {
  const label = options.label ?? 'buffer';
  const maxPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const { geometry } = await inspect(bytes, spec, options);
  const sharp = await loadSharp();
  const format = chooseOutputFormat(spec.formats);
  const background = spec.background ?? DEFAULT_BACKGROUND;

  let raw: RawImage = await decodeToSpec(bytes, geometry, format, background, maxPixels, label);

  const minimum = spec.aspect === 'square' ? Math.max(spec.minWidth, spec.minHeight) : 0;
  for (;;) {
    for (const quality of qualityLadder(format)) {
      const output = await encode(sharp, raw, format, quality);
      if (output.length <= spec.maxBytes) {
        return {
          bytes: output,
          contentType: CONTENT_TYPES[format],
          format,
          width: raw.width,
          height: raw.height,
          contentHash: sha256Hex(output),
          sourceHash: options.sourceHash ?? sha256Hex(bytes),
        };
      }
    }
    const next = {
      width: Math.floor(raw.width * SHRINK_FACTOR),
      height: Math.floor(raw.height * SHRINK_FACTOR),
    };
    const belowMinimum =
      next.width < Math.max(spec.minWidth, minimum) || next.height < Math.max(spec.minHeight, minimum);
    if (belowMinimum) {
      throw new ImageError(
        'TOO_MANY_BYTES',
        {
          en: `Image cannot be made smaller than ${spec.maxBytes} bytes without going below ${spec.minWidth}×${spec.minHeight} px`,
          vi: `Không thể nén ảnh xuống dưới ${spec.maxBytes} byte mà vẫn giữ tối thiểu ${spec.minWidth}×${spec.minHeight} px`,
        },
        { source: label, details: { maxBytes: spec.maxBytes, width: raw.width, height: raw.height } },
      );
    }
    const { data, info } = await sharp(raw.data, {
      raw: { width: raw.width, height: raw.height, channels: raw.channels },
    })
      .resize(next.width, next.height, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    raw = { data, width: info.width, height: info.height, channels: info.channels };
  }
}

/**
 * Loads an image (path, URL or bytes, within limits) and prepares it for a platform's ImageSpec.
 * @throws ImageError with a code: NOT_AN_IMAGE, UNSUPPORTED_FORMAT, TOO_SMALL, TOO_MANY_PIXELS,
 *   TOO_MANY_BYTES, URL_NOT_ALLOWED, FILE_NOT_FOUND, UNREACHABLE, TIMEOUT.
 */
export async function prepareImage(
  source: ImageInput,
  spec: ImageSpecInput,
  options: PrepareImageOptions = {},
): Promise<PreparedImage> {
  checkPrepareImageOptions(options);
  assertUsableSpec(spec);
  const loaded = await loadImageSource(source, options);
  return prepareImageBytes(loaded.bytes, spec, { ...options, label: loaded.label });
}
