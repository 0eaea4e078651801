/**
 * ocop-connect — one product and order model for Vietnamese OCOP cooperatives, mapped onto Voso,
 * Postmart and ViettelPost. The main entry holds the model, the Vietnamese helpers, the request
 * pipeline's errors and building blocks, the catalog reader, the state stores and the connector.
 * Platforms live in subpaths: `ocop-connect/viettelpost`, `/voso`, `/postmart`; emulators in
 * `ocop-connect/sandbox`; the image pipeline in `ocop-connect/images`.
 */
export * from './catalog/index.js';
export * from './connector.js';
export * from './core/index.js';
export * from './model/index.js';
export * from './platforms/carrier-state.js';
export type * from './platforms/types.js';
export * from './store/index.js';
export * from './sync/index.js';
export * from './vn/index.js';
