import type { OptionTable } from '../sandbox-options.js';
import * as rule from '../sandbox-options.js';
import type { MarketplaceSandboxOptions } from './types.js';

/** Every option of `startVosoSandbox` / `startPostmartSandbox`, as `checkSandboxOptions` checks it. */
export const MARKETPLACE_OPTIONS: OptionTable<MarketplaceSandboxOptions> = {
  port: rule.PORT,
  host: rule.A_TEXT,
  credentials: rule.AN_OBJECT,
  tokenTtlMs: rule.NON_NEGATIVE,
  rateLimitRps: rule.RATE_OR_FALSE,
  review: rule.AN_OBJECT,
  webhook: rule.AN_OBJECT,
  faults: rule.AN_OBJECT,
  seed: rule.A_NUMBER,
  now: rule.A_FUNCTION,
  shippingFeeVnd: rule.NON_NEGATIVE,
  handMadeListings: rule.HAND_MADE,
  restoredListings: rule.A_LIST,
  acceptDuplicateSkus: rule.A_BOOLEAN,
};
