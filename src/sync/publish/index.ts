export { MAX_WAITING_TASKS } from './platform-publisher.js';
export { DEFAULT_PLATFORM_CONCURRENCY, publish } from './publish.js';
export type * from './types.js';
