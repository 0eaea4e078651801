import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { checkArgument, type Expected } from '../core/argument-guards.js';
import { sha256Hex } from '../core/canonical-json.js';
import { AbortedError, ConfigurationError } from '../core/errors.js';
import { argumentProblem, isPlainObject } from '../model/argument-check.js';
import type { ImageSpecInput } from '../model/image-spec.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { assertUsableSpec } from './image-geometry.js';
import { checkImageCallOptions, checkImagePreparerOptions } from './image-options.js';
import {
  DEFAULT_CACHE_BYTES,
  DEFAULT_CACHE_ENTRIES,
  DEFAULT_DOWNLOAD_CONCURRENCY,
  type ImagePreparerOptions,
  type PrepareImageOptions,
} from './limits.js';
import { warmUpSharp } from './load-sharp.js';
import { checkImageSource, type ImageInput, type LoadedSource, loadImageSource } from './load-source.js';
import {
  type InspectedImage,
  inspectImageBytes,
  type PreparedImage,
  prepareImageBytes,
} from './prepare-image.js';

/** Header checks remembered (a few dozen bytes each). */
const CHECKS_KEPT = 100_000;

/** Options of one call to an ImagePreparer. */
export interface ImageCallOptions {
  /** Rejects this call with AbortedError when aborted, without cancelling work other callers share. */
  signal?: AbortSignal;
}

export interface ImagePreparerStats {
  /** Images actually run through the pipeline. */
  prepared: number;
  /** Requests answered from the cache or joined to a pipeline already running. */
  reused: number;
  /** Sources actually read or downloaded. */
  loaded: number;
}

export type PrepareResult =
  | { ok: true; source: ImageInput; image: PreparedImage }
  | { ok: false; source: ImageInput; error: unknown };

/** Everything that changes the output for the same source bytes. */
function specKey(spec: ImageSpecInput, upscale: boolean): string {
  return JSON.stringify([
    spec.minWidth,
    spec.minHeight,
    spec.maxWidth,
    spec.maxHeight,
    spec.aspect,
    spec.background ?? null,
    spec.formats,
    spec.maxBytes,
    upscale,
  ]);
}

/**
 * Prepares many images in parallel, bounded, and never twice: the same source bytes with the same
 * spec (or an equal spec of another platform) are prepared once; concurrent requests for it share
 * the one running pipeline. Results are cached in a bounded LRU (entries and bytes).
 *
 * A path's cache identity includes its size and mtime, so an edited file is prepared again; a URL
 * is assumed not to change during the preparer's life (create a new preparer per run). Callers
 * sharing a result get the same PreparedImage object: treat it (and its bytes) as read-only.
 */
export class ImagePreparer {
  private readonly options: PrepareImageOptions;
  private readonly cpu: ConcurrencyLimit;
  private readonly io: ConcurrencyLimit;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  /** sourceHash|specKey → prepared image (LRU: Map order, most recent last). */
  private readonly cache = new Map<string, PreparedImage>();
  private cachedBytes = 0;
  private readonly running = new Map<string, Promise<PreparedImage>>();
  /** Source identity (path+mtime+size, URL) → hash of its bytes: a hit skips reading again. */
  private readonly hashByIdentity = new Map<string, string>();
  private readonly loading = new Map<string, Promise<LoadedSource>>();
  /** Source identity|spec → header check (successes only; cleared when it grows past CHECKS_KEPT). */
  private readonly checks = new Map<string, Promise<InspectedImage>>();
  private readonly counters: ImagePreparerStats = { prepared: 0, reused: 0, loaded: 0 };

  constructor(options: ImagePreparerOptions = {}) {
    checkImagePreparerOptions(options);
    const { concurrency, downloadConcurrency, cacheEntries, cacheBytes, ...prepareOptions } = options ?? {};
    this.options = prepareOptions;
    this.cpu = new ConcurrencyLimit(concurrency ?? 2 * availableParallelism());
    this.io = new ConcurrencyLimit(downloadConcurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY);
    this.maxEntries = cacheEntries ?? DEFAULT_CACHE_ENTRIES;
    this.maxBytes = cacheBytes ?? DEFAULT_CACHE_BYTES;
  }

