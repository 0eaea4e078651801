import { setMaxListeners } from 'node:events';
import { ConfigurationError, type OcopConnectError, ValidationError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import { isImageError } from '../../images/errors.js';
import type { Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping, MarketplaceAdapter } from '../../platforms/types.js';
import type { PendingLinkProposal } from '../../store/state-store.js';
import { CatalogValidator } from './catalog-validator.js';
import { missingCategoryAttributes } from './category-attributes.js';
import { resolveCategory } from './category-resolver.js';
import { asOcopError, isUnreachable, platformUnreachableError } from './errors.js';
import {
  type AccountGuard,
  checkExistingListings,
  type ExistingListingsGuard,
  guardFor,
  matchedSkusOf,
  unmatchedShopItem,
} from './existing-listings.js';
import { ImageStage, specKey } from './image-stage.js';

/** What `match` recorded on one target: proposals awaiting a decision, and the SKUs it examined. */
interface MatchState {
  pending: Map<string, PendingLinkProposal[]>;
  examined: Set<string>;
}

import {
  decodeFingerprint,
  fingerprintListing,
  fingerprintProduct,
  type ProductFingerprint,
} from './listing-fingerprint.js';
import { NO_CHANGES, needsFullWrite, planListing } from './plan.js';
import {
  heldItem,
  imageIssue,
  imageSpecIssue,
  invalidItem,
  listingIssues,
  notListedItem,
  offSale,
  unreachableItem,
} from './planned-items.js';
import { type ListingTask, PlatformPublisher } from './platform-publisher.js';
import { ProgressTracker } from './progress.js';
import type {
  CatalogInput,
  PublishItemResult,
  PublishOptions,
  PublishPlatformSummary,
  PublishReport,
} from './types.js';

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

/**
 * Publish a catalog to several marketplaces at once.
 *
 * 1. validate every row completely before anything is sent: the model, each platform's listing rules,
 *    the category mapping, and — for every listing body that would be written — the category's
 *    required attributes (nothing is sent for an invalid product on that platform; a product invalid
 *    for the model goes nowhere);
 * 2. plan product × platform from the content hashes in the store: create / update (what changed) /
 *    unchanged; `dryRun` stops here, with the same checks done;
 * 3. apply every platform concurrently, each paced only by its adapter's own rate limiter: images
 *    prepared once per content hash and spec, uploaded once per platform; creates recorded as durable
 *    intents first (a rerun after a crash looks up by SKU instead of creating twice); price-only and
 *    stock-only changes through bulk calls.
 *
 * Each row is handed to its platforms as soon as it is planned (the first requests leave while later
 * rows are still being read), and planning pauses while too much work waits: a streamed catalog is
 * never held whole in memory. Never throws for a product or platform failure: every item gets its own
 * result.
 */
export async function publish(catalog: CatalogInput, options: PublishOptions): Promise<PublishReport> {
  return publishRows(catalog, options);
}

/**
 * `publish` of rows that may arrive asynchronously (internal: the connector yields each row once its
 * stock figures are recorded as counts). Rows are pulled only as planning makes room for them.
 */
export async function publishRows(
  catalog: Iterable<unknown> | AsyncIterable<unknown>,
  options: PublishOptions,
): Promise<PublishReport> {
  checkTargets(options.to);
  return new PublishRun(options).run(catalog);
}

function checkTargets(targets: readonly MarketplaceAdapter[]): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const adapter of targets) {
    const key = platformKey(adapter);
    if (seen.has(key)) problems.push(`target ${adapter.platform}/${adapter.account} is listed twice`);
    seen.add(key);
  }
  if (problems.length > 0) throw new ConfigurationError('Invalid publish options', problems);
}

function platformKey(adapter: MarketplaceAdapter): string {
  return `${adapter.platform}\u0000${adapter.account}`;
}

/**
 * A signal of the run's own that follows the caller's through a single listener, and may have any number
 * of listeners itself. `unlink` removes the caller-side listener once the run is over.
 */
