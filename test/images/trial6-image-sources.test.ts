/**
 * #18 trial 6 (items 7, 11, 12): a missing local image is bad input (FILE_NOT_FOUND, kind validation,
 * not retriable — retrying cannot make the file appear), not a network failure; a source whose field
 * has the wrong type names that field (`source.buffer`, `source.path`) and the type expected; prepareMany
 * hands each item's own source back (never a copy of its bytes).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImagePreparer, ImageError, type ImageInput, prepareImage } from '../../src/images/index.js';
import { type OcopConnectError, ValidationError } from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';
import { SQUARE_SPEC, solid } from './image-fixtures.js';

const bad = <T>(value: unknown) => value as T;

describe('image sources (trial 6)', () => {
  it('a missing file: FILE_NOT_FOUND, kind validation, not retriable, naming source.path and the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-img-missing-'));
    const path = join(dir, 'nope.jpg');
    const error = (await failure(() => prepareImage({ path }, SQUARE_SPEC))) as ImageError;
    expect(error).toBeInstanceOf(ImageError);
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.kind).toBe('validation');
    expect(error.retriable).toBe(false);
    expect(error.messageVi).toBe(`source.path: không có tệp ảnh ở đường dẫn này (ENOENT) (${path})`);
    expect(error.messageEn).toBe(`source.path: no image file at this path (ENOENT) (${path})`);
    // The same through a preparer's check (what a dry run with checkImages uses).
    const checked = (await failure(() => createImagePreparer().check({ path }, SQUARE_SPEC))) as ImageError;
    expect(checked.code).toBe('FILE_NOT_FOUND');
    expect(checked.retriable).toBe(false);
  });

  it.each([
    [{ buffer: 'abc' }, 'source.buffer', 'một Buffer hoặc Uint8Array', 'a Buffer or Uint8Array', 'string'],
    [{ path: 5 }, 'source.path', 'một chuỗi không rỗng', 'a non-empty string', 'number'],
    [{ path: '' }, 'source.path', 'một chuỗi không rỗng', 'a non-empty string', 'empty'],
    [{ url: null }, 'source.url', 'một chuỗi không rỗng', 'a non-empty string', 'null'],
  ])('%j: ValidationError naming %s and the type expected', async (source, name, vi, en, got) => {
    const error = (await failure(() =>
      prepareImage(bad<ImageInput>(source), SQUARE_SPEC),
    )) as OcopConnectError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toContain(`${name}: phải là ${vi}`);
    // An empty text is named as such (trial 6 item 14), in each language.
    const [gotVi, gotEn] = got === 'empty' ? ['chuỗi rỗng', 'empty text'] : [got, got];
    expect(error.messageVi).toContain(`(nhận được ${gotVi})`);
    expect(error.messageEn).toContain(`${name}: must be ${en}`);
    expect(error.messageEn).toContain(`(got ${gotEn})`);
    expect((error as ValidationError).issues[0]?.path).toBe(name);
  });

  it("prepareMany's results hold each item's own source object: the bytes are not copied", async () => {
    const input = await solid(600, 600, '#336699').jpeg().toBuffer();
    const items = [
      { source: { buffer: input }, spec: SQUARE_SPEC },
      { source: { buffer: Buffer.from('not an image') }, spec: SQUARE_SPEC },
    ];
    const results = await createImagePreparer().prepareMany(items);
    expect(results.map((result) => result.ok)).toEqual([true, false]);
    results.forEach((result, i) => {
      expect(result.source).toBe(items[i]!.source);
    });
  });
});
