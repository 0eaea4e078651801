/**
 * #18 (helper S): the image functions given bad arguments answer with the library's bilingual errors —
 * a ConfigurationError for options and specs, a ValidationError for data — naming the argument, before
 * anything is read or downloaded. Never a raw TypeError ("Cannot read properties of null").
 * Trial 3, defect 5: an image source that is not {path} | {url} | {buffer} (a bare path string,
 * undefined) and sniffImageFormat without bytes name the argument.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createImagePreparer,
  ImageError,
  type ImageInput,
  prepareImage,
  sniffImageFormat,
} from '../../src/images/index.js';
import { ConfigurationError, type OcopConnectError, ValidationError } from '../../src/index.js';
import type { ImageSpecInput } from '../../src/model/image-spec.js';
import {
  bad,
  expectOptionsNotAnObject,
  failure,
  refusal,
  thrownBy,
  validationRejection,
} from '../core/helpers/failure.js';
import { SQUARE_SPEC, solid, startServer } from './image-fixtures.js';

/** Vietnamese text without the English of the same error (identifiers and values aside). */
function expectVietnameseOnly(text: string): void {
  expect(text).not.toMatch(/\b(must|invalid|should|options? must|got)\b/i);
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A URL source whose server counts the requests it gets (none, when the arguments are refused). */
async function countingSource(): Promise<{ source: ImageInput; hits: () => number }> {
  let hits = 0;
  const server = await startServer((_request, response) => {
    hits++;
    response.statusCode = 404;
    response.end();
  });
  close = server.close;
  return { source: { url: `${server.url}/photo.jpg` }, hits: () => hits };
}

describe('createImagePreparer refuses options that are not an object of its options', () => {
  it.each([
    ['null', null, 'null'],
    ['5', 5, 'number'],
    ['"fast"', 'fast', 'string'],
  ])('createImagePreparer(%s): ConfigurationError naming options', async (_label, value, got) => {
    await expectOptionsNotAnObject(() => createImagePreparer(bad(value)), got);
  });

  it('a misspelt option is named with the one meant, in both languages', async () => {
    const error = await refusal(() =>
      createImagePreparer(bad({ concurency: 4, allowPrivateNetwork: 'yes' })),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain('concurency: không có tùy chọn này (có phải "concurrency"?)');
    expect(error.messageEn).toContain('concurency: no such option (did you mean "concurrency"?)');
    expect(error.messageVi).toContain('allowPrivateNetwork: phải là true hoặc false');
    expect(error.messageEn).toContain('allowPrivateNetwork: must be true or false');
  });

  it('good options still make a preparer', () => {
    expect(createImagePreparer().stats).toEqual({ prepared: 0, reused: 0, loaded: 0 });
    expect(createImagePreparer({ concurrency: 1, allowPrivateNetwork: true, upscale: false })).toBeDefined();
  });
});

describe('the ImageSpec error is bilingual and complete', () => {
  it('each problem is named in Vietnamese without English inside, and in English', async () => {
    const error = await refusal(() =>
      prepareImage(
        { buffer: Buffer.from('x') },
        { ...SQUARE_SPEC, minWidth: 0, aspect: bad('round'), formats: [] },
      ),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toMatch(/^Quy cách ảnh \(ImageSpec\) không hợp lệ: /);
    expect(error.messageVi).toContain('minWidth: phải là một số nguyên dương');
    expect(error.messageVi).toContain("aspect: phải là 'square' hoặc 'any'");
    expect(error.messageVi).toContain('formats: phải có ít nhất một định dạng');
    expectVietnameseOnly(error.messageVi);
    expect(error.messageEn).toMatch(/^Invalid ImageSpec: /);
    expect(error.messageEn).toContain('minWidth: must be a positive integer');
    expect(error.messageEn).toContain('formats: must list at least one format');
  });

  it.each([
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['"square"', 'square', 'string'],
  ])('a spec that is %s names spec, before anything is downloaded', async (_label, spec, got) => {
    const { source, hits } = await countingSource();
    for (const run of [
      () => prepareImage(source, bad<ImageSpecInput>(spec), { allowPrivateNetwork: true }),
      () => createImagePreparer({ allowPrivateNetwork: true }).prepare(source, bad(spec)),
      () => createImagePreparer({ allowPrivateNetwork: true }).check(source, bad(spec)),
    ]) {
      const error = await refusal(run);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.messageVi).toContain(`spec: phải là một đối tượng (nhận được ${got})`);
      expect(error.messageEn).toContain(`spec: must be an object (got ${got})`);
    }
    expect(hits()).toBe(0);
  });
});

describe('the calls refuse options and lists of the wrong type, reading nothing', () => {
  it('prepareImage(source, spec, null) and { maxInputBytes: "big" } name the option', async () => {
    const { source, hits } = await countingSource();
    const nothing = await refusal(() => prepareImage(source, SQUARE_SPEC, bad(null)));
    expect(nothing).toBeInstanceOf(ConfigurationError);
    expect(nothing.messageVi).toContain('options: phải là một đối tượng (hoặc bỏ trống) (nhận được null)');
    expect(nothing.messageEn).toContain('options: must be an object (or left out) (got null)');
    const wrong = await refusal(() => prepareImage(source, SQUARE_SPEC, bad({ maxInputBytes: 'big' })));
    expect(wrong).toBeInstanceOf(ConfigurationError);
    expect(wrong.messageVi).toContain('maxInputBytes: phải là một số > 0');
    expect(wrong.messageEn).toContain('maxInputBytes: must be a number > 0');
    expect(hits()).toBe(0);
  });

  it('ImagePreparer.prepare / check with options null reject (not throw) with a ConfigurationError', async () => {
    const { source, hits } = await countingSource();
    const preparer = createImagePreparer({ allowPrivateNetwork: true });
    for (const call of [
      () => preparer.prepare(source, SQUARE_SPEC, bad(null)),
      () => preparer.check(source, SQUARE_SPEC, bad(null)),
    ]) {
      const pending = call();
      expect(pending).toBeInstanceOf(Promise);
      const error = await refusal(() => pending);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.messageEn).toContain('options: must be an object (or left out) (got null)');
    }
    expect(hits()).toBe(0);
    expect(preparer.stats).toEqual({ prepared: 0, reused: 0, loaded: 0 });
  });

  it.each([
    ['undefined', undefined, 'undefined'],
    ['5', 5, 'number'],
    ['{}', {}, 'object'],
    ['[null]', [null], 'array'],
  ])('prepareMany(%s): ValidationError naming items', async (_label, items, got) => {
    const error = await refusal(() => createImagePreparer().prepareMany(bad(items)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.messageVi).toContain(`items: phải là một mảng các { source, spec } (nhận được ${got})`);
    expect(error.messageEn).toContain(`items: must be an array of { source, spec } (got ${got})`);
  });

  it('prepareMany still reports a bad source as its own failure, the others going on', async () => {
    const results = await createImagePreparer().prepareMany([
      { source: bad('photo.jpg'), spec: SQUARE_SPEC },
      { source: { buffer: Buffer.from('x') }, spec: SQUARE_SPEC },
    ]);
    expect(results.map((result) => result.ok)).toEqual([false, false]);
    const [first, second] = results as { ok: false; error: unknown }[];
    expect(first!.error).toBeInstanceOf(ValidationError);
    expect((second!.error as { code?: string }).code).toBe('NOT_AN_IMAGE');
  });

  it('prepareMany refuses an item without its spec whole, naming items[i].spec (trial 6 item 12)', async () => {
    const preparer = createImagePreparer();
    const error = await refusal(() =>
      preparer.prepareMany([
        { source: { buffer: Buffer.from('x') }, spec: SQUARE_SPEC },
        { source: { buffer: Buffer.from('y') }, spec: bad(undefined) },
      ]),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.messageVi).toContain(
      'items[1].spec: phải là một ImageSpec (đối tượng) (nhận được undefined)',
    );
    expect(error.messageEn).toContain('items[1].spec: must be an ImageSpec (an object) (got undefined)');
    expect(preparer.stats).toEqual({ prepared: 0, reused: 0, loaded: 0 });
  });
});

/** Trial 3, defect 5: never "Cannot use 'in' operator". */
function expectSourceNamed(error: OcopConnectError, name: string): void {
  expect(error.kind).toBe('validation');
  expect(error.messageVi).toContain(name);
  expect(error.messageEn).toContain(name);
  // A source of the wrong shape names the three shapes; a known shape with a wrong-typed field names the field.
  if (name === 'source') expect(error.messageEn).toContain('{path} | {url} | {buffer}');
}

describe('image source shape (trial 3, defect 5)', () => {
  it.each([
    ['a bare path string', 'a.jpg', 'source'],
    ['undefined', undefined, 'source'],
    ['{}', {}, 'source'],
    ['{path: 5}', { path: 5 }, 'source.path'],
  ])('prepareImage(%s) → ValidationError naming %s', async (_label, source, name = 'source') => {
    expectSourceNamed(await validationRejection(() => prepareImage(source as never, SQUARE_SPEC)), name);
  });

  it('createImagePreparer().prepare / check with a path string → ValidationError naming source', async () => {
    const preparer = createImagePreparer();
    expectSourceNamed(
      await validationRejection(() => preparer.prepare('a.jpg' as never, SQUARE_SPEC)),
      'source',
    );
    expectSourceNamed(
      await validationRejection(() => preparer.check('a.jpg' as never, SQUARE_SPEC)),
      'source',
    );
  });

  it.each([
    ['undefined', undefined],
    ['5', 5],
    ['{}', {}],
  ])('sniffImageFormat(%s) → ValidationError naming bytes', (_l, bytes) => {
    const error = thrownBy(() => sniffImageFormat(bytes as never), ValidationError);
    expect(error.messageVi).toContain('bytes');
    expect(error.messageEn).toContain('bytes');
  });
});

// #18 trial 6 (items 7, 11, 12): a missing local image is bad input, not a network failure (retrying cannot
// make the file appear); a wrong-typed source field names the field and the type expected; prepareMany hands
// each item's own source back.
describe('image sources: a missing file, wrong-typed fields, prepareMany (trial 6)', () => {
  it('a missing file: FILE_NOT_FOUND, kind validation, not retriable, naming source.path and the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-img-missing-'));
    const path = join(dir, 'nope.jpg');
    const error = (await failure(() => prepareImage({ path }, SQUARE_SPEC))) as ImageError;
    expect(error).toBeInstanceOf(ImageError);
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.kind).toBe('validation');
    expect(error.retriable).toBe(false);
    expect(error.messageVi).toBe(`source.path: không tìm thấy tệp ảnh: ${path}`);
    expect(error.messageEn).toBe(`source.path: image file not found: ${path}`);
    expect(error.source).toBe(path);
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
