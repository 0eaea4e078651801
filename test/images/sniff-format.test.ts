import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { sniffImageFormat } from '../../src/images/index.js';
import { imageBytesProblem } from '../../src/images/upload-check.js';
import { voso } from '../../src/platforms/voso/index.js';
import { startVosoSandbox } from '../../src/sandbox/index.js';

describe('sniffImageFormat', () => {
  it('recognises each format from its first bytes', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });
    expect(sniffImageFormat(await base.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await base.clone().png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await base.clone().webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await base.clone().gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await base.clone().tiff().toBuffer())).toBe('tiff');
    expect(sniffImageFormat(await base.clone().avif().toBuffer())).toBe('avif');
  });

  it('tells HEIC from AVIF by the ftyp brands', () => {
    const ftyp = (major: string, compatible: string) =>
      Buffer.concat([
        Buffer.from([0, 0, 0, 8 + 8 + compatible.length]),
        Buffer.from(`ftyp${major}\0\0\0\0${compatible}`),
      ]);
    expect(sniffImageFormat(ftyp('heic', 'mif1heic'))).toBe('heic');
    expect(sniffImageFormat(ftyp('mif1', 'mif1avif'))).toBe('avif');
    expect(sniffImageFormat(ftyp('isom', 'isomiso2'))).toBeUndefined(); // an MP4 video
  });

  it('returns undefined for text, HTML, SVG and empty input', () => {
    expect(sniffImageFormat(Buffer.from('hello'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('<!doctype html><html>'))).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array())).toBeUndefined();
  });
});

describe('imageBytesProblem: bytes looked at before they are uploaded', () => {
  it('text, empty, cut short, unsupported, mislabelled: each reason in both languages; a whole image passes', async () => {
    const base = sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } });
    const jpeg = await base.clone().jpeg().toBuffer();
    const png = await base.clone().png().toBuffer();
    expect(imageBytesProblem(jpeg, 'image/jpeg')).toBeUndefined();
    expect(imageBytesProblem(png, 'image/png')).toBeUndefined();
    expect(imageBytesProblem(await base.clone().webp().toBuffer(), 'image/webp')).toBeUndefined();
    expect(imageBytesProblem(await base.clone().gif().toBuffer(), 'image/gif')).toBeUndefined();
    expect(imageBytesProblem(Buffer.from('Nước mắm Nam Ô — 500 ml\n'), 'image/jpeg')).toEqual({
      vi: 'đây là văn bản, không phải ảnh (bắt đầu bằng "Nước mắm Nam Ô — 500 ml")',
      en: 'it is text, not an image (it starts with "Nước mắm Nam Ô — 500 ml")',
    });
    expect(imageBytesProblem(Buffer.alloc(0), 'image/jpeg')).toEqual({
      vi: 'tệp rỗng (0 byte), không phải ảnh',
      en: 'it is empty (0 bytes), not an image',
    });
    expect(imageBytesProblem(jpeg.subarray(0, jpeg.length - 100), 'image/jpeg')?.en).toBe(
      `the JPEG image is cut short (its end is missing, ${jpeg.length - 100} bytes): the file was not fully downloaded or copied`,
    );
    expect(imageBytesProblem(png.subarray(0, png.length - 20), 'image/png')?.vi).toMatch(
      /^ảnh PNG bị cắt cụt/,
    );
    expect(imageBytesProblem(await base.clone().tiff().toBuffer(), 'image/tiff')?.en).toBe(
      'TIFF images are not supported; use JPEG, PNG or WebP',
    );
    expect(imageBytesProblem(png, 'image/jpeg')?.en).toBe(
      'the bytes are a PNG image but the type given is image/jpeg (it must be image/png)',
    );
    expect(imageBytesProblem(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]), 'image/jpeg')?.en).toBe(
      'it is not an image (no JPEG, PNG, WebP, GIF or AVIF signature)',
    );
  });

  it('an adapter refuses such bytes in uploadImage, naming image.bytes, and the sandbox holds no image', async () => {
    const box = await startVosoSandbox();
    const adapter = voso({ baseUrl: box.url, credentials: box.credentials });
    try {
      const error = await adapter
        .uploadImage({
          bytes: Buffer.from('hello, not an image'),
          contentType: 'image/jpeg',
          contentHash: 'ab'.repeat(32),
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toMatchObject([
        {
          path: 'image.bytes',
          messageEn: 'image.bytes: it is text, not an image (it starts with "hello, not an image")',
        },
      ]);
      expect((error as ValidationError).messageVi).toContain('image.bytes: đây là văn bản, không phải ảnh');
      expect(box.state.images()).toEqual([]);
      expect(box.stats.requests.uploadImage ?? 0).toBe(0);
    } finally {
      await adapter.close();
      await box.close();
    }
  });
});
