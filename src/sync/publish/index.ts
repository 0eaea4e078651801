export { canonicalJson } from './canonical-hash.js';
export { DEFAULT_PLATFORM_CONCURRENCY, publish } from './publish.js';
export type * from './types.js';
