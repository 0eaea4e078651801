/**
 * The platform's review of listings: automatic (at once or after a delay, by the review rules) or
 * manual (a test decides). Each decision is written on the stored listing and reported.
 */
import type { CategoryNode } from './catalog.js';
import { type RejectReason, reviewListing } from './review-rules.js';
import type { SandboxListing, SandboxReviewStatus } from './shop-data.js';
import type { SandboxReviewOptions } from './types.js';

export type StoredListing = Omit<SandboxListing, 'rawReviewStatus'>;

export class ListingReview {
  readonly #timers = new Map<number, NodeJS.Timeout>();
  #closed = false;

  constructor(
    private readonly parts: {
      options: Required<SandboxReviewOptions>;
      categories: ReadonlyMap<number, CategoryNode>;
      now: () => number;
      /** Called after each decision (the engine emits LISTING_REVIEWED). */
      decided: (listing: StoredListing) => void;
    },
  ) {}

  /** A new or changed listing goes (back) into review; a pending timer for it is replaced. */
  schedule(listing: StoredListing): void {
    this.#clearTimer(listing.id);
    const { mode, delayMs } = this.parts.options;
    if (mode === 'manual') return;
    if (delayMs <= 0) {
      this.decide(listing);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(listing.id);
      if (!this.#closed) this.decide(listing);
    }, delayMs);
    timer.unref();
    this.#timers.set(listing.id, timer);
  }

  /** Decides now: the given decision, or the rules' (rejected with their reasons when any fails). */
  decide(listing: StoredListing, decision?: SandboxReviewStatus, reasons?: RejectReason[]): void {
    this.#clearTimer(listing.id);
    const automatic = reviewListing(listing, this.parts.categories.get(listing.categoryId));
    const status = decision ?? (automatic.length > 0 ? 'REJECTED' : 'APPROVED');
    listing.reviewStatus = status;
    listing.rejectReasons =
      status === 'REJECTED'
        ? (reasons ??
          (automatic.length > 0 ? automatic : [{ code: 'OTHER', message: 'Không đạt kiểm duyệt' }]))
        : [];
    listing.updatedAtMs = this.parts.now();
    this.parts.decided(listing);
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #clearTimer(id: number): void {
    const existing = this.#timers.get(id);
    if (existing) clearTimeout(existing);
    this.#timers.delete(id);
  }
}
