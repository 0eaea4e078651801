export * from './errors.js';
export * from './file-store.js';
export * from './file-token-store.js';
export * from './memory-store.js';
export type * from './state-store.js';
export { DEFAULT_MAX_WEBHOOK_KEYS, DEFAULT_WEBHOOK_TTL_MS } from './store-data.js';
export type { TransactionalStoreOptions } from './transactional-store.js';
