import { MARKETPLACE_OPTIONS } from '../marketplace/option-table.js';
import { createMarketplaceSandbox } from '../marketplace/sandbox.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../marketplace/types.js';
import { checkSandboxOptions } from '../sandbox-options.js';
import { postmartDialect } from './postmart-dialect.js';

/**
 * Starts a stateful Postmart sandbox (docs/contracts/postmart.md) on loopback. Defaults: port 0,
 * 10 req/s, 1 h tokens, instant review, credentials `htx-demo` / `postmart-sandbox-password` /
 * customer code `C000368268`.
 */
export async function startPostmartSandbox(
  options: MarketplaceSandboxOptions = {},
): Promise<MarketplaceSandbox> {
  checkSandboxOptions('startPostmartSandbox', options, MARKETPLACE_OPTIONS);
  return createMarketplaceSandbox(postmartDialect, options);
}
