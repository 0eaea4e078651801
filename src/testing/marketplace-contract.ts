/**
 * The marketplace contract suite: one set of behaviour cases every `MarketplaceAdapter` must pass
 * (Voso, Postmart and Shopee in this repository; your own Tiki or Lazada adapter or profile too),
 * registered as vitest tests. It reaches the library only through the package's public entries and the
 * plain adapter interface, and reads the sandbox through the small {@link ContractSandbox} shape.
 *
 * vitest is an optional peer dependency: only `ocop-connect/testing` loads it.
 */

import { afterEach, beforeEach, describe } from 'vitest';
import { defineAccountCases } from './contract-account-cases.js';
import { ContractHarness } from './contract-harness.js';
import { defineListingCases } from './contract-listing-cases.js';
import { DEFAULT_CONTRACT_TEST_TIMEOUT_MS, type MarketplaceContractOptions } from './contract-options.js';
import { defineOrderCases } from './contract-order-cases.js';
import type { ContractSandbox } from './contract-sandbox.js';
import { defineWebhookCases } from './contract-webhook-cases.js';

/**
 * Registers the marketplace contract suite as vitest tests (call it at the top level of a test file):
 * every case starts a fresh sandbox with `startSandbox`, builds adapters with `createAdapter`, drives them
 * through the plain `MarketplaceAdapter` interface and asserts what the sandbox then holds.
 *
 * @example
 * import { defineMarketplaceContract } from 'ocop-connect/testing';
 * defineMarketplaceContract({ platform: 'tiki', startSandbox: startTikiSandbox, createAdapter: (s, settings) => tiki({...}), ... });
 */
export function defineMarketplaceContract<S extends ContractSandbox>(
  options: MarketplaceContractOptions<S>,
): void {
  const timeout = options.testTimeoutMs ?? DEFAULT_CONTRACT_TEST_TIMEOUT_MS;
  describe(`${options.platform} marketplace adapter contract`, { timeout }, () => {
    const h = new ContractHarness(options);
    beforeEach(async () => {
      h.clockOffsetMs = 0;
      h.sandbox = await h.start();
    });
    afterEach(async () => {
      await Promise.all(h.adapters.splice(0).map((a) => a.close()));
      await h.sandbox.close();
    });

    defineAccountCases(h);
    defineListingCases(h);
    defineOrderCases(h);
    defineWebhookCases(h);
  });
}
