import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { readCatalog } from '../catalog/read-catalog.js';
import { ConfigurationError, OcopConnectError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { warmUpSharp } from '../images/load-sharp.js';
import type { PendingOutcome } from '../sync/fulfil/fulfil-pending.js';
import type { PublishItemResult, PublishPlatformSummary } from '../sync/publish/types.js';
import type { Hub } from './hub.js';
import { assertRedisReachable, loadBullmq, loadIoredis, type RedisLike } from './optional-deps.js';

/** The BullMQ queue every hub process shares. */
export const DEFAULT_QUEUE_NAME = 'ocop-connect';
/** A cooperative's lock lives this long unless its holder renews it (a killed worker's lock lapses). */
export const DEFAULT_COOPERATIVE_LOCK_MS = 15_000;
/** A job whose worker stopped renewing its BullMQ lock this long is handed to another worker. */
export const DEFAULT_JOB_LOCK_MS = 15_000;
/** Times a job may be found stalled (its worker died) before it is failed. */
export const DEFAULT_MAX_STALLED = 20;
/**
 * How long a job for a cooperative that a worker's configuration lacks is handed back (to be taken by
 * a worker whose configuration has it, e.g. during a rolling update of hub.json) before it is failed
 * for good, without retries, as a configuration error.
 */
export const DEFAULT_UNKNOWN_COOPERATIVE_GRACE_MS = 10 * 60_000;
/** Pause before a handed-back job of an unknown cooperative is offered again. */
const UNKNOWN_COOPERATIVE_RETRY_MS = 5_000;
/**
 * Abort listeners one job's signal may carry before Node warns. One signal reaches every operation of
 * a job at once (image preparations queued behind the preparer's bound, limiter waits, HTTP calls):
 * some 16–30 legitimately, each removed when its operation ends. Far above that means a real leak.
 */
const JOB_SIGNAL_MAX_LISTENERS = 256;

/** Work for one cooperative. Jobs of one cooperative never run at the same time. */
export type HubJob =
  | {
      cooperative: string;
      kind: 'publish';
      /** Catalog path as the workers see it. @default the cooperative's `catalog` */
      catalog?: string;
      /** Plan only. @default false */
      dryRun?: boolean;
      /**
       * Create products even on an account that already has listings match never saw (the publish
       * option of the same name): only when none of them is a catalog product. @default false
       */
      assumeNoExistingListings?: boolean;
    }
  | { cooperative: string; kind: 'syncInventory' }
  | {
      cooperative: string;
      /**
       * Ship every ready order of the cooperative with its carriers (`connector.fulfilPending`). Safe to
       * retry: a shipment is created under a deterministic reference, never twice.
       */
      kind: 'fulfil';
      /** Confirm orders on the marketplace. @default true */
      confirm?: boolean;
      /** Approve the waybills (ViettelPost: the courier comes). @default true */
      approve?: boolean;
    };

export type HubJobKind = HubJob['kind'];

/** Publish: how the catalog's items ended, summed over the cooperative's platform accounts. */
export interface HubJobItemCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Not created: a person must decide (link a proposed listing, run match, or assumeNoExistingListings). */
  held: number;
  failed: number;
  /** Refused by the platform's listing rules (category, attributes, images) or gift-box rules. */
  invalid: number;
  /** Dry run: what would be sent. */
  planned: number;
}

/**
 * What a completed job returns (kept by the queue, readable with `status`). A publish completes only
 * when no item is `held` or `failed`: held items fail the job without retry, failed ones with retries
 * (see `startWorker`); the counts are then in the job's progress (`HubJobProgress.items`).
 */
