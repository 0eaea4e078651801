import type { CallOptions } from '../../core/types.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { MarketplaceAdapter } from '../../platforms/types.js';
import { AccountReads } from './account-reads.js';
import { CatalogValidator } from './catalog-validator.js';
import { checkCategoryAttributes } from './category-attributes.js';
import { resolveCategory } from './category-resolver.js';
import { isUnreachable } from './errors.js';
import { unmatchedShopItem } from './existing-listings.js';
import { imageCheck, imageIdentities } from './image-checks.js';
import { ImageStage, specKey } from './image-stage.js';
import { withListPriceWarning } from './list-price-warning.js';
import {
  decodeFingerprint,
  fingerprintListing,
  fingerprintProduct,
  type ProductFingerprint,
} from './listing-fingerprint.js';
import { NO_CHANGES, needsFullWrite, planListing } from './plan.js';
import {
  heldItem,
  invalidItem,
  listingIssues,
  listingRulesRefusal,
  notListedItem,
  offSale,
  otherCaseItem,
  plannedItem,
  rowRefusal,
  unreachableItem,
  updateSkuClashItem,
} from './planned-items.js';
import { PlanningWindow } from './planning-window.js';
import { type ListingTask, PlatformPublisher } from './platform-publisher.js';
import { ProgressTracker } from './progress.js';
import { publishReport } from './publish-report.js';
import { linkSignal } from './run-signal.js';
import type { PublishOptions, PublishReport } from './types.js';

/**
 * Product tasks in flight per platform when the caller does not say. Enough to keep a 20 req/s limiter
 * busy at up to ~400 ms per request (rps × latency × 2); the limiter, not this number, sets the pace.
 */
export const DEFAULT_PLATFORM_CONCURRENCY = 16;

/** Retries of a dry run's reads (category attributes, the shop's listings): it reports, and reports fast. */
export const DRY_RUN_READ_RETRIES = 1;

/** Rows whose planning may be waiting (category attributes, the store) at once. */
export const PLANNING_WINDOW = 32;

/** Longest stretch of planning (ms) before the event loop gets a turn. */
const EVENT_LOOP_TURN_MS = 20;

export function platformKey(adapter: MarketplaceAdapter): string {
  return `${adapter.platform}\u0000${adapter.account}`;
}

/** One `publish`: rows validated and planned as they arrive, each target applied by its publisher. */
export class PublishRun {
  readonly #options: PublishOptions;
  readonly #dryRun: boolean;
  readonly #started = performance.now();
  readonly #progress: ProgressTracker;
  readonly #images: ImageStage;
  readonly #publishers: PlatformPublisher[];
  readonly #specKeys: string[];
  readonly #validator = new CatalogValidator();
  readonly #issues: ValidationIssue[] = [];
  /** Gift boxes, planned once every row was read (their components are checked against the whole catalog). */
  readonly #boxes: Array<{ product: Product; row: number; index: number }> = [];
  /** Per target: what planning reads of the account (match proposals, the shop's listings), each once. */
  readonly #reads: AccountReads[];
  #count = 0;

  /** Ends the run's one listener on the caller's signal. */
  readonly #unlink: () => void;

