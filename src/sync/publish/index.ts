export { MAX_WAITING_TASKS } from './platform-publisher.js';
export { publish } from './publish.js';
export { DEFAULT_PLATFORM_CONCURRENCY } from './publish-run.js';
export type * from './types.js';
