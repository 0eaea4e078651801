import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { readCatalog } from '../catalog/read-catalog.js';
import { ConfigurationError, OcopConnectError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { warmUpSharp } from '../images/load-sharp.js';
import { detailText, withDetails } from '../model/error-text.js';
import { pathProblem } from '../model/option-problem.js';
import type { PendingOutcome } from '../sync/fulfil/fulfil-pending.js';
import { CooperativeLock } from './cooperative-lock.js';
import { checkWorkerOptions } from './hub-options.js';
import type { Hub } from './hub-types.js';
import { countItems, countsText, ordersText, reasonsOf, roundMs } from './job-report.js';
import {
  connectionOf,
  type HubJob,
  type HubJobItemCounts,
  type HubJobProgress,
  type HubJobResult,
  jobProblems,
  queueNameOf,
  type RedisConnectionOptions,
  redisUrlOf,
} from './job-types.js';
import { assertRedisReachable, loadBullmq, loadIoredis } from './optional-deps.js';

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

/** Starts a worker: takes hub jobs from the shared queue and runs them on the hub's connectors. */
export async function startWorker(options: WorkerOptions): Promise<HubWorker> {
  // Checked before Redis is reached: a misspelt option never falls back to a default target.
  checkWorkerOptions(options);
  const name = queueNameOf(options);
  const { Worker, DelayedError, UnrecoverableError } = await loadBullmq();
  const Redis = await loadIoredis();
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
        throw new ConfigurationError(
          { vi: 'Việc đăng bán không có danh mục', en: 'Publish job without a catalog' },
          [
            pathProblem(
              job.cooperative,
              'hãy đưa catalog trong việc hoặc trong cấu hình của HTX',
              "give catalog in the job or the cooperative's config",
            ),
          ],
        );
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
            `đăng sản phẩm của HTX ${job.cooperative} chưa xong: ${failed.map((r) => r.vi).join('; ')} (${countsText(items, 'vi')}) / publish of ${job.cooperative} did not complete: ${failed.map((r) => r.en).join('; ')} (${countsText(items, 'en')})`,
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
      // The worker's own mark (a job handed back) is not one of the job's fields.
      const { unknownCooperativeSince: _mark, ...fieldsOfJob } = data;
      const problems = jobProblems(fieldsOfJob);
      if (problems.length > 0) {
        // Retrying cannot mend a malformed job.
        logger?.error({ job: job.id, outcome: 'failed', problems }, 'job finished');
        const text = withDetails({ vi: 'Việc không hợp lệ', en: 'Invalid job' }, problems.map(detailText));
        throw new UnrecoverableError(`${text.vi} / ${text.en}`);
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
          // Each language kept whole and bounded, Vietnamese first: a reader splits them at " / ".
          const short = (text: string) => {
            const line = text.split('\n')[0]!;
            return line.length > 400 ? `${line.slice(0, 400)} …` : line;
          };
          throw new UnrecoverableError(`${short(error.messageVi)} / ${short(error.messageEn)}`);
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