export interface HubJobResult {
  cooperative: string;
  kind: HubJobKind;
  /** Publish: per platform account counts. */
  platforms?: PublishPlatformSummary[];
  /** Publish: per-item counts over every platform account. */
  items?: HubJobItemCounts;
  /** Publish: catalog rows refused before anything was sent. */
  catalogIssues?: number;
  /** Inventory sync: stock pushes sent. */
  pushes?: number;
  /** Fulfil: how the cooperative's ready orders ended (shipped, waybill_pending, reused, skipped, failed). */
  orders?: Record<PendingOutcome, number>;
  /** ISO-8601 UTC: when this run took the cooperative's lock, and when it finished. */
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** Progress a running job reports (publish: per platform account). */
export interface HubJobProgress {
  phase: string;
  platforms: Record<string, { total: number; done: number; failed: number }>;
  /** Fulfil, once it ended: per-order counts (kept on a failed job too). */
  orders?: Record<PendingOutcome, number>;
  /**
   * Publish, once it ended: per-item counts, and per platform account. Kept on a failed job too (held
   * or failed items), where there is no result.
   */
  items?: HubJobItemCounts;
  summary?: PublishPlatformSummary[];
}

export interface HubJobStatus {
  id: string;
  state: string;
  progress: HubJobProgress | undefined;
  result: HubJobResult | undefined;
  failedReason: string | undefined;
  attemptsMade: number;
}

export interface RedisConnectionOptions {
  /** @default process.env.OCOP_REDIS_URL ?? 'redis://127.0.0.1:6379' */
  redisUrl?: string;
  /** @default DEFAULT_QUEUE_NAME */
  queueName?: string;
}

/** What `JobQueue.add` did. */
export interface AddedJob {
  id: string;
  /** True: a job with the same dedupe key was already there; nothing was added. */
  existed: boolean;
  /** State of the job now (`waiting` for a new one; the existing job's state otherwise). */
  state: string;
}

export interface JobQueue {
  /**
   * Adds a job. With `dedupeKey` the job id is `<cooperative>|<kind>|<dedupeKey>` (`%`, `:` and `|`
   * inside a part written as `%25`, `%3A`, `%7C`: BullMQ job ids cannot hold `:`), and adding the same
   * again while that job is kept (waiting, running, or finished in the last days) adds nothing and
   * returns the existing job with `existed: true`.
   */
  add(job: HubJob, options?: { dedupeKey?: string; attempts?: number }): Promise<AddedJob>;
  status(id: string): Promise<HubJobStatus | undefined>;
  /** Resolves when the job completed (its result) or rejects when it failed for good. */
  waitFor(id: string, timeoutMs?: number): Promise<HubJobResult>;
  close(): Promise<void>;
}

function redisUrlOf(options: RedisConnectionOptions): string {
  return options.redisUrl ?? process.env.OCOP_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

function connectionOf(options: RedisConnectionOptions) {
  // BullMQ needs maxRetriesPerRequest null on its blocking connections.
  return { url: redisUrlOf(options), maxRetriesPerRequest: null };
}

function jobProblems(job: HubJob): string[] {
  const kinds: readonly string[] = ['publish', 'syncInventory', 'fulfil'];
  const problems: string[] = [];
  if (typeof job?.cooperative !== 'string' || job.cooperative.length === 0)
    problems.push('cooperative: required');
  if (!kinds.includes(job?.kind)) problems.push(`kind: one of ${kinds.join(', ')}`);
  return problems;
}

function checkJob(job: HubJob): void {
  const problems = jobProblems(job);
  if (problems.length > 0) throw new ConfigurationError('Invalid job', problems);
}

/** A part of a job id with the characters BullMQ refuses (`:`) and our separator (`|`) escaped. */
function idPart(value: string): string {
  return value.replace(/[%:|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The job id of a deduplicated job: one id per cooperative + kind + key, whatever characters they hold. */
export function dedupeJobId(cooperative: string, kind: HubJobKind, dedupeKey: string): string {
  return `${idPart(cooperative)}|${kind}|${idPart(dedupeKey)}`;
}

function queueNameOf(options: RedisConnectionOptions): string {
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  if (name.length === 0 || name.includes(':'))
    throw new ConfigurationError('Invalid queue name', [`"${name}": not empty and without ':' (BullMQ)`]);
  return name;
}

/** A producer of hub jobs (a scheduler, the CLI, a web app). */
export async function createJobQueue(options: RedisConnectionOptions = {}): Promise<JobQueue> {
  const { Queue, QueueEvents } = await loadBullmq();
  const name = queueNameOf(options);
  await assertRedisReachable(redisUrlOf(options));
  const queue = new Queue(name, { connection: connectionOf(options) });
  let events: InstanceType<typeof QueueEvents> | undefined;
  return {
    async add(job, addOptions = {}) {
      checkJob(job);
      if (addOptions.dedupeKey !== undefined && addOptions.dedupeKey.length === 0)
        throw new ConfigurationError('Invalid job', ['dedupeKey: not empty']);
      const jobId = addOptions.dedupeKey
        ? dedupeJobId(job.cooperative, job.kind, addOptions.dedupeKey)
        : undefined;
      const added = await queue.add(job.kind, job, {
        ...(jobId ? { jobId } : {}),
        attempts: addOptions.attempts ?? 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      });
      const id = String(added.id);
      if (!jobId) return { id, existed: false, state: 'waiting' };
      // BullMQ answers an existing id with that id and adds nothing; the stored job then carries the
      // first add's timestamp, not the one this add stamped.
      const stored = await queue.getJob(id);
      if (!stored || stored.timestamp === added.timestamp) return { id, existed: false, state: 'waiting' };
      return { id, existed: true, state: await stored.getState() };
    },
    async status(id) {
      const job = await queue.getJob(id);
      if (!job) return undefined;
      return {
        id,
        state: await job.getState(),
        progress: (job.progress as HubJobProgress | undefined) || undefined,
        result: (job.returnvalue as HubJobResult | null) ?? undefined,
        failedReason: job.failedReason || undefined,
        attemptsMade: job.attemptsMade,
      };
    },
    async waitFor(id, timeoutMs = 10 * 60_000) {
      events ??= new QueueEvents(name, { connection: connectionOf(options) });
      await events.waitUntilReady();
      const deadline = Date.now() + timeoutMs;
      // Only the job's final state counts: an event (a failed attempt about to be retried, a delay) or
      // a lost one never ends the wait; the state is read again after each.
      for (;;) {
        const job = await queue.getJob(id);
        if (!job) throw new ConfigurationError('Unknown job', [`${id}: not in queue ${name}`]);
        const state = await job.getState();
        if (state === 'completed') return job.returnvalue as HubJobResult;
        if (state === 'failed') throw new Error(job.failedReason || `job ${id} failed`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`job ${id} did not finish within ${timeoutMs} ms (still ${state})`);
        try {
          return (await job.waitUntilFinished(events, Math.min(left, 5_000))) as HubJobResult;
        } catch {
          // Read the state again (a retry is not the end).
        }
      }
    },
    async close() {
      await events?.close();
      await queue.close();
    },
  };
}

export interface WorkerOptions extends RedisConnectionOptions {
  hub: Hub;
  /** Jobs this process runs at once (of different cooperatives). @default 2 */
  concurrency?: number;
  /** @default DEFAULT_COOPERATIVE_LOCK_MS */
  cooperativeLockMs?: number;
  /** @default DEFAULT_JOB_LOCK_MS */
  jobLockMs?: number;
  /** @default DEFAULT_MAX_STALLED */
  maxStalled?: number;
  /** @default DEFAULT_UNKNOWN_COOPERATIVE_GRACE_MS */
  unknownCooperativeGraceMs?: number;
  /**
   * pino logger: one line when a job starts and one when it ends (job id, cooperative, kind, attempt,
   * outcome, duration), through the library's redaction. @default silent
   */
  logger?: Logger;
}

export interface HubWorker {
  /** Finishes the running jobs, then stops. */
  close(): Promise<void>;
}

/**
 * Per-cooperative mutual exclusion across every worker: a Redis key holding a random token, set only
 * if absent, renewed while the job runs and deleted only by its holder. A worker killed mid-job stops
 * renewing, so the lock lapses after `ttlMs` and the retried job can run elsewhere.
 */
class CooperativeLock {
  static readonly RENEW =
    `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
  static readonly RELEASE =
    `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

  constructor(
    private readonly redis: RedisLike,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async run<T>(
    cooperative: string,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const key = `${this.prefix}:cooperative-lock:${cooperative}`;
    const token = randomUUID();
    const got = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (got !== 'OK') return { ran: false };
    const lost = new AbortController();
    setMaxListeners(JOB_SIGNAL_MAX_LISTENERS, lost.signal);
    const timer = setInterval(
      () => {
        this.redis
          .eval(CooperativeLock.RENEW, 1, key, token, this.ttlMs)
          .then((renewed) => {
            if (Number(renewed) !== 1) lost.abort(new Error(`lost the lock of cooperative ${cooperative}`));
          })
          .catch(() => {});
      },
      Math.max(200, Math.floor(this.ttlMs / 3)),
    );
    try {
      return { ran: true, value: await work(lost.signal) };
    } finally {
      clearInterval(timer);
      await this.redis.eval(CooperativeLock.RELEASE, 1, key, token).catch(() => {});
    }
  }
}

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'held', 'failed', 'invalid', 'planned'] as const;
const COUNT_WORDS_VI: Record<(typeof COUNT_KEYS)[number], string> = {
  created: 'tạo mới',
  updated: 'cập nhật',
  unchanged: 'không đổi',
  held: 'chưa tạo',
  failed: 'thất bại',
  invalid: 'không hợp lệ',
  planned: 'dự kiến',
};

function countItems(platforms: readonly PublishPlatformSummary[]): HubJobItemCounts {
  const counts: HubJobItemCounts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    held: 0,
    failed: 0,
    invalid: 0,
    planned: 0,
  };
  for (const p of platforms) for (const key of COUNT_KEYS) counts[key] += p[key];
  return counts;
}

/** `created 3, held 2, …` (planned only in a dry run), in one language. */
function countsText(items: HubJobItemCounts, lang: 'vi' | 'en'): string {
  return COUNT_KEYS.filter((k) => k !== 'planned' || items.planned > 0)
    .map((k) => `${lang === 'en' ? k : COUNT_WORDS_VI[k]} ${items[k]}`)
    .join(', ');
}

/** Per platform account: how many items ended `outcome`, and the first one's row, SKU and reason. */
function reasonsOf(
  items: readonly PublishItemResult[],
  outcome: 'held' | 'failed',
  cooperative: string,
  /** Item row (1-based position in the products published) → the catalog row as validate and Excel show it. */
  sheetRow: (row: number) => number,
): { vi: string; en: string }[] {
  const byAccount = new Map<string, PublishItemResult[]>();
  for (const item of items) {
    if (item.outcome !== outcome) continue;
    const where = `${item.platform}/${item.account}`;
    byAccount.set(where, [...(byAccount.get(where) ?? []), item]);
  }
  return [...byAccount].map(([where, list]) => {
    const first = list[0]!;
    const row = sheetRow(first.row);
    const issue = first.issues?.[0];
    const code = issue?.code ?? first.error?.kind ?? 'error';
    let vi = issue?.messageVi ?? first.error?.message ?? 'không rõ lý do';
    let en = issue?.messageEn ?? first.error?.message ?? 'no reason given';
    if (code === 'link.not_matched') {
      // The library names its option; a hub operator acts through the hub's commands.
      vi = vi.replace(
        /chạy match trước \(đối chiếu tin đăng có sẵn với danh mục\), hoặc chọn assumeNoExistingListings nếu chắc chắn không trùng/,
        `chạy "ocop-connect match <danh mục> --hub <hub.json> --cooperative ${cooperative}" rồi "ocop-connect link <bảng> --catalog <danh mục> --hub <hub.json> --cooperative ${cooperative}", hoặc thêm việc với "jobs add publish --assume-no-existing-listings" nếu chắc chắn không trùng`,
      );
      en = en.replace(
        /run match first \(match the existing listings to the catalog\), or pass assumeNoExistingListings if none of them is a catalog product/,
        `run "ocop-connect match <catalog> --hub <hub.json> --cooperative ${cooperative}", then "ocop-connect link <sheet> --catalog <catalog> --hub <hub.json> --cooperative ${cooperative}", or add the job with "jobs add publish --assume-no-existing-listings" if none of them is a catalog product`,
      );
    }
    return {
      vi: `${where}: ${list.length} ${COUNT_WORDS_VI[outcome]} (dòng ${row}, SKU ${first.sku}, ${code}: ${vi})`,
      en: `${where}: ${list.length} ${outcome} (row ${row}, SKU ${first.sku}, ${code}: ${en})`,
    };
  });
}

/** `shipped 2, waybill_pending 0, …`. */
function ordersText(orders: Record<PendingOutcome, number>): string {
  return Object.entries(orders)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

function roundMs(ms: number): number {
  return Math.round(ms);
}

/** Starts a worker: takes hub jobs from the shared queue and runs them on the hub's connectors. */
export async function startWorker(options: WorkerOptions): Promise<HubWorker> {
  const { Worker, DelayedError, UnrecoverableError } = await loadBullmq();
  const Redis = await loadIoredis();
  const name = queueNameOf(options);
  await assertRedisReachable(redisUrlOf(options));
  const lockRedis = new Redis(redisUrlOf(options), { maxRetriesPerRequest: 3 });
  const lock = new CooperativeLock(
    lockRedis,
    `ocop:${name}`,
    options.cooperativeLockMs ?? DEFAULT_COOPERATIVE_LOCK_MS,
  );
  const logger = options.logger;
  /**
   * The per-item counts of a publish that ran to its end with items failed (a plain Error: BullMQ
   * retries it) or held (UnrecoverableError: not retried), for the worker's log line.
   */
  const itemsOf = new WeakMap<Error, HubJobItemCounts>();
  const withItems = (error: Error, items: HubJobItemCounts): Error => {
    itemsOf.set(error, items);
    return error;
  };
  /** The per-order counts of a fulfil that ended with orders failed, for the worker's log line. */
  const ordersOf = new WeakMap<Error, Record<PendingOutcome, number>>();
  const withOrders = (error: Error, orders: Record<PendingOutcome, number>): Error => {
    ordersOf.set(error, orders);
    return error;
  };

  async function runJob(
    job: HubJob,
    report: (progress: HubJobProgress) => Promise<void>,
    signal: AbortSignal,
  ): Promise<HubJobResult> {
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const connector = await options.hub.connector(job.cooperative);
    if (job.kind === 'publish') {
      const path = job.catalog ?? options.hub.config(job.cooperative).catalog;
      if (!path)
        throw new ConfigurationError('Publish job without a catalog', [
          `${job.cooperative}: give catalog in the job or the cooperative's config`,
        ]);
      // A missing or unreadable catalog file stays missing on the next attempt: fail once, not retried.
      const unreadable = await access(path, constants.R_OK).then(
        () => undefined,
        (error: NodeJS.ErrnoException) => error.code ?? 'error',
      );
      if (unreadable)
        throw new UnrecoverableError(
          `không đọc được danh mục của HTX ${job.cooperative}: ${path} (${unreadable}); việc không chạy lại: sửa đường dẫn (catalog trong hub.json hoặc --catalog) rồi thêm lại việc / cannot read the catalog of ${job.cooperative}: ${path} (${unreadable}); not retried: fix the path (catalog in hub.json or --catalog), then add the job again`,
        );
      const { products, issues, productRows } = await readCatalog(path);
      // The catalog row of a product as `validate` and Excel number it (CSV/XLSX: the header is row 1).
      const sheetRow = (row: number) => productRows[row - 1] ?? row;
      const progress: HubJobProgress = { phase: 'validate', platforms: {} };
      let lastReport = 0;
      const report_ = await connector.publish(products, {
        dryRun: job.dryRun ?? false,
        ...(job.assumeNoExistingListings ? { assumeNoExistingListings: true } : {}),
        signal,
        onProgress: (event) => {
          if (event.type === 'phase') progress.phase = event.phase;
          else
            progress.platforms[`${event.platform}/${event.account}`] = {
              total: event.total,
              done: event.done,
              failed: event.failed,
            };
          const now = performance.now();
          if (now - lastReport > 500) {
            lastReport = now;
            void report(structuredClone(progress));
          }
        },
      });
      const items = countItems(report_.platforms);
      // The last progress carries the counts, also when the job fails below (a failed job keeps its
      // progress, not a result).
      await report({ ...structuredClone(progress), phase: 'done', items, summary: report_.platforms });
      // Items that failed fail the job, with the reasons: a job marked "completed" whose listings
      // failed (a wrong password, say) would tell the operator nothing. BullMQ retries it (publish is
      // idempotent) and keeps the reason as the job's failedReason.
      const failed = reasonsOf(report_.items, 'failed', job.cooperative, sheetRow);
      if (failed.length > 0)
        throw withItems(
          new Error(
            `publish of ${job.cooperative} did not complete: ${failed.map((r) => r.en).join('; ')} (${countsText(items, 'en')})`,
          ),
          items,
        );
      // Held items are not created until a person decides (link, match, assumeNoExistingListings):
      // retrying cannot change that, so the job fails at once, not retried, and says what to do.
      const held = reasonsOf(report_.items, 'held', job.cooperative, sheetRow);
      if (held.length > 0)
        throw withItems(
          new UnrecoverableError(
            `đăng sản phẩm của HTX ${job.cooperative} chưa xong: ${held.map((r) => r.vi).join('; ')} (${countsText(items, 'vi')}); việc không chạy lại: cần người quyết định rồi thêm việc mới / publish of ${job.cooperative} held products: ${held.map((r) => r.en).join('; ')} (${countsText(items, 'en')}); not retried: decide, then add the job again`,
          ),
          items,
        );
      return {
        cooperative: job.cooperative,
        kind: job.kind,
        platforms: report_.platforms,
        items,
        catalogIssues: issues.length,
        startedAt,
        finishedAt: new Date().toISOString(),
        durationMs: roundMs(performance.now() - started),
      };
    }
    if (job.kind === 'fulfil') {
      if (connector.carriers.length === 0)
        throw new UnrecoverableError(
          `HTX ${job.cooperative} không có hãng vận chuyển (carriers) trong cấu hình: thêm rồi thêm lại việc / cooperative ${job.cooperative} has no carriers in its configuration: add one, then add the job again`,
        );
      const progress: HubJobProgress = { phase: 'fulfil', platforms: {} };
      await report(progress);
      const fulfilled = await connector.fulfilPending({
        signal,
        ...(job.confirm === false ? { confirm: false } : {}),
        ...(job.approve === false ? { approve: false } : {}),
      });
      const orders = { ...fulfilled.counts };
      await report({ phase: 'done', platforms: {}, orders });
      const failedOrders = fulfilled.orders.filter((o) => o.outcome === 'failed');
      if (failedOrders.length > 0) {
        // Retried by BullMQ: fulfilPending never creates a shipment twice (deterministic reference).
        const first = failedOrders[0]!;
        const reason = first.error?.message ?? 'no reason given';
        throw withOrders(
          new Error(
            `giao hàng của HTX ${job.cooperative} chưa xong: ${failedOrders.length} đơn thất bại (đơn đầu ${first.platform}/${first.account} ${first.externalId}) / fulfilment of ${job.cooperative} did not complete: ${failedOrders.length} orders failed (first ${first.platform}/${first.account} ${first.externalId}: ${reason}) (${ordersText(orders)})`,
          ),
          orders,
        );
      }
      return {
        cooperative: job.cooperative,
        kind: job.kind,
        orders,
        startedAt,
        finishedAt: new Date().toISOString(),
        durationMs: roundMs(performance.now() - started),
      };
    }
    const synced = await connector.syncInventory({ signal });
    return {
      cooperative: job.cooperative,
      kind: job.kind,
      pushes: synced.pushes.length,
      startedAt,
      finishedAt: new Date().toISOString(),
      durationMs: roundMs(performance.now() - started),
    };
  }

  // The first job of this process would otherwise load the image library (hundreds of ms on a busy
  // machine) while its account's quota waits.
  await warmUpSharp().catch(() => {});
  const graceMs = options.unknownCooperativeGraceMs ?? DEFAULT_UNKNOWN_COOPERATIVE_GRACE_MS;
  const known = new Set(options.hub.cooperatives);
  const worker = new Worker(
    name,
    async (job, token) => {
      const data = job.data as HubJob & { unknownCooperativeSince?: number };
      const problems = jobProblems(data);
      if (problems.length > 0) {
        // Retrying cannot mend a malformed job.
        logger?.error({ job: job.id, outcome: 'failed', problems }, 'job finished');
        throw new UnrecoverableError(`Invalid job: ${problems.join('; ')}`);
      }
      const fields = { job: job.id, cooperative: data.cooperative, kind: data.kind };
      if (!known.has(data.cooperative)) {
        // This worker's hub.json lacks the cooperative. Another worker's may have it (a rolling update
        // of the configuration): hand the job back without spending an attempt, for a while; after
        // that, fail it once as a configuration error, never retried.
        const since = data.unknownCooperativeSince ?? Date.now();
        if (Date.now() - since >= graceMs) {
          logger?.error({ ...fields, outcome: 'failed' }, 'job finished: cooperative unknown to the workers');
          throw new UnrecoverableError(
            `HTX "${data.cooperative}" không có trong cấu hình (hub.json) của worker nào nhận việc này suốt ${Math.round(graceMs / 1000)} s: thêm HTX vào hub.json rồi thêm lại việc / cooperative "${data.cooperative}" is not in the configuration (hub.json) of any worker that took this job for ${Math.round(graceMs / 1000)} s: add it to hub.json, then add the job again`,
          );
        }
        if (data.unknownCooperativeSince === undefined)
          await job.updateData({ ...data, unknownCooperativeSince: since });
        logger?.warn(
          { ...fields, outcome: 'handed back' },
          "cooperative not in this worker's configuration; job handed back without using an attempt",
        );
        await job.moveToDelayed(Date.now() + Math.min(UNKNOWN_COOPERATIVE_RETRY_MS, graceMs), token);
        throw new DelayedError();
      }
      let started = 0;
      try {
        const outcome = await lock.run(data.cooperative, (signal) => {
          started = performance.now();
          logger?.info(
            {
              ...fields,
              attempt: job.attemptsMade + 1,
              attemptsMade: job.attemptsMade,
              stalled: job.stalledCounter,
            },
            'job started',
          );
          return runJob(data, (p) => job.updateProgress(p as unknown as object).catch(() => {}), signal);
        });
        if (!outcome.ran) {
          // Another worker runs this cooperative now: come back shortly, without using an attempt.
          logger?.debug({ ...fields, outcome: 'handed back' }, 'cooperative busy; job delayed');
          await job.moveToDelayed(Date.now() + 500 + Math.floor(Math.random() * 500), token);
          throw new DelayedError();
        }
        logger?.info(
          {
            ...fields,
            outcome: 'completed',
            durationMs: roundMs(performance.now() - started),
            ...(outcome.value.items ? { items: outcome.value.items } : {}),
            ...(outcome.value.orders ? { orders: outcome.value.orders } : {}),
          },
          'job finished',
        );
        return outcome.value;
      } catch (error) {
        if (started > 0) {
          const items = error instanceof Error ? itemsOf.get(error) : undefined;
          const orders = error instanceof Error ? ordersOf.get(error) : undefined;
          logger?.warn(
            {
              ...fields,
              outcome: items && error instanceof UnrecoverableError ? 'held' : 'failed',
              attempt: job.attemptsMade + 1,
              durationMs: roundMs(performance.now() - started),
              ...(items ? { items } : {}),
              ...(orders ? { orders } : {}),
              err: error instanceof Error ? error.message : String(error),
            },
            'job finished',
          );
        }
        // A configuration error (no catalog, a bad map, an unknown option) is the same on every attempt:
        // fail once, with its message kept short (first line, bounded).
        if (
          error instanceof OcopConnectError &&
          error.kind === 'configuration' &&
          !(error instanceof UnrecoverableError)
        ) {
          const text = error.message.split('\n')[0]!;
          throw new UnrecoverableError(text.length > 800 ? `${text.slice(0, 800)} …` : text);
        }
        throw error;
      }
    },
    {
      connection: connectionOf(options),
      concurrency: options.concurrency ?? 2,
      lockDuration: options.jobLockMs ?? DEFAULT_JOB_LOCK_MS,
      stalledInterval: Math.max(1_000, Math.floor((options.jobLockMs ?? DEFAULT_JOB_LOCK_MS) / 2)),
      maxStalledCount: options.maxStalled ?? DEFAULT_MAX_STALLED,
    },
  );
  worker.on('error', (error) => logger?.error({ err: error.message }, 'worker error'));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      lockRedis.disconnect();
    },
  };
}
