import { type OcopConnectError, ValidationError } from '../../core/errors.js';
import { isImageError } from '../../images/errors.js';
import type { MarketplaceAdapter, PriceUpdate, StockUpdate } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';
import { BulkBatcher } from './bulk-batcher.js';
import { createListing } from './create-listing.js';
import { abortedError, asOcopError, bulkCallFailure } from './errors.js';
import type { ImageReservation, ImageStage } from './image-stage.js';
import { withListPriceWarning } from './list-price-warning.js';
import { needsFullWrite } from './plan.js';
import { imageSpecIssue } from './planned-items.js';
import type { PublishItemResult } from './types.js';
import { updateListing } from './update-listing.js';
import { WorkQueue } from './work-queue.js';
import { baseResult, callOptions, type ListingTask, type WriteContext } from './write-context.js';

export type { ListingTask } from './write-context.js';

/**
 * Planned creates/updates allowed to wait per platform before planning pauses: enough to keep any
 * limiter busy, few enough that a huge streamed catalog is not held in memory.
 */
export const MAX_WAITING_TASKS = 512;

/** Price/stock-only tasks allowed to wait for their bulk calls before planning pauses (≈ 20–100 calls). */
export const MAX_PENDING_BULK_TASKS = 2_000;

/**
 * Applies one platform's share of a publish, every task already checked while planning: creates and
 * full updates through a bounded queue (the adapter's rate limiter paces the actual requests), price and
 * stock changes through bulk calls. The writes themselves are `createListing` (create-listing.ts:
 * durable intents, adoption) and `updateListing` (update-listing.ts: full or bulk). Independent of every
 * other platform, so the run takes about as long as the slowest one.
 */
export class PlatformPublisher {
  readonly adapter: MarketplaceAdapter;
  readonly items: PublishItemResult[] = [];

  readonly #ctx: WriteContext;
  readonly #queue: WorkQueue;
  readonly #onItem: (item: PublishItemResult) => void;
  readonly #running: Promise<void>[] = [];
  /** Tasks waiting for a queue slot whose images are not asked for yet, in schedule order. */
  readonly #toPrefetch: ListingTask[] = [];
  /** Tasks waiting for a queue slot whose images are being (or were) prepared ahead. */
  readonly #prefetched = new Set<ListingTask>();
  readonly #prefetchLimit: number;
  #bulkPending = 0;
  #bulkWaiters: (() => void)[] = [];

