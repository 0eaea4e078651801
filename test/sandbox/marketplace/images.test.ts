import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketplaceSandbox } from '../../../src/sandbox/index.js';
import { startPostmartSandbox, startVosoSandbox } from '../../../src/sandbox/index.js';
import {
  call,
  fakeJpeg,
  fakePng,
  multipartImage,
  postmartLogin,
  postmartUpload,
  vosoLogin,
  vosoUpload,
} from './helpers.js';

let sandbox: MarketplaceSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('Voso image upload (multipart `file`)', () => {
  it('stores JPEG and PNG with their sha256 and serves the bytes back', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const png = fakePng(500, 500);
    const uploaded = await vosoUpload(sandbox, token, png);
    expect(uploaded.json.error).toBe(false);
    const sha256 = createHash('sha256').update(png).digest('hex');
    expect(uploaded.json.data).toMatchObject({
      WIDTH: 500,
      HEIGHT: 500,
      FORMAT: 'PNG',
      BYTES: png.length,
      SHA256: sha256,
    });
    expect(uploaded.json.data.IMAGE_ID).toMatch(/^[0-9a-f]{32}$/);
    expect(sandbox.state.images()).toEqual([
      expect.objectContaining({ id: uploaded.json.data.IMAGE_ID, sha256 }),
    ]);
    const media = await fetch(uploaded.json.data.URL);
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await media.arrayBuffer()).equals(png)).toBe(true);
    expect(sandbox.stats.imageUploads).toBe(1);
  });

  it('reads the size of a real encoder JPEG (sharp output) from its SOF segment', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const jpeg = await sharp({ create: { width: 640, height: 640, channels: 3, background: '#c8a040' } })
      .jpeg({ quality: 80 })
      .toBuffer();
    const uploaded = await vosoUpload(sandbox, token, jpeg);
    expect(uploaded.json.data).toMatchObject({ WIDTH: 640, HEIGHT: 640, FORMAT: 'JPEG' });
  });

  it('deduplicates identical bytes to the same IMAGE_ID', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const bytes = fakeJpeg(600, 600, 4096, 42);
    const first = await vosoUpload(sandbox, token, bytes);
    const second = await vosoUpload(sandbox, token, bytes);
    expect(second.json.data.IMAGE_ID).toBe(first.json.data.IMAGE_ID);
    expect(sandbox.state.images()).toHaveLength(1);
  });

  it.each([
    ['a text file', Buffer.from('definitely not an image'.repeat(10)), 'FORMAT'],
    ['a too small image', fakeJpeg(499, 499), 'MIN_DIMENSION'],
    ['a non-square image', fakeJpeg(800, 600), 'NOT_SQUARE'],
    ['an image over 2 MiB', fakeJpeg(800, 800, 2 * 1024 * 1024 + 1), 'MAX_BYTES'],
  ])('rejects %s with status 400 RULE %s on field `file`', async (_label, bytes, rule) => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const result = await vosoUpload(sandbox, token, bytes);
    expect(result.status).toBe(200);
    expect(result.json.status).toBe(400);
    expect(result.json.data.ERRORS).toEqual([{ FIELD: 'file', RULE: rule, MESSAGE: expect.any(String) }]);
    expect(sandbox.state.images()).toEqual([]);
  });

  it('requires the part to be named `file`', async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const result = await call(sandbox, 'POST', '/images', {
      token,
      raw: multipartImage(fakeJpeg(600, 600), 'image/jpeg', 'image'),
    });
    expect(result.json.data.ERRORS[0]).toMatchObject({ FIELD: 'file', RULE: 'REQUIRED' });
  });
});

describe('Postmart image upload (raw bytes)', () => {
  it('stores a JPEG ≥ 600×600 (not necessarily square) and never deduplicates', async () => {
    sandbox = await startPostmartSandbox();
    const token = await postmartLogin(sandbox);
    const bytes = fakeJpeg(900, 600);
    const first = await postmartUpload(sandbox, token, bytes);
    const second = await postmartUpload(sandbox, token, bytes);
    expect(first.json.result).toMatchObject({
      maHinhAnh: 'pmimg_000001',
      rong: 900,
      cao: 600,
      dungLuongByte: bytes.length,
    });
    expect(second.json.result.maHinhAnh).toBe('pmimg_000002');
    expect(sandbox.state.images()).toHaveLength(2);
  });

  it.each([
    ['a PNG', fakePng(800, 800), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a text file', Buffer.from('hello'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an image over 1 MiB', fakeJpeg(800, 800, 1024 * 1024 + 1), 413, 'PAYLOAD_TOO_LARGE'],
    ['a 599×800 image', fakeJpeg(599, 800), 400, 'VALIDATION_FAILED'],
  ])('rejects %s with HTTP %i %s', async (_label, bytes, status, code) => {
    sandbox = await startPostmartSandbox();
    const token = await postmartLogin(sandbox);
    const result = await postmartUpload(sandbox, token, bytes);
    expect(result.status).toBe(status);
    expect(result.json.code).toBe(code);
    if (code === 'VALIDATION_FAILED') {
      expect(result.json.result.errors).toEqual([
        { field: 'image', rule: 'MIN_DIMENSION', message: expect.any(String) },
      ]);
    }
    expect(sandbox.state.images()).toEqual([]);
  });
});
