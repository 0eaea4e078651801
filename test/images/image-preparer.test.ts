import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, ConfigurationError } from '../../src/core/errors.js';
import { ConcurrencyLimit } from '../../src/images/concurrency-limit.js';
import { createImagePreparer, type ImageError } from '../../src/images/index.js';
import { SQUARE_SPEC, solid, startServer } from './image-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocop-preparer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jpeg = (color: string, size = 600) => solid(size, size, color).jpeg().toBuffer();

describe('ImagePreparer', () => {
  it('prepares the same bytes with an equal spec once, even when asked concurrently', async () => {
    const preparer = createImagePreparer();
    const input = await jpeg('#aa0000');
    const vosoSpec = { ...SQUARE_SPEC };
    const postmartSpec = { ...SQUARE_SPEC }; // another platform, equal rules
    const results = await Promise.all([
      preparer.prepare({ buffer: input }, vosoSpec),
      preparer.prepare({ buffer: Buffer.from(input) }, postmartSpec),
      preparer.prepare({ buffer: input }, vosoSpec),
    ]);
    expect(preparer.stats.prepared).toBe(1);
    expect(preparer.stats.reused).toBe(2);
    expect(new Set(results.map((r) => r.contentHash)).size).toBe(1);
    await preparer.prepare({ buffer: input }, vosoSpec);
    expect(preparer.stats.prepared).toBe(1);
  });

  it('prepares again for a different spec', async () => {
    const preparer = createImagePreparer();
    const input = await jpeg('#00aa00');
    const square = await preparer.prepare({ buffer: input }, SQUARE_SPEC);
    const webp = await preparer.prepare({ buffer: input }, { ...SQUARE_SPEC, formats: ['webp'] });
    expect(preparer.stats.prepared).toBe(2);
    expect(square.contentHash).not.toBe(webp.contentHash);
    expect(webp.sourceHash).toBe(square.sourceHash);
  });

  it('downloads a URL once for several specs and reuses it without downloading again', async () => {
    const body = await jpeg('#0000aa');
    let downloads = 0;
    const server = await startServer((_request, response) => {
      downloads++;
      setTimeout(() => response.end(body), 50);
    });
    try {
      const preparer = createImagePreparer({ allowPrivateNetwork: true });
      const url = `${server.url}/jar.jpg`;
      await Promise.all([
        preparer.prepare({ url }, SQUARE_SPEC),
        preparer.prepare({ url }, { ...SQUARE_SPEC, formats: ['png'] }),
      ]);
      expect(downloads).toBe(1);
      await preparer.prepare({ url }, SQUARE_SPEC);
      expect(downloads).toBe(1);
      expect(preparer.stats.prepared).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('notices an edited file (size or mtime) and prepares it again', async () => {
    const preparer = createImagePreparer();
    const path = join(dir, 'product.jpg');
    await writeFile(path, await jpeg('#111111'));
    const first = await preparer.prepare({ path }, SQUARE_SPEC);
    await preparer.prepare({ path }, SQUARE_SPEC);
    expect(preparer.stats.loaded).toBe(1);
    await writeFile(path, await jpeg('#eeeeee', 700));
    await utimes(path, new Date(), new Date(Date.now() + 5_000));
    const second = await preparer.prepare({ path }, SQUARE_SPEC);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(preparer.stats.prepared).toBe(2);
  });

  it('reports per-item results: one bad image never hides the others', async () => {
    const preparer = createImagePreparer({ concurrency: 2 });
    const inputs = await Promise.all(
      ['#100000', '#200000', '#300000', '#400000', '#500000'].map((c) => jpeg(c)),
    );
    const results = await preparer.prepareMany([
      ...inputs.map((buffer) => ({ source: { buffer }, spec: SQUARE_SPEC })),
      { source: { buffer: Buffer.from('not an image') }, spec: SQUARE_SPEC },
      { source: { buffer: await jpeg('#600000', 100) }, spec: SQUARE_SPEC },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false]);
    const failures = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(failures.map((e) => (e as ImageError).code)).toEqual(['NOT_AN_IMAGE', 'TOO_SMALL']);
    expect(preparer.stats.prepared).toBe(7); // failed attempts count: they ran the pipeline
  });

  it('rejects an aborted call with AbortedError while the shared work completes for others', async () => {
    const preparer = createImagePreparer();
    const input = await jpeg('#abcdef');
    const controller = new AbortController();
    const aborted = preparer.prepare({ buffer: input }, SQUARE_SPEC, { signal: controller.signal });
    const other = preparer.prepare({ buffer: input }, SQUARE_SPEC);
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    await expect(other).resolves.toMatchObject({ width: 600 });
    await expect(
      preparer.prepare({ buffer: input }, SQUARE_SPEC, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortedError);
  });

  it('keeps the cache bounded', async () => {
    const preparer = createImagePreparer({ cacheEntries: 2 });
    const inputs = await Promise.all(['#010101', '#020202', '#030303'].map((c) => jpeg(c)));
    for (const buffer of inputs) await preparer.prepare({ buffer }, SQUARE_SPEC);
    await preparer.prepare({ buffer: inputs[2] as Buffer }, SQUARE_SPEC); // newest: cached
    expect(preparer.stats.prepared).toBe(3);
    await preparer.prepare({ buffer: inputs[0] as Buffer }, SQUARE_SPEC); // oldest: evicted
    expect(preparer.stats.prepared).toBe(4);
  });
});

describe('ImagePreparer options', () => {
  it('reports every bad option at once as a ConfigurationError', () => {
    const error = (() => {
      try {
        createImagePreparer({
          concurrency: 0,
          downloadConcurrency: 1.5,
          cacheBytes: -1,
          downloadTimeoutMs: Number.NaN,
        });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    // Every problem, named in both languages (#18: no English inside the Vietnamese).
    expect((error as ConfigurationError).problems).toEqual([
      'downloadTimeoutMs: phải là một số > 0 (hoặc bỏ trống) (nhận được number) / downloadTimeoutMs: must be a number > 0 (or left out) (got number)',
      'concurrency: phải là một số nguyên ≥ 1 (hoặc bỏ trống) (nhận được number) / concurrency: must be an integer ≥ 1 (or left out) (got number)',
      'downloadConcurrency: phải là một số nguyên ≥ 1 (hoặc bỏ trống) (nhận được number) / downloadConcurrency: must be an integer ≥ 1 (or left out) (got number)',
      'cacheBytes: phải là một số nguyên ≥ 0 (hoặc bỏ trống) (nhận được number) / cacheBytes: must be an integer ≥ 0 (or left out) (got number)',
    ]);
  });

  it('accepts the documented edge values', () => {
    expect(() =>
      createImagePreparer({
        concurrency: 1,
        downloadConcurrency: 1,
        cacheEntries: 0,
        cacheBytes: 0,
        maxRedirects: 0,
      }),
    ).not.toThrow();
  });
});

describe('ConcurrencyLimit', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = new ConcurrencyLimit(3);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 2));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
  });
});
