/**
 * The contracts every adapter satisfies. The sync engine depends on these interfaces only, never on a
 * concrete platform. Optional abilities are declared in `capabilities` instead of methods that throw
 * "not supported".
 */
export type * from './carrier-types.js';
export type { HeaderBag } from './header-bag.js';
export type * from './marketplace-types.js';