  constructor(options: PublishOptions) {
    // One listener on the caller's signal per publish (#14 trial LOW 4): every request, wait and image
    // in flight listens to the run's own signal instead, whose listener count is not capped (at 16
    // tasks per platform, 11+ listeners on the caller's signal made Node print MaxListenersExceededWarning).
    const linked = linkSignal(options.signal);
    this.#unlink = linked.unlink;
    this.#options = linked.signal ? { ...options, signal: linked.signal } : options;
    options = this.#options;
    this.#dryRun = options.dryRun ?? false;
    this.#progress = new ProgressTracker(options.onProgress);
    this.#images = new ImageStage(options.images, options.store);
    this.#publishers = options.to.map((adapter) => {
      const key = platformKey(adapter);
      this.#progress.addPlatform(key, adapter.platform, adapter.account);
      const concurrency =
        typeof options.concurrency === 'number'
          ? options.concurrency
          : (options.concurrency?.[adapter.platform] ?? DEFAULT_PLATFORM_CONCURRENCY);
      return new PlatformPublisher(
        adapter,
        options.store,
        this.#images,
        concurrency,
        options.signal,
        (item) => this.#progress.itemDone(key, item),
      );
    });
    this.#specKeys = options.to.map((a) => specKey(a.listingRules.image));
    this.#reads = options.to.map((adapter) => new AccountReads(adapter, options, () => this.#readOptions()));
  }

  async run(catalog: Iterable<unknown> | AsyncIterable<unknown>): Promise<PublishReport> {
    try {
      return await this.#run(catalog);
    } finally {
      this.#unlink();
    }
  }

  async #run(catalog: Iterable<unknown> | AsyncIterable<unknown>): Promise<PublishReport> {
    if (Array.isArray(catalog)) this.#setTotals(catalog.length);
    // The image library loads while the first requests (login, the shop's listings, categories) are
    // in flight, not after them with the account's quota idle (#17: the first 5 s ran below pace).
    if (!this.#dryRun || this.#options.checkImages) this.#options.images?.warmUp?.().catch(() => {});
    this.#progress.phase('validate');
    let row = 0;
    // Rows are validated in order (the first row to use a SKU keeps it: #planRow validates before its
    // first await), then up to PLANNING_WINDOW rows finish planning concurrently — at 500 ms per
    // request, reading 4 categories on 2 platforms one row at a time kept the first images and uploads
    // waiting for ~4 s.
    const window = new PlanningWindow(PLANNING_WINDOW);
    // Room is made before the next row is pulled: a generator is read only as fast as work leaves.
    const room = async () => {
      for (const p of this.#publishers) await p.waitForRoom();
      await window.room();
    };
    await room();
    let turnStartedMs = performance.now();
    for await (const input of catalog) {
      row++;
      // Rows that arrive one by one have no total up front: the rows read so far are, so a platform
      // whose items all fail at once (a refused login) never shows more done than total ("2/0").
      if (!Array.isArray(catalog)) this.#setTotals(this.#count + 1);
      window.add(this.#planRow(input, row, this.#count++));
      // Planning is CPU work between resolved promises: without a turn of the event loop now and then a
      // 20k-row dry run kept timers, signal handlers (Ctrl+C, `signal`) and servers in this process
      // waiting until it ended (#14 re-trial). setImmediate lets them run; ~20 ms keeps it cheap. A real
      // publish gets its turns from the network, and a turn there would let the bulk batcher's coalescing
      // timer send partial batches (more stock requests).
      if (this.#dryRun && performance.now() - turnStartedMs > EVENT_LOOP_TURN_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        turnStartedMs = performance.now();
      }
      await room();
    }
    await window.drain();
    // Gift boxes last, with validateCatalog's component rules: nothing is sent for an invalid one.
    await Promise.all(this.#boxes.map((box) => this.#planBox(box.product, box.row, box.index)));
    this.#setTotals(this.#count);
    this.#progress.phase(this.#dryRun ? 'plan' : 'apply');
    await Promise.all(this.#publishers.map((p) => p.finish()));
    this.#progress.phase('done');
    return publishReport(
      this.#publishers,
      this.#count,
      this.#started,
      this.#dryRun,
      this.#issues,
      this.#options.logger,
    );
  }

  #setTotals(total: number): void {
    for (const p of this.#publishers) this.#progress.setTotal(platformKey(p.adapter), total);
  }

  async #planRow(input: unknown, row: number, index: number): Promise<void> {
    const result = this.#validator.validate(input, row);
    if (!result.ok) {
      this.#issues.push(...result.issues);
      const error = rowRefusal(row, result.sku, result.issues, {
        vi: 'không khớp mô hình sản phẩm',
        en: 'does not match the product model',
      });
      for (const p of this.#publishers)
        p.settle(invalidItem(result.sku, p.adapter, row, result.issues, error), index);
      return;
    }
    if (result.product.bundle) {
      this.#boxes.push({ product: result.product, row, index });
      return;
    }
    await this.#planValid(result.product, row, index);
  }

  async #planBox(box: Product, row: number, index: number): Promise<void> {
    const issues = this.#validator.bundle(box, row);
    if (issues.length > 0) {
      this.#issues.push(...issues);
      const error = rowRefusal(row, box.sku, issues, {
        vi: 'có thành phần hộp quà không hợp lệ',
        en: 'has invalid gift box components',
      });
      for (const p of this.#publishers) p.settle(invalidItem(box.sku, p.adapter, row, issues, error), index);
      return;
    }
    await this.#planValid(box, row, index);
  }

  async #planValid(valid: Product, row: number, index: number): Promise<void> {
    // An inactive product is taken off sale, not deleted: where it is listed its stock goes to 0 (a
    // stock-only change, so the bulk stock call); where it never was, nothing is sent.
    const product = valid.status === 'inactive' ? offSale(valid) : valid;
    const identities = await imageIdentities(this.#images, product, row);
    if (!Array.isArray(identities)) {
      this.#issues.push(...identities.issues);
      for (const p of this.#publishers) {
        p.settle(invalidItem(product.sku, p.adapter, row, identities.issues, identities.error), index);
      }
      return;
    }
    const base = fingerprintProduct(product, identities);
    // Every platform at once: one platform's category read (a request) does not delay the other's.
    const inactive = valid.status === 'inactive';
    await Promise.all(
      this.#publishers.map(async (publisher, t) => {
        if (inactive && !(await this.#reads[t]!.isListed(product.sku))) {
          publisher.settle(notListedItem(product.sku, publisher.adapter, row), index);
          return;
        }
        await this.#planTarget(t, product, base, identities, row, index, inactive);
      }),
    );
  }

  async #planTarget(
    t: number,
    product: Product,
    base: ProductFingerprint,
    identities: string[],
    row: number,
    index: number,
    inactive = false,
    /** Set for one pack of a product linked per pack size: the product's SKU (proposals, the guard). */
    parentSku?: string,
  ): Promise<void> {
    const publisher = this.#publishers[t]!;
    const adapter = publisher.adapter;
    // Linked per pack size (#19 trial 5: one hand-made listing per pack): each pack is its own listing
    // on this account, published as a product of that one pack; a pack no listing sells gets its own.
    if (!parentSku && product.variants.length > 0) {
      const packs = await this.#reads[t]!.packListings(product);
      if (packs) {
        await Promise.all(
          packs.map((pack, i) =>
            this.#planTarget(
              t,
              pack,
              fingerprintProduct(pack, identities),
              identities,
              row,
              i === 0 ? index : this.#count++,
              inactive,
              product.sku,
            ),
          ),
        );
        return;
      }
    }
    const mapping = resolveCategory(this.#options.categories, product, adapter);
    const issues = listingIssues(adapter, product, mapping, row);
    if (issues.length > 0 || !mapping) {
      const error = listingRulesRefusal(row, product.sku, adapter.platform, issues);
      publisher.settle(invalidItem(product.sku, adapter, row, issues, error), index);
      return;
    }
    const wanted = fingerprintListing(base, mapping, this.#specKeys[t]!);
    const key = { platform: adapter.platform, account: adapter.account, sku: product.sku };
    const previous = await this.#options.store.getListing(key);
    const previousFingerprint = decodeFingerprint(previous?.contentHash);
    let plan = planListing(wanted, previousFingerprint, previous !== undefined);
    // An inactive product on a listing whose content this library never wrote (linked from a listing
    // typed by hand): taken off sale through stock alone, like any inactive product. Writing the whole
    // body would only check content nobody sells (a category attribute the hand-typed listing never
    // had made every publish report it invalid); it is sent when the product comes back.
    if (inactive && plan.action === 'update' && !previousFingerprint?.content)
      plan = plan.changes.includes('stock')
        ? { action: 'update', changes: ['stock'] }
        : { action: 'unchanged', changes: NO_CHANGES };
    // The last check before anything is sent: the category's required attributes, for every listing
    // body that would be written (create, or a full update), in a dry run too. Started now, alongside
    // the guard below: at a run's first create both are a request, and one after the other they kept
    // the first uploads (and the account's quota) waiting for an extra round trip (#17).
    const attributes = adapter.resolveAttributes(product, mapping);
    const down = this.#reads[t]!.unreachable;
    if (down && (plan.action === 'create' || needsFullWrite(plan, adapter.capabilities))) {
      publisher.settle(unreachableItem(product.sku, adapter, row, down), index);
      return;
    }
    const categoryCheck =
      plan.action === 'create' || needsFullWrite(plan, adapter.capabilities)
        ? checkCategoryAttributes(adapter, product, mapping, attributes, row, this.#readOptions(), (cause) =>
            this.#reads[t]!.markUnreachable(cause),
          )
        : undefined;
    if (plan.action === 'update') {
      // A SKU another product's listing holds (in any letter case), or one of this listing's SKUs
      // spelt in another case: the platform would sell one SKU twice, or lose the old spelling's
      // stock and orders — refused before anything is sent, on every marketplace alike (#18).
      const clash = await this.#reads[t]!.updateSkuClash(product);
      if (clash) {
        publisher.settle(updateSkuClashItem(product, adapter, row, clash), index);
        return;
      }
    }
    if (plan.action === 'create') {
      // A SKU this account already lists in another letter case ('VL-BSD' for 'vl-bsd') is that
      // listing: a create would list the same product twice (#18).
      const otherCase = await this.#reads[t]!.otherCaseListing(product);
      if (otherCase) {
        publisher.settle(otherCaseItem(product, adapter, row, otherCase), index);
        return;
      }
      // A listing typed by hand may already be this product: creating it now would list it twice.
      const pending = (await this.#reads[t]!.pendingLinks()).get(parentSku ?? product.sku);
      if (pending && pending.length > 0) {
        publisher.settle(heldItem(product.sku, adapter, row, pending), index);
        return;
      }
      // A shop nobody matched yet may already sell this product by hand: never list it twice unasked.
      const guard = await this.#reads[t]!.existingListings(parentSku ?? product.sku);
      if (guard.kind === 'unknown' && isUnreachable(guard.error)) {
        await categoryCheck;
        publisher.settle(
          unreachableItem(product.sku, adapter, row, this.#reads[t]!.markUnreachable(guard.error)),
          index,
        );
        return;
      }
      if (guard.kind !== 'clear') {
        publisher.settle(unmatchedShopItem(product.sku, adapter, row, guard), index);
        return;
      }
    }
    const refused = await categoryCheck;
    if (refused) {
      publisher.settle(refused, index);
      return;
    }
    if (this.#dryRun && this.#options.checkImages && needsFullWrite(plan, adapter.capabilities)) {
      const refused = await imageCheck(this.#images, this.#options.signal, adapter, product, row);
      if (refused) {
        publisher.settle(refused, index);
        return;
      }
    }
    if (plan.action === 'unchanged' || this.#dryRun) {
      const item = plannedItem(product.sku, adapter, row, plan, previous);
      publisher.settle(withListPriceWarning(item, product, adapter), index);
      return;
    }
    // Only a create or a full update needs image ids (the publisher holds the prepared bytes for it).
    const usesImages = needsFullWrite(plan, adapter.capabilities);
    const task: ListingTask = {
      index,
      row,
      product,
      mapping,
      attributes,
      imageIdentities: identities,
      wanted,
      plan,
      usesImages,
    };
    if (previous) task.previous = previous;
    if (previousFingerprint) task.previousFingerprint = previousFingerprint;
    // A shared account: the create claims its SKU first, so two tenants planning it at once never both list it.
    if (plan.action === 'create') {
      const claims = await this.#reads[t]!.claims();
      if (claims) task.claims = claims;
    }
    publisher.schedule(task);
  }

  /**
   * Call options of the reads done while planning. A dry run retries a read once: it only reports, and
   * an unreachable platform must be said quickly, not after the whole retry budget.
   */
  #readOptions(): CallOptions {
    const signal = this.#options.signal;
    return { ...(signal ? { signal } : {}), ...(this.#dryRun ? { retries: DRY_RUN_READ_RETRIES } : {}) };
  }
}
