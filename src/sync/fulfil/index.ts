export * from './carrier-choice.js';
export * from './carrier-for-order.js';
export * from './fulfil-order.js';
