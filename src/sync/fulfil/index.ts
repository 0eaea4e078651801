export * from './cancelled-order-parcels.js';
export * from './carrier-choice.js';
export * from './carrier-for-order.js';
export * from './catch-up-pending.js';
export * from './errors.js';
export * from './fulfil-order.js';
export * from './fulfil-pending.js';
export * from './parcel.js';
