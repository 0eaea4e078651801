/**
 * Everything in vn/ for this package's own tests. Not a package entry: what users can import is named
 * one by one in src/index.ts, so the names are listed there and only there.
 */
export * from './admin/index.js';
export * from './errors.js';
export * from './money.js';
export * from './phone.js';
export * from './phone-prefixes.js';
export * from './text.js';
export * from './utf8.js';
