import {
  ConflictError,
  type ErrorKind,
  NotFoundError,
  OcopConnectError,
  ValidationError,
} from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { isImageError } from '../../images/errors.js';
import { type Product, productOffers } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type {
  CategoryMapping,
  ListingDraft,
  MarketplaceAdapter,
  PriceUpdate,
  RemoteListing,
  StockUpdate,
} from '../../platforms/types.js';
import type { ListingInput, ListingKey, ListingRecord, StateStore } from '../../store/state-store.js';
import { BulkBatcher } from './bulk-batcher.js';
import { sha256Hex } from './canonical-hash.js';
import { abortedError, asOcopError, type BulkItemOutcome, bulkCallFailure, bulkItemError } from './errors.js';
import type { ImageStage } from './image-stage.js';
import { encodeFingerprint, type ListingFingerprint } from './listing-fingerprint.js';
import { type ListingPlan, NO_CHANGES, needsFullWrite } from './plan.js';
import type { PublishChange, PublishItemResult } from './types.js';
import { WorkQueue } from './work-queue.js';

/** One product to create or update on one platform (unchanged and invalid ones never get here). */
export interface ListingTask {
  /** Slot of this item in the platform's result list. */
  index: number;
  row: number;
  product: Product;
  mapping: CategoryMapping;
  imageIdentities: readonly string[];
  wanted: ListingFingerprint;
  previous?: ListingRecord;
  previousFingerprint?: ListingFingerprint;
  plan: ListingPlan;
  /** Prepared images were reserved for this task at plan time (released when it ends). */
  usesImages: boolean;
}

/**
 * Failures of a create after which the listing certainly does not exist. Anything else (timeout, reset,
 * 5xx, abort mid-flight) may have been committed by the platform: the intent stays pending.
 */
const NOTHING_CREATED_KINDS = new Set<ErrorKind>([
  'validation',
  'invalid_request',
  'authentication',
  'permission',
  'rate_limited',
  'configuration',
]);

/**
 * Planned creates/updates allowed to wait per platform before planning pauses: enough to keep any
 * limiter busy, few enough that a huge streamed catalog is not held in memory.
 */
export const MAX_WAITING_TASKS = 512;

/** Price/stock-only tasks allowed to wait for their bulk calls before planning pauses (≈ 20–100 calls). */
export const MAX_PENDING_BULK_TASKS = 2_000;

/** Placeholder hash for a listing adopted by SKU whose content we do not know: everything differs. */
const UNKNOWN_CONTENT_HASH = 'adopted';

/** Deterministic per logical create: the same catalog version retried gets the same key. */
export function createIntentId(key: ListingKey, encodedFingerprint: string): string {
  const digest = sha256Hex(`${key.platform}\u0000${key.account}\u0000${key.sku}\u0000${encodedFingerprint}`);
  return `ocop-${digest.slice(0, 40)}`;
}

function variantIdsOf(remote: RemoteListing): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const v of remote.variants) ids[v.sku] = v.remoteId;
  return ids;
}

/**
 * Applies one platform's share of a publish: creates and full updates through a bounded queue (the
 * adapter's rate limiter paces the actual requests), price and stock changes through bulk calls.
 * Independent of every other platform, so the run takes about as long as the slowest one.
 */
export class PlatformPublisher {
  readonly adapter: MarketplaceAdapter;
  readonly items: PublishItemResult[] = [];
  imagesUploaded = 0;
  imagesReused = 0;