  get stats(): ImagePreparerStats {
    return { ...this.counters };
  }

  /**
   * Loads the image library ahead of the first image (once per process; `publish` calls it as a run
   * starts, alongside its first requests). Never rejects: a missing library is reported by `prepare`.
   */
  warmUp(): Promise<void> {
    return warmUpSharp().catch(() => {});
  }

  /**
   * Same contract as prepareImage(), with reuse and bounded parallelism. An aborted `signal` rejects
   * this call (AbortedError) without cancelling work other callers share.
   */
  prepare(source: ImageInput, spec: ImageSpecInput, options: ImageCallOptions = {}): Promise<PreparedImage> {
    return checkedCall('prepare', { source, spec, options }, () => this.prepareShared(source, spec));
  }

  private async prepareShared(source: ImageInput, spec: ImageSpecInput): Promise<PreparedImage> {
    const variant = specKey(spec, this.options.upscale ?? false);
    const identity = await this.identify(source);
    const knownHash = identity === undefined ? undefined : this.hashByIdentity.get(identity);
    if (knownHash !== undefined) {
      const reused = this.reuse(`${knownHash}|${variant}`);
      if (reused !== undefined) return reused;
    }
    const loaded = await this.load(source, identity);
    const sourceHash = sha256Hex(loaded.bytes);
    if (identity !== undefined) this.hashByIdentity.set(identity, sourceHash);
    const key = `${sourceHash}|${variant}`;
    const reused = this.reuse(key);
    if (reused !== undefined) return reused;

    const job = this.cpu.run(() => {
      this.counters.prepared++;
      return prepareImageBytes(loaded.bytes, spec, { ...this.options, label: loaded.label, sourceHash });
    });
    this.running.set(key, job);
    try {
      const image = await job;
      this.remember(key, image);
      return image;
    } finally {
      // Failures are not cached: a timeout or a fixed file deserves another try.
      this.running.delete(key);
    }
  }

  /**
   * What a dry run can know without preparing: the source is loaded (within the same limits as
   * `prepare`: bytes, download timeout, redirects, network policy) and its header checked against the
   * spec — format, pixel limit, minimum size — decoding nothing. Resolves with the upright size and
   * format when `prepare` would get past those checks; rejects with the ImageError `prepare` would
   * throw (NOT_AN_IMAGE, UNSUPPORTED_FORMAT, TOO_SMALL, TOO_MANY_PIXELS, TOO_MANY_BYTES,
   * URL_NOT_ALLOWED, FILE_NOT_FOUND, UNREACHABLE, TIMEOUT). Each source is checked once per spec for the preparer's
   * life (failures are not remembered).
   */
  check(source: ImageInput, spec: ImageSpecInput, options: ImageCallOptions = {}): Promise<InspectedImage> {
    return checkedCall('check', { source, spec, options }, () => this.checkShared(source, spec));
  }

  private async checkShared(source: ImageInput, spec: ImageSpecInput): Promise<InspectedImage> {
    const identity = await this.identify(source);
    const key =
      identity === undefined ? undefined : `${identity}|${specKey(spec, this.options.upscale ?? false)}`;
    const known = key === undefined ? undefined : this.checks.get(key);
    if (known !== undefined) return known;
    const job = this.load(source, identity).then((loaded) =>
      inspectImageBytes(loaded.bytes, spec, { ...this.options, label: loaded.label }),
    );
    if (key !== undefined) {
      if (this.checks.size >= CHECKS_KEPT) this.checks.clear();
      this.checks.set(key, job);
      job.catch(() => this.checks.delete(key));
    }
    return job;
  }

  /**
   * Prepares all, in parallel within the limits; one failure never hides the others. `items` not an
   * array of `{ source, spec }` (an item without its spec object included: `items[2].spec`), or options
   * not an object, is refused whole, before any work. Each result holds the item's own `source` object
   * (the same reference: its bytes are never copied).
   */
  async prepareMany(
    items: readonly { source: ImageInput; spec: ImageSpecInput }[],
    options: ImageCallOptions = {},
  ): Promise<PrepareResult[]> {
    checkArgument(items, 'items', PREPARE_ITEMS);
    checkItemSpecs(items);
    checkImageCallOptions(options, 'prepareMany');
    return Promise.all(
      items.map(({ source, spec }) =>
        this.prepare(source, spec, options).then(
          (image): PrepareResult => ({ ok: true, source, image }),
          (error: unknown): PrepareResult => ({ ok: false, source, error }),
        ),
      ),
    );
  }

