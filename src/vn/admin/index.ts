export * from '../../model/edit-distance.js';
export * from './data-dir.js';
export * from './default-admin.js';
export * from './names.js';
export * from './resolve-address.js';
export type * from './types.js';
export * from './vn-admin.js';
