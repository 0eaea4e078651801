import { AuthenticationError, createLogger, MemoryTokenStore } from 'ocop-connect';
import { expect, it } from 'vitest';
import type { ContractHarness } from './contract-harness.js';
import type { ContractSandbox } from './contract-sandbox.js';

/** The contract cases of the account: capabilities, credentials, tokens, the rate limit. */
export function defineAccountCases<S extends ContractSandbox>(h: ContractHarness<S>): void {
  const { options, caps, make, logins, draftFor } = h;
  it('declares coherent capabilities and listing rules', () => {
    const adapter = make();
    expect(adapter.platform).toBe(options.platform);
    expect(adapter.account).not.toBe('');
    const c = adapter.capabilities;
    expect(c.maxStockBatch).toBeGreaterThanOrEqual(1);
    expect(c.bulkStock).toBe(c.maxStockBatch > 1);
    expect(c.maxOrderWindowMs).toBeGreaterThan(0);
    expect(adapter.listingRules.titleMaxChars).toBeGreaterThan(0);
    expect(adapter.listingRules.image.minCount).toBeGreaterThanOrEqual(1);
  });

  it('rejects refused credentials with an AuthenticationError after at most one token attempt', async () => {
    const adapter = make({ wrongCredentials: true });
    const error = await adapter.getCategories().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(logins()).toBeLessThanOrEqual(1);
    const rendered = JSON.stringify((error as AuthenticationError).toJSON());
    for (const secret of options.secretsOf(h.sandbox)) expect(rendered).not.toContain(secret);
  });

  it.runIf(caps.tokenExpiry)(
    'obtains a new token once when the platform refuses the current one, then succeeds',
    async () => {
      const adapter = make();
      expect(await adapter.getCategoryAttributes(options.leafCategoryId)).not.toHaveLength(0);
      const before = logins();
      // The platform ends the token's life; our own clock still believes it is valid.
      options.expireToken(h.sandbox, (ms) => {
        h.clockOffsetMs = ms;
      });
      const lookups = h.sandbox.stats.requests.getListingBySku ?? 0;
      expect(await adapter.findListingBySku('NONE')).toBeUndefined();
      expect(logins()).toBe(before + 1);
      // The refused call and its one repeat.
      expect((h.sandbox.stats.requests.getListingBySku ?? 0) - lookups).toBe(2);
    },
  );

  it('reuses a stored token across adapter instances and never logs a credential', async () => {
    const store = new MemoryTokenStore();
    const lines: string[] = [];
    const logger = createLogger({
      level: 'trace',
      destination: { write: (line: string) => lines.push(line) },
    });
    // One cheap call each: two instances of one account do not share a limiter, so keep the burst small.
    const first = make({ tokenStore: store, logger });
    expect(await first.findListingBySku('NONE')).toBeUndefined();
    const afterFirst = logins();
    expect(afterFirst).toBeLessThanOrEqual(1);
    const second = make({ tokenStore: store, logger });
    expect(await second.findListingBySku('NONE')).toBeUndefined();
    expect(logins()).toBe(afterFirst);
    const stored = (await store.get(`${options.platform}:${first.account}`))?.value;
    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of options.secretsOf(h.sandbox)) expect(logged).not.toContain(secret);
    if (stored) expect(logged).not.toContain(stored);
  });

  it('stays under the platform rate limit when many calls start at once', async () => {
    const adapter = make();
    await adapter.createListing(await draftFor(adapter, 'RL'));
    h.sandbox.resetStats();
    // 15 at once is over Postmart's 10/s quota: only proactive limiting avoids a 429.
    const found = await Promise.all(Array.from({ length: 15 }, () => adapter.findListingBySku('RL-MO-250')));
    expect(found.every((l) => l?.sku === 'RL-MO')).toBe(true);
    expect(h.sandbox.stats.requests.getListingBySku).toBe(15);
    expect(h.sandbox.stats.rateLimited).toBe(0);
  });
}
