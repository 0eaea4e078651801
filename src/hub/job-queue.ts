import { A_POSITIVE_INTEGER_OR_NOTHING, A_TEXT, checkArgument } from '../core/argument-guards.js';
import { ConfigurationError, OcopConnectError, TimeoutError } from '../core/errors.js';
import { detailText } from '../model/error-text.js';
import { pathProblem } from '../model/option-problem.js';
import { checkAddOptions, checkJobQueueOptions } from './hub-options.js';
import {
  checkJob,
  connectionOf,
  dedupeJobId,
  type HubJobProgress,
  type HubJobResult,
  type JobQueue,
  queueNameOf,
  type RedisConnectionOptions,
  redisUrlOf,
} from './job-types.js';
import { assertRedisReachable, loadBullmq } from './optional-deps.js';

/** A producer of hub jobs (a scheduler, the CLI, a web app). */
export async function createJobQueue(options: RedisConnectionOptions = {}): Promise<JobQueue> {
  // Checked before anything connects: a misspelt `redisUr` must not queue on the default Redis.
  checkJobQueueOptions(options);
  const name = queueNameOf(options);
  const { Queue, QueueEvents } = await loadBullmq();
  await assertRedisReachable(redisUrlOf(options));
  const queue = new Queue(name, { connection: connectionOf(options) });
  let events: InstanceType<typeof QueueEvents> | undefined;
  return {
    async add(job, addOptions = {}) {
      checkJob(job);
      checkAddOptions(addOptions);
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
      checkArgument(id, 'id', A_TEXT);
      const job = await queue.getJob(id);
      if (!job) return undefined;
      const reason = job.failedReason ? detailText(job.failedReason) : undefined;
      return {
        id,
        state: await job.getState(),
        progress: (job.progress as HubJobProgress | undefined) || undefined,
        result: (job.returnvalue as HubJobResult | null) ?? undefined,
        failedReason: job.failedReason || undefined,
        failedReasonVi: reason?.vi,
        failedReasonEn: reason?.en,
        attemptsMade: job.attemptsMade,
      };
    },
    async waitFor(id, timeoutMs = 10 * 60_000) {
      checkArgument(id, 'id', A_TEXT);
      checkArgument(timeoutMs, 'timeoutMs', A_POSITIVE_INTEGER_OR_NOTHING);
      events ??= new QueueEvents(name, { connection: connectionOf(options) });
      await events.waitUntilReady();
      const deadline = Date.now() + timeoutMs;
      // Only the job's final state counts: an event (a failed attempt about to be retried, a delay) or
      // a lost one never ends the wait; the state is read again after each.
      for (;;) {
        const job = await queue.getJob(id);
        if (!job)
          throw new ConfigurationError({ vi: 'Không có việc này', en: 'Unknown job' }, [
            pathProblem(id, `không có trong hàng đợi ${name}`, `not in queue ${name}`),
          ]);
        const state = await job.getState();
        if (state === 'completed') return job.returnvalue as HubJobResult;
        if (state === 'failed') {
          // Failed for good (its retries spent, or not retried): the worker's reason, in both languages.
          // Read again: the job read above may predate its failure (its state is read after it).
          const failed = (await queue.getJob(id)) ?? job;
          const reason = detailText(failed.failedReason || 'không rõ lý do / no reason given');
          throw new OcopConnectError(
            'server',
            { vi: `Việc ${id} thất bại: ${reason.vi}`, en: `Job ${id} failed: ${reason.en}` },
            { retriable: false, operation: 'waitFor' },
          );
        }
        const left = deadline - Date.now();
        if (left <= 0)
          throw new TimeoutError(
            {
              vi: `Việc ${id} chưa xong sau ${timeoutMs} ms (đang ở trạng thái ${state})`,
              en: `Job ${id} did not finish within ${timeoutMs} ms (still ${state})`,
            },
            { operation: 'waitFor', timeoutMs },
          );
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
