export {
  type CarrierAccountConfig,
  type CooperativeConfig,
  createHub,
  type Hub,
  type HubOptions,
  type MarketplaceAccountConfig,
} from './hub.js';
export {
  createJobQueue,
  DEFAULT_COOPERATIVE_LOCK_MS,
  DEFAULT_JOB_LOCK_MS,
  DEFAULT_MAX_STALLED,
  DEFAULT_QUEUE_NAME,
  type HubJob,
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
export {
  createRedisRateLimiter,
  DEFAULT_SLOT_LEASE_MS,
  RedisRateLimiter,
  type RedisRateLimiterOptions,
} from './redis-limiter.js';
