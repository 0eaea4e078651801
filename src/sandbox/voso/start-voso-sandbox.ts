import { createMarketplaceSandbox } from '../marketplace/sandbox.js';
import type { MarketplaceSandbox, MarketplaceSandboxOptions } from '../marketplace/types.js';
import { vosoDialect } from './voso-dialect.js';

export type VosoSandboxOptions = MarketplaceSandboxOptions;

/**
 * Starts a stateful Voso sandbox (docs/contracts/voso.md) on loopback. Defaults: port 0, 20 req/s,
 * 24 h tokens, instant review, credentials `htx-demo` / `voso-sandbox-password`.
 */
export function startVosoSandbox(options: VosoSandboxOptions = {}): Promise<MarketplaceSandbox> {
  return createMarketplaceSandbox(vosoDialect, options);
}
