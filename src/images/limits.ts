/** Larger downloads or buffers are refused before decoding. 20 MiB fits any phone photo. */
export const DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024;
/** Decoded size cap (width × height). 50 MP admits 8000×6000 phone photos, refuses decompression bombs. */
export const DEFAULT_MAX_INPUT_PIXELS = 50_000_000;
/** Whole download, connection to last byte. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_REDIRECTS = 3;
/** JPEG / WebP quality ladder tried in order until the output fits `maxBytes`. */
export const QUALITY_STEPS = [90, 85, 80, 75, 70, 65, 60, 55, 50] as const;
/** After the lowest quality, each retry shrinks both sides by this factor. */
export const SHRINK_FACTOR = 0.85;

/** Prepared images kept for reuse (a catalog rarely has more distinct images × specs). */
export const DEFAULT_CACHE_ENTRIES = 1_000;
/** Upper bound of the bytes held by cached prepared images. */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;
/** Downloads are I/O-bound: more of them may run than CPU-bound encodes. */
export const DEFAULT_DOWNLOAD_CONCURRENCY = 8;

export interface LoadImageOptions {
  /** @default DEFAULT_MAX_INPUT_BYTES (20 MiB) */
  maxInputBytes?: number;
  /** @default DEFAULT_MAX_INPUT_PIXELS (50 000 000) */
  maxInputPixels?: number;
  /** @default DEFAULT_DOWNLOAD_TIMEOUT_MS (15 000 ms) */
  downloadTimeoutMs?: number;
  /** @default DEFAULT_MAX_REDIRECTS (3) */
  maxRedirects?: number;
  /**
   * Allow URLs that resolve to loopback, private, link-local or otherwise internal addresses.
   * Off by default so a catalog URL cannot make the library fetch from the internal network (SSRF);
   * the sandbox, on 127.0.0.1, needs it on.
   * @default false
   */
  allowPrivateNetwork?: boolean;
  /** Aborts a download in progress. @default none */
  signal?: AbortSignal;
}

export interface PrepareImageOptions extends LoadImageOptions {
  /**
   * Enlarge images smaller than the spec's minimum instead of refusing them (blurry, so off).
   * @default false
   */
  upscale?: boolean;
}

export interface ImagePreparerOptions extends PrepareImageOptions {
  /**
   * Images decoded/encoded at once. Twice the cores: part of each image is reading its file and
   * waiting for libuv's pool, so one per core leaves cores idle (bench/images.ts: +15–20 % at 4 on 2
   * cores). @default 2 × os.availableParallelism()
   */
  concurrency?: number;
  /** Sources loaded at once. @default DEFAULT_DOWNLOAD_CONCURRENCY (8) */
  downloadConcurrency?: number;
  /** @default DEFAULT_CACHE_ENTRIES (1 000) */
  cacheEntries?: number;
  /** @default DEFAULT_CACHE_BYTES (256 MiB) */
  cacheBytes?: number;
}
