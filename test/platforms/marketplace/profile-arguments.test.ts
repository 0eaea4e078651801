/**
 * #18, helper P: the profile-taking helpers given a plausible wrong argument. `checkListingRules` takes a
 * profile as exported (`VOSO_PROFILE`: this file calling it is the type-level proof, tsc checks tests)
 * or a resolved one (`adapter.profile`), checks it once per object, and refuses a partial, empty or
 * named-by-string profile with a bilingual ConfigurationError naming `profile` and the fields.
 * `createCategoryMapper` and its methods, and the sandbox's `raceForLastUnit`, refuse wrong arguments
 * with a bilingual error naming them — nothing sent, no order placed — never a raw TypeError.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, OcopConnectError, type Product, ValidationError } from '../../../src/index.js';
import {
  checkListingRules,
  createCategoryMapper,
  type MarketplaceProfileInput,
  MarketplaceProfileSchema,
} from '../../../src/platforms/marketplace/index.js';
import { POSTMART_PROFILE } from '../../../src/platforms/postmart/index.js';
import { SHOPEE_PROFILE } from '../../../src/platforms/shopee/index.js';
import { VOSO_PROFILE, voso } from '../../../src/platforms/voso/index.js';
import { type MarketplaceSandbox, raceForLastUnit, startVosoSandbox } from '../../../src/sandbox/index.js';
import { honeyProduct } from '../../contract/fixtures.js';
import { failure } from '../../core/helpers/failure.js';
import { call, fakeJpeg, vosoHoney, vosoLogin, vosoUpload } from '../../sandbox/marketplace/helpers.js';

/** English validator words that must not be left inside the Vietnamese text. */
const ENGLISH = /\b(Invalid|invalid|expected|received|must|required|missing|got|no adapter|not a)\b/;
const VIETNAMESE = /[ăâđêôơưạảấầẩậắằặẹẻẽếềểễệỉịọỏốồổỗộớờởợụủứừửữựỳỵỷỹ]/i;

/** A library error of `type`, whose two texts both name every one of `names`, each in its own language. */
async function refusal<T extends OcopConnectError>(
  run: () => unknown,
  type: abstract new (...args: never[]) => T,
  names: readonly string[],
): Promise<T> {
  const error = await failure(run);
  expect(error).toBeInstanceOf(type);
  const e = error as T;
  for (const name of names) {
    expect(e.messageVi).toContain(name);
    expect(e.messageEn).toContain(name);
  }
  expect(e.messageVi).not.toMatch(ENGLISH);
  expect(e.messageEn).not.toMatch(VIETNAMESE);
  return e;
}

