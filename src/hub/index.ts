export {
  type CarrierAccountConfig,
  type CooperativeConfig,
  checkHubConfig,
  createHub,
  type Hub,
  type HubConfigIssue,
  type HubOptions,
  type MarketplaceAccountConfig,
} from './hub.js';
export {
  type AddedJob,
  createJobQueue,
  DEFAULT_QUEUE_NAME,
  DEFAULT_UNKNOWN_COOPERATIVE_GRACE_MS,
  dedupeJobId,
  type HubJob,
  type HubJobItemCounts,
  type HubJobKind,
  type HubJobProgress,
  type HubJobResult,
  type HubJobStatus,
  type HubWorker,
  type JobQueue,
  type RedisConnectionOptions,
  startWorker,
  type WorkerOptions,
} from './jobs.js';
export { createRedisRateLimiter, RedisRateLimiter, type RedisRateLimiterOptions } from './redis-limiter.js';
