import type { CallOptions } from '../../core/types.js';
import type { CategoryAttribute } from '../types.js';
import { notAListError } from './category-tree.js';
import { decodeCategoryAttribute } from './listing-codec.js';
import type { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile } from './profile-schema.js';

/**
 * A category's attributes, read once per `ttlMs` per category: every listing of a category checks and
 * encodes its attributes against them. A failed read is not kept (the next call tries again).
 */
export class CategoryAttributeCache {
  readonly #profile: MarketplaceProfile;
  readonly #requester: ProfileRequester;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { atMs: number; value: Promise<CategoryAttribute[]> }>();

  constructor(profile: MarketplaceProfile, requester: ProfileRequester, now: () => number, ttlMs: number) {
    this.#profile = profile;
    this.#requester = requester;
    this.#now = now;
    this.#ttlMs = ttlMs;
  }

  get(categoryId: string, options?: CallOptions): Promise<CategoryAttribute[]> {
    const cached = this.#entries.get(categoryId);
    if (cached && this.#now() - cached.atMs < this.#ttlMs) return cached.value;
    const value = this.#requester.call('categoryAttributes', { categoryId }, {}, options).then((data) => {
      // "No attributes" would skip attribute validation: only an actual empty list may say so.
      if (!Array.isArray(data))
        throw notAListError(this.#profile.platform, 'categoryAttributes', {
          vi: 'danh sách thuộc tính',
          en: 'the attribute list',
        });
      return data.map((raw) => decodeCategoryAttribute(this.#profile, raw));
    });
    this.#entries.set(categoryId, { atMs: this.#now(), value });
    value.catch(() => {
      if (this.#entries.get(categoryId)?.value === value) this.#entries.delete(categoryId);
    });
    return value;
  }
}
