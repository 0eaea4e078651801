export { createHub } from './hub.js';
export {
  checkHubConfig,
  type HubConfigIssue,
  SHARED_ACCOUNTS_SCOPE,
} from './hub-config-check.js';
export type {
  CarrierAccountConfig,
  CooperativeConfig,
  Hub,
  HubOptions,
  MarketplaceAccountConfig,
} from './hub-types.js';
export { createJobQueue } from './job-queue.js';
export {
  type AddedJob,
  DEFAULT_QUEUE_NAME,
  type HubJob,
  type HubJobItemCounts,
  type HubJobKind,
  type HubJobProgress,
  type HubJobResult,
  type HubJobStatus,
  type JobQueue,
  type RedisConnectionOptions,
} from './job-types.js';
export { createRedisRateLimiter, RedisRateLimiter, type RedisRateLimiterOptions } from './redis-limiter.js';
export {
  DEFAULT_UNKNOWN_COOPERATIVE_GRACE_MS,
  type HubWorker,
  startWorker,
  type WorkerOptions,
} from './worker.js';
