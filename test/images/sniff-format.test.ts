import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImageFormat } from '../../src/images/index.js';

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
