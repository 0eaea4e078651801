import { optionProblems } from '../core/argument-guards.js';
import { ConfigurationError } from '../core/errors.js';
import { argumentProblem, isPlainObject } from '../model/argument-check.js';
import { pathProblem } from '../model/option-problem.js';
import type { PendingOutcome } from '../sync/fulfil/fulfil-pending.js';
import type { PublishPlatformSummary } from '../sync/publish/types.js';
import { jobFieldTable } from './hub-options.js';

/** The BullMQ queue every hub process shares. */
export const DEFAULT_QUEUE_NAME = 'ocop-connect';

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
  /** Why the job failed, as kept by the queue (both languages: "Vietnamese / English"). */
  failedReason: string | undefined;
  /** The same reason in Vietnamese only (a run in one language prints this or `failedReasonEn`). */
  failedReasonVi: string | undefined;
  /** The same reason in English only. */
  failedReasonEn: string | undefined;
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

export function redisUrlOf(options: RedisConnectionOptions): string {
  return options.redisUrl ?? process.env.OCOP_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function connectionOf(options: RedisConnectionOptions) {
  // BullMQ needs maxRetriesPerRequest null on its blocking connections.
  return { url: redisUrlOf(options), maxRetriesPerRequest: null };
}

/**
 * Every problem of a job, bilingual ("field: … / field: …"): it must be an object with a cooperative,
 * a known kind and only the fields of that kind (a misspelt one is named with the nearest name).
 */
export function jobProblems(job: unknown): string[] {
  if (!isPlainObject(job)) {
    const problem = argumentProblem('job', job, { vi: 'một đối tượng', en: 'an object' });
    return [`${problem.vi} / ${problem.en}`];
  }
  return optionProblems(job, jobFieldTable(job));
}

export function checkJob(job: unknown): void {
  const problems = jobProblems(job);
  if (problems.length > 0)
    throw new ConfigurationError({ vi: 'Việc không hợp lệ', en: 'Invalid job' }, problems);
}

/** A part of a job id with the characters BullMQ refuses (`:`) and our separator (`|`) escaped. */
function idPart(value: string): string {
  return value.replace(/[%:|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The job id of a deduplicated job: one id per cooperative + kind + key, whatever characters they hold. */
export function dedupeJobId(cooperative: string, kind: HubJobKind, dedupeKey: string): string {
  return `${idPart(cooperative)}|${kind}|${idPart(dedupeKey)}`;
}

export function queueNameOf(options: RedisConnectionOptions): string {
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  if (name.length === 0 || name.includes(':'))
    throw new ConfigurationError({ vi: 'Tên hàng đợi không hợp lệ', en: 'Invalid queue name' }, [
      pathProblem(
        'queueName',
        `"${name}": không được để trống và không có ':' (BullMQ)`,
        `"${name}": not empty and without ':' (BullMQ)`,
      ),
    ]);
  return name;
}