  readonly #store: StateStore;
  readonly #images: ImageStage;
  readonly #queue: WorkQueue;
  readonly #signal: AbortSignal | undefined;
  readonly #onItem: (item: PublishItemResult) => void;
  readonly #stock: BulkBatcher<StockUpdate>;
  readonly #price: BulkBatcher<PriceUpdate>;
  readonly #running: Promise<void>[] = [];
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
    this.#store = store;
    this.#images = images;
    this.#queue = new WorkQueue(concurrency);
    this.#signal = signal;
    this.#onItem = onItem;
    const caps = adapter.capabilities;
    const batch = caps.bulkStock ? caps.maxStockBatch : 1;
    const platform = adapter.platform;
    this.#stock = new BulkBatcher<StockUpdate>(
      (items) => adapter.setStock(items, this.#callOptions()),
      batch,
      (error) => bulkCallFailure(error, platform, 'setStock'),
    );
    this.#price = new BulkBatcher<PriceUpdate>(
      (items) => adapter.setPrice(items, this.#callOptions()),
      batch,
      (error) => bulkCallFailure(error, platform, 'setPrice'),
    );
  }

  get bulkCalls(): { stock: number; price: number } {
    return { stock: this.#stock.calls, price: this.#price.calls };
  }

  /** Record an item that needs no work (unchanged, invalid, planned). */
  settle(item: PublishItemResult, index: number): void {
    this.items[index] = item;
    this.#onItem(item);
  }

  schedule(task: ListingTask): void {
    const fullWork = needsFullWrite(task.plan, this.adapter.capabilities);
    // Price/stock-only work never takes a queue slot: it only waits for its bulk call.
    let run: Promise<void>;
    if (fullWork) {
      run = this.#queue.run(() => this.#runTask(task));
    } else {
      this.#bulkPending++;
      run = this.#runTask(task).finally(() => {
        this.#bulkPending--;
        if (this.#bulkPending < MAX_PENDING_BULK_TASKS) this.#wakeBulkWaiters();
      });
    }
    this.#running.push(run);
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
    this.#stock.flush();
    this.#price.flush();
    await Promise.all(this.#running);
    await Promise.all([this.#stock.drain(), this.#price.drain()]);
  }

  async #runTask(task: ListingTask): Promise<void> {
    let item: PublishItemResult;
    try {
      if (this.#signal?.aborted) throw abortedError(this.adapter.platform);
      item = task.plan.action === 'create' ? await this.#create(task) : await this.#update(task);
    } catch (error) {
      item = this.#failure(task, error);
    } finally {
      if (task.usesImages) {
        for (const id of task.imageIdentities) this.#images.release(id, this.adapter.listingRules.image);
      }
    }
    this.settle(item, task.index);
  }

  #key(product: Product): ListingKey {
    return { platform: this.adapter.platform, account: this.adapter.account, sku: product.sku };
  }

  #callOptions(extra: CallOptions = {}): CallOptions {
    return this.#signal ? { ...extra, signal: this.#signal } : extra;
  }

  #base(task: ListingTask): Omit<PublishItemResult, 'outcome'> {
    return {
      sku: task.product.sku,
      platform: this.adapter.platform,
      account: this.adapter.account,
      row: task.row,
      action: task.plan.action,
      changes: task.plan.changes,
    };
  }

  /** Our data was refused before anything was sent (listing rules, image spec): `invalid`, else `failed`. */
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
      const issue: ValidationIssue = {
        path: 'images',
        ...(error.source !== undefined ? { value: error.source } : {}),
        code: `image.${error.code.toLowerCase()}`,
        messageVi: error.messageVi,
        messageEn: error.messageEn,
        sku: task.product.sku,
        row: task.row,
        platform: this.adapter.platform,
        rule: 'image',
      };
      return { ...this.#failed(task, error), outcome: 'invalid', issues: [issue] };
    }
    return this.#failed(task, asOcopError(error, this.adapter.platform, task.plan.action));
  }

  #failed(task: ListingTask, error: OcopConnectError): PublishItemResult {
    const item: PublishItemResult = { ...this.#base(task), outcome: 'failed', error };
    if (task.previous) item.remoteId = task.previous.remoteListingId;
    return item;
  }

  async #create(task: ListingTask): Promise<PublishItemResult> {
    const key = this.#key(task.product);
    const encoded = encodeFingerprint(task.wanted);
    const intentId = createIntentId(key, encoded);
    const pending = await this.#store.getIntent(key);
    if (pending?.status === 'pending') {
      // An earlier run recorded this create and never learnt how it ended (crash, lost response):
      // the listing may exist. Look before creating again.
      const found = await this.adapter.findListingBySku(task.product.sku, this.#callOptions());
      if (found) return this.#adopt(task, found, pending.intentId === intentId);
    }
    const draft = await this.#draft(task);
    await this.#store.putIntent({ ...key, intentId, operation: 'create' });
    let remote: RemoteListing;
    try {
      remote = await this.adapter.createListing(draft, this.#callOptions({ idempotencyKey: intentId }));
    } catch (error) {
      if (!(error instanceof ConflictError)) {
        // A refusal proves nothing was created: forget the intent so the next run need not look it up.
        if (error instanceof OcopConnectError && NOTHING_CREATED_KINDS.has(error.kind))
          await this.#store.clearIntent(key);
        throw error;
      }
      // The SKU is already listed (a store that was lost, or a listing made by hand): adopt it.
      const found = await this.adapter.findListingBySku(task.product.sku, this.#callOptions());
      if (!found) throw error;
      return this.#adopt(task, found, false);
    }
    await this.#settleIntent({
      ...key,
      remoteListingId: remote.remoteId,
      variantRemoteIds: variantIdsOf(remote),
      contentHash: encoded,
    });
    return {
      ...this.#base(task),
      outcome: 'created',
      remoteId: remote.remoteId,
      variantRemoteIds: variantIdsOf(remote),
    };
  }

  /** The mapping and the end of the intent land together, durably: a crash sees both or neither. */
  #settleIntent(listing: ListingInput): Promise<ListingRecord> {
    return this.#store.transaction(
      async (tx) => {
        const record = await tx.putListing(listing);
        await tx.clearIntent({ platform: listing.platform, account: listing.account, sku: listing.sku });
        return record;
      },
      { durable: true },
    );
  }

  /**
   * Take over a listing found by SKU. `exact`: it was created by a create of this very catalog version
   * (same intent id), so its content is what we want; otherwise bring it up to date with a full update.
   */
  async #adopt(task: ListingTask, found: RemoteListing, exact: boolean): Promise<PublishItemResult> {
    const key = this.#key(task.product);
    const record = await this.#settleIntent({
      ...key,
      remoteListingId: found.remoteId,
      variantRemoteIds: variantIdsOf(found),
      contentHash: exact ? encodeFingerprint(task.wanted) : UNKNOWN_CONTENT_HASH,
    });
    if (exact) {
      return {
        ...this.#base(task),
        outcome: 'created',
        remoteId: found.remoteId,
        variantRemoteIds: variantIdsOf(found),
        recovered: true,
      };
    }
    const changes: PublishChange[] = ['content', 'images', 'price', 'stock'];
    const updated = await this.#update({
      ...task,
      previous: record,
      previousFingerprint: undefined,
      plan: { action: 'update', changes },
    });
    return { ...updated, recovered: true };
  }

  async #update(task: ListingTask): Promise<PublishItemResult> {
    const previous = task.previous;
    if (!previous) throw new Error('update planned without a listing record');
    const key = this.#key(task.product);
    const changes = task.plan.changes;
    const full = needsFullWrite(task.plan, this.adapter.capabilities);
    const stored: ListingFingerprint = task.previousFingerprint ?? {
      content: '',
      images: '',
      price: '',
      stock: '',
    };
    let remoteId = previous.remoteListingId;
    let variantRemoteIds = previous.variantRemoteIds;
    const offers = productOffers(task.product);
    const failures: OcopConnectError[] = [];

    if (full) {
      const draft = await this.#draft(task);
      let remote: RemoteListing;
      try {
        remote = await this.adapter.updateListing(remoteId, draft, this.#callOptions());
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        // Deleted on the platform (by hand, in the seller centre): forget it and list it again.
        await this.#store.deleteListing(key);
        const { previous: _previous, previousFingerprint: _fp, ...rest } = task;
        return this.#create({ ...rest, plan: { action: 'create', changes: NO_CHANGES } });
      }
      remoteId = remote.remoteId;
      variantRemoteIds = variantIdsOf(remote);
      // A full update carries price too; stock of existing variants only moves through setStock
      // (platforms ignore it in updates so that a stale update cannot overwrite sales).
      stored.content = task.wanted.content;
      stored.images = task.wanted.images;
      stored.price = task.wanted.price;
      await this.#store.putListing({
        ...key,
        remoteListingId: remoteId,
        variantRemoteIds,
        contentHash: encodeFingerprint(stored),
      });
    }
    const bulk: Promise<void>[] = [];
    if (!full && changes.includes('price')) {
      bulk.push(
        this.#price
          .add(
            offers.map((o) => ({
              sku: o.sku,
              priceVnd: o.priceVnd,
              ...(o.listPriceVnd !== undefined ? { listPriceVnd: o.listPriceVnd } : {}),
            })),
          )
          .then((results) => {
            const failure = firstFailure(results);
            if (failure) failures.push(bulkItemError(this.adapter.platform, 'setPrice', failure));
            else stored.price = task.wanted.price;
          }),
      );
    }
    if (changes.includes('stock')) {
      bulk.push(
        this.#stock.add(offers.map((o) => ({ sku: o.sku, quantity: o.stock }))).then((results) => {
          const failure = firstFailure(results);
          if (failure) failures.push(bulkItemError(this.adapter.platform, 'setStock', failure));
          else stored.stock = task.wanted.stock;
        }),
      );
    }
    if (bulk.length > 0) {
      await Promise.all(bulk);
      await this.#store.putListing({
        ...key,
        remoteListingId: remoteId,
        variantRemoteIds,
        contentHash: encodeFingerprint(stored),
      });
    }
    const base = { ...this.#base(task), remoteId, variantRemoteIds };
    if (failures.length > 0) return { ...base, outcome: 'failed', error: failures[0]! };
    return { ...base, outcome: 'updated' };
  }

  /**
   * The category's required attributes (a cached read in the adapter) checked BEFORE any image is
   * uploaded, so a product the platform would refuse costs no upload.
   */
  async #checkCategoryAttributes(task: ListingTask, attributes: Record<string, string>): Promise<void> {
    const required = (
      await this.adapter.getCategoryAttributes(task.mapping.categoryId, this.#callOptions())
    ).filter((a) => a.required && !attributes[a.code]);
    if (required.length === 0) return;
    const platform = this.adapter.platform;
    const issues: ValidationIssue[] = required.map((a) => ({
      path: `attributes.${a.code}`,
      code: 'listing.attributes.required',
      messageVi: `Thiếu thuộc tính bắt buộc "${a.name}" (${a.code}) của ${platform}`,
      messageEn: `Missing attribute "${a.name}" (${a.code}) required by ${platform}`,
      sku: task.product.sku,
      row: task.row,
      platform,
      rule: 'attributes.required',
    }));
    throw new ValidationError(
      `${task.product.sku} lacks ${platform} attributes required by its category`,
      issues,
      {
        platform,
      },
    );
  }

  async #draft(task: ListingTask): Promise<ListingDraft> {
    const attributes = resolveAttributes(this.adapter, task.product, task.mapping);
    if (this.adapter.resolveAttributes) await this.#checkCategoryAttributes(task, attributes);
    return {
      product: task.product,
      categoryId: task.mapping.categoryId,
      attributes,
      imageIds: await this.#imageIds(task),
    };
  }

  /** Prepare (shared across platforms with an equal spec) and upload (once per content hash). */
  #imageIds(task: ListingTask): Promise<string[]> {
    const spec = this.adapter.listingRules.image;
    return Promise.all(
      task.product.images.map(async (source, i) => {
        const prepared = await this.#images.prepare(source, task.imageIdentities[i]!, spec, this.#signal);
        const ref = await this.#images.upload(this.adapter, prepared, this.#signal);
        if (ref.reused) this.imagesReused++;
        else this.imagesUploaded++;
        return ref.imageId;
      }),
    );
  }
}

/**
 * The listing's attribute values as the platform names them: the adapter's own resolver when it has one,
 * else the mapping's fixed values plus the product's own attributes (most specific wins).
 */
function resolveAttributes(
  adapter: MarketplaceAdapter,
  product: Product,
  mapping: CategoryMapping,
): Record<string, string> {
  return (
    adapter.resolveAttributes?.(product, mapping) ?? { ...(mapping.attributes ?? {}), ...product.attributes }
  );
}

function firstFailure(results: readonly BulkItemOutcome[]): BulkItemOutcome | undefined {
  return results.find((r) => !r.ok);
}
