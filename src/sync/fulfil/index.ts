export * from './fulfil-order.js';