function linkSignal(caller: AbortSignal | undefined): { signal?: AbortSignal; unlink: () => void } {
  if (!caller) return { unlink: () => {} };
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (caller.aborted) {
    controller.abort(caller.reason);
    return { signal: controller.signal, unlink: () => {} };
  }
  const forward = () => controller.abort(caller.reason);
  caller.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, unlink: () => caller.removeEventListener('abort', forward) };
}

class PublishRun {
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
  /** Per target: catalog SKU → listings `match` proposed for it that await a decision (read once). */
  readonly #matchState = new Map<number, Promise<MatchState>>();
  /** Per target: does the shop already sell things nobody linked, and which SKUs did `match` examine (read once)? */
  readonly #existing = new Map<number, Promise<AccountGuard | undefined>>();
  /**
   * Per target: the platform could not be reached by a read while planning (network or timeout, after
   * the client's own retries). Every later item there fails at once with this one error, without a
   * request: an unreachable platform fails once, not once per product after its own retries (#14).
   */
  readonly #unreachable = new Map<number, OcopConnectError>();
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
    // first await), then up to PLANNING_WINDOW rows finish planning concurrently: a row waiting for its
    // category's attributes (a request, once per category) or the store no longer holds back every
    // row behind it — at 500 ms per request, reading 4 categories on 2 platforms one row at a time
    // kept the first images and uploads waiting for ~4 s.
    let planning = 0;
    let failure: { error: unknown } | undefined;
    let slotFreed: (() => void) | undefined;
    const nextSlot = () =>
      new Promise<void>((resolve) => {
        slotFreed = resolve;
      });
    // Room is made before the next row is pulled: a generator is read only as fast as work leaves.
    const room = async () => {
      for (const p of this.#publishers) await p.waitForRoom();
      while (planning >= PLANNING_WINDOW) await nextSlot();
      if (failure) throw failure.error;
    };
    await room();
    let turnStartedMs = performance.now();
    for await (const input of catalog) {
      row++;
      planning++;
      this.#planRow(input, row, this.#count++)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          planning--;
          const wake = slotFreed;
          slotFreed = undefined;
          wake?.();
        });
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
    while (planning > 0) await nextSlot();
    if (failure) throw failure.error;
    // Gift boxes last, with validateCatalog's component rules: nothing is sent for an invalid one.
    await Promise.all(this.#boxes.map((box) => this.#planBox(box.product, box.row, box.index)));
    this.#setTotals(this.#count);
    this.#progress.phase(this.#dryRun ? 'plan' : 'apply');
    await Promise.all(this.#publishers.map((p) => p.finish()));
    this.#progress.phase('done');
    return this.#report();
  }

  #setTotals(total: number): void {
    for (const p of this.#publishers) this.#progress.setTotal(platformKey(p.adapter), total);
  }

  async #planRow(input: unknown, row: number, index: number): Promise<void> {
    const result = this.#validator.validate(input, row);
    if (!result.ok) {
      this.#issues.push(...result.issues);
      const error = new ValidationError(`Row ${row} does not match the product model`, result.issues);
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
      const error = new ValidationError(`Row ${row} (${box.sku}): gift box components are invalid`, issues);
      for (const p of this.#publishers) p.settle(invalidItem(box.sku, p.adapter, row, issues, error), index);
      return;
    }
    await this.#planValid(box, row, index);
  }

  async #planValid(valid: Product, row: number, index: number): Promise<void> {
    // An inactive product is taken off sale, not deleted: where it is listed its stock goes to 0 (a
    // stock-only change, so the bulk stock call); where it never was, nothing is sent.
    const product = valid.status === 'inactive' ? offSale(valid) : valid;
    const identities = await this.#imageIdentities(product, row);
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
        if (inactive && !(await this.#isListed(t, product.sku))) {
          publisher.settle(notListedItem(product.sku, publisher.adapter, row), index);
          return;
        }
        await this.#planTarget(t, product, base, identities, row, index, inactive);
      }),
    );
  }

  #pendingLinksOf(t: number): Promise<Map<string, PendingLinkProposal[]>> {
    return this.#matchStateOf(t).then((state) => state.pending);
  }

  /**
   * What `match` recorded on a target, read in one transaction (once): the proposals awaiting a
   * decision and the SKUs it examined. Read apart, a match committing in between (another process)
   * showed its examined SKUs without the proposals holding some of them back: duplicates (#19 trial 4).
   */
  #matchStateOf(t: number): Promise<MatchState> {
    let state = this.#matchState.get(t);
    if (!state) {
      const adapter = this.#publishers[t]!.adapter;
      const { platform, account } = adapter;
      state = this.#options.store.transaction(async (tx) => {
        const records = await tx.listLinkProposals(platform, account);
        return {
          pending: new Map(
            records.filter((r) => r.pending.length > 0).map((r) => [r.sku, r.pending] as const),
          ),
          examined: await matchedSkusOf(tx, platform, account),
        };
      });
      this.#matchState.set(t, state);
    }
    return state;
  }

  /** Per SKU: held unless `match` examined it on this account, the shop has nothing unlinked, or opted out. */
  async #existingListingsOf(t: number, sku: string): Promise<ExistingListingsGuard> {
    let guard = this.#existing.get(t);
    if (!guard) {
      const { assumeNoExistingListings, otherTenantListings } = this.#options;
      guard =
        assumeNoExistingListings && !otherTenantListings
          ? Promise.resolve(undefined)
          : checkExistingListings(this.#publishers[t]!.adapter, this.#options.store, {
              examined: this.#matchStateOf(t).then((state) => state.examined),
              ...this.#readOptions(),
              ...(assumeNoExistingListings ? { assumeNoExistingListings } : {}),
              ...(otherTenantListings ? { otherTenantListings } : {}),
            });
      this.#existing.set(t, guard);
    }
    const account = await guard;
    return account ? guardFor(account, sku) : { kind: 'clear' };
  }

  /**
   * A product with variants linked per pack size on this account (no listing record of the product,
   * records of some of its variant SKUs: `linkListings` linked one hand-made listing per pack): one
   * product per pack, each without variants, named with its pack. Undefined: linked (or not) as a whole.
   */
  async #packListingsOf(t: number, product: Product): Promise<Product[] | undefined> {
    const adapter = this.#publishers[t]!.adapter;
    const key = { platform: adapter.platform, account: adapter.account };
    if (await this.#options.store.getListing({ ...key, sku: product.sku })) return undefined;
    const linked = await Promise.all(
      product.variants.map((v) => this.#options.store.getListing({ ...key, sku: v.sku })),
    );
    if (!linked.some(Boolean)) return undefined;
    return product.variants.map(({ sku, options, imageIndex: _image, externalIds: _ids, ...offer }) => ({
      ...product,
      sku,
      name: `${product.name} - ${Object.values(options).join(' ')}`.slice(0, 255),
      variants: [],
      ...offer,
      dimensionsCm: offer.dimensionsCm ?? product.dimensionsCm,
    }));
  }

  async #isListed(t: number, sku: string): Promise<boolean> {
    const adapter = this.#publishers[t]!.adapter;
    return (
      (await this.#options.store.getListing({
        platform: adapter.platform,
        account: adapter.account,
        sku,
      })) !== undefined
    );
  }

  /** One identity per image (hash of the bytes, or the URL); an unreadable file makes the row invalid. */
  async #imageIdentities(
    product: Product,
    row: number,
  ): Promise<string[] | { issues: ValidationIssue[]; error: ValidationError }> {
    const settled = await Promise.allSettled(product.images.map((source) => this.#images.identity(source)));
    const issues: ValidationIssue[] = [];
    settled.forEach((s, i) => {
      if (s.status === 'rejected') issues.push({ ...imageIssue(product, i, s.reason), row });
    });
    if (issues.length > 0)
      return { issues, error: new ValidationError(`Row ${row}: images cannot be read`, issues) };
    return settled.map((s) => (s as PromiseFulfilledResult<string>).value);
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
      const packs = await this.#packListingsOf(t, product);
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
      const error = new ValidationError(
        `Row ${row} (${product.sku}) does not meet ${adapter.platform}'s listing rules`,
        issues,
        { platform: adapter.platform },
      );
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
    const down = this.#unreachable.get(t);
    if (down && (plan.action === 'create' || needsFullWrite(plan, adapter.capabilities))) {
      publisher.settle(unreachableItem(product.sku, adapter, row, down), index);
      return;
    }
    const categoryCheck =
      plan.action === 'create' || needsFullWrite(plan, adapter.capabilities)
        ? this.#categoryCheck(t, product, mapping, attributes, row)
        : undefined;
    if (plan.action === 'create') {
      // A listing typed by hand may already be this product: creating it now would list it twice.
      const pending = (await this.#pendingLinksOf(t)).get(parentSku ?? product.sku);
      if (pending && pending.length > 0) {
        publisher.settle(heldItem(product.sku, adapter, row, pending), index);
        return;
      }
      // A shop nobody matched yet may already sell this product by hand: never list it twice unasked.
      const guard = await this.#existingListingsOf(t, parentSku ?? product.sku);
      if (guard.kind === 'unknown' && isUnreachable(guard.error)) {
        await categoryCheck;
        publisher.settle(
          unreachableItem(product.sku, adapter, row, this.#markUnreachable(t, guard.error)),
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
      const refused = await this.#imageCheck(adapter, product, row);
      if (refused) {
        publisher.settle(refused, index);
        return;
      }
    }
    if (plan.action === 'unchanged' || this.#dryRun) {
      const item: PublishItemResult = {
        sku: product.sku,
        platform: adapter.platform,
        account: adapter.account,
        row,
        action: plan.action,
        changes: plan.changes,
        outcome: plan.action === 'unchanged' ? 'unchanged' : 'planned',
      };
      // Assigned, not spread: a 100k-row dry run keeps 200k of these, in V8's compact object shape.
      if (previous) {
        item.remoteId = previous.remoteListingId;
        item.variantRemoteIds = previous.variantRemoteIds;
      }
      publisher.settle(item, index);
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
      const claims = (await this.#existing.get(t))?.claims;
      if (claims) task.claims = claims;
    }
    publisher.schedule(task);
  }

  /**
   * A dry run's image check: every image read and checked against this platform's spec, as the real run
   * would prepare it. `invalid` for a reason of ours (too small, not an image), `failed` when an image
   * cannot be loaded (host down, timeout); each broken image gets an issue naming it.
   */
  async #imageCheck(
    adapter: MarketplaceAdapter,
    product: Product,
    row: number,
  ): Promise<PublishItemResult | undefined> {
    const spec = adapter.listingRules.image;
    const errors = await Promise.all(
      product.images.map((source) => this.#images.check(source, spec, this.#options.signal)),
    );
    const issues: ValidationIssue[] = [];
    let failure: OcopConnectError | undefined;
    let invalid = false;
    errors.forEach((error, i) => {
      if (error === undefined) return;
      if (isImageError(error)) {
        issues.push(imageSpecIssue(error, product.sku, row, adapter.platform, i));
        if (error.kind === 'validation') invalid = true;
        else failure ??= error;
      } else {
        failure ??= asOcopError(error, adapter.platform, 'checkImage');
      }
    });
    if (issues.length === 0 && !failure) return undefined;
    const base = {
      sku: product.sku,
      platform: adapter.platform,
      account: adapter.account,
      row,
      action: 'skip' as const,
      changes: NO_CHANGES,
    };
    if (invalid || !failure) {
      const error = new ValidationError(
        `${product.sku}: images do not meet ${adapter.platform}'s image spec`,
        issues,
        { platform: adapter.platform },
      );
      return { ...base, outcome: 'invalid', issues, error };
    }
    return { ...base, outcome: 'failed', ...(issues.length > 0 ? { issues } : {}), error: failure };
  }

  /** `invalid` when the category requires attributes the listing lacks; `failed` when it cannot be read. */
  async #categoryCheck(
    t: number,
    product: Product,
    mapping: CategoryMapping,
    attributes: Record<string, string>,
    row: number,
  ): Promise<PublishItemResult | undefined> {
    const adapter = this.#publishers[t]!.adapter;
    let issues: ValidationIssue[];
    try {
      issues = await missingCategoryAttributes(
        adapter,
        product,
        mapping,
        attributes,
        row,
        this.#readOptions(),
      );
    } catch (error) {
      if (isUnreachable(error))
        return unreachableItem(product.sku, adapter, row, this.#markUnreachable(t, error));
      return {
        sku: product.sku,
        platform: adapter.platform,
        account: adapter.account,
        row,
        action: 'skip',
        changes: NO_CHANGES,
        outcome: 'failed',
        error: asOcopError(error, adapter.platform, 'getCategoryAttributes'),
      };
    }
    if (issues.length === 0) return undefined;
    const error = new ValidationError(
      `${product.sku} lacks ${adapter.platform} attributes required by its category`,
      issues,
      { platform: adapter.platform },
    );
    return invalidItem(product.sku, adapter, row, issues, error);
  }

  /**
   * Call options of the reads done while planning. A dry run retries a read once: it only reports, and
   * an unreachable platform must be said quickly, not after the whole retry budget.
   */
  #readOptions(): CallOptions {
    const signal = this.#options.signal;
    return { ...(signal ? { signal } : {}), ...(this.#dryRun ? { retries: DRY_RUN_READ_RETRIES } : {}) };
  }

  /** The platform is down for the rest of the run: one error, said once (logged), shared by its items. */
  #markUnreachable(t: number, cause: unknown): OcopConnectError {
    const known = this.#unreachable.get(t);
    if (known) return known;
    const adapter = this.#publishers[t]!.adapter;
    const error = platformUnreachableError(adapter.platform, adapter.account, cause);
    this.#unreachable.set(t, error);
    this.#options.logger?.warn(
      { platform: adapter.platform, account: adapter.account, error: error.toJSON() },
      'publish: platform unreachable',
    );
    return error;
  }

  #report(): PublishReport {
    const items: PublishItemResult[] = [];
    const platforms = this.#publishers.map((p) => {
      const summary: PublishPlatformSummary = {
        platform: p.adapter.platform,
        account: p.adapter.account,
        total: this.#count,
        created: 0,
        updated: 0,
        unchanged: 0,
        failed: 0,
        invalid: 0,
        planned: 0,
        held: 0,
        imagesUploaded: p.imagesUploaded,
        imagesReused: p.imagesReused,
      };
      for (const item of p.items) {
        if (!item) continue;
        summary[item.outcome]++;
        items.push(item);
      }
      return summary;
    });
    const durationMs = performance.now() - this.#started;
    const logger = this.#options.logger;
    if (logger) {
      for (const item of items.filter((i) => i.outcome === 'failed')) {
        const { platform, account, sku, row } = item;
        logger.warn({ platform, account, sku, row, error: item.error?.toJSON() }, 'publish item failed');
      }
      logger.info(
        { dryRun: this.#dryRun, platforms, durationMs: Math.round(durationMs) },
        'publish finished',
      );
    }
    return {
      dryRun: this.#dryRun,
      items,
      issues: this.#issues,
      platforms,
      durationMs,
      ok: items.every((i) => i.outcome !== 'failed' && i.outcome !== 'invalid' && i.outcome !== 'held'),
    };
  }
}