  constructor(
    adapter: MarketplaceAdapter,
    store: StateStore,
    images: ImageStage,
    concurrency: number,
    signal: AbortSignal | undefined,
    onItem: (item: PublishItemResult) => void,
  ) {
    this.adapter = adapter;
    this.#queue = new WorkQueue(concurrency);
    this.#prefetchLimit = Math.max(1, Math.floor(concurrency));
    this.#onItem = onItem;
    const caps = adapter.capabilities;
    const batch = caps.bulkStock ? caps.maxStockBatch : 1;
    const platform = adapter.platform;
    const withSignal = () => callOptions(this.#ctx);
    const ctx: WriteContext = {
      adapter,
      store,
      images,
      signal,
      stock: new BulkBatcher<StockUpdate>(
        (items) => adapter.setStock(items, withSignal()),
        batch,
        (error) => bulkCallFailure(error, platform, 'setStock'),
      ),
      price: new BulkBatcher<PriceUpdate>(
        (items) => adapter.setPrice(items, withSignal()),
        batch,
        (error) => bulkCallFailure(error, platform, 'setPrice'),
      ),
      counters: { imagesUploaded: 0, imagesReused: 0 },
      create: (task) => createListing(ctx, task),
      update: (task) => updateListing(ctx, task),
    };
    this.#ctx = ctx;
  }

  get imagesUploaded(): number {
    return this.#ctx.counters.imagesUploaded;
  }

  get imagesReused(): number {
    return this.#ctx.counters.imagesReused;
  }

  get bulkCalls(): { stock: number; price: number } {
    return { stock: this.#ctx.stock.calls, price: this.#ctx.price.calls };
  }

  /** Record an item that needs no work (unchanged, invalid, planned, held). */
  settle(item: PublishItemResult, index: number): void {
    this.items[index] = item;
    this.#onItem(item);
  }

  /**
   * Runs a planned write. A task that uses images holds their prepared bytes from now until it ends:
   * reserved here, released in `#runTask`'s finally — this class owns the whole hold.
   */
  schedule(task: ListingTask): void {
    const images = task.usesImages
      ? this.#ctx.images.reserve(task.imageIdentities, this.adapter.listingRules.image)
      : undefined;
    const fullWork = needsFullWrite(task.plan, this.adapter.capabilities);
    // Price/stock-only work never takes a queue slot: it only waits for its bulk call.
    let run: Promise<void>;
    if (fullWork) {
      if (task.usesImages) {
        this.#toPrefetch.push(task);
        this.#prefetch();
      }
      run = this.#queue.run(() => {
        this.#started(task);
        return this.#runTask(task, images);
      });
    } else {
      this.#bulkPending++;
      run = this.#runTask(task, images).finally(() => {
        this.#bulkPending--;
        if (this.#bulkPending < MAX_PENDING_BULK_TASKS) this.#wakeBulkWaiters();
      });
    }
    this.#running.push(run);
  }

  /**
   * Image preparation (CPU) runs ahead of the request queue for up to `concurrency` waiting tasks, so
   * a task that gets its slot finds its images ready and the limiter, not sharp, sets the pace. The
   * prepared bytes are shared by every platform with the same spec and dropped once all have used
   * them; a failed preparation is reported by the task itself (it asks for the same result).
   */
  #prefetch(): void {
    const spec = this.adapter.listingRules.image;
    while (this.#prefetched.size < this.#prefetchLimit && this.#toPrefetch.length > 0) {
      const task = this.#toPrefetch.shift()!;
      this.#prefetched.add(task);
      task.product.images.forEach((source, i) => {
        const identity = task.imageIdentities[i];
        if (identity === undefined) return;
        this.#ctx.images.prepare(source, identity, spec, this.#ctx.signal).catch(() => {});
      });
    }
  }

  /** A task took its queue slot: it prepares its own images from now on; the next one may start. */
  #started(task: ListingTask): void {
    if (!this.#prefetched.delete(task)) {
      const index = this.#toPrefetch.indexOf(task);
      if (index >= 0) this.#toPrefetch.splice(index, 1);
    }
    this.#prefetch();
  }

  /** Resolves when few enough tasks wait, so planning never runs far ahead of sending. */
  async waitForRoom(): Promise<void> {
    await this.#queue.waitForRoom(MAX_WAITING_TASKS);
    while (this.#bulkPending >= MAX_PENDING_BULK_TASKS) {
      await new Promise<void>((resolve) => this.#bulkWaiters.push(resolve));
    }
  }

  #wakeBulkWaiters(): void {
    const waiters = this.#bulkWaiters;
    this.#bulkWaiters = [];
    for (const wake of waiters) wake();
  }

  async finish(): Promise<void> {
    this.#ctx.stock.flush();
    this.#ctx.price.flush();
    await Promise.all(this.#running);
    await Promise.all([this.#ctx.stock.drain(), this.#ctx.price.drain()]);
  }

  async #runTask(task: ListingTask, images: ImageReservation | undefined): Promise<void> {
    let item: PublishItemResult;
    try {
      if (this.#ctx.signal?.aborted) throw abortedError(this.adapter.platform);
      item = task.plan.action === 'create' ? await this.#ctx.create(task) : await this.#ctx.update(task);
      item = withListPriceWarning(item, task.product, this.adapter);
    } catch (error) {
      item = this.#failure(task, error);
    } finally {
      images?.release();
    }
    this.settle(item, task.index);
  }

  /** Our data was refused before anything was sent (image spec): `invalid`, else `failed`. */
  #failure(task: ListingTask, error: unknown): PublishItemResult {
    if (error instanceof ValidationError) {
      const issues = error.issues.map((issue) => ({
        ...issue,
        platform: issue.platform ?? this.adapter.platform,
        sku: issue.sku ?? task.product.sku,
        row: issue.row ?? task.row,
      }));
      return { ...this.#failed(task, error), outcome: 'invalid', issues };
    }
    if (isImageError(error) && error.kind === 'validation') {
      const issue = imageSpecIssue(error, task.product.sku, task.row, this.adapter.platform);
      return { ...this.#failed(task, error), outcome: 'invalid', issues: [issue] };
    }
    return this.#failed(task, asOcopError(error, this.adapter.platform, task.plan.action));
  }

  #failed(task: ListingTask, error: OcopConnectError): PublishItemResult {
    const item: PublishItemResult = { ...baseResult(this.#ctx, task), outcome: 'failed', error };
    if (task.previous) item.remoteId = task.previous.remoteListingId;
    return item;
  }
}
