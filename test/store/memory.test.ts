import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createMemoryStore, type TransactionalStoreOptions } from '../../src/store/index.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('MemoryStore', async (options) => createMemoryStore(options));

describe('MemoryStore options', () => {
  it('refuses a webhook key bound that is not a whole number ≥ 1, as a ConfigurationError', () => {
    for (const maxWebhookKeys of [0, 2.5, Number.NaN]) {
      expect(() => createMemoryStore({ maxWebhookKeys })).toThrow(ConfigurationError);
    }
    expect(() => createMemoryStore({ maxWebhookKeys: 1 })).not.toThrow();
  });

  it('refuses a misspelt or wrong-typed option, naming it with the nearest name', () => {
    let error: unknown;
    try {
      createMemoryStore({ nowMS: () => 0 } as TransactionalStoreOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const refused = error as ConfigurationError;
    expect(refused.messageVi).toContain('nowMS: không có tùy chọn này (có phải "nowMs"?)');
    expect(refused.messageEn).toContain('nowMS: no such option (did you mean "nowMs"?)');
    // A misspelt name and a bad number: both in one error, both languages.
    const both = (() => {
      try {
        createMemoryStore({ nowMS: () => 0, maxWebhookKeys: 0 } as TransactionalStoreOptions);
      } catch (e) {
        return e as ConfigurationError;
      }
    })();
    expect(both?.problems).toEqual([
      'nowMS: không có tùy chọn này (có phải "nowMs"?) / nowMS: no such option (did you mean "nowMs"?)',
      'maxWebhookKeys: phải là một số nguyên ≥ 1 / maxWebhookKeys: must be a whole number ≥ 1',
    ]);
    expect(() => createMemoryStore({ nowMs: 5 } as unknown as TransactionalStoreOptions)).toThrow(
      /nowMs: must be a function \(or left out\)/,
    );
  });
});
