export * from './publish/index.js';
