import { ConfigurationError } from '../core/errors.js';
import { pathProblem } from '../model/option-problem.js';
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
  const { Queue, QueueEvents } = await loadBullmq();
  const name = queueNameOf(options);
  await assertRedisReachable(redisUrlOf(options));
  const queue = new Queue(name, { connection: connectionOf(options) });
  let events: InstanceType<typeof QueueEvents> | undefined;
  return {
    async add(job, addOptions = {}) {
      checkJob(job);
      if (addOptions.dedupeKey !== undefined && addOptions.dedupeKey.length === 0)
        throw new ConfigurationError({ vi: 'Việc không hợp lệ', en: 'Invalid job' }, [
          pathProblem('dedupeKey', 'không được để trống', 'must not be empty'),
        ]);
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
        if (!job)
          throw new ConfigurationError({ vi: 'Không có việc này', en: 'Unknown job' }, [
            pathProblem(id, `không có trong hàng đợi ${name}`, `not in queue ${name}`),
          ]);
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
