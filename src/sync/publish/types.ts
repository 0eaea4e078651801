import type { OcopConnectError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ImageSpec } from '../../model/image-spec.js';
import type { ImageSource, Product } from '../../model/product.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { CategoryMapping, ImageUpload, MarketplaceAdapter } from '../../platforms/types.js';
import type { StateStore } from '../../store/state-store.js';

/** What changed since the last successful publish of a listing. */
export type PublishChange = 'content' | 'images' | 'price' | 'stock';

/**
 * The plan for one product on one platform: `create`, `update` (see `changes`), `unchanged`, or `skip` —
 * settled before anything is applied, with no plan to carry out (invalid, held, failed before anything
 * was sent, an inactive product never listed). `held` is an outcome, never an action.
 */
export type PlannedAction = 'create' | 'update' | 'unchanged' | 'skip';

/**
 * How one product ended on one platform.
 * - `planned`: dry run, nothing sent (see `action` / `changes`).
 * - `invalid`: our model or the platform's listing rules rejected it; nothing was sent (see `issues`).
 * - `failed`: the platform (or the network) failed; `error` says how.
 * - `held`: not created because `match` proposed an existing listing for it that nobody has linked or
 *   rejected yet (`issues` names the listings); link it or answer "new" (tạo mới), then publish again.
 *   Also every create on an account whose shop already has listings while `match` never ran for it
 *   (`link.not_matched`): run `matchListings` first, or pass `assumeNoExistingListings`.
 */
export type PublishOutcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'invalid' | 'planned' | 'held';

/** Why a listing went out incomplete although it was created or updated (machine-readable). */
export type PublishWarningCode = 'list_price.not_supported';

/**
 * Something of the catalog a platform did not take, while the listing itself succeeded — e.g. a list
 * price ("Giá niêm yết") on a platform without one (`MarketplaceCapabilities.listPrice` false).
 */
export interface PublishWarning {
  code: PublishWarningCode;
  platform: string;
  /** Product-level seller SKU. */
  sku: string;
  /** The SKUs concerned: the variants (or the product itself) whose list price was not sent. */
  skus: readonly string[];
  messageVi: string;
  messageEn: string;
}

export interface PublishItemResult {
  /** Product-level seller SKU. */
  sku: string;
  platform: string;
  account: string;
  /** 1-based position in the catalog (what a spreadsheet user calls the row). */
  row: number;
  action: PlannedAction;
  /** For `update`: what changed. Empty otherwise. */
  changes: readonly PublishChange[];
  outcome: PublishOutcome;
  /** The platform's listing id, when known. */
  remoteId?: string;
  /** Our variant SKU → the platform's variant id, when known. */
  variantRemoteIds?: Record<string, string>;
  /**
   * The listing was found by SKU after an interrupted create (crash or lost response) instead of
   * being created again.
   */
  recovered?: boolean;
  /** For `invalid`: what to fix, per field. */
  issues?: ValidationIssue[];
  /** For `failed` (and `invalid`, as a `ValidationError`): typed, already redacted. */
  error?: OcopConnectError;
  /**
   * For `created`, `updated` and a planned create/update: what the platform did not take although
   * the listing succeeds (a list price it has no field for). Absent when there is none.
   */
  warnings?: readonly PublishWarning[];
}

export interface PublishPlatformSummary {
  platform: string;
  account: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  invalid: number;
  planned: number;
  /** Not created: an existing listing proposed for it awaits a link decision. */
  held: number;
  imagesUploaded: number;
  imagesReused: number;
}

export interface PublishReport {
  dryRun: boolean;
  /** One entry per product × target platform, in catalog order within each platform. */
  items: PublishItemResult[];
  /** Catalog-level problems (model validation, duplicate SKUs), each with its row. */
  issues: ValidationIssue[];
  platforms: PublishPlatformSummary[];
  durationMs: number;
  /**
   * True when every item ended `created`, `updated`, `unchanged` or `planned` (a `held` item makes it
   * false: the catalog is not fully on the platform until its link decision is made).
   */
  ok: boolean;
}

export type PublishPhase = 'validate' | 'plan' | 'apply' | 'done';

/** For progress bars: a phase change, or the new counters of one platform after an item finished. */
export type PublishProgressEvent =
  | { type: 'phase'; phase: PublishPhase }
  | {
      type: 'platform';
      platform: string;
      account: string;
      phase: PublishPhase;
      /**
       * Items known so far: the whole catalog's for an array; for rows that arrive one by one (a
       * stream, the connector's publish) the rows read so far, final once planning ends. Never below
       * `done`.
       */
      total: number;
      done: number;
      failed: number;
      /** The item that just finished, if any. */
      item?: PublishItemResult;
    };

/**
 * What the engine needs from the image pipeline. `src/images` provides one; tests may inject their own.
 * Implementations should dedupe equal (source, spec) pairs and bound CPU concurrency themselves.
 */