describe('checkListingRules takes a profile as exported or resolved', () => {
  const product: Product = honeyProduct('PA');

  it('VOSO_PROFILE, POSTMART_PROFILE and SHOPEE_PROFILE as exported (this call type-checks)', () => {
    expect(checkListingRules(VOSO_PROFILE, product)).toEqual([]);
    expect(checkListingRules(POSTMART_PROFILE, product)).toEqual([]);
    expect(Array.isArray(checkListingRules(SHOPEE_PROFILE, product))).toBe(true);
    // A rule the input leaves to its default still applies: the title limit of the exported profile.
    const long = honeyProduct('PA', { name: 'Mật ong rừng '.repeat(15).trim() });
    expect(checkListingRules(VOSO_PROFILE, long).map((issue) => issue.rule)).toContain('title.max_chars');
  });

  it("an adapter's resolved profile gives the same answer as its input", async () => {
    const adapter = voso({ credentials: { username: 'u', password: 'p' }, baseUrl: 'http://127.0.0.1:9' });
    const long = honeyProduct('PA', { name: 'Mật ong rừng '.repeat(15).trim() });
    expect(checkListingRules(adapter.profile, long)).toEqual(checkListingRules(VOSO_PROFILE, long));
    await adapter.close();
  });

  it('checks a profile once per object, not once per product', () => {
    const own: MarketplaceProfileInput = {
      ...VOSO_PROFILE,
      rules: { ...VOSO_PROFILE.rules, titleMaxChars: 20 },
    };
    const parse = vi.spyOn(MarketplaceProfileSchema, 'safeParse');
    try {
      for (let i = 0; i < 50; i++) {
        expect(checkListingRules(own, product).map((issue) => issue.rule)).toEqual(['title.max_chars']);
      }
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it.each([
    [
      'a partial rules block',
      { ...VOSO_PROFILE, rules: { titleMaxChars: 100 } },
      ['rules.titleMinChars', 'rules.skuPattern'],
    ],
    ['an empty object', {}, ['platform', 'rules']],
    ['a platform name', 'voso', ['VOSO_PROFILE']],
    ['nothing', undefined, []],
    [
      'a wrong-typed rule',
      { ...VOSO_PROFILE, rules: { ...VOSO_PROFILE.rules, maxStock: '10' } },
      ['rules.maxStock'],
    ],
    [
      'a broken SKU pattern',
      { ...VOSO_PROFILE, rules: { ...VOSO_PROFILE.rules, skuPattern: '(' } },
      ['rules.skuPattern'],
    ],
  ])('%s → a bilingual ConfigurationError naming profile and the fields', async (_label, profile, fields) => {
    const error = await refusal(() => checkListingRules(profile as never, product), ConfigurationError, [
      'profile:',
      ...fields,
    ]);
    expect(error.kind).toBe('configuration');
    expect(error.messageVi).toMatch(/^profile: hồ sơ sàn/);
    expect(error.messageEn).toMatch(/^profile: invalid marketplace profile/);
  });
});

describe('createCategoryMapper and its methods check their arguments', () => {
  let sandbox: MarketplaceSandbox;
  let adapter: ReturnType<typeof voso>;
  beforeAll(async () => {
    sandbox = await startVosoSandbox();
    adapter = voso({
      credentials: { username: sandbox.credentials.username, password: sandbox.credentials.password },
      baseUrl: sandbox.baseUrl,
    });
  });
  afterAll(async () => {
    await adapter.close();
    await sandbox.close();
  });
  const requests = () => Object.values(sandbox.stats.requests).reduce((sum, n) => sum + n, 0);

  it.each([
    ['no config', undefined, ['config']],
    ['an empty config', {}, ['adapters', 'mappings']],
    ['adapters not a list', { adapters: 'voso', mappings: {} }, ['adapters']],
    ['an adapter that is not one', { adapters: [{ platform: 'voso' }], mappings: {} }, ['adapters.0']],
    [
      'a wrong-typed mapping',
      { adapters: [], mappings: { voso: { 'mat-ong': { categoryId: 1001 } }, postmart: 'x' } },
      ['mappings.voso.mat-ong.categoryId', 'mappings.postmart'],
    ],
    ['an unknown key', { adapters: [], mappings: {}, default: {} }, ['default']],
  ])('%s → a bilingual ConfigurationError naming the field', async (_label, config, fields) => {
    const error = await refusal(() => createCategoryMapper(config as never), ConfigurationError, [
      'createCategoryMapper',
      ...fields,
    ]);
    expect(error.kind).toBe('configuration');
  });

  it('a platform without an adapter is named in both languages', async () => {
    await refusal(
      () =>
        createCategoryMapper({
          adapters: [adapter],
          mappings: {},
          defaults: { shopee: { categoryId: '1' } },
        }),
      ConfigurationError,
      ['defaults.shopee'],
    );
  });

  it('resolve and validate with missing or wrong arguments send nothing', async () => {
    const mapper = createCategoryMapper({
      adapters: [adapter],
      mappings: { voso: { 'mật ong': { categoryId: '1001' } } },
    });
    const before = requests();
    const noProduct = await refusal(() => mapper.resolve(undefined as never, 'voso'), ValidationError, [
      'product',
    ]);
    expect(noProduct.kind).toBe('validation');
    await refusal(() => mapper.resolve({ sku: 'X' } as never, 'voso'), ValidationError, ['product']);
    await refusal(() => mapper.resolve(honeyProduct('PA'), undefined as never), ValidationError, [
      'platform',
    ]);
    await refusal(() => mapper.resolve(honeyProduct('PA'), 'shopee'), ConfigurationError, [
      'platform',
      'voso',
    ]);
    await refusal(() => mapper.resolve(honeyProduct('PA'), 'voso', 5 as never), ConfigurationError, [
      'options',
    ]);
    await refusal(() => mapper.validate(5 as never), ConfigurationError, ['options']);
    expect(requests()).toBe(before);
  });
});

describe('raceForLastUnit checks every entry before placing any order', () => {
  let sandbox: MarketplaceSandbox;
  beforeAll(async () => {
    sandbox = await startVosoSandbox();
    const token = await vosoLogin(sandbox);
    const imageId = (await vosoUpload(sandbox, token, fakeJpeg(600, 600))).json.data.IMAGE_ID;
    await call(sandbox, 'POST', '/products', { token, body: vosoHoney(imageId) });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it.each([
    ['a number', 5, ['entries']],
    ['nothing', undefined, ['entries']],
    ['an entry without a sandbox', [{ sku: 'X' }], ['entries[0].sandbox']],
    ['an entry that is a string', ['X'], ['entries[0]']],
  ])('%s → a bilingual validation error naming the entry', async (_label, entries, names) => {
    const error = await refusal(() => raceForLastUnit(entries as never), OcopConnectError, [
      'raceForLastUnit',
      ...names,
    ]);
    expect(error.kind).toBe('validation');
  });

  it('one wrong entry places no order at all', async () => {
    const sku = 'MO-HG-500';
    const before = sandbox.state.orders().length;
    await refusal(
      () =>
        raceForLastUnit([
          { sandbox, sku },
          { sandbox, sku: 42 as never },
        ]),
      OcopConnectError,
      ['entries[1]', 'sku'],
    );
    expect(sandbox.state.orders().length).toBe(before);
    // The same race without the wrong entry places its order.
    expect(raceForLastUnit([{ sandbox, sku }]).map((result) => result.ok)).toEqual([true]);
    expect(sandbox.state.orders().length).toBe(before + 1);
  });
});
