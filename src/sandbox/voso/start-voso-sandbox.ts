import { MARKETPLACE_OPTIONS } from '../marketplace/option-table.js';
import { createMarketplaceSandbox } from '../marketplace/sandbox.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../marketplace/types.js';
import { checkSandboxOptions } from '../sandbox-options.js';
import { vosoDialect } from './voso-dialect.js';

/**
 * Starts a stateful Voso sandbox (docs/contracts/voso.md) on loopback. Defaults: port 0, 20 req/s,
 * 24 h tokens, instant review, credentials `htx-demo` / `voso-sandbox-password`.
 */
export async function startVosoSandbox(options: MarketplaceSandboxOptions = {}): Promise<MarketplaceSandbox> {
  checkSandboxOptions('startVosoSandbox', options, MARKETPLACE_OPTIONS);
  return createMarketplaceSandbox(vosoDialect, options);
}
