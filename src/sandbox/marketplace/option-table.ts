import type { OptionTable } from '../sandbox-options.js';
import * as rule from '../sandbox-options.js';
import { MARKETPLACE_FAULTS, REVIEW_OPTIONS, WEBHOOK_OPTIONS } from './handle-table.js';
import type { MarketplaceSandboxOptions } from './types.js';

/** Every option of `startVosoSandbox` / `startPostmartSandbox`, as `checkSandboxOptions` checks it. */
export const MARKETPLACE_OPTIONS: OptionTable<MarketplaceSandboxOptions> = {
  port: rule.PORT,
  host: rule.A_TEXT,
  credentials: rule.AN_OBJECT,
  tokenTtlMs: rule.NON_NEGATIVE,
  rateLimitRps: rule.RATE_OR_FALSE,
  review: REVIEW_OPTIONS,
  webhook: WEBHOOK_OPTIONS,
  faults: MARKETPLACE_FAULTS,
  seed: rule.A_NUMBER,
  now: rule.A_FUNCTION,
  shippingFeeVnd: rule.NON_NEGATIVE,
  handMadeListings: rule.HAND_MADE,
  restoredListings: rule.A_LIST,
  acceptDuplicateSkus: rule.A_BOOLEAN,
};
