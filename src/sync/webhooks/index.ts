export * from './handle-webhook.js';
