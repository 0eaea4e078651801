export * from './carrier-choice.js';
export * from './fulfil-order.js';
