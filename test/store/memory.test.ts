import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createMemoryStore } from '../../src/store/index.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('MemoryStore', async (options) => createMemoryStore(options));

describe('MemoryStore options', () => {
  it('refuses a webhook key bound that is not a whole number ≥ 1, as a ConfigurationError', () => {
    for (const maxWebhookKeys of [0, 2.5, Number.NaN]) {
      expect(() => createMemoryStore({ maxWebhookKeys })).toThrow(ConfigurationError);
    }
    expect(() => createMemoryStore({ maxWebhookKeys: 1 })).not.toThrow();
  });
});
