export * from './bundles/index.js';
export * from './fulfil/index.js';
export * from './inventory/index.js';
export * from './orders/index.js';
export * from './publish/index.js';
export * from './webhooks/index.js';
