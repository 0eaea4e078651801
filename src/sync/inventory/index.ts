export { setStockCount } from './catalog-counts.js';
export { ORDER_CHECKPOINT_NAMESPACE } from './ledger-records.js';
export { ORDER_STOCK_EFFECT } from './order-effect.js';
export { DEFAULT_INITIAL_LOOKBACK_MS, DEFAULT_ORDER_OVERLAP_MS, syncInventory } from './sync-inventory.js';
export type * from './types.js';
