export * from './handle-webhook.js';
export * from './webhook-endpoint.js';