  clear(): void {
    this.cache.clear();
    this.cachedBytes = 0;
    this.hashByIdentity.clear();
    this.checks.clear();
  }

  private reuse(key: string): Promise<PreparedImage> | undefined {
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      this.counters.reused++;
      return Promise.resolve(cached);
    }
    const running = this.running.get(key);
    if (running !== undefined) this.counters.reused++;
    return running;
  }

  private remember(key: string, image: PreparedImage): void {
    if (image.bytes.length > this.maxBytes) return;
    this.cache.set(key, image);
    this.cachedBytes += image.bytes.length;
    for (const [oldKey, old] of this.cache) {
      if (this.cache.size <= this.maxEntries && this.cachedBytes <= this.maxBytes) break;
      this.cache.delete(oldKey);
      this.cachedBytes -= old.bytes.length;
    }
  }

  private async identify(source: ImageInput): Promise<string | undefined> {
    if ('url' in source) return `url:${source.url}`;
    if ('path' in source) {
      const path = resolve(source.path);
      try {
        const info = await stat(path);
        return `path:${path}:${info.size}:${info.mtimeMs}`;
      } catch {
        return undefined; // the load reports the error
      }
    }
    return undefined; // bytes: hashing them is the identity
  }

  private load(source: ImageInput, identity: string | undefined): Promise<LoadedSource> {
    if ('buffer' in source) return loadImageSource(source, this.options);
    if (identity === undefined) return this.io.run(() => loadImageSource(source, this.options));
    const key = identity;
    const inFlight = this.loading.get(key);
    if (inFlight !== undefined) return inFlight;
    const job = this.io
      .run(() => {
        this.counters.loaded++;
        return loadImageSource(source, this.options);
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, job);
    return job;
  }
}

const PREPARE_ITEMS: Expected = {
  schema: z.array(z.custom(isPlainObject)),
  vi: 'một mảng các { source, spec }',
  en: 'an array of { source, spec }',
};

/** Every item without a spec object, named by its place (`items[0].spec`), in one ConfigurationError. */
function checkItemSpecs(items: readonly { spec: unknown }[]): void {
  const problems = items.flatMap(({ spec }, i) => {
    if (isPlainObject(spec)) return [];
    const problem = argumentProblem(`items[${i}].spec`, spec, AN_IMAGE_SPEC);
    return [`${problem.vi} / ${problem.en}`];
  });
  if (problems.length > 0)
    throw new ConfigurationError(
      { vi: 'prepareMany: thiếu ImageSpec của ảnh', en: 'prepareMany: an image has no ImageSpec' },
      problems,
    );
}

const AN_IMAGE_SPEC = { vi: 'một ImageSpec (đối tượng)', en: 'an ImageSpec (an object)' } as const;

/**
 * A call's arguments checked before any work — the source (ValidationError), the spec and the options
 * (ConfigurationError), as a rejection — then `work()` until the caller's signal aborts.
 */
async function checkedCall<T>(
  what: string,
  call: { source: unknown; spec: unknown; options: ImageCallOptions | undefined },
  work: () => Promise<T>,
): Promise<T> {
  checkImageSource(call.source);
  assertUsableSpec(call.spec as ImageSpecInput);
  checkImageCallOptions(call.options, what);
  return untilAborted(call.options?.signal, work);
}

/**
 * `work()`'s result, or an AbortedError as soon as `signal` aborts: the caller stops waiting while the
 * work itself goes on for the other callers that share it.
 */
function untilAborted<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (signal === undefined) return work();
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortedError(signal: AbortSignal): AbortedError {
  return new AbortedError(
    { vi: 'Bên gọi đã huỷ việc chuẩn bị ảnh', en: 'Image preparation aborted by the caller' },
    { cause: signal.reason },
  );
}

export function createImagePreparer(options: ImagePreparerOptions = {}): ImagePreparer {
  return new ImagePreparer(options);
}
