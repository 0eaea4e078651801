import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { RedisLike } from './optional-deps.js';

/**
 * Abort listeners one job's signal may carry before Node warns. One signal reaches every operation of
 * a job at once (image preparations queued behind the preparer's bound, limiter waits, HTTP calls):
 * some 16–30 legitimately, each removed when its operation ends. Far above that means a real leak.
 */
const JOB_SIGNAL_MAX_LISTENERS = 256;

/**
 * Per-cooperative mutual exclusion across every worker: a Redis key holding a random token, set only
 * if absent, renewed while the job runs and deleted only by its holder. A worker killed mid-job stops
 * renewing, so the lock lapses after `ttlMs` and the retried job can run elsewhere.
 */
export class CooperativeLock {
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
