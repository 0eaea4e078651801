export * from './apply-order.js';
export * from './journey.js';
export * from './order-state.js';
export * from './oversell.js';
export * from './pull-orders.js';