export interface PublishImagePreparer {
  prepare(source: ImageSource, spec: ImageSpec, options?: { signal?: AbortSignal }): Promise<ImageUpload>;
  /**
   * Optional: load the source and check it against the spec without preparing it (resolve = `prepare`
   * would get past its checks, reject = the error `prepare` would throw). Used by a dry run with
   * `checkImages`; `createImagePreparer()` has it.
   */
  check?(source: ImageSource, spec: ImageSpec, options?: { signal?: AbortSignal }): Promise<unknown>;
  /**
   * Optional: get ready for the first image (load a native library) while the run's first requests
   * are in flight, so the first uploads do not wait for it. Called once as a run that may prepare
   * images starts; a rejection is ignored. `createImagePreparer()` has it.
   */
  warmUp?(): Promise<void>;
}

/**
 * Where a product lands on a platform. A table `{ [platform]: { [categoryHint]: CategoryMapping } }`
 * (the first hint of the product that the table knows wins), or a function.
 */
export type CategoryMap =
  | Readonly<Record<string, Readonly<Record<string, CategoryMapping>>>>
  | ((product: Product, adapter: MarketplaceAdapter) => CategoryMapping | undefined);

/** What other tenants of one deployment hold on a marketplace account they share with this run. */
export interface OtherTenantListings {
  /** Remote ids of their listing records there (created by ocop-connect for them, or linked). */
  remoteIds: ReadonlySet<string>;
  /** Their seller SKUs there: listing records and creates in flight. */
  skus: ReadonlySet<string>;
  /**
   * Claims a seller SKU on this shared account for this tenant, atomically across every process of the
   * deployment, before its create (or adoption) is sent: true when the SKU is now (or already was) this
   * tenant's, false when another tenant claimed it first (the create is then `held`,
   * `link.other_cooperative`, and nothing is recorded). Two tenants planning the same create at once
   * thus never both create or both record it. @default none (no claim: planning's snapshot alone)
   */
  claim?: (sku: string) => Promise<boolean>;
  /** Gives up a claim whose create certainly made nothing (refused), so the other tenant may list it. */
  release?: (sku: string) => Promise<void>;
}

/**
 * Reads what other tenants hold on one account (`undefined`: the account is nobody else's). A hub sets
 * it for accounts two or more of its cooperatives use (see docs/scaling.md).
 */
export type OtherTenantListingsLookup = (
  platform: string,
  account: string,
  options?: { signal?: AbortSignal },
) => Promise<OtherTenantListings | undefined>;

export interface PublishOptions {
  /** Target marketplaces. */
  to: readonly MarketplaceAdapter[];
  /** Remembers listing ids, content hashes, image uploads and create intents between runs. */
  store: StateStore;
  /**
   * Image preparation (see `PublishImagePreparer`; `createImagePreparer()` from src/images fits).
   * Required as soon as a product with images must be created or fully updated.
   * @default none (such items fail with a ConfigurationError)
   */
  images?: PublishImagePreparer;
  /**
   * Product → platform category. A product without a mapping on a platform is `invalid` there
   * (`category.unmapped`).
   * @default none
   */
  categories?: CategoryMap;
  /** Plan only: send nothing, upload nothing, write nothing to the store. @default false */
  dryRun?: boolean;
  /**
   * With `dryRun`: read every image a planned create or full update would upload and check it against
   * the platform's image spec (`PublishImagePreparer.check`: reachable, an image, big enough) — what the
   * real run would refuse. A reason of ours (too small, not an image) is `invalid`; an image host that
   * cannot be reached is `failed`; both carry an issue naming the image. Reads each file once and
   * downloads each URL once (bounded, with the preparer's timeout). @default false (a dry run reads no image)
   */
  checkImages?: boolean;
  /**
   * Create on accounts whose shop already has listings although `match` never ran for them (and the store
   * holds no listing or proposal of theirs). Without it such creates end `held` (`link.not_matched`):
   * the shop may already sell those products by hand, and creating would list each twice.
   * @default false
   */
  assumeNoExistingListings?: boolean;
  /**
   * For an account several tenants of one deployment share (one Voso shop, two cooperatives): the
   * listings the others created or linked there. The guard above does not count them as hand-made, and
   * a create of a SKU another tenant lists there is `held` (`link.other_cooperative`) instead of listing
   * it twice. Only ids and SKUs of that account cross, which its shop shows every tenant anyway.
   * `createHub` sets it. @default none (every listing no record of this store names counts as hand-made)
   */
  otherTenantListings?: OtherTenantListingsLookup;
  /**
   * Stops the run: nothing new is sent, items not finished end `failed` with an AbortedError (a create
   * cut mid-flight keeps its intent, so the next run looks it up before creating).
   * @default none
   */
  signal?: AbortSignal;
  /**
   * Called on every phase change and after every item, per platform (a listener that throws is
   * ignored, never the run). @default none
   */
  onProgress?: (event: PublishProgressEvent) => void;
  /**
   * Product tasks in flight per platform. The adapter's own rate limiter decides when each request
   * starts; this only has to be large enough to keep that limiter busy (≈ rps × latency × 2) while
   * bounding memory. @default DEFAULT_PLATFORM_CONCURRENCY
   */
  concurrency?: number | Readonly<Record<string, number>>;
  /** pino logger: one warning per failed item, one summary line per run. @default none (silent) */
  logger?: Logger;
}

/** A catalog row as given (validated here), or already a `Product`. */
export type CatalogInput = Iterable<unknown>;
