import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../../core/errors.js';
import { imageFileError } from '../../images/load-source.js';
import { checkUploadBytes } from '../../images/upload-check.js';
import type { ImageSpec } from '../../model/image-spec.js';
import type { ImageSource } from '../../model/product.js';
import type { ImageUpload, MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { canonicalJson, sha256Hex } from './canonical-hash.js';
import type { PublishImagePreparer } from './types.js';

export interface UploadedImageRef {
  imageId: string;
  /** True when the store (or an upload earlier in this run) already had it: nothing was sent. */
  reused: boolean;
}

/** A hold on prepared images for one consumer; see `ImageStage.reserve`. */
export interface ImageReservation {
  release(): void;
}

interface PreparedEntry {
  promise?: Promise<ImageUpload>;
  /** Consumers still expected; the bytes are dropped when it reaches 0 so memory stays bounded. */
  remaining: number;
}

/**
 * Images, done once:
 * - identity of a source = sha256 of its bytes (a URL source is identified by the URL itself, so the
 *   planner never downloads anything); used in the listing fingerprint;
 * - prepared once per (identity, spec), whichever platforms share that spec;
 * - uploaded once per (platform, account, prepared hash), remembered in the store across runs.
 */
export class ImageStage {
  readonly #preparer: PublishImagePreparer | undefined;
  readonly #store: StateStore;
  readonly #identities = new Map<string, Promise<string>>();
  readonly #bufferIdentities = new WeakMap<Uint8Array, string>();
  readonly #prepared = new Map<string, PreparedEntry>();
  readonly #uploads = new Map<string, Promise<UploadedImageRef>>();
  uploadsSent = 0;

  constructor(preparer: PublishImagePreparer | undefined, store: StateStore) {
    this.#preparer = preparer;
    this.#store = store;
  }

  identity(source: ImageSource): Promise<string> {
    if ('buffer' in source) {
      let id = this.#bufferIdentities.get(source.buffer);
      if (!id) {
        id = `sha256:${sha256Hex(source.buffer)}`;
        this.#bufferIdentities.set(source.buffer, id);
      }
      return Promise.resolve(id);
    }
    // A URL is its own identity (nothing is downloaded to plan); nothing to remember.
    if ('url' in source) return Promise.resolve(`url:${source.url}`);
    const key = `path:${source.path}`;
    let id = this.#identities.get(key);
    if (!id) {
      const path = source.path;
      id = readFile(path).then(
        (bytes) => `sha256:${sha256Hex(bytes)}`,
        (error: unknown) => Promise.reject(imageFileError(path, error)),
      );
      // A missing file is reported on the item that needs it, not cached as a poisoned promise forever.
      id.catch(() => this.#identities.delete(key));
      this.#identities.set(key, id);
    }
    return id;
  }

  /**
   * A dry run's read of an image (see `PublishOptions.checkImages`): undefined when the preparer would
   * accept it for this spec, else what it would throw. A preparer without `check` checks nothing.
   */
  async check(source: ImageSource, spec: ImageSpec, signal?: AbortSignal): Promise<unknown> {
    const preparer = this.#preparer;
    if (!preparer?.check) return undefined;
    try {
      await preparer.check(source, spec, signal ? { signal } : undefined);
      return undefined;
    } catch (error) {
      return error;
    }
  }

  /**
   * One consumer (a platform listing) will need these prepared images: each stays prepared until
   * every reservation that names it is released. The caller owns the reservation and releases it once,
   * when its work ends (try/finally); a second `release` does nothing.
   */
  reserve(identities: readonly string[], spec: ImageSpec): ImageReservation {
    const keys = identities.map((identity) => preparedKey(identity, spec));
    for (const key of keys) {
      const entry = this.#prepared.get(key);
      if (entry) entry.remaining++;
      else this.#prepared.set(key, { remaining: 1 });
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const key of keys) this.#unreserve(key);
      },
    };
  }

  /** How many prepared images are held for consumers that have not released them (bounded memory). */
  get held(): number {
    return this.#prepared.size;
  }

  /** Prepared bytes, kept while a reservation names them (see `reserve`). */
  prepare(
    source: ImageSource,
    identity: string,
    spec: ImageSpec,
    signal?: AbortSignal,
  ): Promise<ImageUpload> {
    const preparer = this.#preparer;
    if (!preparer) {
      return Promise.reject(
        new ConfigurationError(
          {
            vi: 'Sản phẩm có ảnh nhưng publish() không được đưa bộ chuẩn bị ảnh',
            en: 'Products have images but publish() was given no image preparer',
          },
          [
            'options.images: bắt buộc khi sản phẩm có ảnh / options.images: is required when products have images',
          ],
        ),
      );
    }
    const key = preparedKey(identity, spec);
    let entry = this.#prepared.get(key);
    if (!entry) {
      entry = { remaining: 1 };
      this.#prepared.set(key, entry);
    }
    if (!entry.promise) {
      // What a preparer gives is looked at before it is sent: a preparer of the caller's own may pass
      // a text file named .jpg, an empty or a truncated one as it is (refused naming the source).
      entry.promise = preparer.prepare(source, spec, signal ? { signal } : undefined).then((upload) => {
        checkUploadBytes(upload, source);
        return upload;
      });
      entry.promise.catch(() => {});
    }
    return entry.promise;
  }

  #unreserve(key: string): void {
    const entry = this.#prepared.get(key);
    if (!entry) return;
    entry.remaining--;
    if (entry.remaining <= 0) this.#prepared.delete(key);
  }

  /** The platform's image id for these bytes: from the store, or uploaded now (once per run). */
  upload(adapter: MarketplaceAdapter, image: ImageUpload, signal?: AbortSignal): Promise<UploadedImageRef> {
    const key = `${adapter.platform}\u0000${adapter.account}\u0000${image.contentHash}`;
    const inFlight = this.#uploads.get(key);
    if (inFlight) return inFlight.then((ref) => ({ ...ref, reused: true }));
    const promise = (async (): Promise<UploadedImageRef> => {
      const storeKey = {
        platform: adapter.platform,
        account: adapter.account,
        contentHash: image.contentHash,
      };
      const cached = await this.#store.getImageUpload(storeKey);
      if (cached) return { imageId: cached.remoteImageId, reused: true };
      this.uploadsSent++;
      const uploaded = await adapter.uploadImage(
        { bytes: image.bytes, contentType: image.contentType, contentHash: image.contentHash },
        signal ? { signal } : undefined,
      );
      await this.#store.putImageUpload({
        ...storeKey,
        remoteImageId: uploaded.imageId,
        ...(uploaded.url !== undefined ? { url: uploaded.url } : {}),
      });
      return { imageId: uploaded.imageId, reused: false };
    })();
    this.#uploads.set(key, promise);
    // A failed upload may be retried by the next product that needs the same image.
    promise.catch(() => this.#uploads.delete(key));
    return promise;
  }
}

/** Platforms whose specs are equal share one preparation. */
const specKeys = new WeakMap<ImageSpec, string>();
export function specKey(spec: ImageSpec): string {
  let key = specKeys.get(spec);
  if (key === undefined) {
    key = canonicalJson(spec);
    specKeys.set(spec, key);
  }
  return key;
}

function preparedKey(identity: string, spec: ImageSpec): string {
  return `${identity}\u0000${specKey(spec)}`;
}
