/**
 * Trial 18b, N3 and N10: createConnector checks every option with one table and reports every problem
 * at once, in one bilingual ConfigurationError naming each option and why (wrong types, unknown names,
 * combinations that do not go together). Nothing is opened for a refused configuration.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHub } from '../../src/hub/index.js';
import { ConfigurationError, createConnector, createMemoryStore } from '../../src/index.js';
import { fakeMarketplace } from '../sync/fake-marketplace.js';
import { failure } from './helpers/failure.js';

async function problemsOf(options: unknown): Promise<readonly string[]> {
  const error = await failure(() => createConnector(options as never));
  expect(error).toBeInstanceOf(ConfigurationError);
  const problems = (error as ConfigurationError).problems;
  // Every problem in both languages: Vietnamese, then " / ", then English.
  for (const problem of problems) expect(problem).toMatch(/^.+ \/ .+$/);
  return problems;
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('createConnector options (N3)', () => {
  it('store:5, logger:5, storeDir:5, sender:3, images:5 are all refused, in one error', async () => {
    const problems = await problemsOf({
      marketplaces: [fakeMarketplace('voso').adapter],
      store: 5,
      logger: 5,
      storeDir: 5,
      sender: 3,
      images: 5,
    });
    for (const name of ['store', 'logger', 'storeDir', 'sender', 'images'])
      expect(problems.some((p) => p.startsWith(`${name}: `))).toBe(true);
    expect(problems.find((p) => p.startsWith('storeDir: '))).toBe(
      'storeDir: phải là một chuỗi không rỗng (hoặc bỏ trống) (nhận được number) / storeDir: must be a non-empty string (or left out) (got number)',
    );
  });

  it.each([
    ['marketplaces', 'marketplaces[0]', [5]],
    ['marketplaces', 'marketplaces[1]', [fakeMarketplace('voso').adapter, null]],
    ['carriers', 'carriers[0]', [{ carrier: 'vtp' }]],
  ])('%s: only the wrong element %s is reported (trial 2 defect 12)', async (name, at, value) => {
    const options = { marketplaces: [fakeMarketplace('voso').adapter], [name]: value };
    const problems = await problemsOf(options);
    expect(problems).toHaveLength(1);
    const [vi, en] = problems[0]!.split(' / ');
    expect(vi?.startsWith(`${at}: phải là một`)).toBe(true);
    expect(en?.startsWith(`${at}: must be a `)).toBe(true);
    expect(problems.some((p) => p.includes('(got array)'))).toBe(false);
  });

  it.each([
    ['sharedStore', 'yes', 'true or false'],
    ['restockReturns', 0, 'true or false'],
    ['chooseCarrier', 'first', 'a function'],
    ['onOrderPath', {}, 'a function'],
    ['otherTenantListings', [], 'a function'],
    ['carrier', { carrier: 'vtp' }, 'CarrierAdapter'],
    ['carriers', 'vtp', 'an array of CarrierAdapters'],
  ])('%s: %j is refused, naming what it must be', async (name, value, expected) => {
    const problems = await problemsOf({ marketplaces: [fakeMarketplace('voso').adapter], [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${name}: must be`);
    expect(problems[0]).toContain(expected);
  });

  it('an unknown option is named, with the option it was likely meant to be', async () => {
    const problems = await problemsOf({
      marketplaces: [fakeMarketplace('voso').adapter],
      store: createMemoryStore(),
      restockReturn: false,
    });
    expect(problems).toEqual([
      'restockReturn: không có tùy chọn này (có phải "restockReturns"?) / restockReturn: no such option (did you mean "restockReturns"?)',
    ]);
  });

  it('wrong types and wrong combinations come back together', async () => {
    const problems = await problemsOf({
      marketplaces: [fakeMarketplace('voso').adapter],
      store: createMemoryStore(),
      storeDir: '.ocop-connect',
      logger: 'console',
      categories: { shoppe: () => undefined },
    });
    expect(problems.some((p) => p.startsWith('logger: '))).toBe(true);
    expect(problems).toContain(
      'store, storeDir: chỉ đưa một trong hai / store, storeDir: give one, not both',
    );
    expect(problems.some((p) => p.includes('shoppe'))).toBe(true);
  });

  it('a carrier policy problem is in both languages too', async () => {
    const problems = await problemsOf({
      marketplaces: [fakeMarketplace('voso').adapter],
      carrierPolicy: 'cheapset',
    });
    expect(problems).toEqual([
      'carrierPolicy: "cheapset" không phải chính sách (có phải "cheapest"?); dùng "cheapest", "fastest", { carrier }, { byMarketplace, otherwise } hoặc một hàm / carrierPolicy: "cheapset" is not a policy (did you mean "cheapest"?); use "cheapest", "fastest", { carrier }, { byMarketplace, otherwise } or a function',
    ]);
  });

  it('marketplaces: 5 says it must be an array of MarketplaceAdapters, not of products (N10)', async () => {
    const problems = await problemsOf({ marketplaces: 5, store: createMemoryStore() });
    expect(problems).toEqual([
      'marketplaces: phải là một mảng các MarketplaceAdapter (bộ kết nối sàn) (nhận được number) / marketplaces: must be an array of MarketplaceAdapters (got number)',
    ]);
  });

  it('marketplaces left out, and an empty list, are refused', async () => {
    expect((await problemsOf({ store: createMemoryStore() }))[0]).toMatch(/^marketplaces: /);
    expect(await problemsOf({ marketplaces: [], store: createMemoryStore() })).toEqual([
      'marketplaces: cần ít nhất một adapter sàn / marketplaces: needs at least one adapter',
    ]);
  });

  it('a refused configuration opens no store folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-connector-options-'));
    dirs.push(dir);
    await problemsOf({ marketplaces: [fakeMarketplace('voso').adapter], storeDir: dir, sender: 3 });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a well-formed configuration with every option is accepted', async () => {
    const logger = { info: () => {}, warn: () => {}, error: () => {} };
    const connector = createConnector({
      marketplaces: [fakeMarketplace('voso').adapter],
      store: createMemoryStore(),
      chooseCarrier: () => undefined,
      images: { concurrency: 1 },
      restockReturns: false,
      onOrderPath: () => {},
      logger: logger as never,
      otherTenantListings: async () => undefined,
    });
    expect(connector.marketplaces.map((m) => m.platform)).toEqual(['voso']);
    await connector.close();
  });
});

describe('createHub options (N3)', () => {
  const cooperative = {
    id: 'htx-a',
    marketplaces: [
      { platform: 'voso' as const, account: 'a', credentials: { username: 'u', password: 'p' } },
    ],
  };

  it('store:5, logger:5, limiter:5 and an unknown name are refused together, with the cooperatives', async () => {
    const error = await failure(() =>
      createHub({
        cooperatives: [cooperative, { ...cooperative }],
        store: 5,
        logger: 5,
        limiter: 5,
        tokenStores: {},
      } as never),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'tokenStores',
      'store',
      'logger',
      'limiter',
      'cooperatives[1].id',
    ]);
    expect(problems[1]).toBe(
      'store: phải là một hàm (nhận được number) / store: must be a function (got number)',
    );
  });

  it('a well-formed hub is created', async () => {
    const hub = createHub({ cooperatives: [cooperative], store: async () => createMemoryStore() });
    expect(hub.cooperatives).toEqual(['htx-a']);
    await hub.close();
  });
});
